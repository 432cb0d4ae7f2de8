"""Clean-ups of one printed line: small pure functions, applied in the order of ``LINE_FIXES``.

Each removes only layout noise (whitespace); no function changes or drops a visible character.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A narrow justified line spreads its characters with single spaces: 积 极 发 展 服 务 型 制.
_JUSTIFIED = re.compile(r"^\S( +\S){2,}$")
_ALNUM = re.compile(r"[0-9A-Za-z]")
_SPACES = re.compile(r"\s+")


def strip_edges(line: str) -> str:
    """Drop whitespace at both ends, full-width spaces included.

    >>> strip_edges("\\u3000 现代化产业体系 ")
    '现代化产业体系'
    """
    return line.strip()


def join_justified(line: str) -> str:
    """Remove the spaces a justified narrow line puts between every character.

    >>> join_justified("积 极 发 展 服 务 型 制")
    '积极发展服务型制'
    >>> join_justified("Made in China")
    'Made in China'
    """
    if _JUSTIFIED.match(line):
        return line.replace(" ", "")
    return line


def drop_spaces_beside_cjk(line: str) -> str:
    """Drop spaces unless Latin letters or digits stand on both sides; fold those to one space.

    >>> drop_spaces_beside_cjk("总面积 3240 平方公里")
    '总面积3240平方公里'
    >>> drop_spaces_beside_cjk("打造 AI  Lab 品牌")
    '打造AI Lab品牌'
    >>> drop_spaces_beside_cjk("ESG (environmental, social and governance) 理念")
    'ESG(environmental, social and governance)理念'
    """

    def keep_between_words(match: re.Match[str]) -> str:
        before = line[match.start() - 1] if match.start() else ""
        after = line[match.end()] if match.end() < len(line) else ""
        # Between two Latin words, or after the punctuation of English text: one space stays.
        english = before in ",.;:!?" and match.start() > 1 and _ALNUM.match(line[match.start() - 2])
        return " " if (_ALNUM.match(before) or english) and _ALNUM.match(after) else ""

    return _SPACES.sub(keep_between_words, line)


_ASCII_BETWEEN_CJK = re.compile(r"(?<=[\u3400-\u9fff”」』）])([,;:?!])(?=[\u3400-\u9fff“「『（])")
_FULL_WIDTH = str.maketrans(",;:?!", "，；：？！")
# What any fix of LINE_FIXES acts on: whitespace, or ASCII punctuation.
_NEEDS_FIX = re.compile(r"[\s,;:?!]")


def full_width_marks(line: str) -> str:
    """Make ASCII punctuation OCR put between Chinese characters full-width; numbers keep theirs.

    >>> full_width_marks("工厂车间,人工智能:场景?好!"), full_width_marks("晚上9:30")
    ('工厂车间，人工智能：场景？好!', '晚上9:30')
    """
    if not _ASCII_BETWEEN_CJK.search(line):
        return line
    return _ASCII_BETWEEN_CJK.sub(lambda m: m.group(1).translate(_FULL_WIDTH), line)


LINE_FIXES: tuple[Callable[[str], str], ...] = (
    strip_edges,
    join_justified,
    drop_spaces_beside_cjk,
    full_width_marks,
)


def clean_line(line: str) -> str:
    """Apply every fix of ``LINE_FIXES`` in order.

    >>> clean_line(" 性 服 务 业 赋 能 制 造")
    '性服务业赋能制造'
    """
    if not _NEEDS_FIX.search(line):
        return line  # every fix leaves such a line as it is; most lines are so
    for fix in LINE_FIXES:
        line = fix(line)
    return line


def is_justified(raw: str) -> bool:
    """True when the raw line was spread over its column with spaces (so it is a full line).

    >>> is_justified("业 科 技 创 新 中 心 建")
    True
    >>> is_justified("业科技创新中心建")
    False
    """
    return bool(_JUSTIFIED.match(raw.strip()))
