#!/usr/bin/env python3
"""Lay out the held-out opinion pages from their sources in src/*.page.

Each source holds the clean article text (what an editor restores) plus layout choices (column
widths, where blank lines and furniture go, which OCR slips to make).  This script prints the page
as an OCR dump would show it (NAME.txt) and writes the restoration (NAME.expected.json).

    python make_heldout.py            # rebuild every page
    python make_heldout.py p03        # rebuild one

The pages are frozen: do not regenerate them to chase a reader's score.

Source format
-------------
    @page date=2024-10-15 page=A07 editor=陈某某 section=理论评论
    @insert ANCHOR: TEXT        TEXT may be {header}, {footer}, {masthead}, {num}, {pageno}
    @article
    key=value ...
    @body
    paragraphs separated by blank lines; "## " heading level 2, "### " level 3;
    a paragraph starting "[b]" always gets a blank line before it, "[n]" never.

ANCHOR: top | bottom | aN.after | aN.breakK | aN.lineK (after body line K of article N, 1-based)
        an optional suffix "~" puts blank lines around the inserted line.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"

CLOSING = set("，。、；：？！）》”’」』…")
OPENING = set("（《“‘「『")
ASCII_PUNCT = {"，": ",", "；": ";", "：": ":", "？": "?", "！": "!"}
WEEK = "一二三四五六日"
# two-character words a hyphen slip may split (OCR of a word broken at a line end)
WORDS = set("""发展 建设 文化 产业 服务 治理 教育 经济 企业 资源 城市 乡村 推动 提升 社会 群众 技术 创新 生态
保护 机制 体系 能力 质量 人才 市场 环境 政策 工作 问题 农民 历史 传统 特色 平台 项目 基础 设施 管理 数字
融合 阅读 城乡 区域 水平 需求 活动 空间 学校 学生 老人 社区 群体 精神 责任 制度 部门 政府 作用 优势 模式
规划 转型 升级 培育 加强 完善 健全 实践 探索 关系 价值 力量 基层 文明 传播 消费 旅游 科技 研究 高校 合作
服务 养老 健康 安全 风险 隐患 标准 品牌 品质 农业 乡贤 华侨 侨乡 家乡 青年 家庭 孩子 父母 教师 课程 政府
成果 转化 投入 效率 效益 数据 信息 平台 渠道 方式 方向 目标 任务 过程 条件 重点 难点 领域 行业 岗位 队伍
保障 支持 引导 鼓励 落实 参与 协同 联动 共享 开放 改革 法治 诚信 文物 遗产 保存 展示 博物 场馆 观众 游客
住房 就业 人口 工资 劳动 权益 技能 培训 家政 子女 公共 城镇 户籍 随迁 流入 常住 居住 租赁 公积 意愿 体验
交通 设备 生产 制造 加工 销售 产品 农村 村民 干部 党员 组织 考核 监督 文明 风气 网络 平台 内容 用户 心理
健身 场地 赛事 运动 海洋 港口 渔业 能源 储能 电力 碳排 排放 绿色 低碳 循环 节约 资金 金融 投资 侨商 侨胞""".split())


def is_ascii_word(ch: str) -> bool:
    return (ch.isascii() and not ch.isspace()) or ch in "%"


def tokens(text: str) -> list[str]:
    """Unbreakable pieces: one CJK character or mark, an ASCII run (Latin words keep their spaces), —— and ……."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "—…" and i + 1 < len(text) and text[i + 1] == ch:
            out.append(ch * 2)
            i += 2
        elif ch.isascii() and not ch.isspace():
            j = i
            while j < len(text) and (
                (text[j].isascii() and not text[j].isspace())
                or (text[j] == " " and j + 1 < len(text) and text[j + 1].isascii() and text[j + 1].isalpha()
                    and text[j - 1].isascii() and text[j - 1].isalpha())
            ):
                j += 1
            out.append(text[i:j])
            i = j
        else:
            out.append(ch)
            i += 1
    return out


def units(tok: str) -> int:
    if tok[0].isascii():
        return 2 * len(tok)
    if len(tok) == 2:
        return 8
    if tok in CLOSING or tok in OPENING or tok in "·":
        return 3
    return 4


def wrap(text: str, width: int, first: int | None = None, justify=None) -> list[tuple[str, bool]]:
    """Greedy Chinese line breaking. Returns (line, justified) pairs. width/first in characters."""
    toks = tokens(text)
    lines: list[tuple[str, bool]] = []
    i = 0
    cap_chars = first if first is not None else width
    while i < len(toks):
        cap = 4 * cap_chars
        just = False
        line: list[str] = []
        used = 0
        while i < len(toks):
            t = toks[i]
            u = units(t)
            if used + u <= cap or not line:
                line.append(t)
                used += u
                i += 1
                continue
            if t in CLOSING:
                # hang a single closing mark; with two marks, pull the last character down
                if i + 1 < len(toks) and toks[i + 1] in CLOSING and len(line) > 1:
                    i -= 1
                    line.pop()
                else:
                    line.append(t)
                    i += 1
            break
        while len(line) > 1 and line[-1] in OPENING:
            line.pop()
            i -= 1
        if (
            justify is not None
            and i < len(toks)
            and len(line) > 4
            and not any(t[0].isascii() or len(t) > 1 or t in CLOSING or t in OPENING for t in line)
            and line[-1] not in CLOSING
            and line[-2] not in OPENING
            and toks[i] not in CLOSING
            and justify()
        ):
            line.pop()
            i -= 1
            just = True
        lines.append(("".join(line), just))
        cap_chars = width
    return lines


def spaced(line: str) -> str:
    return " ".join(line)


def ocr_spaces(line: str, rng: random.Random, p: float) -> str:
    """OCR puts spaces around ASCII runs that sit beside Chinese."""
    if p <= 0:
        return line

    def sub(m: re.Match) -> str:
        s = m.group(0)
        if rng.random() >= p:
            return s
        a, b = m.start(), m.end()
        left = " " if a > 0 and is_cjk(line[a - 1]) else ""
        right = " " if b < len(line) and is_cjk(line[b]) else ""
        return left + s + right

    return re.sub(r"[A-Za-z0-9.%+]+(?: [A-Za-z]+)*", sub, line)


# ----------------------------------------------------------------------------------------------
# sources


def parse_source(path: Path) -> dict:
    page: dict = {"inserts": [], "articles": []}
    art = None
    body: list[str] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("#!"):
            continue
        if raw.startswith("@page"):
            page.update(dict(kv.split("=", 1) for kv in raw.split()[1:]))
            continue
        if raw.startswith("@insert"):
            anchor, text = raw[len("@insert"):].strip().split(":", 1)
            page["inserts"].append((anchor.strip(), text.strip()))
            continue
        if raw.startswith("@article"):
            if art is not None:
                art["body"] = "\n".join(body or [])
            art = {}
            body = None
            page["articles"].append(art)
            continue
        if raw.startswith("@body"):
            body = []
            continue
        if body is not None:
            body.append(raw)
        elif raw.strip():
            k, v = raw.split("=", 1)
            art[k.strip()] = v.strip()
    if art is not None:
        art["body"] = "\n".join(body or [])
    return page


def blocks(body: str) -> list[tuple[str, str, str]]:
    """(kind, text, blank) with kind p/h2/h3 and blank '', 'b' or 'n'.

    A heading is one source line starting "## " or "### "; paragraphs are separated by blank lines.
    """
    chunks: list[list[str]] = [[]]
    for line in body.strip().splitlines():
        line = line.strip()
        if not line:
            chunks.append([])
        elif re.match(r"(\[[bn]\])?#{2,3} ", line):
            chunks.append([line])
            chunks.append([])
        else:
            chunks[-1].append(line)
    out = []
    for lines in chunks:
        if not lines:
            continue
        chunk = " ".join(lines).strip()
        chunk = re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", chunk)
        blank = ""
        m = re.match(r"\[(b|n)\]", chunk)
        if m:
            blank = m.group(1)
            chunk = chunk[3:].strip()
        if chunk.startswith("### "):
            out.append(("h3", chunk[4:].strip(), blank))
        elif chunk.startswith("## "):
            out.append(("h2", chunk[3:].strip(), blank))
        else:
            out.append(("p", chunk, blank))
    return out


# ----------------------------------------------------------------------------------------------
# layout of one article


class Article:
    def __init__(self, spec: dict, number: int):
        self.spec = spec
        self.n = number
        self.rng = random.Random(spec.get("seed", f"art{number}") + spec.get("title", ""))
        self.lines: list[tuple[str, str]] = []  # (text, tag): tag body / blank / break<k> / meta
        self.body_index: list[int] = []  # positions in self.lines of printed body lines
        self.counts: dict[str, int] = {}

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def segments(self) -> list[tuple[int, int | None, bool]]:
        segs = []
        for part in self.spec.get("cols", "18").split(","):
            part = part.strip()
            blank = part.startswith("|")
            part = part.lstrip("|")
            if "x" in part:
                w, n = part.split("x")
                segs.append((int(w), int(n), blank))
            else:
                segs.append((int(part), None, blank))
        return segs

    def layout(self) -> None:
        s = self.spec
        rng = self.rng
        segs = self.segments()
        seg_i = 0
        left = segs[0][1]
        width = segs[0][0]
        blank_p = float(s.get("blank", "0.7"))
        hblank = s.get("hblank", "both")
        justify_p = float(s.get("justify", "0"))
        indent_space_p = float(s.get("lead_space", "0.05"))
        hw_spec = s.get("hw", "-5")

        out = self.lines

        def emit_blank():
            if out and out[-1][1] != "blank":
                out.append(("", "blank"))

        def advance():
            nonlocal seg_i, left, width
            if left is not None and left <= 0 and seg_i + 1 < len(segs):
                seg_i += 1
                width, left, blank = segs[seg_i]
                if blank:
                    emit_blank()
                out.append(("", f"break{seg_i}"))

        def put(text: str, tag: str = "body"):
            advance()
            nonlocal left
            out.append((text, tag))
            if left is not None:
                left -= 1

        def justifier():
            if width <= 11 and justify_p > 0:
                return rng.random() < justify_p
            return False

        def flow(text: str, indent: bool):
            """Lay a paragraph across segments, re-wrapping when the width changes."""
            rest = text
            first = True
            while rest:
                advance()
                w = width
                lines = wrap(rest, w, (w - 2) if (first and indent) else None, None if first else justifier)
                line, just = lines[0]
                shown = " " + line if first and indent and rng.random() < indent_space_p else line
                if just:
                    shown = spaced(line)
                    self.count("justified line")
                put(shown)
                rest = rest[len(line):]
                first = False

        def heading_width() -> int:
            if hw_spec.startswith("-"):
                return max(5, width + int(hw_spec))
            return min(int(hw_spec), width)

        def heading_lines(text: str) -> list[tuple[str, bool]]:
            w = heading_width()
            lines = wrap(text, w)
            # a typesetter does not leave one or two characters alone on a heading's second line
            while len(lines) == 2 and len(lines[1][0]) < 3 and w > 4:
                w -= 1
                lines = wrap(text, w)
            return lines

        if s.get("from"):
            put(f"（上接{s['from']}版）", "jump")
        note_text = s.get("note", "")
        if note_text and s.get("note_pos", "first") == "first":
            flow("编者按：" + note_text, True)
            emit_blank()
        if s.get("top"):
            put(s["top"], "top")
            if s.get("top_blank", "1") == "1":
                emit_blank()
        if note_text and s.get("note_pos", "first") == "after_top":
            flow("编者按：" + note_text, True)
            emit_blank()

        first_block = True
        prev = ""
        for kind, text, forced in blocks(s["body"]):
            after_heading = prev.startswith("h")
            prev = kind
            if kind == "p":
                if not first_block and not after_heading:
                    if forced == "b" or (forced != "n" and rng.random() < blank_p):
                        emit_blank()
                indent = not (first_block and s.get("from") and s.get("fragment", "1") == "1")
                flow(text, indent)
            else:
                hb = hblank
                if hb == "rand":
                    hb = rng.choice(["both", "none", "before", "after", "both"])
                if forced == "n":
                    hb = "none" if hb in ("none", "before") else "after"
                if hb in ("both", "before") and not first_block:
                    emit_blank()
                advance()
                hlines = heading_lines(text)
                if left is not None and left < len(hlines) + 2 and seg_i + 1 < len(segs):
                    left = 0  # keep a heading with its paragraph: start it in the next column
                    advance()
                    hlines = heading_lines(text)
                if len(hlines) > 2:
                    raise SystemExit(f"heading in more than two lines: {text} (width {heading_width()})")
                for line, _ in hlines:
                    put(line, "heading")
                if hb in ("both", "after"):
                    emit_blank()
            first_block = False

        if s.get("to"):
            put(f"（下转{s['to']}版）", "jump")
        closing = s.get("close", "")
        if closing:
            emit_blank()
            cw = int(s.get("closew", width))
            for line, _ in wrap(closing, cw):
                out.append((line, "close"))
        emit_blank()
        self.layout_header()
        self.apply_ocr()

    def layout_header(self) -> None:
        s = self.spec
        rng = self.rng
        out = self.lines
        title_lines = s["title"].split("|")
        head = [(t, "title") for t in title_lines]
        if s.get("subtitle"):
            head.append((s["subtitle"], "subtitle"))
        summ: list[tuple[str, str]] = []
        self.summary_text = ""
        self.summary_truncated = False
        if s.get("summary"):
            sw = int(s.get("sumw", "13"))
            lines = [l for l, _ in wrap(s["summary"], sw, sw - 2 if s.get("sumindent", "1") == "1" else None)]
            cut = int(s.get("sumcut", "0"))
            kept = lines[cut:]
            self.summary_text = "".join(kept)
            self.summary_truncated = cut > 0
            sblank = s.get("sumblank", "0") == "1"
            for i, l in enumerate(kept):
                if (i == 0 and cut == 0 and rng.random() < 0.15) or (i == 0 and cut > 0 and s.get("cutspace", "1") == "1"):
                    l = " " + l
                summ.append((l, "summary"))
                if sblank and i + 1 < len(kept):
                    summ.append(("", "blank"))
        order = s.get("order", "hs")
        gap = s.get("gap", "1") == "1"
        parts = [head, summ] if order == "hs" else [summ, head]
        for k, part in enumerate(parts):
            if not part:
                continue
            out.extend(part)
            if gap or k == len(parts) - 1:
                out.append(("", "blank"))

    def apply_ocr(self) -> None:
        s = self.spec
        rng = random.Random((s.get("seed", "") or str(self.n)) + "ocr" + s["title"])
        out = self.lines
        body_pos = [i for i, (t, tag) in enumerate(out) if tag == "body" and t and " " not in t.strip()]
        # ASCII punctuation slips: "，2；1：0？0！0" style spec, e.g. slips=,2 ;1 -1
        spec = s.get("slips", "")
        for item in spec.split():
            mark, n = item[0], int(item[1:])
            for _ in range(n):
                if mark == "-":
                    cands = []
                    for i in body_pos:
                        j = i + 1
                        if j < len(out) and out[j][1] == "body" and out[j][0] and " " not in out[j][0]:
                            a, b = out[i][0][-1], out[j][0][0]
                            if a + b in WORDS and not out[i][0].endswith("-"):
                                cands.append(i)
                    if not cands:
                        raise SystemExit(f"no place for a hyphen slip in {s['title']}")
                    i = rng.choice(cands)
                    out[i] = (out[i][0] + "-", "body")
                    self.count("hyphen slip")
                else:
                    full = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}[mark]
                    cands = []
                    for i in body_pos:
                        t = out[i][0]
                        nxt = out[i + 1][0] if i + 1 < len(out) and out[i + 1][1] == "body" else ""
                        for k in range(1, len(t)):
                            after = t[k + 1] if k + 1 < len(t) else nxt[:1]
                            if t[k] == full and is_cjk(t[k - 1]) and after and is_cjk(after):
                                cands.append((i, k))
                    i, k = rng.choice(cands)
                    t = out[i][0]
                    out[i] = (t[:k] + mark + t[k + 1:], "body")
                    self.count(f"ascii {mark} slip")
        p = float(s.get("ocrsp", "0.5"))
        for i, (t, tag) in enumerate(out):
            if tag in ("body", "summary", "heading") and re.search(r"[0-9A-Za-z]", t):
                new = ocr_spaces(t, rng, p)
                if new != t:
                    self.count("OCR spaces by digits/Latin")
                out[i] = (new, tag)

    def expected(self) -> dict:
        s = self.spec
        lead: list[str] = []
        sections: list[dict] = []
        for kind, text, _ in blocks(s["body"]):
            if kind == "p":
                (sections[-1]["paragraphs"] if sections else lead).append(text)
            else:
                sections.append({"heading": text, "level": 2 if kind == "h2" else 3, "paragraphs": []})
        authors = []
        for a in filter(None, s.get("authors", "").split("|")):
            name, _, aff = a.partition(":")
            authors.append({"name": name, "affiliation": aff})
        return {
            "title": s["title"].replace("|", ""),
            "subtitle": s.get("subtitle", ""),
            "kind": s.get("kind", "article"),
            "authors": authors,
            "summary": self.summary_text,
            "summary_truncated": self.summary_truncated,
            "editors_note": s.get("note", ""),
            "lead": lead,
            "sections": sections,
            "continued_from": s.get("from", ""),
            "continued_to": s.get("to", ""),
        }


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


# ----------------------------------------------------------------------------------------------
# page


def furniture(page: dict, text: str) -> str:
    d = dt.date.fromisoformat(page["date"])
    num = page["page"]
    header = f"{d.year}年{d.month}月{d.day}日 星期{WEEK[d.weekday()]} {num} {page.get('section', '理论评论')} 责任编辑 {page['editor']}"
    return (
        text.replace("{header}", header)
        .replace("{masthead}", "江门日报")
        .replace("{pageno}", num)
        .replace("{num}", str(int(num[1:])))
    )


def build(path: Path) -> dict:
    page = parse_source(path)
    arts = [Article(a, i + 1) for i, a in enumerate(page["articles"])]
    for a in arts:
        a.layout()
    counts: dict[str, int] = {}
    # inserts keyed by (article, position) -> list of lines to add after that position
    after: dict[tuple[int, int], list[tuple[str, bool]]] = {}
    top: list[tuple[str, bool]] = []
    bottom: list[tuple[str, bool]] = []
    for anchor, text in page["inserts"]:
        pad = anchor.endswith("~")
        anchor = anchor.rstrip("~")
        line = furniture(page, text)
        kind = "noise" if text in ("”", "——", "————") or (len(text) == 1 and not text.isdigit()) else "furniture"
        counts[f"{kind}: {anchor.split('.')[-1].rstrip('0123456789')}"] = counts.get(f"{kind}: {anchor.split('.')[-1].rstrip('0123456789')}", 0) + 1
        if anchor == "top":
            top.append((line, pad))
            continue
        if anchor == "bottom":
            bottom.append((line, pad))
            continue
        m = re.fullmatch(r"a(\d+)\.(after|break(\d+)|line(\d+))", anchor)
        if not m:
            raise SystemExit(f"{path.name}: bad anchor {anchor}")
        art = arts[int(m.group(1)) - 1]
        if m.group(2) == "after":
            pos = len(art.lines) - 1
        elif m.group(3):
            pos = next(i for i, (_, tag) in enumerate(art.lines) if tag == f"break{m.group(3)}") - 1
        else:
            k = int(m.group(4))
            body = [i for i, (t, tag) in enumerate(art.lines) if tag in ("body", "heading") and t]
            pos = body[k - 1]
        after.setdefault((int(m.group(1)) - 1, pos), []).append((line, pad))

    out: list[str] = []

    def add(line: str, pad: bool):
        if pad and out and out[-1] != "":
            out.append("")
        out.append(line)
        if pad:
            out.append("")

    for line, pad in top:
        add(line, pad)
    for ai, a in enumerate(arts):
        for pos, (text, tag) in enumerate(a.lines):
            if tag.startswith("break"):
                pass
            elif tag == "blank":
                if out and out[-1] != "":
                    out.append("")
            else:
                out.append(text)
            for line, pad in after.get((ai, pos), []):
                add(line, pad)
        for k, v in a.counts.items():
            counts[k] = counts.get(k, 0) + v
    for line, pad in bottom:
        add(line, pad)
    while out and out[-1] == "":
        out.pop()
    text = "\n".join(out) + "\n"
    if page.get("trail"):
        text += "\n" * int(page["trail"])
    name = path.stem
    (HERE / f"{name}.txt").write_text(text, encoding="utf-8")
    expected = {"articles": [a.expected() for a in arts]}
    (HERE / f"{name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {"name": name, "articles": expected["articles"], "counts": counts}


def check(path: Path) -> int:
    """Every restored text must be on the page, in order, once the furniture, noise, OCR spaces,
    ASCII slips and end-of-line hyphens are taken away; restored text holds no stray spaces."""
    page = parse_source(path)
    inserted = {furniture(page, t) for _, t in page["inserts"]}
    lines = (HERE / f"{path.stem}.txt").read_text(encoding="utf-8").splitlines()
    flat = "".join(re.sub(r"-$", "", l) for l in lines if l.strip() not in inserted)

    def norm(x: str) -> str:
        return x.replace(" ", "").translate(str.maketrans(",;:?!", "，；：？！"))

    flat = norm(flat)
    problems = 0
    for a in json.loads((HERE / f"{path.stem}.expected.json").read_text(encoding="utf-8"))["articles"]:
        body = a["lead"] + [x for s in a["sections"] for x in [s["heading"]] + s["paragraphs"]]
        pos = 0
        for piece in body:
            i = flat.find(norm(piece), pos)
            if i < 0:
                print(f"{path.stem}: not on the page in order: {piece[:20]}")
                problems += 1
            else:
                pos = i
        for piece in [*body, a["title"], a["summary"], a["editors_note"]]:
            if piece and norm(piece) not in flat:
                print(f"{path.stem}: missing: {piece[:20]}")
                problems += 1
            if re.search(r"(?<![A-Za-z]) | (?![A-Za-z])", piece):
                print(f"{path.stem}: stray space in: {piece[:20]}")
                problems += 1
    return problems


def main() -> None:
    wanted = sys.argv[1:]
    problems = 0
    for path in sorted(SRC.glob("*.page")):
        if wanted and path.stem not in wanted:
            continue
        r = build(path)
        problems += check(path)
        print(r["name"], len(r["articles"]), r["counts"])
    print("problems:", problems)


if __name__ == "__main__":
    main()
