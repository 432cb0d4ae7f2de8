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

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """Every body paragraph in print order, lead first."""
        return self.lead + tuple(p for s in self.sections for p in s.paragraphs)

    def source_order_text(self) -> str:
        """Every character the article took from the page, in the order the page printed it."""
        body = "".join(self.lead) + "".join(s.heading + "".join(s.paragraphs) for s in self.sections)
        tail = self.title + self.summary if self.title_first else self.summary + self.title
        return body + self.byline + tail

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape documented in the README."""
        return {
            "title": self.title,
            "authors": [{"name": a.name, "affiliation": a.affiliation} for a in self.authors],
            "summary": self.summary,
            "summary_truncated": self.summary_truncated,
            "lead": list(self.lead),
            "sections": [{"heading": s.heading, "paragraphs": list(s.paragraphs)} for s in self.sections],
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

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape documented in the README."""
        return {
            "source": self.source,
            "encoding": self.encoding,
            "articles": [a.to_dict() for a in self.articles],
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
