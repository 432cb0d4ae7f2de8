"""Property tests over pages laid out by oped.synth: nothing is lost, duplicated or reordered."""

import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oped.errors import SourceProblems
from oped.parse import parse_page
from oped.sources import decode
from oped.synth import lay_out_page, random_article, wrap


def generated_page(seed: int) -> str:
    rng = random.Random(seed)
    articles = [random_article(rng, i) for i in range(rng.randint(1, 4))]
    text, _, _ = lay_out_page(articles, rng)
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32))
def test_every_character_is_kept_once_in_order(seed):
    text = generated_page(seed)
    try:
        page = parse_page(decode("generated.txt", text.encode()))
    except SourceProblems as problems:
        # A page that cannot be read whole is refused with located problems, never half-read.
        assert all(p.source == "generated.txt" for p in problems.problems)
        return
    lines = text.split("\n")
    strays = {w.line for a in page.articles for w in a.warnings if "stray" in w.message}
    expected = re.sub(r"\s", "", "".join(line for number, line in enumerate(lines, 1) if number not in strays))
    assert "".join(a.source_order_text() for a in page.articles) == expected


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
