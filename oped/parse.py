"""Read the articles of one printed page: every line gets a role from the best reading of the whole page.

1. Furniture and noise are taken out first (``cues.py`` says why): a running header, the masthead or
   a stray mark stands between columns, even inside a paragraph, and would split it.
2. Every remaining line is measured (``reflow.py``) and each way of reading the page — which lines
   are paragraphs, headings, bylines, headlines, summary boxes — is scored with the costs of
   ``COSTS``. A small grammar says what may follow what (an article is: a byline at the top, a
   jump line or an editor's note, then its body, its closing byline, then its headline and summary
   in either order), and dynamic programming over the lines finds the cheapest reading of the
   whole page at once.
3. The columns are measured without the lines set in measures of their own: bylines, and the
   headlines and summary boxes a first, local sketch finds after each closing byline (and, when
   the reading finds headlines the sketch did not, once more without those).
4. The best reading becomes the articles; what belongs to none is listed in ``left_over`` with its
   line; where the best reading barely beat the next, the article records a ``doubt``.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from dataclasses import dataclass
from typing import NamedTuple

from . import cues
from .errors import LayoutProblem, SourceProblems
from .model import ARTICLE, COMMENTARY, INTERVIEW, Article, Author, Doubt, LeftOver, Note, Page, Section
from .reflow import (
    CONTINUING_MARKS,
    FULL_SLACK,
    HANGING_INDENT_MIN,
    HANGING_MARKS,
    INDENT_MAX,
    INDENT_MIN,
    INF,
    SHORT_MIN,
    Layout,
    Line,
    ends_sentence,
    is_mark_only,
    measure,
    text_width,
)
from .sources import SourceText
from .textfix import full_width_marks

MAX_BYLINE_LINES = 8
CLOSING_QUOTES = "”’」』"
MAX_HEADING_WIDTH = 20.0
MAX_TITLE_WIDTH = 26.0
LONG_TITLE_LINE = 15.0
HEADING_MARGIN = 3.75
MAX_SUMMARY_LINES = 60
MIN_SUMMARY_LINES = 3
TITLE_MARKS = "，、：,:？！?!"
# Characters a phrase does not end on: a line ending on one goes on (…，要 / 把党建引领…).
DANGLING = "的要把在对和与及将为从以被让使向"
# A line this much narrower than its column is short (or indented) beyond the play of full lines,
# whose widths vary by a character or so as punctuation is compressed.
CLEARLY_SHORT = 2.5
CLEARLY_INDENTED = 1.75
# Where the best reading beats the next by less than this, the article records a doubt.
DOUBT_MARGIN = 1.0
# Readings dearer than the best at a line by more than this are not followed further.
BEAM = 12.0
# A heading candidate dearer than this (with the start of the paragraph under it) is not tried.
HOPELESS_HEADING = 5.0
# How far (in characters) a box's measure stands from the body's column to show it is a box.
BOX_APART = 2.5
# Lines are given up as unread only after readings this close to the best at that line.
UNREAD_REACH = 4.0


@dataclass(frozen=True)
class Costs:
    """What each reading costs: the one table to read and tune. Negative costs are evidence for."""

    # paragraphs
    not_indented: float = 2.0  # a paragraph whose first line is not indented
    not_indented_after_short: float = 0.5  # … right after a short line ending a sentence (a column change)
    ends_mid_sentence: float = 8.0  # a paragraph whose last line does not end a sentence
    paragraph_ends_semicolon: float = 2.0  # a paragraph whose last line ends on ；
    short_sentence_end_inside: float = 4.0  # a short line ending a sentence, inside a paragraph
    indented_line_inside: float = 1.0  # a sentence end followed by an indented line, inside a paragraph
    short_unfinished_inside: float = 3.0  # a clearly short line that ends no sentence, inside a paragraph
    indented_after_unfinished: float = 2.0  # a line that ends no sentence followed by a clearly indented one
    nearly_indented_after_unfinished: float = 0.75  # … by one a little narrower than its column
    one_line_paragraph: float = 1.25
    blank_inside_paragraph: float = 0.5  # per blank line between two lines of one paragraph
    speaker_inside: float = 3.0  # a line opening with 记者：/专家：, inside a paragraph
    editors_note_at_start: float = -1.0  # 编者按 opening an article
    editors_note_elsewhere: float = 4.0  # 编者按 inside a body
    # headings
    heading: float = 1.5
    numbered_heading: float = -4.0  # 一、 or （一）: in opinion pieces these open headings, not paragraphs
    heading_as_wide_as_column: float = 1.5  # headings are set narrower than their column …
    heading_in_narrow_column: float = 0.5  # … except in a column too narrow for that
    heading_three_lines: float = 1.0
    heading_under_heading: float = 0.5  # a numbered heading directly under another
    heading_wraps_early: float = 2.0  # a heading's line narrower than the line after it (it wraps at its measure)
    heading_ends_question: float = -1.5
    heading_colon_inside: float = -1.0  # a heading in two parts, split by a colon
    heading_ends_dangling: float = 2.0  # ends on a word that needs more after it (要, 的, 把…)
    blank_inside_heading: float = 1.5
    blank_around_heading: float = -0.25  # each side
    heading_after_full_line: float = 1.0  # set straight after a paragraph's full last line, no space between
    # headlines
    title_one_line: float = 2.5  # headlines run to two lines far more often
    title_three_lines: float = 1.5
    title_line_ends_comma: float = 1.0  # a headline seldom breaks after a comma; running text does
    long_title_line: float = 1.5  # per headline line longer than LONG_TITLE_LINE
    mark_inside_title: float = 1.0  # per line with punctuation before its end
    blank_inside_title: float = 2.0
    spaced_title_line: float = 3.0  # a line spread with spaces: OCR keeps a narrow column's full lines so
    subtitle: float = -1.0
    subtitle_two_lines: float = 0.5
    no_summary: float = 2.0
    # bylines and articles
    headline_after_body: float = 1.0  # a headline straight after the body (the authors named at the top)
    affiliation_without_names: float = 6.0  # 作者单位：… closing an article no byline at the top named
    no_headline: float = 12.0  # a byline or body with no headline after it
    article_from_heading: float = 1.0  # an article whose body starts with a heading
    # summary boxes (see summary_fits)
    summary_defect: float = 3.0
    summary_unconfirmed: float = 1.0
    summary_truncated: float = 2.0
    summary_continued: float = 1.5
    summary_few_lines: float = 2.0
    summary_opens_short: float = 6.0
    summary_in_body_measure: float = 1.5
    box_apart_from_body: float = -1.5  # a box after a body (no byline between) in a measure of its own
    summary_uneven_spacing: float = 8.0  # per gap that breaks the box's spacing
    # what cannot be read
    unreadable_line: float = 5.0


COSTS = Costs()


# The grammar's states: where the reading stands after a segment. A state also carries what the
# article has shown so far (``FLAGS``), as a multiple of ``BASES`` added to it.
START, OPEN, PARA1, PARA, BODY, HEADED, CLOSED, TITLED, SUBTITLED, SUMMARY_FIRST, TAIL, DONE, UNREAD = range(13)
BASES = 13
NAMED = 1  # the byline at the top named the authors: the article may close without a byline
NO_BOX = 2  # a commentary or a continued article: no summary box is expected
FLAGS = 4
PARAGRAPH_STATES = frozenset(base + BASES * flag for base in (PARA1, PARA) for flag in range(FLAGS))
BASE_OF = [state % BASES for state in range(BASES * FLAGS)]
FLAG_OF = [state // BASES for state in range(BASES * FLAGS)]
# After these an article may end and the next begin.
ARTICLE_ENDS = frozenset((START, UNREAD, CLOSED, TITLED, SUBTITLED, TAIL, DONE))


class Segment(NamedTuple):
    """Lines ``start``..``end`` (indexes, end excluded) read in one role; ``opens`` an article.
    (A named tuple: readings make thousands of them a page.)"""

    role: str
    start: int
    end: int
    opens: bool = False
    truncated: bool = False


_COST = operator.itemgetter(0)  # of a table entry
GOES_ON = Segment("P+", 0, 0)  # a paragraph's next line: the same object every time, placed on the way back


# A question or an exclamation with more words after it: a sentence, never part of a heading.
_SENTENCE_INSIDE = re.compile(r"[？！?!][”’」』]*[^”’」』？！?!]")


def title_eligible(line: Line) -> tuple[bool, bool]:
    """Whether a line may end a headline or a section heading (no sentence inside it), and whether
    it may be one of its lines before the last (which may also end in a comma, a 、 or a colon)."""
    text = line.text
    if "。" in text or "；" in text or is_mark_only(text) or _SENTENCE_INSIDE.search(text):
        return False, False
    if text[0] in "（(" and not cues.heading_level(text):
        return False, False
    last = text[-1]
    if last not in CONTINUING_MARKS:
        return True, True
    return False, last in "，、：,:"


_HYPHEN_END = re.compile(r"(?<=[\u3400-\u9fffA-Za-z])[-‐‑]$")
_SLIP = re.compile(r"[-‐‑,;:?!]")  # what an OCR slip needs on a line (a cheap test first)
_ASCII_MARKS = re.compile(r"[,;:?!]")
FIXED_MARKS = "ASCII punctuation between Chinese characters made full-width"


def join_lines(lines: list[Line], notes: list[Note]) -> str:
    """The text of consecutive lines: joined as printed, a word broken with a hyphen made whole,
    ASCII punctuation between Chinese characters made full-width across the line breaks too."""
    if not any(_SLIP.search(line.raw) for line in lines):
        return "".join(line.text for line in lines)
    parts: list[str] = []
    for k, line in enumerate(lines):
        text = line.text
        if k + 1 < len(lines) and _HYPHEN_END.search(text) and lines[k + 1].text[:1].isalpha():
            text = text[:-1]
            notes.append(Note(line.number, "a word broken with a hyphen at the line end: hyphen dropped"))
        if len(_ASCII_MARKS.findall(line.raw)) > len(_ASCII_MARKS.findall(line.text)):
            notes.append(Note(line.number, FIXED_MARKS))  # fixed inside the line by clean_line
        parts.append(text)
    joined = "".join(parts)
    fixed = full_width_marks(joined)
    if fixed != joined:
        # Marks at a line's start or end, fixed now the lines meet: said at their line.
        ends = list(itertools.accumulate(len(part) for part in parts))
        changed = {bisect.bisect_right(ends, at) for at, (a, b) in enumerate(zip(joined, fixed, strict=True)) if a != b}
        notes.extend(Note(lines[k].number, FIXED_MARKS) for k in sorted(changed))
    return fixed


class PageReader:
    """Reads the articles of one page."""

    def __init__(self, source: SourceText, costs: Costs = COSTS) -> None:
        self.source = source
        self.costs = costs
        self.left_over: list[LeftOver] = []
        self.printed_blank: list[bool] = []
        self.lone: dict[int, LeftOver] = {}  # a lone character set aside after line k (index)
        self.furniture_after: set[int] = set()  # lines (indexes) followed by furniture set aside
        self.stretches: dict[range, list[float | None]] = {}  # columns of lines between barriers (see Layout)
        self.lines = self.take_out_furniture(measure(source.text))
        self.n = len(self.lines)
        self.find_cues()

    # -- 1. furniture and noise ----------------------------------------------------------------

    def take_out_furniture(self, lines: list[Line]) -> list[Line]:
        """Set aside furniture and noise; the lines around them meet as at a column break."""
        kept: list[Line] = []
        cut = False
        for k, line in enumerate(lines):
            # (Read with its spaces: they part a page number from a section name, A07　理论评论.)
            why = cues.furniture(" ".join(line.raw.split()) if line.text != line.raw else line.text)
            if why and kept:
                self.furniture_after.add(len(kept) - 1)
            if not why:
                why = cues.noise(line.text)
            if why and why not in cues.FURNITURE_KINDS:
                unfinished = bool(kept) and not ends_sentence(kept[-1].text) and not kept[-1].blank_after
                following = lines[k + 1].text if k + 1 < len(lines) and not line.blank_after else ""
                # A closing quote or bracket, only where the text before it opened one (then also
                # after a sentence's end: 。 / ”).
                closes = bool(kept) and not kept[-1].blank_after and line.text[0] in cues.PAIRS
                if (
                    (unfinished or closes)
                    and (cues.ends_text(line.text) or cues.ends_text(following))
                    and cues.closes_open_mark("".join(kept_line.text for kept_line in kept), line.text)
                ):
                    # The end of the line before, split off by OCR: its closing mark (。 ” ！),
                    # or a last character with its mark on the next line. Joined back.
                    kept[-1] = _joined(kept[-1], line)
                    continue
                if why == "a lone character" and kept and not ends_sentence(kept[-1].text):
                    if not line.blank_before and (k + 1 >= len(lines) or line.blank_after):
                        why = ""  # the text right before goes on to it and stops: a body broken off
                    elif not line.blank_before:
                        # Between two lines: a stray, unless the whole reading finds a heading
                        # or headline ending on the line before it (then it is its last character).
                        self.lone[len(kept) - 1] = LeftOver(line.number, line.raw.strip(), why)
            if why:
                self.left_over.append(LeftOver(line.number, line.raw.strip(), why))
                cut = True
                continue
            if cut:
                line = line._replace(blank_before=True)
                if kept:
                    kept[-1] = kept[-1]._replace(blank_after=True)
                cut = False
            kept.append(line)
            # Whether a blank line was printed after it, not counting the breaks left by furniture.
            self.printed_blank.append(line.blank_after)
        return kept

    # -- 2. cues of each line --------------------------------------------------------------------

    def find_cues(self) -> None:
        lines = self.lines
        self.bylines: dict[int, tuple[int, tuple[Author, ...], bool]] = {}
        self.tops: dict[int, tuple[Author, ...]] = {}
        self.jumps: dict[int, tuple[str, str]] = {}
        self.subtitles: set[int] = set()
        self.levels = [cues.heading_level(line.text) if line.text[0] in cues.HEADING_NUMBER_STARTS else 0 for line in lines]
        self.ends = [ends_sentence(line.text) for line in lines]
        self.notes = [line.text[0] in "编【" and bool(cues.editors_note(line.text)) for line in lines]
        self.speakers = [line.text[0] in "记专问答主本" and bool(cues.INTERVIEW_SPEAKER.match(line.text)) for line in lines]
        for i, line in enumerate(lines):
            text = line.text
            first = text[0]
            if first in "（(":
                found = self.byline_at(i)
                if found:
                    self.bylines[i] = found
                    continue
            if first in cues.JUMP_STARTS:
                jump = cues.jump(text)
                if jump:
                    self.jumps[i] = jump
                    continue
            if len(text) <= cues.MAX_TOP_BYLINE and (first in cues.TOP_BYLINE_STARTS):
                # Names are told apart by the spaces between them, which the cleaned text has lost.
                top = cues.top_byline(line.raw.strip())
                if top:
                    self.tops[i] = top
                    continue
            if first in "—-" and cues.subtitle(text):
                self.subtitles.add(i)
        # Lines that may open a heading or headline, and every headline that may start at each line.
        eligible = [title_eligible(line) for line in lines]
        self.eligible = [last for last, _ in eligible]
        self.wrapped = [wrapped for _, wrapped in eligible]
        self.may_head = [w and line.width <= MAX_TITLE_WIDTH for w, line in zip(self.wrapped, lines, strict=True)]
        self._titles: dict[int, tuple[tuple[int, float], ...]] = {}
        self.cue_at = [i in self.jumps or i in self.tops for i in range(len(lines))]
        for start, (end, _, _) in self.bylines.items():
            # No paragraph runs through a byline: its lines are read as the byline or not at all.
            self.cue_at[start:end] = [True] * (end - start)
        # Where the next closing byline starts: no summary box reaches across one.
        self.next_byline = [self.n] * (self.n + 1)
        for i in range(self.n - 1, -1, -1):
            self.next_byline[i] = i if i in self.bylines else self.next_byline[i + 1]

    def byline_at(self, i: int) -> tuple[int, tuple[Author, ...], bool] | None:
        """A closing byline starting at line i: (end index excluded, authors, names known)."""
        for end in range(i, min(i + MAX_BYLINE_LINES, len(self.lines))):
            text = "".join(line.text for line in self.lines[i : end + 1])
            if text.endswith(("）", ")")):
                # Read with the spaces that part two names (张三　李四，…), each line's own.
                spaced = "".join(" ".join(line.raw.split()) for line in self.lines[i : end + 1])
                read = cues.closing_byline(spaced[1:-1])
                return (end + 1, read[0], read[1]) if read else None
            if "）" in text or ")" in text:
                return None
        return None

    # -- geometry, per line ------------------------------------------------------------------------

    def measure_columns(self, barriers: frozenset[int]) -> None:
        layout = Layout(self.lines, barriers, self.stretches)
        c = self.costs
        n = self.n
        lines = self.lines
        self.columns = columns = [layout.column(i) for i in range(n)]
        # Layout.indented and Layout.short, inline: this runs for every line, twice a page.
        self.indented = indented = [False] * n
        self.short = [False] * n
        self.short_first = [False] * n
        for i, line in enumerate(lines):
            column = columns[i]
            if line.justified or column is None:
                continue
            gap = column - line.width
            indented[i] = INDENT_MIN <= gap <= INDENT_MAX or (
                line.core < line.width and HANGING_INDENT_MIN <= column - line.core <= INDENT_MAX
            )
            self.short[i] = gap >= SHORT_MIN
            self.short_first[i] = gap >= SHORT_MIN + INDENT_MAX
        ends = self.ends
        # The cost that lines k and k+1 stand in one paragraph, and that k ends one.
        self.join = join = [0.0] * n
        self.join_first = join_first = [0.0] * n
        self.close = close = [0.0] * n
        self.start = start = [0.0] * n
        short, short_first, notes = self.short, self.short_first, self.notes
        for k in range(n):
            follows = k + 1 < n and indented[k + 1]
            gap = (columns[k] or 0.0) - lines[k].width if not lines[k].justified and columns[k] else 0.0
            if k + 1 < n and not ends[k + 1] and not lines[k].blank_after and not indented[k + 1]:
                # A column's width is judged from afar; the next line, set in the same run and
                # going on, shows it up close (a column may have changed width just before).
                gap = min(gap, lines[k + 1].core + (0.5 if lines[k + 1].justified else 0.0) - lines[k].width)
            if ends[k]:
                join[k] = c.short_sentence_end_inside if short[k] else (c.indented_line_inside if follows else 0.0)
                join_first[k] = c.short_sentence_end_inside if short_first[k] else (c.indented_line_inside if follows else 0.0)
                # (A semicolon ends a clause: paragraphs all but never end on one.)
                close[k] = c.paragraph_ends_semicolon if lines[k].text.rstrip(CLOSING_QUOTES)[-1:] == "；" else 0.0
            else:
                nxt = lines[k + 1] if k + 1 < n else None
                next_gap = (columns[k + 1] or 0.0) - nxt.width if nxt and columns[k + 1] else 0.0
                indent = 0.0
                # Lines of one paragraph that all look indented show a column misjudged, not indents:
                # an indented line is followed by a fuller one, unless it ends its paragraph.
                misjudged = k > 0 and indented[k] and indented[k - 1] and not ends[k - 1]
                if follows and k + 2 < n and not ends[k + 1] and not lines[k + 1].blank_after:
                    misjudged = misjudged or lines[k + 2].width - lines[k + 1].width < INDENT_MIN
                if follows and not misjudged:
                    indent = c.indented_after_unfinished if next_gap >= CLEARLY_INDENTED else c.nearly_indented_after_unfinished
                join[k] = indent + (c.short_unfinished_inside if gap >= CLEARLY_SHORT else 0.0)
                join_first[k] = indent + (c.short_unfinished_inside if gap > INDENT_MAX else 0.0)
                close[k] = c.ends_mid_sentence
            if indented[k]:
                start[k] = 0.0
            elif k > 0 and ends[k - 1] and (short[k - 1] or lines[k - 1].blank_after):
                start[k] = c.not_indented_after_short
            else:
                start[k] = c.not_indented
            if notes[k]:
                start[k] += c.editors_note_elsewhere
        # A blank line inside a paragraph is a column break: one now and then, not after every line.
        for k in range(n - 1):
            if self.printed_blank[k]:
                join[k] += c.blank_inside_paragraph
                join_first[k] += c.blank_inside_paragraph
        # A question or an answer of an interview (记者：, 专家：) opens its own paragraph.
        for k in range(1, n):
            if self.speakers[k]:
                self.join[k - 1] += c.speaker_inside
                self.join_first[k - 1] += c.speaker_inside
        self._summaries: dict[int, dict[int, tuple[float, bool, float | None]]] = {}
        self._headings: dict[tuple[int, bool], tuple[tuple[int, float], ...]] = {}  # by line and opens
        self._heading_options: dict[int, tuple[tuple[int, float], ...]] = {}  # every heading at a line, ungated

    def heading_candidates(self, i: int, under: bool = False, opens: bool = False) -> tuple[tuple[int, float], ...]:
        """Every heading that may start at line i: (lines, cost). ``under`` another heading, only a
        numbered one (（一） under 一、), as printed directly below it; where it ``opens`` an
        article's body, whatever stood before it."""
        # (Else a heading follows a sentence's end, or a byline at the top or a jump line: 上接A2版.)
        # (Opening a body after the article before, a heading shows no comma of running text.)
        opening = opens and "，" not in self.lines[i].text
        if not self.may_head[i] or (i > 0 and not under and not opening and not self.ends[i - 1] and not self.cue_at[i - 1]):
            return ()
        if under and not self.levels[i]:
            return ()
        if i not in self._heading_options:
            # A heading that costs this much with the paragraph start under it never wins: not tried.
            costs = ((count, self.heading_cost(i, count)) for count in (1, 2, 3))
            self._heading_options[i] = tuple(
                (count, cost) for count, cost in costs if cost is not None and cost + self.start[i + count] <= HOPELESS_HEADING
            )
        if not under:
            return self._heading_options[i]
        return tuple((count, cost + self.costs.heading_under_heading) for count, cost in self._heading_options[i])

    # -- segment costs -------------------------------------------------------------------------

    def heading_cost(self, i: int, count: int) -> float | None:
        """What reading lines i..i+count-1 as a section heading costs, or None when they cannot be one."""
        after = i + count
        if after >= self.n:
            return None
        lines = self.lines[i:after]
        if not self.eligible[after - 1] or not all(self.wrapped[k] for k in range(i, after - 1)):
            return None
        if any(line.width > MAX_HEADING_WIDTH for line in lines) or i in self.tops or i in self.subtitles:
            return None
        if cues.INTERVIEW_SPEAKER.match(lines[0].text):
            return None  # a question or an answer of an interview
        c = self.costs
        cost = c.heading
        if self.levels[i]:
            cost += c.numbered_heading
        elif any(self.levels[k] for k in range(i + 1, after)):
            return None
        column = self.columns[after] or 0.0
        if any(line.width > column - HEADING_MARGIN for line in lines):
            cost += c.heading_in_narrow_column if column < 2 * HEADING_MARGIN + 4 else c.heading_as_wide_as_column
        if count == 3:
            cost += c.heading_three_lines
        # (A line broken after its colon is broken by hand, at the phrase: 治水为先：/让碧道….)
        # (A numbered heading, often long, may also be broken after a comma: （二）推行…，/引导….)
        by_hand = "：:，," if self.levels[i] else "：:"
        early = sum(1 for a, b in itertools.pairwise(lines) if a.width < b.width - 1.0 and a.text[-1] not in by_hand)
        cost += c.heading_wraps_early * early
        if lines[-1].text.rstrip("”’」』")[-1:] in "？！?!":
            cost += c.heading_ends_question
        if any("：" in line.text[:-1] for line in lines):
            cost += c.heading_colon_inside  # 扬优势：立足禀赋… (a colon inside a line of running text introduces more)
        if lines[-1].text[-1] in DANGLING:
            cost += c.heading_ends_dangling
        cost += sum(c.blank_inside_heading for line in lines[:-1] if line.blank_after)
        cost += c.blank_around_heading * (lines[0].blank_before + lines[-1].blank_after)
        if i > 0 and not lines[0].blank_before and not self.short[i - 1]:
            cost += c.heading_after_full_line
        return cost

    def title_cost(self, i: int, count: int) -> float | None:
        if i + count > self.n:
            return None
        lines = self.lines[i : i + count]
        if cues.INTERVIEW_SPEAKER.match(lines[0].text):
            return None  # a question or an answer of an interview
        for k in range(i, i + count):
            if k in self.bylines or k in self.tops or k in self.jumps or k in self.subtitles:
                return None
        if not self.eligible[i + count - 1] or not all(self.may_head[k] for k in range(i, i + count)):
            return None
        if lines[-1].width > MAX_TITLE_WIDTH:
            return None
        if any(line.text.endswith(("、", ",")) for line in lines[:-1]):
            return None  # a headline breaks between phrases, never inside an enumeration
        c = self.costs
        cost = c.title_one_line if count == 1 else (c.title_three_lines if count == 3 else 0.0)
        cost += sum(c.title_line_ends_comma for line in lines[:-1] if line.text.endswith("，"))
        cost += sum(c.blank_inside_title for line in lines[:-1] if line.blank_after)
        # Headlines are set in large type: few characters to a line.
        cost += sum(c.long_title_line for line in lines if line.width > LONG_TITLE_LINE)
        cost += sum(c.spaced_title_line for line in lines if line.justified)
        return cost + sum(c.mark_inside_title for line in lines if any(m in line.text[:-1] for m in TITLE_MARKS))

    def summary_fits(self, start: int) -> dict[int, tuple[float, bool, float | None]]:
        """For each line a summary box starting at ``start`` could end on (index, included): how
        unlike a summary box the lines are, whether its start is cut, and its measure (if shown).

        A summary is set in its own measure, judged from its inner lines (which fill it), not from
        the page's columns. Computed in one pass: the measure only grows as the box does.
        """
        if start in self._summaries:
            return self._summaries[start]
        fits: dict[int, tuple[float, bool, float | None]] = {}
        self._summaries[start] = fits
        if start >= self.n or start in self.bylines or start in self.tops or start in self.jumps or start in self.subtitles:
            return fits
        if cues.INTERVIEW_SPEAKER.match(self.lines[start].text):
            return fits  # a question or an answer of an interview, not a summary box
        c = self.costs
        limit = min(self.next_byline[start], self.n)
        first = self.lines[start]
        column: float | None = None
        inner_widths: list[float] = []  # sorted widths of the inner lines not justified
        spaced = 0  # gaps between the box's lines that hold a blank line
        for end in range(start, min(limit, start + MAX_SUMMARY_LINES)):
            # (A blank line around furniture between two lines of the box is the furniture's.)
            if end > start and self.printed_blank[end - 1] and end - 1 not in self.furniture_after:
                spaced += 1
            if end > start and (end in self.tops or end in self.jumps or end in self.subtitles):
                break
            if end > start + 1:
                line = self.lines[end - 1]
                fill = line.core + (0.5 if line.justified else 0.0)
                if column is None or fill > column:
                    column = fill
                if not line.justified:
                    bisect.insort(inner_widths, line.width)
            if not self.ends[end]:
                continue
            measure = column if column is not None else self.columns[start]
            if measure is None:
                # One line alone shows no measure: a summary box of one line is unlikely.
                fits[end] = (c.summary_few_lines * 2, False, None)
                continue
            defects = bisect.bisect_right(inner_widths, measure - SHORT_MIN)
            if c.summary_defect * defects > BEAM:
                break  # the box only gets worse as it grows: no longer reading would be followed
            first_gap = measure - first.width
            # An indented first line may hang marks past its measure: then judge it without them.
            truncated = first_gap < INDENT_MIN and not (first.core < first.width and measure - first.core >= HANGING_INDENT_MIN)
            after = end + 1
            confirmed = after >= limit or measure - self.lines[end].width >= SHORT_MIN or self.indented[after]
            # A next line that fills this same measure, spaced as the box's lines are, reads as more summary.
            spacing = self.lines[end - 1].blank_after if end > start else False
            continued = (
                after < limit
                and self.lines[end].blank_after == spacing
                and measure - 0.5 <= self.lines[after].width <= measure + FULL_SLACK
            )
            # A box set in the very measure of the body after it is more likely that body's start.
            same_measure = after < limit and self.columns[after] is not None and abs(self.columns[after] - measure) <= 0.5
            # A box's lines are set evenly: all with blank lines between them, or none.
            uneven = min(spaced, end - start - spaced)
            cost = (
                c.summary_uneven_spacing * uneven
                + (c.summary_in_body_measure if same_measure else 0.0)
                + c.summary_defect * defects
                + (c.summary_opens_short if first_gap > INDENT_MAX else 0.0)
                + (0.0 if confirmed else c.summary_unconfirmed)
                + (c.summary_truncated if truncated else 0.0)
                + (c.summary_continued if continued else 0.0)
                + (c.summary_few_lines if end - start < MIN_SUMMARY_LINES - 1 else 0.0)
            )
            fits[end] = (cost, truncated, measure)
        return fits

    # -- 3. the best reading of the page ------------------------------------------------------------

    def best_reading(self, unreadable: bool = False, beam: float = BEAM) -> list[Segment]:
        """The cheapest sequence of segments over all lines that the grammar allows; with
        ``unreadable``, lines may also be given up as unreadable, at a price.

        ``table[i]`` holds, for every state the reading can stand in before line i, its cost and
        how it got there (the state before and where it was, and the segment read).
        """
        n, c = self.n, self.costs
        bylines, jumps, tops, notes, ends = self.bylines, self.jumps, self.tops, self.notes, self.ends
        starts, close, join, join_first = self.start, self.close, self.join, self.join_first
        cues_at = self.cue_at
        table: list[dict[int, tuple[float, int, int, Segment | None]]] = [{} for _ in range(n + 1)]
        table[0][START] = (0.0, -1, -1, None)

        def relax(i: int, state: int, value: float, prev: int, prev_i: int, segment: Segment | None) -> None:
            entry = table[i].get(state)
            if entry is None or value < entry[0]:
                table[i][state] = (value, prev, prev_i, segment)

        def body(i: int, value: float, prev: int, flag: int, opens: bool) -> None:
            """A paragraph or a heading beginning at line i of a body."""
            relax(i + 1, PARA1 + BASES * flag, value + starts[i], prev, i, Segment("P", i, i + 1, opens))
            extra = c.article_from_heading if opens else 0.0
            if (i, opens) not in self._headings:
                self._headings[i, opens] = self.heading_candidates(i, opens=opens)
            for count, heading in self._headings[i, opens]:
                relax(i + count, HEADED + BASES * flag, value + heading + extra, prev, i, Segment("H", i, i + count, opens))

        def opening(i: int, value: float, prev: int, flag: int, opens: bool) -> None:
            """What may stand before a body: an editor's note, a byline at the top, a jump line."""
            if notes[i]:
                end = self.note_end(i)
                relax(end, OPEN + BASES * flag, value + c.editors_note_at_start, prev, i, Segment("E", i, end, opens=opens))
            elif i in tops:
                named = flag | NAMED | (NO_BOX if self.commentator_at_top(i) else 0)
                relax(i + 1, OPEN + BASES * named, value, prev, i, Segment("U", i, i + 1, opens=opens))
            elif i in jumps:
                if jumps[i][0] == "from":
                    relax(i + 1, OPEN + BASES * (flag | NO_BOX), value, prev, i, Segment("J", i, i + 1, opens=opens))
            elif not cues_at[i]:
                body(i, value, prev, flag, opens)

        def headline(i: int, value: float, prev: int, target: int) -> None:
            if not self.may_head[i]:
                return
            if i not in self._titles:
                self._titles[i] = tuple((k, cost) for k in (1, 2, 3) if (cost := self.title_cost(i, k)) is not None)
            for count, title in self._titles[i]:
                relax(i + count, target, value + title, prev, i, Segment("T", i, i + count))

        def summary(i: int, value: float, prev: int, target: int, after_body: bool = False) -> None:
            body_column = self.columns[i - 1] if after_body and i > 0 else None
            for end, (fit, truncated, box) in self.summary_fits(i).items():
                # Straight after a body, a box shows itself by a measure other than the body's.
                if body_column is not None and box is not None and abs(box - body_column) >= BOX_APART:
                    fit += c.box_apart_from_body
                relax(end + 1, target, value + fit, prev, i, Segment("S", i, end + 1, truncated=truncated))

        for i in range(n + 1):
            here = table[i]
            if not here:
                continue
            if len(here) == 1 and i < n and not ends[i - 1] and not cues_at[i]:
                # Inside a paragraph, before anything could change: the line goes on the paragraph.
                ((state, entry),) = here.items()
                if state in PARAGRAPH_STATES:
                    step = (join_first if state % BASES == PARA1 else join)[i - 1]
                    table[i + 1][state - state % BASES + PARA] = (entry[0] + step, state, i, GOES_ON)
                    continue
            # A paragraph ends a sentence, unless text is missing before a byline or a jump line.
            if i > 0 and (ends[i - 1] or i == n or i in bylines or i in jumps):
                for state, entry in list(here.items()):
                    if state in PARAGRAPH_STATES:
                        flag = state // BASES
                        # One line after a paragraph may rather be that paragraph's short last line.
                        alone = state % BASES == PARA1 and entry[1] == BODY + BASES * flag

                        extra = close[i - 1] + (c.one_line_paragraph if alone else 0.0)
                        relax(i, BODY + BASES * flag, entry[0] + extra, state, i, None)
            if i == n:
                break
            cue = cues_at[i]
            best = min(map(_COST, here.values()))
            for state, entry in list(here.items()):
                value = entry[0]
                if value > best + beam:
                    continue  # a reading this much dearer than the best here is not followed
                base, flag = BASE_OF[state], FLAG_OF[state]
                if base in (PARA1, PARA):
                    if not cue:
                        step = (join_first if base == PARA1 else join)[i - 1]
                        relax(i + 1, PARA + BASES * flag, value + step, state, i, GOES_ON)
                    continue
                if base in ARTICLE_ENDS:
                    # The article before ends here, with the cost of what it lacks; the next begins.
                    if base in (TITLED, SUBTITLED) and not flag & NO_BOX:
                        value += c.no_summary
                    elif base == CLOSED:
                        value += c.no_headline
                    opening(i, value, state, 0, opens=True)
                    # Lines are given up as unread after the best of the readings here only.
                    if base != UNREAD and (unreadable or entry[0] <= best + UNREAD_REACH):
                        relax(i + 1, UNREAD, entry[0] + c.unreadable_line, state, i, Segment("X", i, i + 1))
                    value = entry[0]
                if base == UNREAD:
                    relax(i + 1, UNREAD, value + c.unreadable_line, state, i, Segment("X", i, i + 1))
                elif base == OPEN:
                    opening(i, value, state, flag, opens=False)
                elif base == HEADED:
                    if not cue:
                        relax(i + 1, PARA1 + BASES * flag, value + starts[i], state, i, Segment("P", i, i + 1))
                        for count, heading in self.heading_candidates(i, under=True):
                            relax(i + count, state, value + heading, state, i, Segment("H", i, i + count))
                elif base == BODY:
                    if i in bylines:
                        end, authors, named = bylines[i]
                        closed = flag | (NO_BOX if any(cues.COMMENTATOR.match(a.name) for a in authors) else 0)
                        # An affiliation alone (作者单位：…) closes an article whose top byline named its authors.
                        unnamed = 0.0 if named or flag & NAMED else c.affiliation_without_names
                        relax(end, CLOSED + BASES * closed, value + unnamed, state, i, Segment("B", i, end))
                    elif i in jumps:
                        if jumps[i][0] == "to":
                            relax(i + 1, CLOSED + BASES * flag, value, state, i, Segment("J", i, i + 1))
                    elif not cue:
                        body(i, value, state, flag, opens=False)
                        # Without a closing byline the headline follows the body directly: only
                        # where the byline at the top named the authors.
                        if flag & NAMED:
                            value += c.headline_after_body
                            headline(i, value, state, TITLED + BASES * flag)
                            if not flag & NO_BOX:
                                summary(i, value, state, SUMMARY_FIRST, after_body=True)
                elif base == CLOSED:
                    if i in jumps and jumps[i][0] == "to":
                        relax(i + 1, state, value, state, i, Segment("J", i, i + 1))
                    headline(i, value, state, TITLED + BASES * flag)
                    if not flag & NO_BOX:
                        summary(i, value, state, SUMMARY_FIRST)
                elif base == TITLED:
                    for end, cost in self.subtitle_ends(i):
                        relax(end, SUBTITLED + BASES * flag, value + cost, state, i, Segment("ST", i, end))
                    summary(i, value + (c.no_summary if flag & NO_BOX else 0.0), state, DONE)
                elif base == SUBTITLED:
                    summary(i, value + (c.no_summary if flag & NO_BOX else 0.0), state, DONE)
                elif base == SUMMARY_FIRST:
                    headline(i, value, state, TAIL)
                elif base == TAIL:
                    for end, cost in self.subtitle_ends(i):
                        relax(end, DONE, value + cost, state, i, Segment("ST", i, end))

        last = table[n]
        finals: dict[int, float] = {}
        for state, entry in last.items():
            base, flag = state % BASES, state // BASES
            if base in ARTICLE_ENDS:
                lacks = c.no_headline if base == CLOSED else 0.0
                if base in (TITLED, SUBTITLED) and not flag & NO_BOX:
                    lacks = c.no_summary
                finals[state] = entry[0] + lacks
        if not finals:
            return []
        state = min(finals, key=finals.__getitem__)
        segments: list[Segment] = []
        i = n
        while state >= 0:
            _, prev, prev_i, segment = table[i][state]
            if segment is GOES_ON:
                segments.append(Segment("P+", prev_i, prev_i + 1))
            elif segment is not None:
                segments.append(segment)
            state, i = prev, prev_i
        segments.reverse()
        return merge_paragraphs(segments)

    def subtitle_ends(self, i: int) -> list[tuple[int, float]]:
        """Where a subtitle starting at line i may end (index after it), and what it costs: one
        line, or two when a long one wraps (its second line a phrase, no sentence in it)."""
        if i not in self.subtitles:
            return []
        c = self.costs
        ends = [(i + 1, c.subtitle)]
        k = i + 1
        if k < self.n and not self.cue_at[k] and self.eligible[k] and not self.ends[k] and not self.lines[i].blank_after:
            ends.append((k + 1, c.subtitle + c.subtitle_two_lines))
        return ends

    def note_end(self, i: int) -> int:
        """Where an editor's note starting at line i ends (index after its last line)."""
        for k in range(i, self.n):
            if self.ends[k] and (k + 1 >= self.n or self.lines[k].blank_after or self.cue_at[k + 1] or self.short[k]):
                return k + 1
        return self.n

    def commentator_at_top(self, i: int) -> bool:
        return any(cues.COMMENTATOR.match(a.name) for a in self.tops[i])

    def sketch_boxes(self) -> set[int]:
        """The lines a first, local reading puts in headlines and summary boxes after each closing
        byline (or jump line): set in measures of their own, they must not count as columns when
        the whole page is read."""
        c = self.costs
        closers = sorted(
            [(i, end) for i, (end, _, _) in self.bylines.items()] + [(i, i + 1) for i, j in self.jumps.items() if j[0] == "to"]
        )
        boxed: set[int] = set()
        previous = 0
        for number, (begin, end) in enumerate(closers):
            limit = closers[number + 1][0] if number + 1 < len(closers) else self.n
            # Commentaries and continued articles print no summary box.
            no_box = any(cues.COMMENTATOR.match(a.name) for a in self.bylines[begin][1]) if begin in self.bylines else False
            no_box = no_box or any(
                (k in self.jumps and self.jumps[k][0] == "from") or (k in self.tops and self.commentator_at_top(k))
                for k in range(previous, begin)
            )
            previous = end
            if end >= limit:
                continue

            def next_start(k: int, limit: int = limit) -> float:
                return 0.0 if k >= limit or k >= self.n or self.indented[k] else c.not_indented

            best: tuple[float, int] | None = None
            for count in (1, 2, 3):
                title = self.title_cost(end, count) if self.may_head[end] else None
                if title is not None:
                    after = end + count
                    start = after + 1 if after in self.subtitles else after
                    fits = {} if no_box else self.summary_fits(start)
                    options = [(title + fit + next_start(last + 1), last + 1) for last, (fit, _, _) in fits.items()]
                    # A headline without a summary box only where no box can be read after it: the
                    # lines after it are not weighed here as the whole page's reading weighs them.
                    options = options or [(title + c.no_summary + next_start(start), start)]
                    best = min([*options, *([best] if best else [])])
            for last, (fit, _, _) in ({} if no_box else self.summary_fits(end)).items():
                if last + 1 < self.n and self.may_head[last + 1]:
                    for count in (1, 2, 3):
                        title = self.title_cost(last + 1, count)
                        if title is not None:
                            option = (fit + title + next_start(last + 1 + count), last + 1 + count)
                            best = option if best is None else min(best, option)
            if best is not None:
                boxed.update(range(end, best[1]))
        return boxed

    # -- 4. the articles ---------------------------------------------------------------------------

    def read(self) -> Page:
        if self.n == 0:
            return self.page(())
        cue_lines = {k for i, (end, _, _) in self.bylines.items() for k in range(i, end)}
        cue_lines |= set(self.tops) | set(self.jumps) | self.subtitles
        # The sketch looks at a few lines only: their columns are judged from their nearest neighbours,
        # when asked for.
        sketch = Layout(self.lines, frozenset(cue_lines), nearest=True)
        self.columns, self.indented = _Lazy(sketch.column), _Lazy(sketch.indented)  # type: ignore[assignment]
        self._summaries = {}
        boxed = frozenset(self.sketch_boxes() | cue_lines)
        self.measure_columns(boxed)
        # Lines are given up as unreadable only where no reading of the whole page exists.
        segments = self.best_reading() or self.best_reading(unreadable=True, beam=INF)
        found = frozenset(k for s in segments if s.role in ("T", "ST", "E") for k in range(s.start, s.end))
        if not found <= boxed:
            # The reading found headlines the sketch did not (articles closing without a byline):
            # read again with the columns measured without them.
            self.measure_columns(boxed | found)
            segments = self.best_reading() or self.best_reading(unreadable=True, beam=INF)
        groups: list[list[Segment]] = []
        unread: list[int] = []
        for segment in segments:
            if segment.role == "X":
                unread.append(segment.start)
                continue
            if segment.opens or not groups:
                groups.append([])
            groups[-1].append(segment)
        articles: list[Article] = []
        for group in groups:
            article = self.article(group)
            if article is None:
                # Text that never reaches a headline (a byline with nothing after it, a body at
                # the foot of the page): kept and reported, not passed off as an article.
                unread.extend(k for s in group for k in range(s.start, s.end))
            else:
                articles.append(article)
        self.report_unreadable(sorted(unread))
        return self.page(tuple(articles))

    def page(self, articles: tuple[Article, ...]) -> Page:
        page_notes = self.source.notes
        if self.source.encoding != "utf-8":
            page_notes = (Note(1, f"decoded as {self.source.encoding.upper()}, not UTF-8"), *page_notes)
        if not articles:
            raise SourceProblems(
                [
                    LayoutProblem(
                        self.source.name,
                        "no article found: no text on the page reaches a headline",
                        line=self.lines[0].number if self.lines else None,
                        hint="an article is its body, a byline in full-width parentheses, then its headline and summary",
                    )
                ]
            )
        return Page(
            source=self.source.name,
            articles=articles,
            warnings=(*page_notes, *self.unreadable),
            encoding=self.source.encoding,
            left_over=tuple(sorted(self.left_over, key=lambda x: x.line)),
        )

    unreadable: tuple[Note, ...] = ()

    def report_unreadable(self, indexes: list[int]) -> None:
        """Lines no reading could place in an article: each kept in ``left_over``, each region of
        them reported once, with its lines."""
        notes: list[Note] = []
        run: list[int] = []
        for k in [*indexes, -2]:
            if run and k != run[-1] + 1:
                first, last = self.lines[run[0]].number, self.lines[run[-1]].number
                why = "no reading of the page places them in an article"
                notes.append(Note(first, f"lines {first}–{last} were not read as an article ({why}); they are kept in left_over"))
                self.left_over.extend(
                    LeftOver(self.lines[j].number, self.lines[j].raw.strip(), "unreadable: " + why) for j in run
                )
                run = []
            run.append(k)
        self.unreadable = tuple(notes)

    def article(self, group: list[Segment]) -> Article | None:
        lines = self.lines
        notes: list[Note] = []
        doubts: list[Doubt] = []
        lead: list[str] = []
        sections: list[Section] = []
        paragraphs = lead
        heading: tuple[str, int, int] | None = None
        title = subtitle = summary = byline = editors_note = note_label = top_line = ""
        taken: list[LeftOver] = []  # lone characters that end a heading or headline of this article
        jump_lines: list[LeftOver] = []  # listed once the article is read whole
        continued_from = continued_to = ""
        truncated = False
        title_first = True
        top: tuple[Author, ...] = ()
        closing: tuple[Author, ...] = ()
        names_known = False
        title_line = summary_line = byline_line = 0

        def close_section() -> None:
            if heading is not None:
                sections.append(Section(heading=heading[0], paragraphs=tuple(paragraphs), line=heading[1], level=heading[2]))

        for segment in group:
            span = lines[segment.start : segment.end]
            role = segment.role
            if role == "P":
                paragraphs.append(join_lines(span, notes))
                self.paragraph_doubts(segment, doubts)
            elif role == "E":
                text = join_lines(span, notes)
                if editors_note:
                    paragraphs.append(text)  # a second note: kept whole, label and all, in the body
                else:
                    editors_note = cues.editors_note(text)
                    note_label = text[: len(text) - len(editors_note)]
            elif role == "H":
                close_section()
                text = join_lines(span, notes) + self.reattach(segment, taken)
                heading = (text, span[0].number, 3 if self.levels[segment.start] == 3 else 2)
                paragraphs = []
                self.heading_doubt(segment, doubts)
            elif role == "B":
                byline = join_lines(span, [])
                byline_line = span[0].number
                _, closing, names_known = self.bylines[segment.start]
            elif role == "U":
                # A second byline at the top (two lines of names): its authors join the first's.
                top = (*top, *self.tops[segment.start])
                top_line = f"{top_line} {span[0].raw.strip()}" if top_line else span[0].raw.strip()
            elif role == "J":
                direction, page = self.jumps[segment.start]
                if direction == "to":
                    continued_to = page
                else:
                    continued_from = page
                why = f"jump line: continued {direction} page {page}"
                jump_lines.append(LeftOver(span[0].number, span[0].raw.strip(), why))
            elif role == "T":
                title = join_lines(span, notes) + self.reattach(segment, taken)
                title_line = span[0].number
                title_first = not summary
            elif role == "ST":
                subtitle = join_lines(span, notes)
            elif role == "S":
                summary = join_lines(span, notes)
                summary_line = span[0].number
                truncated = segment.truncated
                if truncated:
                    notes.append(Note(summary_line, f"the summary is cut at its start; kept what survives: {summary[:12]}…"))
        close_section()
        if not title:
            return None
        for lone in taken:
            self.left_over.remove(lone)
        self.left_over.extend(jump_lines)
        authors = cues.merge_authors(top, closing, names_known)
        if any(not a.name for a in authors):
            # An affiliation no byline names: kept in the byline as printed, not as a nameless author.
            affiliations = "、".join(a.affiliation for a in authors if not a.name)
            said = f"the closing line gives an affiliation ({affiliations}) but no byline names the author"
            notes.append(Note(byline_line, said))
            authors = tuple(a for a in authors if a.name)
        kind = ARTICLE
        if any(cues.COMMENTATOR.match(a.name) for a in authors):
            kind = COMMENTARY
        elif subtitle.startswith("——访") or any(
            cues.INTERVIEW_SPEAKER.match(p) for p in (*lead, *(p for s in sections for p in s.paragraphs))
        ):
            kind = INTERVIEW
        first = group[0].start
        last = max(s.end for s in group) - 1
        return Article(
            title=title,
            authors=authors,
            summary=summary,
            summary_truncated=truncated,
            lead=tuple(lead),
            sections=tuple(sections),
            byline=byline,
            title_first=title_first,
            first_line=lines[first].number,
            byline_line=byline_line,
            title_line=title_line,
            summary_line=summary_line,
            last_line=lines[last].number,
            warnings=tuple(sorted(notes, key=lambda n: n.line)),
            kind=kind,
            subtitle=subtitle,
            editors_note=editors_note,
            continued_from=continued_from,
            continued_to=continued_to,
            doubts=tuple(doubts),
            top_byline=top_line,
            editors_note_label=note_label,
        )

    def reattach(self, segment: Segment, taken: list[LeftOver]) -> str:
        """The lone character set aside after a heading or headline: its last character (taken out
        of ``left_over`` once the article it belongs to is read whole)."""
        lone = self.lone.get(segment.end - 1)
        if lone is None:
            return ""
        taken.append(lone)
        return lone.text

    # -- doubts ----------------------------------------------------------------------------------

    def paragraph_doubts(self, segment: Segment, doubts: list[Doubt]) -> None:
        """Paragraph breaks (taken or not) inside this paragraph's reach that were nearly the other way."""
        c = self.costs
        for k in range(segment.start, segment.end - 1):
            if not self.ends[k]:
                continue
            join = (self.join_first if k == segment.start else self.join)[k]
            split = self.close[k] + self.start[k + 1]
            if split - join < DOUBT_MARGIN:
                doubts.append(Doubt(self.lines[k + 1].number, "the same paragraph going on", "a new paragraph"))
        k = segment.end - 1
        if k + 1 < self.n and segment.end - segment.start >= 1 and self.ends[k] and k + 1 not in self.bylines:
            join = self.join[k] + (c.one_line_paragraph if segment.end - segment.start == 1 else 0.0)
            split = self.close[k] + self.start[k + 1]
            if join - split < DOUBT_MARGIN and self.start[k + 1] == 0.0:
                doubts.append(Doubt(self.lines[k + 1].number, "a new paragraph", "the paragraph before going on"))

    def heading_doubt(self, segment: Segment, doubts: list[Doubt]) -> None:
        """A heading that, read as the first lines of the paragraph below it, would cost nearly the same."""
        i, after = segment.start, segment.end
        chosen = (self.heading_cost(i, after - i) or 0.0) + (self.start[after] if after < self.n else 0.0)
        alternative = self.start[i] + self.join_first[i] + sum(self.join[k] for k in range(i + 1, after))
        if alternative - chosen < DOUBT_MARGIN:
            doubts.append(Doubt(self.lines[i].number, "a section heading", "the first words of the paragraph below"))


def _joined(line: Line, end: Line) -> Line:
    """A line with the end OCR split off onto a line of its own put back (its number stays)."""
    text = line.text + end.text
    return line._replace(
        raw=line.raw.rstrip() + end.raw.strip(),
        text=text,
        width=text_width(text),
        core=text_width(text.rstrip(HANGING_MARKS)),
        blank_after=end.blank_after,
    )


class _Lazy(dict):
    """A list-like view of a function of the line index, each value computed when first asked."""

    def __init__(self, function) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, index: int):
        value = self[index] = self.function(index)
        return value


def merge_paragraphs(segments: list[Segment]) -> list[Segment]:
    """Join a paragraph's first line with the lines read after it into one paragraph segment."""
    merged: list[Segment] = []
    for segment in segments:
        if segment.role == "P+" and merged:
            last = merged[-1]
            merged[-1] = Segment("P", last.start, segment.end, opens=last.opens)
        else:
            merged.append(segment)
    return merged


def parse_page(source: SourceText) -> Page:
    """Reconstruct every article of one decoded page; raise SourceProblems only when none is found."""
    return PageReader(source).read()
