"""Undo the column layout: measure every printed line and decide where paragraphs really break.

A printed page is hard-wrapped at the column width. The decisions here use only geometry and
punctuation, never words: a paragraph's first line is indented by about two characters, its last
line usually stops short, and it ends with sentence-final punctuation. A blank line alone proves
nothing: it may be a paragraph break or just the foot of a column.

A line's column is judged from the lines around it (``runs``): the lines between bylines,
headlines and boxes are divided, at the least cost, into runs set in one width each, so a column
that changes width at a break, or inside a paragraph, is followed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property
from typing import NamedTuple

from .textfix import clean_line, is_justified

# How much narrower than its column (in character widths) a line must be to count as indented or
# short. Full lines of one column vary by about one character (punctuation is compressed), an
# indent is two characters.
INDENT_MIN = 1.25
INDENT_MAX = 3.75
SHORT_MIN = 1.25
HANGING_INDENT_MIN = 1.5
# How many lines on each side show a line's column, and how far apart two widths may be in one.
NEIGHBOURS = 5
SAME_COLUMN = 1.5
FULL_SLACK = 1.0

# Sentence-final marks that can end a paragraph; closing quotes and brackets may follow them.
FINAL_MARKS = "。！？：；…!?"
CLOSERS = "”’」』）)》〉】"
# Marks a typesetter lets hang past the column's edge rather than start a line with.
HANGING_MARKS = "，。、；：？！…”’）》」』,.;:?!)"
# Marks after which a line can never end a heading or title.
CONTINUING_MARKS = "，、；：。,;:"


def char_width(char: str) -> float:
    """The printed width of a character, in units of one Chinese character.

    >>> char_width("江"), char_width("，"), char_width("7")
    (1.0, 0.5, 0.5)
    """
    if char.isascii():
        return 0.5
    if unicodedata.category(char)[0] in "PS" and unicodedata.east_asian_width(char) in "WFA":
        # Typesetters compress full-width punctuation; half a character is the average seen.
        return 0.5
    return 1.0


def text_width(text: str) -> float:
    """The printed width of a cleaned line.

    >>> text_width("总面积3240平方公里，")
    9.5
    """
    return sum(map(_WIDTHS.__getitem__, text))


class _WidthTable(dict):
    """Character widths, each computed once: measuring lines is the parser's innermost loop."""

    def __missing__(self, char: str) -> float:
        width = self[char] = char_width(char)
        return width


_WIDTHS = _WidthTable()


def ends_sentence(text: str) -> bool:
    """True when a line ends with sentence-final punctuation, possibly inside quotes.

    >>> ends_sentence("三方面工作："), ends_sentence("智能化、绿色化发展”。"), ends_sentence("“看")
    (True, True, False)
    >>> ends_sentence("加快推进“坚定制造业当家。”")
    True
    """
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in FINAL_MARKS


# A letter or a digit of any script (\w without the underscore).
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def is_mark_only(text: str) -> bool:
    """True for a line with no letter, digit or Han character: a candidate stray.

    >>> is_mark_only("”"), is_mark_only("江")
    (True, False)
    """
    return not _LETTER_OR_DIGIT.search(text)


class Line(NamedTuple):
    """One non-blank printed line after clean-up, with its measured width."""

    number: int
    raw: str
    text: str
    width: float
    # The width without the marks it ends with, which a typesetter may hang past the column edge.
    core: float
    justified: bool
    blank_before: bool
    blank_after: bool


def measure(text: str) -> list[Line]:
    """Clean and measure every non-blank line of a page; blank lines become flags on neighbours."""
    raw_lines = text.split("\n")
    blank = [not raw or raw.isspace() for raw in raw_lines]
    last = len(raw_lines) - 1
    widths = _WIDTHS.__getitem__
    lines: list[Line] = []
    for index, raw in enumerate(raw_lines):
        if blank[index]:
            continue
        cleaned = clean_line(raw)
        if not cleaned:
            continue
        width = sum(map(widths, cleaned))
        hung = cleaned.rstrip(HANGING_MARKS)
        core = width if len(hung) == len(cleaned) else sum(map(widths, hung))
        justified = " " in raw and is_justified(raw)
        # (Positional: a page makes a hundred lines and more.)
        before, after = index == 0 or blank[index - 1], index == last or blank[index + 1]
        lines.append(Line(index + 1, raw, cleaned, width, core, justified, before, after))
    return lines


INF = float("inf")
# Dividing a column's lines into runs of one width (``runs``): what each choice costs.
RUN_BREAK = 3.0  # a new width between two lines with no blank line between them
RUN_BREAK_AT_BLANK = 0.5  # … at a blank line (a column's foot)
SHORT_IN_RUN = 1.0  # a line short of its run's width (a paragraph's first or last line, a heading)
NOT_INDENTED_IN_RUN = 0.5  # a full line after a short one (a paragraph not indented)
MIN_RUN = 3  # fewer lines show no width of their own …
MIN_FULL = 1  # … nor fewer lines that fill it
BREAK_SHIFT = 1.0  # how far the widest of two lines on each side must differ to place a break there
MAX_RUN_CHOICES = 8  # how many next breaks a run may reach


def runs(fills: list[float], blank_after: list[bool], ends: list[bool]) -> list[float | None]:
    """The column of each line, from the cheapest division of consecutive lines into runs of one
    width each: a run's width is its widest line; each line short of it costs ``SHORT_IN_RUN``,
    each new run ``RUN_BREAK`` (less at a blank line). A run starts only at a blank line or where
    the lines' widths shift. A run shows its width by at least ``MIN_FULL`` lines that fill it;
    one line alone shows no column.

    >>> ends = [False] * 10
    >>> ends[4] = True
    >>> runs([15, 15, 15, 14.5, 3.5, 14.5, 16.5, 17, 16.5, 16.5], [False] * 10, ends)
    [15, 15, 15, 15, 15, 17, 17, 17, 17, 17]
    >>> runs([12.5, 12.5, 12.5, 4, 10.5, 12.5, 12.5], [False] * 7, [False, False, False, True, False, False, False])
    [12.5, 12.5, 12.5, 12.5, 12.5, 12.5, 12.5]
    >>> runs([10], [False], [True])
    [None]
    """
    count = len(fills)
    if count == 1:
        return [None]
    # Where a run may start: the first line, after a blank line, or where the widths shift.
    pairs = [*map(max, fills, fills[1:]), fills[-1]]  # the wider of lines p and p+1
    starts = [0]
    for p in range(1, count):
        before = pairs[p - 2] if p > 1 else fills[0]
        if blank_after[p - 1] or abs(before - pairs[p]) >= BREAK_SHIFT:
            starts.append(p)
    starts.append(count)
    best = [INF] * len(starts)
    back = [0] * len(starts)
    best[0] = 0.0
    for u in range(len(starts) - 1):
        if best[u] == INF:
            continue
        a = starts[u]
        enter = best[u] + (0.0 if a == 0 else (RUN_BREAK_AT_BLANK if blank_after[a - 1] else RUN_BREAK))
        width, lines_cost, full, done = -INF, 0.0, 0, a
        for v in range(u + 1, min(len(starts), u + 1 + MAX_RUN_CHOICES)):
            b = starts[v]
            # The run a..b-1 grown from a..done-1: its lines' costs add up while its width stays.
            wider = max(fills[done:b])
            if wider > width:
                width, (lines_cost, full) = wider, _run_cost(fills, ends, a, b, wider)
            else:
                more, more_full = _run_cost(fills, ends, done, b, width)
                lines_cost, full = lines_cost + more, full + more_full
            done = b
            if (b - a < MIN_RUN or full < MIN_FULL) and not (a == 0 and b == count):
                continue
            cost = enter + lines_cost
            if cost < best[v]:
                best[v], back[v] = cost, u
    if best[-1] == INF:
        return [max(fills)] * count
    columns: list[float | None] = [None] * count
    v = len(starts) - 1
    while v > 0:
        u = back[v]
        a, b = starts[u], starts[v]
        columns[a:b] = [max(fills[a:b])] * (b - a)
        v = u
    return columns


def _run_cost(fills: list[float], ends: list[bool], a: int, b: int, width: float) -> tuple[float, int]:
    """What setting lines a..b-1 in one column of ``width`` costs: a line short of it, unless it
    is indented after a sentence's end (it opens a paragraph); a full line after a paragraph's
    short last line (a paragraph not indented). And how many of the lines fill it."""
    edge = width - SHORT_MIN
    cost = 0.0
    full = 0
    for k in range(a, b):
        gap = width - fills[k]
        after_end = k > 0 and ends[k - 1]
        if gap >= SHORT_MIN:
            if not (after_end and INDENT_MIN <= gap <= INDENT_MAX):
                cost += SHORT_IN_RUN
        else:
            full += 1
            if after_end and fills[k - 1] <= edge:
                cost += NOT_INDENTED_IN_RUN
    return cost, full


class Layout:
    """Geometric questions about the measured lines of one page, by index into ``lines``."""

    def __init__(
        self,
        lines: list[Line],
        barriers: frozenset[int] = frozenset(),
        stretches: dict[range, list[float | None]] | None = None,
        *,
        nearest: bool = False,
    ) -> None:
        self.lines = lines
        # Lines (bylines) that belong to no column: a neighbourhood never reaches across them.
        self.barriers = barriers
        self._column_cache: dict[int, float | None] = {}
        # The columns of each stretch of lines between barriers: layouts of the same lines with
        # other barriers may share it (a stretch's columns depend on its lines only).
        self._stretches = {} if stretches is None else stretches
        self.nearest = nearest  # every line's column judged from its nearest neighbours only: a quick look

    @cached_property
    def _neighbourhoods(self) -> tuple[list[float], list[int], list[int]]:
        # What each line shows of its column: the width it fills without marks hung past the edge;
        # a justified line fills its column by construction.
        fills = [line.core + (0.5 if line.justified else 0.0) for line in self.lines]
        count = len(fills)
        # For every line, the first line after the barrier before it and the barrier after it.
        floor, ceiling = [0] * count, [count] * count
        for i in range(1, count):
            floor[i] = i if i - 1 in self.barriers else floor[i - 1]
        for i in range(count - 2, -1, -1):
            ceiling[i] = i + 1 if i + 1 in self.barriers else ceiling[i + 1]
        return fills, floor, ceiling

    def _column(self, i: int, before_fills: list[float], after_fills: list[float]) -> float | None:
        # The column is what the lines around i fill. Before and after i may lie different columns
        # (a column break, with or without a blank line); i belongs to the narrower one it fits in.
        # One line alone (a paragraph's short last line before a byline) does not show a column.
        if len(after_fills) == 1 and len(before_fills) > 1:
            after_fills = []
        if len(before_fills) == 1 and len(after_fills) > 1:
            before_fills = []
        before = max(before_fills) if before_fills else None
        after = max(after_fills) if after_fills else None
        if before is None or after is None:
            return before if after is None else after
        if abs(before - after) <= SAME_COLUMN:
            return max(before, after)
        # A full line belongs to the column it fills; a short one ending a sentence most likely
        # closes a paragraph of the column before it, any other short one opens the next.
        width = self.lines[i].width
        for column in (before, after):
            if abs(column - width) <= FULL_SLACK:
                return column
        # A short line lies in the column its nearest neighbours fill.
        if after_fills and abs(before - after_fills[0]) <= FULL_SLACK:
            return before
        if before_fills and abs(after - before_fills[-1]) <= FULL_SLACK:
            return after
        return before if ends_sentence(self.lines[i].text) else after

    @cached_property
    def _runs(self) -> list[float | None]:
        """The column of every line that is no barrier, from the best division of the lines
        between barriers into runs set in one width each (see ``runs``)."""
        fills, _, _ = self._neighbourhoods
        columns: list[float | None] = [None] * len(fills)
        start = 0
        for end in [*sorted(self.barriers), len(fills)]:
            if end - start >= MIN_RUN:
                stretch = range(start, end)
                if stretch not in self._stretches:
                    lines = self.lines[start:end]
                    blank, ends = [line.blank_after for line in lines], [ends_sentence(line.text) for line in lines]
                    self._stretches[stretch] = runs(fills[start:end], blank, ends)
                columns[start:end] = self._stretches[stretch]
            start = max(start, end + 1)
        return columns

    def column(self, i: int) -> float | None:
        """The width of the column line i is set in: that of its run (``runs``); for a barrier and
        the lines of a stretch too short for a run, judged from its nearest neighbours."""
        if not self.nearest:
            column = self._runs[i]
            if column is not None:
                return column
        if i not in self._column_cache:
            fills, floor, ceiling = self._neighbourhoods
            before = fills[max(floor[i], i - NEIGHBOURS) : i]
            after = fills[i + 1 : min(ceiling[i], i + 1 + NEIGHBOURS)]
            self._column_cache[i] = self._column(i, before, after)
        return self._column_cache[i]

    def indented(self, i: int) -> bool:
        """True when line i starts a paragraph: about two characters narrower than its column."""
        line = self.lines[i]
        column = self.column(i)
        if line.justified or column is None:
            return False
        if INDENT_MIN <= column - line.width <= INDENT_MAX:
            return True
        # A first line may end in marks hung past its indented measure: judge it without them.
        return line.core < line.width and HANGING_INDENT_MIN <= column - line.core <= INDENT_MAX

    def short(self, i: int, first: bool = False) -> bool:
        """True when line i stops clearly before its column's edge (or its indent, if ``first``)."""
        line = self.lines[i]
        column = self.column(i)
        if line.justified or column is None:
            return False
        return column - line.width >= SHORT_MIN + (INDENT_MAX if first else 0.0)
