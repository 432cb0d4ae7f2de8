"""Exact recovery of articles laid out again with other widths, breaks, justification and orders.

The layouts come from oped.synth; the articles are hand-written on other topics than the seed
(tests/handwritten_articles.py) or generated at random. Some layouts are ambiguous even for a
careful editor (a paragraph's last line exactly as short as an indent, a column of two lines), so
the tests hold the parser to a rate and name the articles it got wrong when the rate drops.
"""

import random

import pytest

from oped.errors import SourceProblems
from oped.parse import parse_page
from oped.sources import decode
from oped.synth import lay_out_page, random_article

from .handwritten_articles import ARTICLES, TITLE_LINES

LAYOUTS = 200


def shape(article):
    sections = tuple((s.heading, s.paragraphs) for s in article.sections)
    return (article.title, article.authors, article.summary, article.summary_truncated, article.lead, sections)


def recovery(pages):
    """(articles recovered exactly, articles laid out, the misses as (layout seed, title))."""
    exact = total = 0
    misses = []
    for seed, text, expected in pages:
        total += len(expected)
        try:
            page = parse_page(decode(f"layout-{seed}.txt", text.encode()))
        except SourceProblems:
            misses.extend((seed, a.title) for a in expected)
            continue
        if len(page.articles) != len(expected):
            misses.extend((seed, a.title) for a in expected)
            continue
        for got, want in zip(page.articles, expected, strict=True):
            if shape(got) == shape(want):
                exact += 1
            else:
                misses.append((seed, want.title))
    return exact, total, misses


def handwritten_layouts():
    for seed in range(LAYOUTS):
        rng = random.Random(seed)
        articles = [(a, TITLE_LINES[a.title]) for a in ARTICLES]
        rng.shuffle(articles)
        text, expected, _ = lay_out_page(articles, rng)
        yield seed, text, expected


def generated_layouts():
    for seed in range(LAYOUTS):
        rng = random.Random(seed)
        text, expected, _ = lay_out_page([random_article(rng, i) for i in range(3)], rng)
        yield seed, text, expected


def test_one_layout_of_the_handwritten_articles_is_recovered_exactly():
    _, text, expected = next(handwritten_layouts())
    page = parse_page(decode("layout-0.txt", text.encode()))
    assert [shape(a) for a in page.articles] == [shape(a) for a in expected]


@pytest.mark.parametrize(
    ("layouts", "floor"),
    [(handwritten_layouts, 0.97), (generated_layouts, 0.90)],
    ids=["handwritten", "generated"],
)
def test_recovery_rate(layouts, floor):
    exact, total, misses = recovery(layouts())
    assert exact / total >= floor, f"{exact}/{total} exact; missed: {misses[:10]}"
