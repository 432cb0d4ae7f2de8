"""Queries a reader would type, with the articles that must come first: the search test set.

For every article: a phrase of its title, of its summary and of its text (each the first window
found in no other article), its authors' names and institutions, in Simplified and in Hong Kong
Traditional. The expected articles of a query are all those that contain it, so a query shared by
several articles is answered by any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .docs import DocPage, unescape
from .links import institution_of

# Phrases named in the search issue: where an article holds them, they are in the set too.
NAMED_PHRASES = ("四链融合", "生活性服务业", "科技成果转化", "新质生产力", "粤港澳大湾区", "黄茅海跨海通道", "侨乡")


@dataclass(frozen=True)
class Query:
    text: str
    script: str  # zh-Hans | zh-Hant
    kind: str  # title | summary | body | author | institution | named
    expected: frozenset[str]  # slugs of the articles that may come first


def plain(page: DocPage) -> str:
    body = "\n".join(line for line in unescape(page.body).split("\n") if not line.startswith(("!!!", "{:", "#")))
    return f"{page.title}\n{page.meta.get('summary', '')}\n{body}"


def unique_window(text: str, others: list[str], size: int) -> str | None:
    """The first run of ``size`` Chinese characters of ``text`` that no other text holds."""
    for start in range(0, max(0, len(text) - size)):
        window = text[start : start + size]
        if all("\u4e00" <= c <= "\u9fff" for c in window) and not any(window in other for other in others):
            return window
    return None


def query_set(pages: list[DocPage], to_traditional: Callable[[str], str]) -> list[Query]:
    texts = {p.slug: plain(p) for p in pages}
    queries: list[tuple[str, str, frozenset[str]]] = []
    for page in pages:
        others = [t for slug, t in texts.items() if slug != page.slug]
        summary = str(page.meta.get("summary", ""))
        body = texts[page.slug].split("\n", 2)[2]
        for kind, source, size in (
            ("title", page.title, 6),
            ("summary", summary[len(summary) // 3 :], 6),
            ("body", body[len(body) // 2 :], 5),
        ):
            window = unique_window(source, others, size)
            if window:
                queries.append((kind, window, frozenset({page.slug})))
        for author in page.meta.get("authors", []):
            name = str(author["name"])
            holders = frozenset(p.slug for p in pages if any(a["name"] == name for a in p.meta.get("authors", [])))
            queries.append(("author", name, holders))
            institution = institution_of(str(author.get("affiliation") or ""))
            if institution:
                holders = frozenset(
                    p.slug
                    for p in pages
                    if institution in texts[p.slug]
                    or any(institution in str(a.get("affiliation", "")) for a in p.meta.get("authors", []))
                )
                queries.append(("institution", institution, holders))
    for phrase in NAMED_PHRASES:
        holders = frozenset(slug for slug, text in texts.items() if phrase in text)
        if holders:
            queries.append(("named", phrase, holders))
    unique: dict[tuple[str, str], Query] = {}
    for kind, text, expected in queries:
        for script, shown in (("zh-Hans", text), ("zh-Hant", to_traditional(text))):
            unique.setdefault((script, shown), Query(shown, script, kind, expected))
    return list(unique.values())
