"""What the words of one printed line say about its role: pure functions of the line's text.

The page reader (``parse.py``) weighs these cues together with the geometry of the page; a cue
alone decides nothing except where it cannot be anything else (a running header, a jump line).
"""

from __future__ import annotations

import re
import unicodedata

from .model import Author
from .reflow import is_mark_only
from .textfix import clean_line

# -- page furniture: what the press prints around the articles -----------------------------------

_RUNNING_TEXT = re.compile(r"[，。；、！？]")  # furniture carries no sentence
_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_WEEKDAY = re.compile(r"星期[一二三四五六日天]|周[一二三四五六日]")
_PAGE_NO = re.compile(r"^(?:第\s*)?[A-Z]?\s*\d{1,3}\s*版?$|^[-－—–]\s*\d{1,3}\s*[-－—–]$|^[A-Z]\d{1,2}\s*版?$")
_PAGE_LABEL = re.compile(r"(?:^|\s)[A-Z]\d{1,2}(?:\s|$)|第\s*\d+\s*版")
_STAFF = re.compile(r"(责任编辑|责编|美编|校对|版式设计|版式|组版|图片编辑|本版编辑)\s*[：:]?\s*\S")
# The paper's imprint and contact lines, and the page's section name printed alone.
_IMPRINT = re.compile(
    r"(报社|杂志社|出版社)(出版|主办|编辑)$"
    r"|^(本版)?(邮箱|电子邮箱|投稿邮箱|电话|传真|E-?mail)\s*[：:]|@\w+\.\w+|^(本版|本刊)(邮箱|投稿)"
)
_SECTION_NAME = re.compile(r"^(理论|评论|观点|言论|时评|思想|学习)(\s*[·・]?\s*(评论|周刊|纵横|视点|版))?$")
# A paper's name: a place and 日报/晚报/… (a headline may end in 报 too: 乡村振兴捷报, 奋斗必有回报).
_MASTHEAD = re.compile(r"^[\u4e00-\u9fff]{1,6}(日报|晚报|时报|商报|早报|周报|都市报)(?:\s*[A-Z]?\d{0,3})?$")


FURNITURE_KINDS = ("page number", "masthead", "imprint", "section name", "running header or footer")


def furniture(text: str) -> str:
    """Why a line is page furniture (running header or footer, masthead, page number), or ''.

    >>> furniture("2024年9月17日 星期二 A07 理论评论 责任编辑 陈某某")
    'running header or footer'
    >>> furniture("江门日报"), furniture("A07"), furniture("- 7 -")
    ('masthead', 'page number', 'page number')
    >>> furniture("责任编辑：陈某某  美编：李某")
    'running header or footer'
    >>> furniture("江门日报社出版"), furniture("本版邮箱：llpl@jmrb.com"), furniture("理论评论")
    ('imprint', 'imprint', 'section name')
    >>> furniture("A07　理论评论"), furniture("理论评论 A07")
    ('running header or footer', 'running header or footer')
    >>> furniture("2024年9月，江门市委召开全会。"), furniture("以创新驱动发展"), furniture("2035年")
    ('', '', '')
    >>> furniture("乡村振兴捷报"), furniture("2024年9月17日星期二上午"), furniture("2024年9月17日 星期二")
    ('', '', 'running header or footer')
    """
    if _RUNNING_TEXT.search(text):
        return ""
    if _PAGE_NO.match(text):
        return "page number"
    if _MASTHEAD.match(text):
        return "masthead"
    if _IMPRINT.search(text):
        return "imprint"
    if _SECTION_NAME.match(text):
        return "section name"
    cues = sum(bool(p.search(text)) for p in (_DATE, _WEEKDAY, _PAGE_LABEL, _STAFF))
    # A date and a weekday alone may be body text (2024年9月17日星期二上午): a header also names the page.
    if _STAFF.search(text) or (cues >= 2 and _PAGE_LABEL.search(text)):
        return "running header or footer"
    if cues >= 2 and not re.search(r"[\u4e00-\u9fff]", _WEEKDAY.sub("", _DATE.sub("", text))):
        return "running header or footer"  # the date line of the page, nothing else on it
    label = _PAGE_LABEL.search(text)
    if label and _SECTION_NAME.match((text[: label.start()] + text[label.end() :]).strip()):
        return "running header or footer"  # the page's number and section name: A07　理论评论
    return ""


# -- jump lines: where an article breaks off to another page or comes from one --------------------

_JUMP = re.compile(r"^[（(]?\s*(下转|转下|转第|上接|接上|紧接|接第)\s*第?\s*([A-Z]?\s*\d{1,3})\s*版?\s*[）)]?$")


# The first characters a jump line, a byline at the top or a numbered heading can start with:
# most lines are passed over without a pattern being tried.
JUMP_STARTS = "（(下转上接紧"
TOP_BYLINE_STARTS = "□■◎●○◇◆☆★文作本特通记"
MAX_TOP_BYLINE = 30
HEADING_NUMBER_STARTS = "一二三四五六七八九十（("


def jump(text: str) -> tuple[str, str] | None:
    """("to" | "from", page) for a jump line, else None.

    >>> jump("（下转A8版）"), jump("（上接A6版）"), jump("（紧接第1版）")
    (('to', 'A8'), ('from', 'A6'), ('from', '1'))
    >>> jump("下转A8版的文章说明了这一点。") is None
    True
    """
    match = _JUMP.match(text)
    if not match:
        return None
    direction = "to" if match.group(1) in ("下转", "转下", "转第") else "from"
    return direction, match.group(2).replace(" ", "")


# -- noise -----------------------------------------------------------------------------------

_RULE = re.compile(r"^[—\-_─━=－～~·•*＊]{2,}$")


def noise(text: str) -> str:
    """Why a line of its own is noise (a rule, a lone mark or character), or ''.

    >>> noise("——"), noise("”"), noise("■"), noise("江")
    ('a rule', 'a lone mark', 'a lone mark', 'a lone character')
    >>> noise("——访五邑大学教授张三"), noise("展。"), noise("7")
    ('', '', '')
    """
    if len(text) > 2 and text[0].isalnum():
        return ""
    if _RULE.match(text):
        return "a rule"
    if is_mark_only(text):
        return "a lone mark"
    if len(text) == 1 and unicodedata.category(text)[0] == "L" and not text.isascii():
        return "a lone character"
    return ""


_TEXT_END = re.compile(r"^[\u3400-\u9fff]?[。！？…”’」』）)]+$")


def ends_text(text: str) -> bool:
    """True for a line that can only be the end of the line before, split off by OCR: closing
    marks, or one character and its closing marks.

    >>> ends_text("。"), ends_text("设。"), ends_text("”"), ends_text("港"), ends_text("——")
    (True, True, True, False, False)
    """
    return bool(_TEXT_END.match(text))


PAIRS = {"”": "“", "’": "‘", "」": "「", "』": "『", "）": "（", "》": "《", ")": "("}


def closes_open_mark(before: str, text: str) -> bool:
    """False when ``text`` holds a closing mark that nothing in ``before`` opened: a stray
    mark, not the end of the line before split off by OCR.

    >>> closes_open_mark("推动“设计驱动", "”"), closes_open_mark("鼓励投资企业，优", "”")
    (True, False)
    >>> closes_open_mark("发展", "。")
    True
    """
    return all(before.count(PAIRS[mark]) > before.count(mark) for mark in text if mark in PAIRS)


# -- bylines ---------------------------------------------------------------------------------

_NAME = re.compile(r"^[\u3400-\u9fff]{2,4}$|^[\u3400-\u9fff]{1,8}[·•][\u3400-\u9fff]{1,8}$")
COMMENTATOR = re.compile(r"^本报(特约)?评论员$")
_STAFF_WRITER = re.compile(r"^(本报(?:特约)?(?:记者|通讯员|评论员)|特约评论员|通讯员|记者)\s*(.*)$")
_TOP_MARK = re.compile(r"^(?:[□■◎●○◇◆☆★]\s*|文\s*[/／|]\s*|作者\s*[：:]\s*)(.+)$")


def read_names(text: str) -> tuple[Author, ...] | None:
    """Names separated by spaces or 、, optionally after a staff title (本报记者 张三), else None.

    >>> read_names("李某某 王某某")
    (Author(name='李某某', affiliation=''), Author(name='王某某', affiliation=''))
    >>> read_names("本报记者 张三"), read_names("本报评论员")
    ((Author(name='张三', affiliation='本报记者'),), (Author(name='本报评论员', affiliation=''),))
    >>> read_names("以创新驱动发展") is None
    True
    """
    text = text.strip()
    if COMMENTATOR.match(text):
        return (Author(name=text, affiliation=""),)
    staff = _STAFF_WRITER.match(text)
    title = ""
    if staff and staff.group(2):
        title, text = staff.group(1), staff.group(2)
    names = [n for n in re.split(r"[\s、，,]+", text) if n]
    if not names or not all(_NAME.match(n) for n in names):
        return None
    return tuple(Author(name=n, affiliation=title) for n in names)


def top_byline(text: str) -> tuple[Author, ...] | None:
    """The authors of a byline printed above the body (□ 李某某, 文/李某某, 本报评论员), else None.

    >>> top_byline("□ 李某某"), top_byline("文/张三")
    ((Author(name='李某某', affiliation=''),), (Author(name='张三', affiliation=''),))
    >>> top_byline("本报评论员")
    (Author(name='本报评论员', affiliation=''),)
    >>> top_byline("□ 本报记者 张三 李四")[1]
    Author(name='李四', affiliation='本报记者')
    >>> top_byline("李某某") is None, top_byline("□ 加快发展现代服务业，建设大湾区服务业高地") is None
    (True, True)
    """
    marked = _TOP_MARK.match(text)
    if marked:
        return read_names(marked.group(1))
    if COMMENTATOR.match(text) or (_STAFF_WRITER.match(text) and _STAFF_WRITER.match(text).group(2)):
        return read_names(text)
    return None


_AUTHOR_PREFIX = re.compile(r"^(作者|文)[：:]")
_AFFILIATION_ONLY = re.compile(r"^作者(?:单位[：:]|分别系|系|为)(.+)$")


def closing_byline(inner: str) -> tuple[tuple[Author, ...], bool] | None:
    """Read the inside of a closing byline: (authors, names_known), or None when it is not one.

    Names missing (``作者单位：…``, ``作者系…``) give one author with an empty name per
    affiliation, to be named from the byline at the top.

    >>> closing_byline("李阳，五邑大学副教授")
    ((Author(name='李阳', affiliation='五邑大学副教授'),), True)
    >>> [a.name for a in closing_byline("赵前斌，市统计局党组成员、二级调研员；王璇，五邑大学副教授")[0]]
    ['赵前斌', '王璇']
    >>> closing_byline("作者单位：五邑大学马克思主义学院")
    ((Author(name='', affiliation='五邑大学马克思主义学院'),), False)
    >>> closing_byline("作者系五邑大学教授")[0][0].affiliation
    '五邑大学教授'
    >>> closing_byline("作者：张三，系五邑大学教授")
    ((Author(name='张三', affiliation='五邑大学教授'),), True)
    >>> closing_byline("本报评论员")
    ((Author(name='本报评论员', affiliation=''),), True)
    >>> [(a.name, a.affiliation) for a in closing_byline("谭慧敏　李卓然，五邑大学 AI 学院讲师")[0]]
    [('谭慧敏', '五邑大学AI学院讲师'), ('李卓然', '五邑大学AI学院讲师')]
    >>> closing_byline("一") is None, closing_byline("详见第三版，今日出版") is None
    (True, True)
    """
    inner = inner.strip()
    if COMMENTATOR.match(clean_line(inner)):
        inner = clean_line(inner)
        return (Author(name=inner, affiliation=""),), True
    only = _AFFILIATION_ONLY.match(inner)
    if only:
        parts = [clean_line(p) for p in re.split(r"[；;]", only.group(1)) if p.strip()]
        return tuple(Author(name="", affiliation=p) for p in parts), False
    authors: list[Author] = []
    for part in re.split(r"[；;]", inner):
        part = _AUTHOR_PREFIX.sub("", part.strip())
        if re.search("[，,]", part):
            names, affiliation = re.split(r"[，,]", part, maxsplit=1)
        else:
            names, affiliation = part, ""
        affiliation = clean_line(affiliation).removeprefix("系").removeprefix("为")
        names_list = [n for n in re.split(r"[、\s]+", names.strip()) if n]
        if not names_list or not all(_NAME.match(n) for n in names_list):
            return None
        authors.extend(Author(name=n, affiliation=affiliation) for n in names_list)
    return (tuple(authors), True) if authors else None


def merge_authors(top: tuple[Author, ...], closing: tuple[Author, ...], names_known: bool) -> tuple[Author, ...]:
    """The authors of an article from its byline at the top and its closing line.

    >>> merge_authors((Author("李某", ""),), (Author("", "五邑大学"),), False)
    (Author(name='李某', affiliation='五邑大学'),)
    >>> merge_authors((Author("李某", ""), Author("王某", "")), (Author("", "甲大学"), Author("", "乙大学")), False)
    (Author(name='李某', affiliation='甲大学'), Author(name='王某', affiliation='乙大学'))
    >>> merge_authors((Author("张三", "本报记者"),), (), True)
    (Author(name='张三', affiliation='本报记者'),)
    """
    if names_known and closing:
        return closing
    if not closing:
        return top
    if not top:
        return closing
    if len(closing) == len(top):
        return tuple(Author(t.name, c.affiliation or t.affiliation) for t, c in zip(top, closing, strict=True))
    return tuple(Author(t.name, closing[0].affiliation or t.affiliation) for t in top)


# -- headings, subtitles, notes ---------------------------------------------------------------

_LEVEL_2 = re.compile(r"^[一二三四五六七八九十]{1,3}[、．.]")
_LEVEL_3 = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")


def heading_level(text: str) -> int:
    """2 for a numbered heading 一、…, 3 for a sub-heading （一）…, 0 for no number.

    >>> heading_level("一、坚持创新驱动"), heading_level("（二）强化人才支撑"), heading_level("一是在文旅产业")
    (2, 3, 0)
    """
    if _LEVEL_2.match(text):
        return 2
    if _LEVEL_3.match(text):
        return 3
    return 0


def subtitle(text: str) -> bool:
    """True for a subtitle line: a dash rule followed by words (——访五邑大学教授张三).

    >>> subtitle("——访五邑大学教授张三"), subtitle("——"), subtitle("江门")
    (True, False, False)
    """
    return text.startswith(("——", "—— ", "--")) and any(unicodedata.category(c)[0] == "L" for c in text)


EDITORS_NOTE = re.compile(r"^(?:【\s*编者按\s*】|编者按\s*[：:]?)\s*")


def editors_note(text: str) -> str:
    """The editor's note without its label, or '' for a paragraph that is not one.

    >>> editors_note("编者按：本期刊发三篇文章。"), editors_note("【编者按】本期"), editors_note("编者认为")
    ('本期刊发三篇文章。', '本期', '')
    """
    match = EDITORS_NOTE.match(text)
    return text[match.end() :] if match else ""


INTERVIEW_SPEAKER = re.compile(r"^(记者|本报记者|专家|问|答|主持人)\s*[：:]")
