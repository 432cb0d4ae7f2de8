"""ASCII slugs for URLs: pinyin of the words of a title or a name, stable and readable."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from pypinyin import lazy_pinyin

from .cache import persistent
from .words import cut

MAX_SLUG = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@persistent
def pinyin_slug(text: str) -> str:
    """The words of ``text`` in toneless pinyin, joined by hyphens, cut at a word boundary.

    >>> pinyin_slug("以现代服务业高质量发展增强城市竞争力")
    'yi-xiandai-fuwuye-gaozhiliang-fazhan-zengqiang-chengshi'
    >>> pinyin_slug("打造“三湾”合作区：2024年AI新赛道")
    'dazao-sanwan-hezuo-qu-2024-nian-ai-xin-saidao'
    >>> pinyin_slug("！？")
    'untitled'
    """
    words: list[str] = []
    for word in cut(text):
        ascii_word = _NOT_SLUG.sub("-", "".join(lazy_pinyin(word)).lower()).strip("-")
        if ascii_word:
            words.append(ascii_word)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG and slug:
            break
        slug = candidate[:MAX_SLUG]
    return slug or "untitled"


def initials(text: str) -> str:
    """The first letters of the pinyin of each character: a short, stable tag for a name.

    >>> initials("五邑大学")
    'wydx'
    """
    return "".join(p[0] for p in lazy_pinyin(text) if p and p[0].isascii() and p[0].isalnum()).lower()


def unique(slug: str, taken: Iterable[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… whichever is not taken yet.

    >>> unique("a", {"a", "a-2"})
    'a-3'
    """
    used = taken if isinstance(taken, (set, frozenset)) else set(taken)
    if slug not in used:
        return slug
    number = 2
    while f"{slug}-{number}" in used:
        number += 1
    return f"{slug}-{number}"


def distinct(slug: str, taken: Iterable[str], salt: str) -> str:
    """``slug``, or, when it is taken, ``slug`` with a short tag made from ``salt`` (the seed file
    and article number): an article gets the same URL in every branch, whatever was imported
    before it, so two pull requests importing articles of one title give them different URLs.

    >>> distinct("a", set(), "000.txt#1"), distinct("a", {"a"}, "000.txt#1"), distinct("a", {"a"}, "001.txt#1")
    ('a', 'a-de2a2c', 'a-91bc84')
    """
    used = taken if isinstance(taken, (set, frozenset)) else set(taken)
    if slug not in used:
        return slug
    tag = hashlib.sha256(salt.encode("utf-8")).hexdigest()
    for size in (6, 12, len(tag)):
        if f"{slug}-{tag[:size]}" not in used:
            return f"{slug}-{tag[:size]}"
    return unique(f"{slug}-{tag}", used)
