"""Chinese word segmentation (jieba), set up once and quietly for the whole process."""

from __future__ import annotations

import logging
from functools import cache

import jieba


@cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.ERROR)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


WINDOW = 8  # characters either side of a place that decide the words around it


def boundaries(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether a word begins at ``start`` and whether one ends at ``end`` of ``text``, as jieba cuts
    the few characters around them.

    >>> boundaries("三个行政村归并为一个社区", 6, 8), boundaries("要有里子和面子", 5, 7)
    ((False, True), (True, True))
    """
    left = max(0, start - WINDOW)
    window = text[left : end + WINDOW]
    edges = {left}
    for word in _tokenizer().cut(window, HMM=False):
        edges.add(max(edges) + len(word))
    return start in edges, end in edges


def cut(text: str) -> list[str]:
    """The words of ``text``, in order (jieba's accurate mode, no HMM guessing of new words).

    >>> cut("粤港澳大湾区")
    ['粤港澳', '大湾', '区']
    """
    return [word for word in _tokenizer().cut(text, HMM=False) if word.strip()]
