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
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

import opencc

from .cache import digest
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


class SearchIndex:
    """One variant's search index, kept up to date as its documents change.

    Postings are kept as they go into the files: (gap from the previous document, weight) pairs in
    document order (small gaps compress well). When the documents are the same list of URLs as at
    the last update and only some changed, only their terms' postings, the shards holding those and
    their own files are made again; the files are the same as a fresh index's.
    """

    def __init__(self) -> None:
        self.docs: list[SearchDoc] = []
        self.postings: dict[str, list[int]] = {}
        self.size = 0  # estimated bytes of all postings, which sets the number of shards
        self.shards = 0
        self.in_shard: dict[int, set[str]] = defaultdict(set)
        self.files: dict[str, str] = {}
        self.digests: dict[str, str] = {}  # of each file, made when the file is

    def update(self, docs: list[SearchDoc]) -> dict[str, str]:
        """Every file of the index of ``docs``, by path under FOLDER."""
        if [d.url for d in docs] != [d.url for d in self.docs]:
            self.__init__()  # type: ignore[misc]
            self._add_all(docs)
        else:
            changed = [number for number, (old, new) in enumerate(zip(self.docs, docs, strict=True)) if old != new]
            touched = self._replace(changed, docs)
            self.docs = list(docs)
            shards = _shard_count(self.size)
            if shards != self.shards:
                self._group(shards)
            else:
                self._write_shards({shard_of(token, shards) for token in touched})
            for number in changed:
                self._file(f"d/{number}.json", _doc_json(docs[number]))
        return dict(self.files)

    def _file(self, path: str, text: str) -> None:
        self.files[path] = text
        self.digests[path] = digest(text)

    def _add_all(self, docs: list[SearchDoc]) -> None:
        last: dict[str, int] = {}
        postings = self.postings
        for number, doc in enumerate(docs):
            for token, weight in weights(doc).items():
                entry = postings.get(token)
                if entry is None:
                    postings[token] = [number, min(weight, MAX_WEIGHT)]
                else:
                    entry += (number - last[token], min(weight, MAX_WEIGHT))
                last[token] = number
        self.docs = list(docs)
        self.size = sum(_posting_size(token, flat) for token, flat in postings.items())
        self._file("fold.json", _json("".join(k + v for k, v in sorted(fold_table().items()))))
        for number, doc in enumerate(docs):
            self._file(f"d/{number}.json", _doc_json(doc))
        self._group(_shard_count(self.size))

    def _replace(self, changed: list[int], docs: list[SearchDoc]) -> set[str]:
        """Swap the postings of the changed documents; return the terms touched."""
        touched: set[str] = set()
        for number in changed:
            old, new = weights(self.docs[number]), weights(docs[number])
            for token in old.keys() | new.keys():
                if token in old and token in new and min(old[token], MAX_WEIGHT) == min(new[token], MAX_WEIGHT):
                    continue  # its posting stays as it is
                flat = self.postings.get(token, [])
                self.size -= _posting_size(token, flat) if flat else 0
                flat = _with_posting(flat, number, min(new[token], MAX_WEIGHT) if token in new else None)
                if flat:
                    self.postings[token] = flat
                    self.size += _posting_size(token, flat)
                    self.in_shard[shard_of(token, self.shards)].add(token)
                else:
                    self.postings.pop(token, None)
                    self.in_shard[shard_of(token, self.shards)].discard(token)
                touched.add(token)
        return touched

    def _group(self, shards: int) -> None:
        self.shards = shards
        self.in_shard = defaultdict(set)
        for token in self.postings:
            self.in_shard[shard_of(token, shards)].add(token)
        self._write_shards(set(range(shards)))
        for path in [p for p in self.files if p.startswith("s/") and int(p[2:-5]) >= shards]:
            del self.files[path], self.digests[path]

    def _write_shards(self, shards: set[int]) -> None:
        for shard in shards:
            self._file(f"s/{shard}.json", _json({token: self.postings[token] for token in sorted(self.in_shard[shard])}))
        self._file("meta.json", _json({"version": INDEX_VERSION, "docs": len(self.docs), "shards": self.shards}))


def _shard_count(size: int) -> int:
    return 1 << max(4, math.ceil(math.log2(max(1, size / SHARD_BYTES))))


def _posting_size(token: str, flat: list[int]) -> int:
    return len(token) * 3 + 3 * len(flat)


def _with_posting(flat: list[int], number: int, weight: int | None) -> list[int]:
    """A posting list with document ``number`` set to ``weight`` (None: removed).

    >>> _with_posting([1, 5, 2, 7], 2, 9), _with_posting([1, 5, 2, 7], 3, None), _with_posting([1, 5], 1, None)
    ([1, 5, 1, 9, 1, 7], [1, 5], [])
    """
    numbers = list(accumulate(flat[0::2]))
    at = bisect_left(numbers, number)
    present = at < len(numbers) and numbers[at] == number
    previous = numbers[at - 1] if at else 0
    if weight is None:
        if not present:
            return flat
        changed = flat[: 2 * at] + flat[2 * at + 2 :]
        if at + 1 < len(numbers):
            changed[2 * at] = numbers[at + 1] - previous
        return changed
    if present:
        changed = list(flat)
        changed[2 * at + 1] = weight
        return changed
    changed = [*flat[: 2 * at], number - previous, weight, *flat[2 * at :]]
    if at < len(numbers):
        changed[2 * at + 2] = numbers[at] - number
    return changed


def _doc_json(doc: SearchDoc) -> str:
    return _json({"u": doc.url, "t": doc.title, "a": doc.authors, "s": doc.summary, "b": list(doc.blocks)})


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
