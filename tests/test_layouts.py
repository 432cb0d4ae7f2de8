"""Property tests over generated and hand-written pages: nothing is lost, duplicated or reordered."""

import random
import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oped.errors import SourceProblems
from oped.parse import parse_page
from oped.sources import decode
from oped.synth import lay_out_page, random_article, wrap

from .conftest import FIXTURE
from .conventions_pages import conventions_page

CONVENTIONS = FIXTURE.parent / "pages" / "conventions"


def generated_page(seed: int) -> str:
    rng = random.Random(seed)
    articles = [random_article(rng, i) for i in range(rng.randint(1, 4))]
    text, _, _ = lay_out_page(articles, rng)
    return text


def conventions_text(seed: int) -> str:
    return conventions_page(random.Random(seed))[0]


def normalised(text: str) -> str:
    """The characters of a text as the reader keeps them: no layout spaces, no hyphen that broke a
    word at a line end, ASCII marks as the full-width ones they are fixed to."""
    text = re.sub(r"(?<=[A-Za-z\u3400-\u9fff])[-‐‑][ \t]*\n", "\n", text)
    return re.sub(r"\s", "", text).translate(str.maketrans(",;:?!", "，；：？！"))


def assert_nothing_lost(text: str, name: str) -> None:
    """Every character of the page is in an article or in left_over, once; each body in order."""
    page = parse_page(decode(name, text.encode()))  # a page with articles on it is never refused
    # Each piece on a line of its own: a hyphen the reader left at a paragraph's end is not lost.
    pieces = [
        piece
        for a in page.articles
        for piece in (
            a.editors_note_label + a.editors_note,
            a.top_byline,
            *a.lead,
            *(t for s in a.sections for t in (s.heading, *s.paragraphs)),
            a.byline,
            a.title,
            a.subtitle,
            a.summary,
        )
    ]
    kept = "\n".join([*pieces, *(x.text for x in page.left_over)]) + "\n"
    assert Counter(normalised(kept)) == Counter(normalised(text))
    source = normalised(text)
    for article in page.articles:
        body = normalised("\n".join([*article.lead, *(t for s in article.sections for t in (s.heading, *s.paragraphs))]) + "\n")
        position = 0
        for char in body:  # the body is read in print order: a subsequence of the page
            position = source.index(char, position) + 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32))
def test_every_character_is_kept_once_on_pages_of_the_seeds_layout(seed):
    assert_nothing_lost(generated_page(seed), "generated.txt")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32))
def test_every_character_is_kept_once_on_pages_with_every_convention(seed):
    assert_nothing_lost(conventions_text(seed), "conventions.txt")


def test_every_character_is_kept_once_on_the_hand_written_convention_pages():
    folders = [CONVENTIONS, *(CONVENTIONS.parent / f"typesetter{k}" for k in (2, 3, 4, 5, 6, 7))]
    for path in sorted(path for folder in folders for path in folder.glob("*.txt")):
        assert_nothing_lost(path.read_text(encoding="utf-8"), path.name)


@given(st.text(alphabet="江门侨乡，。、“”（）123 ab\n", max_size=400))
def test_any_text_parses_or_is_refused_with_a_reason(text):
    try:
        parse_page(decode("any.txt", text.encode()))
    except SourceProblems as problems:
        assert problems.problems
    except Exception as error:
        from oped.errors import DecodeProblem

        assert isinstance(error, DecodeProblem)


def test_wrap_indents_first_line_and_hangs_closing_marks():
    lines = wrap("现代化产业体系是一个庞大的系统工程，现代化的工业。", 8, 2)
    assert lines[0] == "现代化产业体"
    assert all(not line.startswith(("，", "。")) for line in lines)
    assert "".join(lines) == "现代化产业体系是一个庞大的系统工程，现代化的工业。"
