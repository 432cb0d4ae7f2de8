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


def cut(text: str) -> list[str]:
    """The words of ``text``, in order (jieba's accurate mode, no HMM guessing of new words).

    >>> cut("粤港澳大湾区")
    ['粤港澳', '大湾', '区']
    """
    return [word for word in _tokenizer().cut(text, HMM=False) if word.strip()]
