"""Rebuild the articles of one page from its measured lines.

A page prints each article as: body (lead paragraphs, then sections under headings), a byline in
full-width parentheses, then the headline and the summary box in either order. The byline is the
one unmistakable landmark, so the parser finds bylines first and reads each article around them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .errors import LayoutProblem, SourceProblem, SourceProblems
from .model import Article, Author, Note, Page, Section
from .reflow import (
    CONTINUING_MARKS,
    FULL_SLACK,
    HANGING_INDENT_MIN,
    INDENT_MAX,
    INDENT_MIN,
    SHORT_MIN,
    Layout,
    Line,
    ends_sentence,
    is_mark_only,
    measure,
)
from .sources import SourceText

MAX_BYLINE_LINES = 8
MAX_HEADING_WIDTH = 20.0
MAX_TITLE_WIDTH = 26.0
HEADING_MARGIN = 3.75
MAX_SUMMARY_LINES = 60
MIN_SUMMARY_LINES = 3
TITLE_MARKS = "，、：,:？！?!"
_NAME = re.compile(r"^[\u3400-\u9fff]{2,4}$|^[\u3400-\u9fff]{1,8}[·•][\u3400-\u9fff]{1,8}$")
_AUTHOR_PREFIX = re.compile(r"^(作者|文)[：:]")


@dataclass(frozen=True)
class Byline:
    """The byline that closes an article body: lines ``start``..``end`` (indexes, inclusive)."""

    start: int
    end: int
    text: str
    authors: tuple[Author, ...]


@dataclass(frozen=True)
class Headline:
    """How the headline and summary after a byline were read, and where the next article starts."""

    title: str
    title_line: int
    summary: str
    summary_line: int
    truncated: bool
    title_first: bool
    next_start: int
    last_line: int
    cost: float


def read_authors(inner: str) -> tuple[Author, ...] | None:
    """Split a byline's inside into authors, or None when it is not a byline.

    >>> read_authors("李阳，五邑大学副教授")
    (Author(name='李阳', affiliation='五邑大学副教授'),)
    >>> [a.name for a in read_authors("赵前斌，市统计局党组成员、二级调研员；王璇，五邑大学副教授")]
    ['赵前斌', '王璇']
    >>> read_authors("一") is None, read_authors("详见第三版，今日出版") is None
    (True, True)
    """
    authors: list[Author] = []
    for part in re.split(r"[；;]", inner):
        part = _AUTHOR_PREFIX.sub("", part.strip())
        names, _, affiliation = re.split(r"([，,])", part, maxsplit=1) if re.search("[，,]", part) else (part, "", "")
        names_list = [n.strip() for n in names.split("、")]
        if not names_list or not all(_NAME.match(n) for n in names_list):
            return None
        authors.extend(Author(name=n, affiliation=affiliation.strip()) for n in names_list)
    return tuple(authors) or None


def title_eligible(line: Line, wrapped: bool = False) -> bool:
    """True for a line that may belong to a headline or a section heading: no sentence inside it."""
    text = line.text
    return (
        not is_mark_only(text)
        and (text[-1] not in CONTINUING_MARKS or (wrapped and text[-1] in "，、：,:"))
        and "。" not in text
        and "；" not in text
        and not text.startswith(("（", "("))
    )


class PageParser:
    """Reads the articles of one page; collects every problem instead of stopping at the first."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.lines = measure(source.text)
        # Per-line facts asked for again and again while readings are compared.
        self._may_title: dict[int, bool] = {}
        self.strays = [is_mark_only(line.text) and line.blank_before and line.blank_after for line in self.lines]
        # Set by parse(), once the bylines (which no column reaches across) are known.
        self.layout = Layout([])
        self.problems: list[SourceProblem] = []

    def problem(self, index: int | None, message: str, hint: str = "") -> None:
        line = self.lines[index].number if index is not None and index < len(self.lines) else None
        self.problems.append(LayoutProblem(self.source.name, message, line=line, hint=hint))

    # -- landmarks ---------------------------------------------------------------------------

    def find_bylines(self) -> list[Byline]:
        """Every byline: a paragraph in full-width parentheses made of names and affiliations."""
        bylines: list[Byline] = []
        i = 0
        while i < len(self.lines):
            byline = self.byline_at(i)
            if byline:
                bylines.append(byline)
                i = byline.end + 1
            else:
                i += 1
        return bylines

    def byline_at(self, i: int) -> Byline | None:
        if not self.lines[i].text.startswith("（"):
            return None
        if i > 0 and not ends_sentence(self.lines[i - 1].text):
            return None
        for end in range(i, min(i + MAX_BYLINE_LINES, len(self.lines))):
            text = "".join(line.text for line in self.lines[i : end + 1])
            if text.endswith("）"):
                authors = read_authors(text[1:-1])
                if authors:
                    return Byline(start=i, end=end, text=text, authors=authors)
                return None
            if "）" in text:
                return None
        return None

    # -- headline and summary ------------------------------------------------------------------

    def ends_paragraph(self, j: int, limit: int, first: bool) -> bool:
        """True when line j (the paragraph's ``first`` or a later one) ends it, looking past strays."""
        if not ends_sentence(self.lines[j].text):
            return False
        after = self.skip_strays(j + 1, limit)
        if after >= limit or self.layout.short(j, first):
            return True
        # An indented line that would be a whole paragraph alone is as likely a short last line.
        alone = ends_sentence(self.lines[after].text) and (
            after + 1 >= limit or self.layout.indented(after + 1) or self.lines[after].blank_after
        )
        return self.layout.indented(after) and not alone

    def defects(self, start: int, end: int) -> int:
        """How many lines inside a supposed paragraph stop short where a paragraph cannot."""
        count = 0
        for k in range(start, end):
            line = self.lines[k]
            if line.justified:
                continue
            if k == start:
                column = self.layout.column(k)
                if column is not None and column - line.width > 3.75:
                    count += 1
            elif self.layout.short(k) and self.layout.same_run(k, k + 1):
                count += 1
        return count

    def title_lines_ok(self, first: int, count: int, limit: int) -> bool:
        if first + count > limit:
            return False
        if count == 2 and not self.layout.same_run(first, first + 1):
            return False
        return all(self.may_title(k) for k in range(first, first + count))

    def may_title(self, k: int) -> bool:
        if k not in self._may_title:
            line = self.lines[k]
            self._may_title[k] = title_eligible(line) and line.width <= MAX_TITLE_WIDTH
        return self._may_title[k]

    def title_cost(self, first: int, count: int) -> float:
        cost = 2.5 if count == 1 else 0.0
        # A headline is a phrase; punctuation inside it is unusual.
        return cost + sum(1 for k in range(first, first + count) if any(m in self.lines[k].text[:-1] for m in TITLE_MARKS))

    def start_cost(self, index: int, limit: int, last: bool) -> float:
        """What it costs that the next article would start at ``index``."""
        index = self.skip_strays(index, limit)
        if index >= limit:
            return 0.0 if last else 10.0
        return 0.0 if self.layout.indented(index) else 1.5

    def summary_fits(self, start: int, limit: int) -> dict[int, tuple[float, bool]]:
        """For each line a summary box starting at ``start`` could end on: how unlike a summary box
        the lines are, and whether its start is cut.

        A summary is set in its own measure, judged from its inner lines (which fill it), not from
        the page's columns. Computed in one pass: the measure only grows as the box does.
        """
        fits: dict[int, tuple[float, bool]] = {}
        first = self.lines[start]
        column: float | None = None
        inner_widths: list[float] = []  # sorted widths of the inner lines not justified
        for end in range(start, min(limit, start + MAX_SUMMARY_LINES)):
            if end > start + 1:
                line = self.lines[end - 1]
                fill = line.core + (0.5 if line.justified else 0.0)
                column = fill if column is None else max(column, fill)
                if not line.justified:
                    bisect.insort(inner_widths, line.width)
            if not ends_sentence(self.lines[end].text):
                continue
            measure = column if column is not None else self.layout.column(start)
            if measure is None:
                fits[end] = (0.0, False)
                continue
            defects = bisect.bisect_right(inner_widths, measure - SHORT_MIN)
            first_gap = measure - first.width
            # An indented first line may hang marks past its measure: then judge it without them.
            truncated = first_gap < INDENT_MIN and not (first.core < first.width and measure - first.core >= HANGING_INDENT_MIN)
            if first_gap > INDENT_MAX:
                defects += 2  # a summary box does not open with a short line
            after = self.skip_strays(end + 1, limit)
            confirmed = after >= limit or measure - self.lines[end].width >= SHORT_MIN or self.layout.indented(after)
            # A next line that fills this same measure, spaced as the box's lines are, reads as more summary.
            spacing = self.lines[end - 1].blank_after if end > start else False
            continued = (
                after < limit
                and self.lines[end].blank_after == spacing
                and measure - 0.5 <= self.lines[after].width <= measure + FULL_SLACK
            )
            # A summary box runs to several lines; one or two would not show a measure of their own.
            few = end - start < MIN_SUMMARY_LINES - 1
            cost = (
                3.0 * defects
                + (0.0 if confirmed else 1.0)
                + (2.0 if truncated else 0.0)
                + (1.5 if continued else 0.0)
                + (2.0 if few else 0.0)
            )
            fits[end] = (cost, truncated)
        return fits

    def read_headline(self, start: int, limit: int, last: bool) -> Headline | None:
        """Read the headline and summary after a byline, in whichever order they were printed.

        Every reading is tried (headline of one or two lines before or after a summary ending at
        any sentence end) and the one that best fits the page's conventions wins.
        """
        # (cost, title_at, count, summary_at, summary_end, truncated, title_first, next_start)
        candidates: list[tuple[float, int, int, int, int, bool, bool, int]] = []
        summary_first = self.summary_fits(start, limit)
        for count in (2, 1):
            if self.title_lines_ok(start, count, limit) and start + count < limit:
                summary_start = start + count
                for end, (cost, truncated) in self.summary_fits(summary_start, limit).items():
                    cost += self.title_cost(start, count) + self.start_cost(end + 1, limit, last)
                    candidates.append((cost, start, count, summary_start, end, truncated, True, end + 1))
            for end, (cost, truncated) in summary_first.items():
                if not self.title_lines_ok(end + 1, count, limit):
                    continue
                cost += self.title_cost(end + 1, count) + self.start_cost(end + 1 + count, limit, last)
                candidates.append((cost, end + 1, count, start, end, truncated, False, end + 1 + count))
        if not candidates:
            return None
        # The first of equally good readings wins: candidates are listed in a fixed order.
        best = min(candidates, key=lambda c: c[0])
        return self.headline(*best[1:], cost=best[0])

    def headline(
        self,
        title_at: int,
        count: int,
        summary_at: int,
        summary_end: int,
        truncated: bool,
        title_first: bool,
        next_start: int,
        cost: float,
    ) -> Headline:
        title = "".join(line.text for line in self.lines[title_at : title_at + count])
        summary = "".join(line.text for line in self.lines[summary_at : summary_end + 1])
        last = max(title_at + count - 1, summary_end)
        return Headline(
            title=title,
            title_line=self.lines[title_at].number,
            summary=summary,
            summary_line=self.lines[summary_at].number,
            truncated=truncated,
            title_first=title_first,
            next_start=next_start,
            last_line=self.lines[last].number,
            cost=cost,
        )

    # -- strays --------------------------------------------------------------------------------

    def is_stray(self, index: int) -> bool:
        return self.strays[index]

    def skip_strays(self, index: int, limit: int) -> int:
        while index < limit and self.is_stray(index):
            index += 1
        return index

    def stray_notes(self, start: int, stop: int) -> list[Note]:
        return [
            Note(self.lines[k].number, f"dropped stray {self.lines[k].text!r}: it belongs to no article")
            for k in range(start, stop)
        ]

    # -- body ----------------------------------------------------------------------------------

    def heading_at(self, i: int, start: int, end: int) -> int:
        """How many lines (2, 1 or 0) of a section heading begin at line i of a body."""
        if i > start and not (self.lines[i].blank_before and ends_sentence(self.lines[i - 1].text)):
            return 0
        for count in (2, 1):
            after = i + count
            if after >= end:
                continue
            if count == 2 and not self.layout.same_run(i, i + 1):
                continue
            lines = self.lines[i:after]
            # Headings are set in a larger type than the body: clearly narrower than its column.
            column = self.layout.column(after) or 0.0
            if not all(line.width <= min(MAX_HEADING_WIDTH, column - HEADING_MARGIN) for line in lines):
                continue
            # A two-line heading may break after a comma or colon; its last line may not.
            if not title_eligible(lines[-1]) or (count == 2 and not title_eligible(lines[0], wrapped=True)):
                continue
            if self.layout.indented(after) and not self.is_stray(after):
                return count
        return 0

    def read_body(self, start: int, end: int) -> tuple[list[str], list[Section], list[Note]]:
        """Split an article body into lead paragraphs and headed sections."""
        lead: list[str] = []
        sections: list[Section] = []
        notes: list[Note] = []
        paragraphs = lead
        current: list[str] = []
        heading: tuple[str, int] | None = None

        def close_section() -> None:
            if heading is not None:
                sections.append(Section(heading=heading[0], paragraphs=tuple(paragraphs), line=heading[1]))

        i = start
        while i < end:
            if not current:
                count = self.heading_at(i, start, end)
                if count:
                    close_section()
                    heading = ("".join(line.text for line in self.lines[i : i + count]), self.lines[i].number)
                    paragraphs = []
                    i += count
                    continue
                if self.is_stray(i):
                    notes.extend(self.stray_notes(i, i + 1))
                    i += 1
                    continue
            current.append(self.lines[i].text)
            last = i + 1 == end
            if (
                last
                or self.ends_paragraph(i, end, first=len(current) == 1)
                or (ends_sentence(self.lines[i].text) and self.heading_at(i + 1, start, end))
            ):
                if last and not ends_sentence(self.lines[i].text):
                    notes.append(
                        Note(
                            self.lines[i].number,
                            "the last paragraph before the byline does not end a sentence; text may be missing",
                        )
                    )
                paragraphs.append("".join(current))
                current = []
            i += 1
        close_section()
        return lead, sections, notes

    # -- the page ------------------------------------------------------------------------------

    def parse(self) -> Page:
        bylines = self.find_bylines()
        self.layout = Layout(self.lines, frozenset(k for b in bylines for k in range(b.start, b.end + 1)))
        if not bylines:
            self.problem(
                None,
                "no byline found",
                hint="every article ends with its authors in full-width parentheses, e.g. （李阳，五邑大学副教授）",
            )
            raise SourceProblems(self.problems)
        # First every headline (what follows each byline), then every body: the headline and
        # summary boxes are set in their own measures, so no body column may reach across them.
        headlines: list[Headline] = []
        cursor = 0
        for number, byline in enumerate(bylines):
            last = number + 1 == len(bylines)
            limit = len(self.lines) if last else bylines[number + 1].start
            if byline.start <= cursor:
                self.problem(byline.start, "this byline has no article text before it", hint="check the page's OCR text")
                break
            headline = self.read_headline(byline.end + 1, limit, last) if byline.end + 1 < limit else None
            if headline is None:
                self.problem(
                    byline.end,
                    "the byline is not followed by a headline and a summary",
                    hint="after the byline the page must print the article's title (one or two lines) and its summary",
                )
                break
            headlines.append(headline)
            cursor = self.skip_strays(headline.next_start, limit)
        if self.problems:
            raise SourceProblems(self.problems)
        boxed = {k for b, h in zip(bylines, headlines, strict=True) for k in range(b.start, h.next_start)}
        self.layout = Layout(self.lines, frozenset(boxed))
        articles: list[Article] = []
        cursor = 0
        for number, (byline, headline) in enumerate(zip(bylines, headlines, strict=True)):
            last = number + 1 == len(bylines)
            limit = len(self.lines) if last else bylines[number + 1].start
            lead, sections, notes = self.read_body(cursor, byline.start)
            next_start = self.skip_strays(headline.next_start, limit)
            notes.extend(self.stray_notes(headline.next_start, next_start))
            if last and next_start < limit:
                leftover = range(next_start, limit)
                if all(is_mark_only(self.lines[k].text) for k in leftover):
                    notes.extend(self.stray_notes(next_start, limit))
                else:
                    self.problem(
                        next_start,
                        f"text after the last article (to line {self.lines[limit - 1].number}) has no byline",
                        hint="an article ends with its authors in full-width parentheses; add the byline or remove the text",
                    )
            if headline.truncated:
                notes.append(
                    Note(headline.summary_line, f"the summary is cut at its start; kept what survives: {headline.summary[:12]}…")
                )
            articles.append(
                Article(
                    title=headline.title,
                    authors=byline.authors,
                    summary=headline.summary,
                    summary_truncated=headline.truncated,
                    lead=tuple(lead),
                    sections=tuple(sections),
                    byline=byline.text,
                    title_first=headline.title_first,
                    first_line=self.lines[cursor].number,
                    byline_line=self.lines[byline.start].number,
                    title_line=headline.title_line,
                    summary_line=headline.summary_line,
                    last_line=headline.last_line,
                    warnings=tuple(sorted(notes, key=lambda n: n.line)),
                )
            )
            cursor = next_start
        if self.problems:
            raise SourceProblems(self.problems)
        page_notes = self.source.notes
        if self.source.encoding != "utf-8":
            page_notes = (Note(1, f"decoded as {self.source.encoding.upper()}, not UTF-8"), *page_notes)
        return Page(source=self.source.name, articles=tuple(articles), warnings=page_notes, encoding=self.source.encoding)


def parse_page(source: SourceText) -> Page:
    """Reconstruct every article of one decoded page; raise SourceProblems listing all problems."""
    return PageParser(source).parse()
