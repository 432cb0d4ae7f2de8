"""Lay clean articles out again as an OCR'd page, the way the newspaper's pages look.

Used by the tests (does the parser recover what was laid out?) and the benchmarks (a synthetic
archive). The conventions are the page's: paragraphs indented two characters and hard-wrapped at
the column width, blank lines at paragraph breaks and at some column breaks, headings in a narrower
measure, a byline in full-width parentheses, then headline and summary in either order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .model import Article, Author, Section
from .reflow import char_width

# A line never starts with these: the typesetter hangs them at the end of the previous line.
NO_LINE_START = "，。、；：？！…”’）》」』"
INDENT = 2.0


@dataclass(frozen=True)
class Style:
    """The random choices that vary from page to page."""

    blank_between_paragraphs: float = 0.8
    blank_at_column_break: float = 0.6
    blank_after_heading: float = 0.6
    justify_narrow_lines: float = 0.15
    leading_space: float = 0.05
    space_around_numbers: float = 0.3
    stray_mark: float = 0.3
    truncate_summary: float = 0.25


@dataclass
class _Writer:
    rng: random.Random
    style: Style
    out: list[str] = field(default_factory=list)
    inside: list[int] = field(default_factory=list)  # the lines (indexes into out) inside paragraphs

    def blank(self) -> None:
        if self.out and self.out[-1] != "":
            self.out.append("")

    def line(self, text: str, justify: bool = False) -> None:
        if justify and all(not c.isascii() for c in text) and self.rng.random() < self.style.justify_narrow_lines:
            text = " ".join(text)
        elif self.rng.random() < self.style.space_around_numbers:
            text = _space_numbers(text)
        if self.rng.random() < self.style.leading_space:
            text = " " + text
        self.out.append(text)


def _space_numbers(text: str) -> str:
    """Put spaces around digit runs, as OCR does where the page set them in a Latin font."""
    result: list[str] = []
    for i, c in enumerate(text):
        prev = text[i - 1] if i else ""
        if c.isdigit() and prev and not prev.isdigit() and not prev.isascii():
            result.append(" ")
        result.append(c)
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if c.isdigit() and nxt and not nxt.isdigit() and not nxt.isascii():
            result.append(" ")
    return "".join(result)


def take_line(text: str, capacity: float) -> tuple[str, str]:
    """Cut one printed line of at most ``capacity`` off ``text``; closing marks hang at the end."""
    width = 0.0
    end = 0
    while end < len(text) and (end == 0 or width + char_width(text[end]) <= capacity):
        width += char_width(text[end])
        end += 1
    while end < len(text) and text[end] in NO_LINE_START and end - 1 >= 0:
        end += 1
    return text[:end], text[end:]


def wrap(text: str, width: float, indent: float = 0.0) -> list[str]:
    """Hard-wrap text at one column width, the first line indented.

    >>> wrap("现代化产业体系是一个庞大的系统工程。", 8, 2)
    ['现代化产业体', '系是一个庞大的系', '统工程。']
    """
    lines: list[str] = []
    capacity = width - indent
    while text:
        line, text = take_line(text, capacity)
        lines.append(line)
        capacity = width
    return lines


class _Columns:
    """Flows body lines into columns of a fixed height, changing width and adding blanks at breaks."""

    def __init__(self, writer: _Writer, widths: tuple[float, ...]) -> None:
        self.writer = writer
        self.rng = writer.rng
        self.widths = widths
        self.width = widths[0]
        self.height = self.rng.randint(4, 30)
        self.used = 0

    def room(self) -> int:
        return self.height - self.used

    def column_break(self) -> None:
        if self.rng.random() < self.writer.style.blank_at_column_break:
            self.writer.blank()
        if len(self.widths) > 2:
            # Columns of three or more widths: a new one at every break.
            self.width = self.rng.choice([w for w in self.widths if w != self.width] or [self.width])
        elif self.rng.random() < 0.4:
            self.width = self.widths[1] if self.width == self.widths[0] else self.widths[0]
        self.height = self.rng.randint(3, 30)
        self.used = 0

    def emit(self, text: str, justify: bool = False) -> None:
        self.writer.line(text, justify=justify and self.width <= 10)
        self.used += 1
        if self.used >= self.height:
            self.column_break()

    def paragraph(self, text: str, indent: float = INDENT) -> None:
        """Flow a paragraph, its first line indented (a paragraph going on from another page: not)."""
        capacity = self.width - indent
        first = True
        while text:
            line, text = take_line(text, capacity)
            last = not text
            if not last:
                self.writer.inside.append(len(self.writer.out))  # a line inside a paragraph
            self.emit(line, justify=not first and not last)
            first = False
            capacity = self.width

    def heading(self, text: str) -> None:
        measure = max(3.0, min(self.width - 4.5 - self.rng.choice((0, 0, 1, 2)), 14.0))
        lines = [text] if len(text) <= measure else [text[: int(measure)], text[int(measure) :]]
        if self.room() < len(lines) + 2:
            self.used = self.height
            self.column_break()
        self.writer.blank()
        for line in lines:
            self.writer.line(line)
            self.used += 1
        if self.rng.random() < self.writer.style.blank_after_heading:
            self.writer.blank()


def heading_fits(text: str, column: float) -> bool:
    """True when a heading can be set in two lines of the narrowest measure a column allows."""
    return len(text) <= 2 * max(3, column - 6.5)


def lay_out_article(article: Article, title_lines: tuple[str, ...], writer: _Writer, widths: tuple[float, float]) -> Article:
    """Write one article in the page's layout; return the article a careful editor would restore."""
    rng = writer.rng
    columns = _Columns(writer, widths)
    for paragraph in article.lead:
        columns.paragraph(paragraph)
        if rng.random() < writer.style.blank_between_paragraphs:
            writer.blank()
    for section in article.sections:
        columns.heading(section.heading)
        for paragraph in section.paragraphs:
            columns.paragraph(paragraph)
            if rng.random() < writer.style.blank_between_paragraphs:
                writer.blank()
    writer.blank()
    byline = "（" + "；".join(f"{a.name}，{a.affiliation}" for a in article.authors) + "）"
    for line in wrap(byline, columns.width):
        writer.line(line)
    writer.blank()

    summary, truncated = write_head(writer, title_lines, article.summary, widths)
    return Article(
        title="".join(title_lines),
        authors=article.authors,
        summary=summary,
        summary_truncated=truncated,
        lead=article.lead,
        sections=article.sections,
    )


def cut_start(rng: random.Random, text: str, low: int = 3) -> str:
    """The text with its start cut off (a box or a body printed from elsewhere), never at a mark."""
    cut = rng.randint(low, max(low, len(text) // 3))
    while text[cut] in NO_LINE_START:
        cut += 1
    return text[cut:]


def write_head(
    writer: _Writer, title_lines: tuple[str, ...], summary: str, widths: tuple[float, ...], subtitle: str = ""
) -> tuple[str, bool]:
    """Write an article's headline (and subtitle) and its summary box, in either order; return the
    summary as printed (cut at its start now and then) and whether it was cut."""
    rng = writer.rng
    truncated = bool(summary) and rng.random() < writer.style.truncate_summary and len(summary) > 20
    if truncated:
        summary = cut_start(rng, summary)
    summary_lines: list[str] = []
    if summary:
        # A summary box holds a few lines at least: fewer would not show its measure.
        # and it is set in its own measure, clearly wider or narrower than the columns around it.
        choices = [w for w in range(8, min(24, max(8, len(summary) // 4)) + 1) if all(abs(w - c) >= 5 for c in widths)]
        summary_lines = wrap(summary, float(rng.choice(choices or [8])), 0 if truncated else INDENT)
    spaced = rng.random() < 0.3

    def write_summary() -> None:
        for index, line in enumerate(summary_lines):
            if spaced and index:
                writer.blank()
            writer.line(line)

    def write_title() -> None:
        writer.out.extend(title_lines)
        if subtitle:
            writer.out.append(subtitle)

    if not summary_lines or rng.random() < 0.5:
        write_title()
        if rng.random() < 0.5:
            writer.blank()
        write_summary()
    else:
        write_summary()
        writer.blank()
        write_title()
    writer.blank()
    return summary, truncated


def lay_out_page(
    articles: list[tuple[Article, tuple[str, ...]]], rng: random.Random, style: Style | None = None
) -> tuple[str, list[Article], int]:
    """Lay articles (each with its headline's lines) out as one page.

    Returns the page text, the articles as they should be recovered, and how many stray marks were
    left on the page.
    """
    writer = _Writer(rng=rng, style=style or Style())
    expected: list[Article] = []
    strays = 0
    for article, title_lines in articles:
        base = float(rng.randint(8, 20))
        # A page changes measure between columns by several characters, within the 8–20 printed.
        other = float(rng.choice([w for w in range(8, 21) if abs(w - base) >= 5]))
        widths = (base, other) if rng.random() < 0.5 else (base, base)
        narrowest = min(widths)
        sections = tuple(s for s in article.sections if heading_fits(s.heading, narrowest))
        if len(sections) != len(article.sections):
            article = Article(**{**article.__dict__, "sections": sections})
        expected.append(lay_out_article(article, title_lines, writer, widths))
    if rng.random() < writer.style.stray_mark:
        # OCR leaves a lone mark at the foot of the page now and then.
        writer.blank()
        writer.out.append(rng.choice("”“。，"))
        writer.blank()
        strays += 1
    return "\n".join(writer.out) + "\n", expected, strays


# --- random articles for property tests and benchmarks --------------------------------------

_WORDS = tuple(
    (
        "城市 乡村 教育 医疗 科技 文化 旅游 产业 人才 企业 政府 市场 创新 改革 开放 合作 发展 建设 服务 数字 "
        "经济 社会 生态 绿色 低碳 港口 交通 物流 制造 农业 金融 消费 投资 区域 协同 治理 民生 健康 养老 体育 "
        "社区 学校 高校 平台 机制 体系 政策 资源 要素 品牌 质量 效率 安全 韧性 活力 动能 优势 特色 空间 布局 "
        "推动 加快 深化 完善 提升 培育 打造 构建 强化 促进 支持 引导 鼓励 探索 落实 坚持 聚焦 统筹 优化 拓展"
    ).split()
)
_NUMBERS = ("2025年", "30%", "1000亿元", "5G", "AI", "IP", "第3", "12个")


def _sentence(rng: random.Random, low: int = 4, high: int = 12) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words)), rng.choice(_NUMBERS))
    if rng.random() < 0.15:
        at = rng.randrange(len(words))
        words[at] = "“" + words[at] + "”"
    text = ""
    for index, word in enumerate(words):
        if index and rng.random() < 0.25:
            text += rng.choice("，，，、")
        text += word
    return text


def random_paragraph(rng: random.Random) -> str:
    """A paragraph of a few sentences, ending with a sentence-final mark."""
    sentences = [_sentence(rng) + rng.choice("。。。。；！？") for _ in range(rng.randint(2, 5))]
    text = "".join(sentences)
    return text[:-1] + rng.choice("。。。。：")


def random_article(rng: random.Random, index: int = 0) -> tuple[Article, tuple[str, ...]]:
    """A random article and its headline's lines."""
    surnames = "李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
    given = "明华伟芳娜强军平刚杰磊洋勇艳敏静丽涛超"
    places = ("五邑大学", "市委党校", "市社科联", "江门职业技术学院", "市发展改革局", "省社会科学院")
    posts = ("副教授", "教授", "研究员", "讲师", "副主任", "部长")
    authors = tuple(
        Author(
            name=rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.randint(1, 2))),
            affiliation=rng.choice(places) + rng.choice(posts),
        )
        for _ in range(rng.choice((1, 1, 1, 2, 4)))
    )
    title_lines = tuple(
        "".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 5))) for _ in range(1 if rng.random() < 0.1 else 2)
    )
    lead = tuple(random_paragraph(rng) for _ in range(rng.randint(1, 3)))
    sections = tuple(
        Section(
            heading="".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 4)))
            + (("：" + "".join(rng.choice(_WORDS) for _ in range(2))) if rng.random() < 0.3 else ""),
            paragraphs=tuple(random_paragraph(rng) for _ in range(rng.randint(1, 4))),
        )
        for _ in range(rng.choice((0, 0, 2, 3, 4)))
    )
    summary = "".join(_sentence(rng) + rng.choice("，；。") for _ in range(rng.randint(2, 5))) + _sentence(rng) + "。"
    article = Article(
        title="".join(title_lines), authors=authors, summary=summary, summary_truncated=False, lead=lead, sections=sections
    )
    return article, title_lines


def write_archive(root, articles: int, seed: int = 1) -> int:
    """Write a synthetic archive of ``articles`` articles as seed pages (3 a page) with sidecars
    (publication, a date a day, page name) into ``root/seeds``; return how many pages were written."""
    from pathlib import Path

    seeds = Path(root) / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    count = page = 0
    while count < articles:
        batch = [random_article(rng, i) for i in range(min(3, articles - count))]
        text, _, _ = lay_out_page(batch, rng, Style(stray_mark=0.0))
        name = f"{page:05d}"
        (seeds / f"{name}.txt").write_text(text, encoding="utf-8")
        year, day = divmod(page, 336)
        date = f"{2010 + year:04d}-{day // 28 + 1:02d}-{day % 28 + 1:02d}"
        (seeds / f"{name}.yml").write_text(
            f"publication: 江门日报\ndate: {date}\npage: A{page % 8 + 1:02d} 理论评论\n", encoding="utf-8"
        )
        count += len(batch)
        page += 1
    return page
