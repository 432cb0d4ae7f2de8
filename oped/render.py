"""Render an article as the editors' Markdown page: YAML front matter, then title, byline, summary
box, lead and sections.

Text from the page is always escaped, so characters that mean something in Markdown or HTML
(``*``, ``_``, ``#``, ``[``, ``<script>``, a line starting ``1.``) show literally. Enumerated
points get their lead sentence in bold without one character of the text changing.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import yaml

from .model import ARTICLE, Article

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SUMMARY_TITLE = "内容提要"
TRUNCATED_SUMMARY_TITLE = "内容提要（版面上开头缺失）"
BYLINE_CLASS = "oped-byline"
SUBTITLE_CLASS = "oped-subtitle"
JUMP_CLASS = "oped-jump"
EDITORS_NOTE_TITLE = "编者按"
# Where a body comes from or goes on to in print, said as the page said it.
JUMP_FROM = "（上接{page}版）"
JUMP_TO = "（下转{page}版）"
IMPORT_FIELD = "imported"

# Characters that are markup wherever they stand (with the extensions mkdocs.yml enables).
_INLINE_MARKUP = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "{": "\\{",
    "}": "\\}",
    "#": "\\#",
    "<": "&lt;",
    ">": "&gt;",
    "&": "&amp;",
}
_INLINE = re.compile("[" + re.escape("".join(_INLINE_MARKUP)) + "]")
# What is markup only at the start of a block: lists, numbered lists, admonitions, indentation.
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+!])")

# An enumerated point opens with 一是 / 第一， / 首先，… and its lead sentence states the point.
_POINT = re.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、,]|首先[，,]|其次[，,]|再次[，,]|最后[，,])")
_SENTENCE_END = re.compile(r"[。！？；]”?")
MAX_LEAD_SENTENCE = 80


def escape(text: str) -> str:
    """Escape text so Markdown shows it exactly as written.

    >>> escape("a*b_c [d] <script>")
    'a\\\\*b\\\\_c \\\\[d\\\\] &lt;script&gt;'
    >>> escape("1. 第一条")
    '1\\\\. 第一条'
    """
    escaped = _INLINE.sub(lambda m: _INLINE_MARKUP[m.group()], text)
    return _BLOCK_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", escaped)


def point_lead(paragraph: str) -> int:
    """How many characters of a paragraph to set in bold: the lead sentence of an enumerated point.

    >>> p = "一是优化空间布局，探索城乡融合新模式。第一，要空间。"
    >>> p[: point_lead(p)]
    '一是优化空间布局，探索城乡融合新模式。'
    >>> point_lead("江门是侨乡。")
    0
    """
    marker = _POINT.match(paragraph)
    if not marker:
        return 0
    end = _SENTENCE_END.search(paragraph, marker.end())
    if end and end.end() < len(paragraph) and end.end() <= MAX_LEAD_SENTENCE:
        return end.end()
    return marker.end()  # a point that is one long sentence: only its marker in bold


def paragraph_markdown(paragraph: str) -> str:
    """One paragraph of page text as Markdown, the lead of an enumerated point in bold."""
    lead = point_lead(paragraph)
    if not lead:
        return escape(paragraph)
    return f"**{escape(paragraph[:lead])}**{escape(paragraph[lead:]).lstrip()}"


def byline_text(article: Article) -> str:
    """The byline as printed: each author with the affiliation in brackets.

    >>> from oped.model import Author
    >>> a = Article("t", (Author("李阳", "五邑大学副教授"), Author("王璇", "")), "", False, (), ())
    >>> byline_text(a)
    '李阳（五邑大学副教授）　王璇'
    """
    return "　".join(f"{a.name}（{a.affiliation}）" if a.affiliation else a.name for a in article.authors)


def body_markdown(article: Article) -> str:
    """The article body: title (and subtitle), byline, editor's note, summary box, the body's
    lead paragraphs and sections (## for headings, ### for sub-headings), jump lines as printed."""
    blocks = [f"# {escape(article.title)}"]
    if article.subtitle:
        blocks.append(f"{escape(article.subtitle)}\n{{: .{SUBTITLE_CLASS} }}")
    if article.authors:
        blocks.append(f"{escape(byline_text(article))}\n{{: .{BYLINE_CLASS} }}")
    if article.editors_note:
        blocks.append(f'!!! note "{EDITORS_NOTE_TITLE}"\n\n    {escape(article.editors_note)}')
    if article.summary:
        title = TRUNCATED_SUMMARY_TITLE if article.summary_truncated else SUMMARY_TITLE
        kind = "abstract truncated" if article.summary_truncated else "abstract"
        blocks.append(f'!!! {kind} "{title}"\n\n    {escape(article.summary)}')
    if article.continued_from:
        blocks.append(f"{escape(JUMP_FROM.format(page=article.continued_from))}\n{{: .{JUMP_CLASS} }}")
    blocks.extend(paragraph_markdown(p) for p in article.lead)
    for section in article.sections:
        blocks.append(f"{'#' * section.level} {escape(section.heading)}")
        blocks.extend(paragraph_markdown(p) for p in section.paragraphs)
    if article.continued_to:
        blocks.append(f"{escape(JUMP_TO.format(page=article.continued_to))}\n{{: .{JUMP_CLASS} }}")
    return "\n\n".join(blocks) + "\n"


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter between ``---`` lines, keys in the order given."""
    dumped = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    return f"---\n{dumped}---\n\n"


# Characters YAML will not read raw inside a double-quoted scalar, or reads as line breaks.
_YAML_RAW = {code: f"\\u{code:04x}" for code in [*range(0x7F, 0xA0), 0x2028, 0x2029, 0xFFFE, 0xFFFF]}


def generated_front_matter(meta: dict[str, Any]) -> str:
    """Front matter for the pages the build generates (not the editors'): each key and value
    written as JSON, which YAML reads as it is, and many times faster to write than YAML's style.

    >>> print(generated_front_matter({"title": "标题：“副题”", "authors": [{"name": "李阳"}], "hidden": False}), end="")
    ---
    "title": "标题：“副题”"
    "authors": [{"name": "李阳"}]
    "hidden": false
    ---
    <BLANKLINE>
    """
    try:
        lines = [f"{_json(str(key))}: {_json(value)}" for key, value in meta.items()]
    except TypeError:  # a value JSON has no word for (an editor's date): YAML writes it
        return front_matter(meta)
    return "---\n" + "\n".join(lines).translate(_YAML_RAW) + "\n---\n\n"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def content_hash(text: str) -> str:
    """A hash of a page without its ``imported:`` line: tells an editor's change from our import."""
    lines = [line for line in text.split("\n") if not line.startswith(f"{IMPORT_FIELD}:")]
    return "sha256:" + hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def article_page(article: Article, *, slug: str, source: str, number: int, topics: list[str]) -> str:
    """The whole Markdown page of an imported article, stamped with the hash of what was imported."""
    meta: dict[str, Any] = {
        "title": article.title,
        "slug": slug,
        "authors": [{"name": a.name, "affiliation": a.affiliation} for a in article.authors],
    }
    if article.summary:
        meta["summary"] = article.summary
    if article.kind != ARTICLE:
        meta["kind"] = article.kind
    if article.summary_truncated:
        meta["summary_truncated"] = True
    meta["topics"] = topics
    meta["source"] = {"file": source, "article": number, "line": article.first_line}
    text = front_matter(meta) + body_markdown(article)
    meta[IMPORT_FIELD] = content_hash(text)
    return front_matter(meta) + body_markdown(article)
