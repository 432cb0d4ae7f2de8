"""Pages with the conventions of real opinion pages, each varied on its own (test support).

Every article draws, independently: how its authors are printed (closing byline, a byline at the
top with a closing affiliation line, ``作者：X，系Y``, ``文/``), whether it is a commentary or an
interview, an editor's note, numbered headings (``一、``, ``（一）``), jump lines, a summary box
(present, cut, absent, before or after the headline); every page draws furniture between any two
lines, noise and OCR slips. ``conventions_page`` returns the page's text and what a careful editor
restores from it, in the shape of ``benchmarks/read_score.py``'s expected files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from oped.model import Article, Author, Section
from oped.synth import (
    INDENT,
    NO_LINE_START,
    Style,
    _Columns,
    _Writer,
    cut_start,
    random_article,
    random_paragraph,
    wrap,
    write_head,
)

NUMBERS = "一二三四五六七八九十"
SPEAKERS = (("记者：", "？"), ("专家：", "。"))
PUBLICATION = "江门日报"


@dataclass(frozen=True)
class Conventions:
    """How often each convention appears: one independent draw per article (or per page)."""

    top_byline: float = 0.3
    writer_line: float = 0.1  # 作者：X，系Y as the closing line
    commentary: float = 0.1
    interview: float = 0.1
    editors_note: float = 0.1
    numbered: float = 0.3
    sub_numbered: float = 0.5  # of numbered articles
    jump_from: float = 0.08
    jump_to: float = 0.08
    no_summary: float = 0.05
    subtitle: float = 0.1
    furniture_between: float = 0.6  # per page, each of up to three lines
    header: float = 0.5
    footer: float = 0.4
    stray: float = 0.3
    rule: float = 0.2
    ascii_comma: float = 0.3
    hyphen: float = 0.2
    close_columns: float = 0.3  # an article whose columns differ by 1–3 characters
    three_widths: float = 0.2  # an article set in columns of three widths, a new one at every break


@dataclass
class _Page:
    rng: random.Random
    conventions: Conventions
    writer: _Writer
    expected: list[dict] = field(default_factory=list)


def _names(rng: random.Random, count: int) -> list[str]:
    surnames = "李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁区伍"
    given = "明华伟芳娜强军平刚杰磊洋勇艳敏静丽涛超嘉欣"
    return [rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.randint(1, 2))) for _ in range(count)]


EXPECTED_KEYS = (
    "title",
    "authors",
    "summary",
    "summary_truncated",
    "lead",
    "sections",
    "kind",
    "subtitle",
    "editors_note",
    "continued_from",
    "continued_to",
)


def _article_dict(article: Article, **extra) -> dict:
    """The article as read_score's expected files give it: the model's own JSON, these keys."""
    shown = Article(**{**article.__dict__, **extra}).to_dict()
    return {key: shown[key] for key in EXPECTED_KEYS}


def _numbered(rng: random.Random, sections: tuple[Section, ...], sub: bool) -> tuple[Section, ...]:
    """Number the headings 一、二、…; with ``sub``, split each section's paragraphs under （一）（二）."""
    out: list[Section] = []
    for number, section in enumerate(sections):
        heading = f"{NUMBERS[number]}、{section.heading}"
        if sub and len(section.paragraphs) >= 2:
            out.append(Section(heading=heading, paragraphs=(), level=2))
            for k, paragraph in enumerate(section.paragraphs):
                words = "".join(rng.choice("加强完善推动健全培育优化创新服务") for _ in range(rng.randint(3, 6)))
                out.append(Section(heading=f"（{NUMBERS[k]}）{words}", paragraphs=(paragraph,), level=3))
        else:
            out.append(Section(heading=heading, paragraphs=section.paragraphs, level=2))
    return tuple(out)


def conventions_page(
    rng: random.Random, conventions: Conventions | None = None, articles: int | None = None
) -> tuple[str, list[dict], list[str]]:
    """One page: its text, the expected articles, and the lines that belong to no article."""
    conventions = conventions or Conventions()
    style = Style(stray_mark=0.0)
    page = _Page(rng=rng, conventions=conventions, writer=_Writer(rng=rng, style=style))
    out = page.writer.out
    for _ in range(articles or rng.randint(2, 4)):
        _lay_out(page)
    left_over = _add_furniture_and_noise(page)
    return "\n".join(out) + "\n", page.expected, left_over


def _lay_out(page: _Page) -> None:
    rng, cv, writer = page.rng, page.conventions, page.writer
    base, title_lines = random_article(rng)
    widths_base = float(rng.randint(8, 20))
    # The other column of the article: much wider or narrower, a little (1–3, as columns beside a
    # picture or a box), or the same.
    step = rng.random()
    if step < cv.close_columns:
        other = float(min(20, max(8, widths_base + rng.choice((-3, -2, -1, 1, 2, 3)))))
    else:
        other = float(rng.choice([w for w in range(8, 21) if abs(w - widths_base) >= 5]))
    two = step < cv.close_columns or rng.random() < 0.5
    widths: tuple[float, ...] = (widths_base, other) if two else (widths_base, widths_base)
    if rng.random() < cv.three_widths:
        widths = (widths_base, other, float(min(21, max(8, widths_base + rng.choice((-2, -1, 1, 2, 4))))))
    narrowest = min(widths)
    sections = tuple(s for s in base.sections if len(s.heading) + 2 <= 2 * max(3, narrowest - 6.5))
    lead = base.lead
    kind = "article"
    if rng.random() < cv.commentary:
        kind, sections = "commentary", ()
    elif rng.random() < cv.interview:
        kind = "interview"
        exchanges = rng.randint(1, 3)
        lead = (lead[0], *(speaker + random_paragraph(rng)[:-1] + end for _ in range(exchanges) for speaker, end in SPEAKERS))
    if sections and kind == "article" and rng.random() < cv.numbered:
        sections = _numbered(rng, sections, rng.random() < cv.sub_numbered)

    extra: dict = {"kind": kind}
    # A continued article's top byline was printed on the page it comes from.
    jump_from = kind == "article" and rng.random() < cv.jump_from
    names = _names(rng, rng.choice((1, 1, 2)))
    affiliation = rng.choice(("五邑大学副教授", "市委党校教授", "江门职业技术学院讲师", "市社科联研究员"))
    top = closing = ""
    authors: tuple[Author, ...]
    if kind == "commentary":
        authors = (Author("本报评论员", ""),)
        top, closing = ("本报评论员", "") if rng.random() < 0.5 else ("", "（本报评论员）")
    elif kind == "interview":
        authors = (Author(names[0], "本报记者"),)
        top = f"□ 本报记者 {names[0]}"
    elif not jump_from and rng.random() < cv.top_byline:
        authors = tuple(Author(n, affiliation) for n in names)
        top = rng.choice(("□ ", "□", "文/")) + " ".join(names) if len(names) == 1 else "□ " + " ".join(names)
        closing = rng.choice((f"（作者单位：{affiliation}）", f"（作者系{affiliation}）"))
    elif rng.random() < cv.writer_line:
        authors = (Author(names[0], affiliation),)
        closing = f"（作者：{names[0]}，系{affiliation}）"
    else:
        authors = base.authors
        closing = "（" + "；".join(f"{a.name}，{a.affiliation}" for a in authors) + "）"

    jump_to = not jump_from and kind == "article" and rng.random() < cv.jump_to
    note = rng.random() < cv.editors_note and not jump_from
    has_summary = not (kind == "commentary" or jump_from or rng.random() < cv.no_summary)
    subtitle = ""
    if kind == "interview":
        subtitle = f"——访五邑大学教授{_names(rng, 1)[0]}"
    elif rng.random() < cv.subtitle:
        subtitle = "——" + "".join(rng.choice("关于发展江门经济文化的几点思考") for _ in range(rng.randint(6, 10)))

    columns = _Columns(writer, widths)
    writer.blank()
    if jump_from:
        writer.line("（上接A6版）")
        extra["continued_from"] = "A6"
        # The body goes on from the other page: its first paragraph starts mid-sentence, unindented.
        lead = (cut_start(rng, lead[0], low=2), *lead[1:])
        _flow(columns, lead[0], indent=0.0)
        lead_rest = lead[1:]
    else:
        lead_rest = lead
    if note and rng.random() < 0.5:
        extra["editors_note"] = _note(rng, columns)
        note = False
    if top:
        writer.blank()
        writer.line(top)
        writer.blank()
    if note:
        extra["editors_note"] = _note(rng, columns)
    if jump_to:
        # The body breaks off mid-sentence, where the page ran out: its last paragraph is cut.
        lead, lead_rest, sections = _break_off(rng, lead, lead_rest, sections)
    for paragraph in lead_rest:
        _flow(columns, paragraph)
        if rng.random() < writer.style.blank_between_paragraphs:
            writer.blank()
    for section in sections:
        columns.heading(section.heading) if section.level == 2 or rng.random() < 0.5 else _heading_tight(columns, section.heading)
        for paragraph in section.paragraphs:
            _flow(columns, paragraph)
            if rng.random() < writer.style.blank_between_paragraphs:
                writer.blank()
    if jump_to:
        writer.line("（下转A8版）")
        extra["continued_to"] = "A8"
        closing = ""
        # The closing line is on the other page: the top byline names the authors, nothing else.
        authors = tuple(Author(a.name, a.affiliation if kind != "article" else "") for a in authors) if top else ()
    writer.blank()
    if closing:
        for line in wrap(closing, columns.width):
            writer.line(line)
        writer.blank()

    summary, truncated = write_head(writer, title_lines, base.summary if has_summary else "", widths, subtitle)
    article = Article(
        title="".join(title_lines),
        authors=authors,
        summary=summary,
        summary_truncated=truncated,
        lead=lead,
        sections=sections,
    )
    extra["subtitle"] = subtitle
    page.expected.append(_article_dict(article, **extra))


def _flow(columns: _Columns, text: str, indent: float = INDENT) -> None:
    columns.paragraph(text, indent)


def _heading_tight(columns: _Columns, text: str) -> None:
    """A heading set directly above its paragraph, no blank line around it."""
    measure = max(3.0, min(columns.width - 3.5, 14.0))
    lines = [text] if len(text) <= measure else [text[: int(measure)], text[int(measure) :]]
    for line in lines:
        columns.writer.line(line)


def _note(rng: random.Random, columns: _Columns) -> str:
    text = random_paragraph(rng)
    _flow(columns, "编者按：" + text)
    columns.writer.blank()
    return text


def _cut(rng: random.Random, paragraph: str) -> str:
    cut = rng.randint(len(paragraph) // 3, len(paragraph) - 2)
    while cut > 1 and (paragraph[cut - 1] in "，。、；：？！“”" or paragraph[cut] in NO_LINE_START):
        cut -= 1
    return paragraph[:cut]


def _break_off(rng: random.Random, lead: tuple, lead_rest: tuple, sections: tuple) -> tuple[tuple, tuple, tuple]:
    """The article as printed when its body breaks off mid-sentence in its last paragraph."""
    if sections and sections[-1].paragraphs:
        last = sections[-1]
        cut = Section(last.heading, (*last.paragraphs[:-1], _cut(rng, last.paragraphs[-1])), level=last.level)
        return lead, lead_rest, (*sections[:-1], cut)
    if sections or not lead_rest:
        return lead, lead_rest, sections
    cut_rest = (*lead_rest[:-1], _cut(rng, lead_rest[-1]))
    return (*lead[: len(lead) - len(lead_rest)], *cut_rest), cut_rest, sections


def _add_furniture_and_noise(page: _Page) -> list[str]:
    """Put furniture and noise between lines; return those lines, in page order."""
    rng, cv = page.rng, page.conventions
    out = page.writer.out
    _slips(page)  # first, while the lines inside paragraphs are where they were written
    furniture: list[str] = []
    header = f"2024年9月{rng.randint(1, 28)}日 星期{rng.choice('一二三四五')} A07 理论评论 责任编辑 {_names(rng, 1)[0]}"
    inserts: list[tuple[int, str, bool]] = []
    for _ in range(3):
        if rng.random() < cv.furniture_between:
            inserts.append((rng.randrange(1, len(out)), rng.choice((PUBLICATION, "A07", "7", "- 7 -")), rng.random() < 0.5))
    if rng.random() < cv.stray:
        # A mark from a neighbouring column on a line of its own, or a character between two
        # lines of running text.
        mark = rng.choice("”“■港的")
        inserts.append((rng.randrange(1, len(out)), mark, mark in "”“■" and rng.random() < 0.5))
    if rng.random() < cv.rule:
        blanks = [k for k, line in enumerate(out) if line == ""]
        if blanks:
            inserts.append((rng.choice(blanks), rng.choice(("——", "————")), True))
    for at, text, spaced in sorted(inserts, reverse=True):
        # A lone character belongs to no word only where the text around it runs on.
        if len(text) == 1 and text not in "”“■" and not (out[at - 1] and out[at] and len(out[at - 1]) >= len(out[at]) - 1):
            continue
        out[at:at] = ["", text, ""] if spaced else [text]
    if rng.random() < cv.header:
        out[0:0] = [header, ""]
    if rng.random() < cv.footer:
        out.extend(["", header])
    for line in out:
        stripped = line.strip()
        if stripped and (
            stripped == header or stripped in (PUBLICATION, "A07", "7", "- 7 -", "”", "“", "■", "港", "的", "——", "————")
        ):
            furniture.append(stripped)
    return furniture


def _slips(page: _Page) -> None:
    """OCR slips: an ASCII comma between Chinese characters, a word broken with a hyphen."""
    rng, cv = page.rng, page.conventions
    out = page.writer.out
    inside = set(page.writer.inside)
    for k, line in enumerate(out):
        if "，" in line[1:-1] and rng.random() < cv.ascii_comma / 10:
            at = line.index("，", 1)
            if "\u4e00" <= line[at - 1] <= "\u9fff" and at + 1 < len(line) and "\u4e00" <= line[at + 1] <= "\u9fff":
                out[k] = line[:at] + "," + line[at + 1 :]
        elif (
            k in inside
            and rng.random() < cv.hyphen / 20
            and k + 1 < len(out)
            and len(line) > 4
            and "\u4e00" <= line[-1] <= "\u9fff"
            and out[k + 1][:1]
            and "\u4e00" <= out[k + 1][0] <= "\u9fff"
            and not line.startswith(("（", "□", "文/", "——"))
        ):
            out[k] = line + "-"
