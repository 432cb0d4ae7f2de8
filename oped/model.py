"""The article model: frozen dataclasses, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Note:
    """Something the parser changed or doubted, tied to a source line."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def chinese_date(iso: str) -> str:
    """A date as Chinese papers print it, the same in both scripts.

    >>> chinese_date("2024-09-10"), chinese_date("")
    ('2024年9月10日', '')
    """
    if not iso:
        return ""
    year, month, day = iso.split("-")
    return f"{int(year)}年{int(month)}月{int(day)}日"


# What an article is: a commentary prints no summary box, an interview is signed by its reporter.
ARTICLE, COMMENTARY, INTERVIEW = "article", "commentary", "interview"
KINDS = (ARTICLE, COMMENTARY, INTERVIEW)


@dataclass(frozen=True)
class Doubt:
    """Where the best reading of the page barely beat the next: a place for a reviewer to look."""

    line: int
    chosen: str
    alternative: str

    def __str__(self) -> str:
        return f"line {self.line}: read as {self.chosen}, could be {self.alternative}"


@dataclass(frozen=True)
class LeftOver:
    """A line of the page that belongs to no article (furniture, a jump line, noise, unreadable text)."""

    line: int
    text: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "why": self.why}


@dataclass(frozen=True)
class Author:
    """One author of a byline: a name and the affiliation printed after it."""

    name: str
    affiliation: str


@dataclass(frozen=True)
class Section:
    """A section heading with the paragraphs under it."""

    heading: str
    paragraphs: tuple[str, ...]
    line: int = 0
    level: int = 2  # 2 for a heading (unnumbered or 一、), 3 for a sub-heading (（一）)


@dataclass(frozen=True)
class Article:
    """One article as a careful editor would restore it from the page."""

    title: str
    authors: tuple[Author, ...]
    summary: str
    summary_truncated: bool
    lead: tuple[str, ...]
    sections: tuple[Section, ...]
    byline: str = ""
    title_first: bool = True
    first_line: int = 0
    byline_line: int = 0
    title_line: int = 0
    summary_line: int = 0
    last_line: int = 0
    warnings: tuple[Note, ...] = ()
    kind: str = ARTICLE  # one of KINDS
    subtitle: str = ""
    editors_note: str = ""
    continued_from: str = ""  # the page the body comes from (上接A6版 → "A6")
    continued_to: str = ""  # the page the body goes on to (下转A8版 → "A8")
    doubts: tuple[Doubt, ...] = ()
    top_byline: str = ""  # the byline printed above the body, as printed (□ 李某某)
    editors_note_label: str = ""  # the editor's note's label, as printed (编者按：)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """Every body paragraph in print order, lead first."""
        return self.lead + tuple(p for s in self.sections for p in s.paragraphs)

    def source_order_text(self) -> str:
        """Every character the article took from the page, in the order the page printed it."""
        body = "".join(self.lead) + "".join(s.heading + "".join(s.paragraphs) for s in self.sections)
        head = self.title + self.subtitle
        tail = head + self.summary if self.title_first else self.summary + head
        opening = self.editors_note_label + self.editors_note + self.top_byline
        return opening + body + self.byline + tail

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape documented in the README."""
        return {
            "title": self.title,
            "authors": [{"name": a.name, "affiliation": a.affiliation} for a in self.authors],
            "summary": self.summary,
            "summary_truncated": self.summary_truncated,
            "lead": list(self.lead),
            "sections": [{"heading": s.heading, "level": s.level, "paragraphs": list(s.paragraphs)} for s in self.sections],
            "kind": self.kind,
            "subtitle": self.subtitle,
            "editors_note": self.editors_note,
            "editors_note_label": self.editors_note_label,
            "top_byline": self.top_byline,
            "continued_from": self.continued_from,
            "continued_to": self.continued_to,
            "doubts": [str(d) for d in self.doubts],
            "warnings": [str(w) for w in self.warnings],
            "byline": self.byline,
            "lines": {
                "first": self.first_line,
                "byline": self.byline_line,
                "title": self.title_line,
                "summary": self.summary_line,
                "last": self.last_line,
            },
        }


@dataclass(frozen=True)
class Page:
    """One printed page: its source file name and its articles in print order."""

    source: str
    articles: tuple[Article, ...]
    warnings: tuple[Note, ...] = field(default=())
    encoding: str = "utf-8"
    left_over: tuple[LeftOver, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape documented in the README."""
        return {
            "source": self.source,
            "encoding": self.encoding,
            "articles": [a.to_dict() for a in self.articles],
            "left_over": [x.to_dict() for x in self.left_over],
            "warnings": [str(w) for w in self.warnings],
        }


@dataclass(frozen=True)
class PageInfo:
    """What a seed's sidecar says about its printed page; every field may be missing."""

    source: str
    publication: str = ""
    date: str = ""  # ISO date, YYYY-MM-DD
    page: str = ""  # page or edition name, e.g. "A07 理论评论"

    @property
    def known(self) -> bool:
        return bool(self.publication or self.date or self.page)

    def label(self) -> str:
        """How the page is named to readers, e.g. "江门日报 · 2024年9月10日 · A07 理论评论"."""
        parts = [p for p in (self.publication, chinese_date(self.date), self.page) if p]
        return " · ".join(parts) if parts else f"版面 {self.source.removesuffix('.txt')}"
