"""A static search index per variant that a Chinese reader can trust, and that stays small per query.

- Script-blind: index and query are folded character by character to Simplified forms (衞 → 卫,
  爲 → 为, 僑 → 侨), so 侨乡 finds 僑鄉 and a Traditional query finds a Simplified page. Folding is
  1:1 in length, so a match in folded text is a match at the same place in the shown text.
- No dictionary: Chinese is indexed as overlapping character bigrams (Lucene's CJK analysis), Latin
  and digits as words. A phrase's bigrams, cross-word ones included (技成, 果转 in 科技成果转化),
  almost never all occur in an article that lacks the phrase.
- Chunked: postings are hashed into shards of about SHARD_BYTES; a query downloads the shards of its
  bigrams and the texts of the few articles it shows, never the whole index. The browser side
  (oped/assets/oped-search.js) verifies exact phrases in those texts and ranks them first.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

import opencc

from .docs import split_front_matter, unescape

SHARD_BYTES = 12_000
FOLDER = "search"  # under each variant's root
# How much a word found in a field counts, relative to the body.
FIELD_WEIGHTS = {"title": 8, "authors": 6, "summary": 3, "headings": 3, "body": 1}
MAX_WEIGHT = 255
INDEX_VERSION = 1
_HAN_CLASS = "[\u3400-\u9fff\uf900-\ufaff]"
_WORD = re.compile(r"[0-9a-z]+")


@cache
def fold_table() -> dict[str, str]:
    """Every Traditional or variant character OpenCC maps to exactly one other (Simplified) one."""
    to_simplified = opencc.OpenCC("hk2s")
    t2s = opencc.OpenCC("t2s")
    table: dict[str, str] = {}
    for code in range(0x3400, 0xA000):
        char = chr(code)
        for converter in (to_simplified, t2s):
            folded = converter.convert(char)
            # Both sides in the Basic Multilingual Plane: one UTF-16 unit each, as the browser reads them.
            if len(folded) == 1 and folded != char and ord(folded) < 0x10000:
                table[char] = folded
                break
    # A few forms OpenCC keeps apart that readers type either way.
    table.update({"衛": "卫", "衞": "卫", "爲": "为", "為": "为", "裡": "里", "裏": "里", "綫": "线", "線": "线"})
    return table


@cache
def _fold_map() -> dict[int, str]:
    """fold's table as str.translate takes it: every folded character and full-width ASCII."""
    table = {ord(char): folded for char, folded in fold_table().items()}
    table.update({code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)})
    return table


def fold(text: str) -> str:
    """Lowercase, full-width ASCII made ASCII, every character in its Simplified form; same length.

    >>> fold("僑鄉ＡＩ為衞")
    '侨乡ai为卫'
    """
    return text.translate(_fold_map()).lower()


_BIGRAM = re.compile(f"(?=({_HAN_CLASS}{{2}}))")
_LONE = re.compile(f"(?<!{_HAN_CLASS}){_HAN_CLASS}(?!{_HAN_CLASS})")


def tokens(folded: str) -> list[str]:
    """The index terms of folded text: bigrams of Chinese runs (a lone character alone), ASCII words.

    >>> tokens("科技成果转化，5g 与 ai。侨")
    ['科技', '技成', '成果', '果转', '转化', '与', '侨', '5g', 'ai']
    """
    return _BIGRAM.findall(folded) + _LONE.findall(folded) + _WORD.findall(folded)


def shard_of(token: str, shards: int) -> int:
    """FNV-1a over the token's UTF-16 code units, as oped-search.js computes it.

    >>> shard_of("侨乡", 64)
    2
    """
    value = 0x811C9DC5
    data = token.encode("utf-16-le")
    for index in range(0, len(data), 2):
        value ^= data[index] | (data[index + 1] << 8)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value % shards


@dataclass(frozen=True)
class SearchDoc:
    """What search shows and weighs of one article: its URL (from the variant's root) and text."""

    url: str
    title: str
    authors: str
    summary: str
    blocks: tuple[str, ...]  # headings and paragraphs, in order
    headings: tuple[str, ...]


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def search_doc(path: str, markdown: str) -> SearchDoc:
    """A search document from a published article page (front matter and Markdown body)."""
    meta, body = split_front_matter(markdown)
    body = body.split('<div class="oped-links"', 1)[0]
    blocks: list[str] = []
    headings: list[str] = []
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block or block.startswith(("# ", "!!!", "{:")) or "\n{: ." in block or block.startswith("    "):
            continue
        heading = block.startswith("#")
        text = unescape(_LINK.sub(r"\1", re.sub(r"\s*\{#[^}]*\}\s*$", "", block.lstrip("#").strip()))).replace("**", "")
        blocks.append(text)
        if heading:
            headings.append(text)
    authors = "　".join(f"{a['name']} {a.get('affiliation') or ''}".strip() for a in meta.get("authors", []))
    url = path.removesuffix(".md") + "/"
    return SearchDoc(url, str(meta.get("title", "")), authors, str(meta.get("summary", "")), tuple(blocks), tuple(headings))


def weights(doc: SearchDoc) -> Counter[str]:
    """How much each of a document's terms counts: its uses, weighed by the field they are in."""
    fields = {
        "title": doc.title,
        "authors": doc.authors,
        "summary": doc.summary,
        "headings": "\n".join(doc.headings),
        "body": "\n".join(b for b in doc.blocks if b not in doc.headings),
    }
    found: Counter[str] = Counter(tokens(fold(fields.pop("body"))))
    for field, text in fields.items():
        for token, count in Counter(tokens(fold(text))).items():
            found[token] += count * FIELD_WEIGHTS[field]
    return found


def build_index(docs: list[SearchDoc]) -> dict[str, str]:
    """Every file of one variant's search index, by path under its FOLDER."""
    # Postings as they go into the files: (gap from the previous document, weight) pairs, built in
    # document order so no list needs sorting (small gaps also compress well).
    postings: dict[str, list[int]] = {}
    last: dict[str, int] = {}
    for number, doc in enumerate(docs):
        for token, weight in weights(doc).items():
            entry = postings.get(token)
            if entry is None:
                postings[token] = [number, min(weight, MAX_WEIGHT)]
            else:
                entry += (number - last[token], min(weight, MAX_WEIGHT))
            last[token] = number
    size = sum(len(t) * 3 + 3 * len(p) for t, p in postings.items())
    shards = 1 << max(4, math.ceil(math.log2(max(1, size / SHARD_BYTES))))
    grouped: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for token in sorted(postings):
        grouped[shard_of(token, shards)][token] = postings[token]
    files = {
        "meta.json": _json({"version": INDEX_VERSION, "docs": len(docs), "shards": shards}),
        "fold.json": _json("".join(k + v for k, v in sorted(fold_table().items()))),
    }
    for shard in range(shards):
        files[f"s/{shard}.json"] = _json(grouped.get(shard, {}))
    for number, doc in enumerate(docs):
        files[f"d/{number}.json"] = _json(
            {"u": doc.url, "t": doc.title, "a": doc.authors, "s": doc.summary, "b": list(doc.blocks)}
        )
    return files


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
