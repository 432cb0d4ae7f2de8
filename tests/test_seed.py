"""The real page: every article restored as a careful editor would, checked against hand-written expectations."""

import re

import pytest

from oped.parse import parse_page
from oped.sources import read_source

from .conftest import FIXTURE
from .seed_expectations import ARTICLES, JOINS, SEED, STRAY_LINE


@pytest.fixture(scope="module")
def page():
    return parse_page(read_source(FIXTURE / "seeds" / SEED))


def test_three_articles_in_print_order(page):
    assert [a.title for a in page.articles] == [e["title"] for e in ARTICLES]


@pytest.mark.parametrize("number", range(3))
def test_authors_summary_and_structure(page, number):
    article, expected = page.articles[number], ARTICLES[number]
    assert [(a.name, a.affiliation) for a in article.authors] == expected["authors"]
    assert article.summary == expected["summary"]
    assert article.summary_truncated is expected["summary_truncated"]
    assert [(p[: len(s)], p[-len(e) :]) for p, (s, e) in zip(article.lead, expected["lead"], strict=False)] == expected["lead"]
    assert len(article.lead) == len(expected["lead"])
    assert [s.heading for s in article.sections] == [h for h, _ in expected["sections"]]
    for section, (_, paragraphs) in zip(article.sections, expected["sections"], strict=False):
        assert len(section.paragraphs) == len(paragraphs), section.heading
        for text, (start, end) in zip(section.paragraphs, paragraphs, strict=False):
            assert text.startswith(start) and text.endswith(end), (section.heading, text[:30])


@pytest.mark.parametrize("join", JOINS)
def test_column_breaks_and_layout_spaces_are_joined(page, join):
    assert any(join in p for a in page.articles for p in a.paragraphs)


def test_no_layout_spaces_survive(page):
    for article in page.articles:
        for text in (article.title, article.summary, *article.paragraphs):
            assert not re.search(r"\s", text)


def test_truncated_summary_is_warned_and_the_stray_listed_with_its_line(page):
    first = page.articles[0]
    assert any(w.line == 210 and "cut" in w.message for w in first.warnings)
    assert [(x.line, x.text) for x in page.left_over] == [(STRAY_LINE, "”")]


def test_every_character_is_kept_once_in_order(page):
    text = (FIXTURE / "seeds" / SEED).read_text(encoding="utf-8")
    lines = text.split("\n")
    del lines[STRAY_LINE - 1]
    expected = re.sub(r"\s", "", "".join(lines))
    assert "".join(a.source_order_text() for a in page.articles) == expected


def test_the_real_page_is_read_without_doubts(page):
    assert [str(d) for a in page.articles for d in a.doubts] == []
