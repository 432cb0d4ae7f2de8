"""The conventions of real pages, one by one, on small pages written here; and the rates on the
hand-written convention pages and on the conventions generator."""

import json
import random

import pytest

from oped.model import Author
from oped.parse import COSTS, parse_page
from oped.sources import decode
from oped.synth import wrap

from .conftest import FIXTURE
from .conventions_pages import conventions_page

CONVENTIONS = FIXTURE.parent / "pages" / "conventions"

# Small pages in the seed's layout, wrapped here at a column of 14 (a paragraph's first line
# indented by two): body, byline, headline, summary box (in a measure of 10).
COLUMN = 14
P1 = "江门是著名侨乡，侨房碉楼遍布城乡，承载着一代又一代华侨的乡愁记忆。"
P2 = "让侨房活起来，要创新利用方式，引入社会资本参与改造，发展民宿、展馆等新业态。"
SUMMARY = "要创新利用方式，引入社会资本，让侨房碉楼焕发时代光彩。"


def paragraph(text: str, column: float = COLUMN) -> str:
    return "\n".join(wrap(text, column, 2)) + "\n"


BODY = paragraph(P1) + "\n" + paragraph(P2)
HEAD = "让侨房碉楼\n焕发时代光彩\n\n" + "\n".join(wrap(SUMMARY, 10, 2)) + "\n"
NEXT = (
    paragraph("发展乡村旅游，是推动乡村振兴的重要抓手。我市乡村旅游资源丰富，潜力巨大。", 16)
    + "\n（王五，市社科联研究员）\n\n做强乡村旅游\n助力乡村振兴\n\n"
    + "\n".join(wrap("要发挥资源优势，做强乡村旅游，助力乡村振兴。", 10, 2))
    + "\n"
)


def read(text: str):
    return parse_page(decode("page.txt", text.encode()))


def page(body: str = BODY, byline: str = "（张三，五邑大学教授）", head: str = HEAD, before: str = "") -> str:
    return f"{before}{body}\n{byline}\n\n{head}\n{NEXT}"


def core(article: dict) -> dict:
    keys = ("title", "authors", "summary", "lead", "sections")
    sections = [{"heading": s["heading"], "level": s.get("level", 2), "paragraphs": s["paragraphs"]} for s in article["sections"]]
    return {**{k: article[k] for k in keys if k != "sections"}, "sections": sections}


def test_the_plain_article_and_the_next_are_read():
    first, second = read(page()).articles
    assert first.title == "让侨房碉楼焕发时代光彩"
    assert first.authors == (Author("张三", "五邑大学教授"),)
    assert first.summary == "要创新利用方式，引入社会资本，让侨房碉楼焕发时代光彩。"
    assert len(first.lead) == 2 and first.kind == "article"
    assert second.title == "做强乡村旅游助力乡村振兴"


@pytest.mark.parametrize(
    ("top", "closing", "authors"),
    [
        ("□ 李某某", "（作者单位：五邑大学马克思主义学院）", (Author("李某某", "五邑大学马克思主义学院"),)),
        ("□李某某", "（作者系五邑大学教授）", (Author("李某某", "五邑大学教授"),)),
        ("□ 李某某 王某某", "（作者单位：五邑大学）", (Author("李某某", "五邑大学"), Author("王某某", "五邑大学"))),
        ("文/李某某", "（作者系五邑大学教授）", (Author("李某某", "五邑大学教授"),)),
        ("", "（作者：张三，系五邑大学教授）", (Author("张三", "五邑大学教授"),)),
    ],
)
def test_bylines_at_the_top_and_closing_lines_give_the_same_authors(top, closing, authors):
    text = page(byline=closing, before=f"{top}\n\n" if top else "")
    first = read(text).articles[0]
    assert first.authors == authors
    assert first.top_byline == top
    assert first.lead[0].startswith("江门是著名侨乡")


def test_a_commentary_has_its_commentator_and_no_summary_box():
    head = "以实干实绩\n跑出发展加速度\n"
    first, second = read(page(byline="（本报评论员）", head=head)).articles
    assert (first.kind, first.authors, first.summary) == ("commentary", (Author("本报评论员", ""),), "")
    assert first.title == "以实干实绩跑出发展加速度"
    assert second.lead[0].startswith("发展乡村旅游")


def test_a_line_spread_over_its_column_with_spaces_is_no_headline_line():
    # Summary box, a one-line headline, then the next article's first line, justified as OCR keeps it.
    box = "\n".join(wrap("侨房碉楼是侨乡的宝贵财富。要创新利用方式，引入社会资本参与改造，发展民宿、展馆等新业态。", 16, 2))
    text = "在一些小区和公园里，健身器材锈迹斑斑，无人问津，成了摆设。"
    spaced = " ".join(text[:8]) + "\n" + "\n".join(wrap(text[8:], 8)) + "\n"
    tail = NEXT[NEXT.index("\n（王五") :]
    first, second = read(f"{BODY}\n（张三，五邑大学教授）\n\n{box}\n\n让侨房碉楼焕发时代光彩\n\n{spaced}{tail}").articles
    assert first.title == "让侨房碉楼焕发时代光彩" and second.lead == (text,)


def test_a_letter_spaced_headline_line_is_still_the_headline():
    head = HEAD.replace("焕发时代光彩", "焕 发 时 代 光 彩", 1)
    result = read(page(head=head))
    assert [a.title for a in result.articles] == ["让侨房碉楼焕发时代光彩", "做强乡村旅游助力乡村振兴"]
    assert result.articles[0].lead == (P1, P2)


def test_a_one_line_question_is_a_heading():
    body = paragraph(P1) + "\n" + "侨房为何难活化？\n\n" + paragraph(P2)
    first = read(page(body=body)).articles[0]
    assert first.lead == (P1,) and [(s.heading, s.paragraphs) for s in first.sections] == [("侨房为何难活化？", (P2,))]


def test_a_question_as_long_as_an_indented_line_is_a_heading():
    # 11 of a column of 14: it could be a one-line paragraph's indented line, but a short line
    # asking a question, after a sentence's end, is a heading far more often than a paragraph.
    body = paragraph(P1) + "\n侨房碉楼为何“活”不起来？\n\n" + paragraph(P2)
    first = read(page(body=body)).articles[0]
    assert [(s.heading, s.paragraphs) for s in first.sections] == [("侨房碉楼为何“活”不起来？", (P2,))]


def test_a_two_line_heading_broken_after_its_colon():
    body = paragraph(P1) + "创新利用：\n让侨房碉楼活起来\n" + paragraph(P2)  # no blank lines
    first = read(page(body=body)).articles[0]
    assert first.lead == (P1,)
    assert [(s.heading, s.paragraphs) for s in first.sections] == [("创新利用：让侨房碉楼活起来", (P2,))]


def test_a_numbered_heading_broken_after_its_comma_directly_above_its_paragraph():
    # （二）推行医保打包付费，/ 引导各方从“治病”转向“防病” / its paragraph, no blank lines (typesetter 3).
    path = CONVENTIONS.parent / "typesetter3" / "03_numbered_headings_tight.txt"
    first = read(path.read_text(encoding="utf-8")).articles[0]
    assert ("（二）推行医保打包付费，引导各方从“治病”转向“防病”", 3) in [(s.heading, s.level) for s in first.sections]


def typesetter7(name: str):
    return read((CONVENTIONS.parent / "typesetter7" / name).read_text(encoding="utf-8")).articles


def test_a_body_may_open_with_a_heading_right_after_the_article_before():
    # The article before ends with its headline; this body opens with a question heading.
    articles = typesetter7("01_break_inside_paragraph_heading_opens_column_question_start.txt")
    opened = [a for a in articles if a.sections and a.sections[0].heading == "夜校为何“一座难求”？"]
    assert len(opened) == 1 and opened[0].lead == ()


def test_a_heading_in_two_parts_split_by_a_colon_is_a_heading():
    articles = typesetter7("09_spaced_colon_headings_page_number_in_paragraph.txt")
    assert "行业现状：需求旺盛但门槛缺失" in [s.heading for a in articles for s in a.sections]


def test_a_paragraph_does_not_end_on_a_semicolon():
    # A clause ends on ；, then the paragraph's last line, as short as an indented first line.
    articles = typesetter7("03_numbered_after_full_lines_tight_headings_spaced_paragraphs.txt")
    assert [p for a in articles for p in a.paragraphs if p.endswith("；")] == []


def test_a_commentary_signed_at_the_top_closes_without_a_byline():
    head = "以实干实绩\n跑出发展加速度\n"
    text = f"本报评论员\n\n{BODY}\n{head}\n{NEXT}"
    first, second = read(text).articles
    assert (first.kind, first.authors, first.summary) == ("commentary", (Author("本报评论员", ""),), "")
    assert second.title == "做强乡村旅游助力乡村振兴"


def test_an_interview_has_its_reporter_subtitle_and_questions():
    body = (
        paragraph("记者：侨房活化利用的难点在哪里？") + "\n" + paragraph("专家：难在产权分散，需要政府搭台、多方参与，形成合力。")
    )
    head = HEAD.replace("焕发时代光彩\n", "焕发时代光彩\n——访五邑大学教授李四\n", 1)
    text = f"□ 本报记者 张三\n\n{body}\n{head}\n{NEXT}"
    first = read(text).articles[0]
    assert (first.kind, first.subtitle) == ("interview", "——访五邑大学教授李四")
    assert first.authors == (Author("张三", "本报记者"),)
    assert first.lead == ("记者：侨房活化利用的难点在哪里？", "专家：难在产权分散，需要政府搭台、多方参与，形成合力。")


def test_an_editors_note_is_set_apart_with_its_label():
    note = paragraph("编者按：侨房碉楼是侨乡的宝贵财富。本期刊发专家文章，敬请关注。", 12) + "\n"
    first = read(page(before=note)).articles[0]
    assert (first.editors_note_label, first.editors_note) == (
        "编者按：",
        "侨房碉楼是侨乡的宝贵财富。本期刊发专家文章，敬请关注。",
    )
    assert first.lead[0].startswith("江门是著名侨乡")


def test_numbered_headings_and_sub_headings_take_their_levels():
    body = BODY + "\n一、创新利用方式\n（一）引入社会资本\n"
    body += paragraph("要引入社会资本参与侨房改造，发展民宿、展馆、文创空间等新业态，让老房子焕发新生机。")
    body += "\n（二）完善配套政策\n" + paragraph("要完善用地、消防、产权等配套政策，破解侨房活化利用中的难题，形成可复制的经验。")
    first = read(page(body=body)).articles[0]
    assert [(s.heading, s.level, len(s.paragraphs)) for s in first.sections] == [
        ("一、创新利用方式", 2, 0),
        ("（一）引入社会资本", 3, 1),
        ("（二）完善配套政策", 3, 1),
    ]


def test_a_heading_directly_above_its_paragraph_in_a_narrow_column():
    body = BODY + "\n创新利用方式\n" + paragraph("要引入社会资本参与改造，发展新业态。")
    first = read(page(body=body)).articles[0]
    assert [(s.heading, s.paragraphs) for s in first.sections] == [("创新利用方式", ("要引入社会资本参与改造，发展新业态。",))]


def test_jump_lines_give_the_pages_and_are_listed():
    body = "（上接A6版）\n" + "\n".join(wrap("碉楼遍布城乡，承载着一代又一代华侨的乡愁记忆。", COLUMN)) + "\n"
    result = read(page(body=body, head="让侨房碉楼\n焕发时代光彩\n"))
    first = result.articles[0]
    assert (first.continued_from, first.summary) == ("A6", "")
    assert first.lead == ("碉楼遍布城乡，承载着一代又一代华侨的乡愁记忆。",)
    assert (1, "（上接A6版）") in [(x.line, x.text) for x in result.left_over]


def test_a_continued_body_may_open_with_a_heading():
    body = "（上接A2版）\n三、多元利用是关键\n\n" + paragraph(P1) + "\n" + paragraph(P2)
    first = read(page(body=body, head="让侨房碉楼\n焕发时代光彩\n")).articles[0]
    assert first.lead == () and [(s.heading, s.paragraphs) for s in first.sections] == [("三、多元利用是关键", (P1, P2))]


def test_a_body_breaking_off_goes_on_to_another_page():
    lines = wrap(P2, COLUMN, 2)
    body = paragraph(P1) + "\n" + "\n".join(lines[:-1]) + "\n（下转A8版）\n"
    cut = "".join(lines[:-1])
    first = read(page(body=body, byline="")).articles[0]
    assert first.continued_to == "A8"
    assert first.paragraphs[-1] == cut
    assert first.title == "让侨房碉楼焕发时代光彩"


def test_furniture_and_noise_between_lines_are_listed_not_read():
    first, second = wrap(P1, COLUMN, 2), wrap(P2, COLUMN, 2)
    body = "\n".join([first[0], "江门日报", "7", *first[1:]]) + "\n\n" + "\n".join([second[0], "港", *second[1:]]) + "\n"
    header = "2024年9月17日 星期二 A07 理论评论 责任编辑 陈某某\n\n"
    result = read(page(body=body, before=header) + "\n——\n")
    assert result.articles[0].lead == (P1, P2)
    assert [x.text for x in result.left_over] == [
        "2024年9月17日 星期二 A07 理论评论 责任编辑 陈某某",
        "江门日报",
        "7",
        "港",
        "——",
    ]
    assert [x.why for x in result.left_over][:3] == ["running header or footer", "masthead", "page number"]


def test_ocr_slips_are_fixed_and_said():
    first, second = wrap(P1, COLUMN, 2), wrap(P2, COLUMN, 2)
    first[1] = first[1].replace("，", ",", 1)  # an ASCII comma between Chinese characters
    second[1] += "-"  # a word broken with a hyphen
    body = "\n".join(first) + "\n\n" + "\n".join(second) + "\n"
    first = read(page(body=body)).articles[0]
    assert first.lead == (P1, P2)
    assert {w.line for w in first.warnings} >= {2, 6}


def test_a_doubtful_paragraph_break_is_recorded():
    # A full line ending a sentence, then an indented line ending one: the short last line of the
    # paragraph, or a paragraph of one line? Nearly as likely either way.
    body = "江门是著名侨乡，侨房碉楼遍\n布城乡，承载着一代代华侨的乡愁。\n一代又一代华侨心系桑梓。\n"
    first = read(page(body=body)).articles[0]
    assert [d.line for d in first.doubts] == [3]


def test_costs_are_one_readable_table():
    assert COSTS.numbered_heading < 0 < COSTS.heading
    assert all(isinstance(value, float) for value in vars(COSTS).values())


def exact_rate(pages) -> float:
    exact = total = 0
    for text, expected in pages:
        got = {a["title"]: a for a in parse_page(decode("p.txt", text.encode())).to_dict()["articles"]}
        for want in expected:
            total += 1
            exact += want["title"] in got and core(got[want["title"]]) == core(want)
    return exact / total


def fixture_pages(folder):
    return [
        (path.read_text(encoding="utf-8"), json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))["articles"])
        for path in sorted(folder.glob("*.txt"))
    ]


# Each hand-written family, with the least share of its articles read exactly (a little under today's).
FAMILY_FLOORS = {
    "conventions": 0.93,
    "typesetter2": 0.9,
    "typesetter3": 0.85,
    "typesetter4": 0.9,
    "typesetter5": 0.85,
    "typesetter6": 0.85,
    "typesetter7": 0.75,
}


@pytest.mark.parametrize(("family", "floor"), FAMILY_FLOORS.items())
def test_each_hand_written_familys_pages_are_read(family, floor):
    assert exact_rate(fixture_pages(CONVENTIONS.parent / family)) >= floor


def test_generated_pages_with_every_convention_are_read():
    pages = [conventions_page(random.Random(seed))[:2] for seed in range(2000, 2150)]
    assert exact_rate(pages) >= 0.82


# -- what the editors' pages get --------------------------------------------------------------


def editors_page(article, tmp_path):
    """The editors' page of an article, as imported, read back as the site and the check read it."""
    from oped.docs import read_page
    from oped.render import article_page

    file = tmp_path / "articles" / "a.md"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(article_page(article, slug="a", source="page.txt", number=1, topics=[]), encoding="utf-8")
    return file.read_text(encoding="utf-8"), read_page(tmp_path, file)


def test_a_commentary_page_has_no_summary_box_and_says_its_kind(tmp_path):
    head = "以实干实绩\n跑出发展加速度\n"
    commentary = read(page(byline="（本报评论员）", head=head)).articles[0]
    text, doc = editors_page(commentary, tmp_path)
    assert "kind: commentary" in text and "!!! abstract" not in text and "summary:" not in text
    assert doc.warnings == ()


def test_an_interview_page_has_its_subtitle_note_and_levels(tmp_path):
    # (The section's paragraph fills its column: two lines alone could be a narrower column's.)
    text = "要引入社会资本参与改造，发展民宿、展馆等新业态，让侨房碉楼活起来、火起来。"
    body = BODY + "\n一、创新利用方式\n（一）引入社会资本\n" + paragraph(text)
    note = paragraph("编者按：侨房碉楼是侨乡的宝贵财富。本期刊发专家文章，敬请关注。", 12) + "\n"
    head = HEAD.replace("焕发时代光彩\n", "焕发时代光彩\n——访五邑大学教授李四\n", 1)
    article = read(page(body=body, head=head, before=note)).articles[0]
    text, doc = editors_page(article, tmp_path)
    assert "——访五邑大学教授李四\n{: .oped-subtitle }" in text
    assert '!!! note "编者按"\n\n    侨房碉楼是侨乡的宝贵财富。' in text
    assert "\n## 一、创新利用方式\n" in text and "\n### （一）引入社会资本\n" in text
    assert doc.warnings == ()


def test_a_continued_article_says_where_its_body_comes_from_and_goes(tmp_path):
    body = "（上接A6版）\n" + "\n".join(wrap("碉楼遍布城乡，承载着一代又一代华侨的乡愁记忆。", COLUMN)) + "\n"
    article = read(page(body=body, head="让侨房碉楼\n焕发时代光彩\n")).articles[0]
    text, doc = editors_page(article, tmp_path)
    assert "（上接A6版）\n{: .oped-jump }\n\n碉楼遍布城乡" in text
    assert doc.warnings == ()


def test_what_reading_noticed_is_given_to_the_build_by_file_and_line():
    from oped.build import reading_notes

    body = "江门是著名侨乡，侨房碉楼遍\n布城乡，承载着一代代华侨的乡愁。\n一代又一代华侨心系桑梓。\n"
    text = page(body=body.replace("侨乡，", "侨乡,", 1))
    notes = [(n.source, n.line, n.message.split(":")[0]) for n in reading_notes("seeds/p.txt", read(text))]
    fixed = "ASCII punctuation between Chinese characters made full-width"
    assert notes == [("seeds/p.txt", 1, fixed), ("seeds/p.txt", 3, "doubt")]


# -- what a new user found (trial of 2026-11-29) --------------------------------------------------


def test_a_closing_mark_split_off_onto_its_own_line_is_joined_back():
    first, second = wrap(P1, COLUMN, 2), wrap(P2, COLUMN, 2)
    body = "\n".join(first) + "\n\n" + "\n".join([*second[:-1], second[-1][:-1], second[-1][-1]]) + "\n"
    result = read(page(body=body))
    assert [a.title for a in result.articles] == ["让侨房碉楼焕发时代光彩", "做强乡村旅游助力乡村振兴"]
    assert result.articles[0].lead == (P1, P2)
    assert result.left_over == ()


def test_a_stray_closing_quote_that_closes_nothing_is_listed_not_joined():
    second = wrap(P2, COLUMN, 2)
    body = paragraph(P1) + "\n" + "\n".join([*second[:1], "”", *second[1:]]) + "\n"
    result = read(page(body=body))
    assert result.articles[0].lead == (P1, P2)
    assert [x.text for x in result.left_over] == ["”"]


def test_a_question_with_words_after_it_is_no_heading():
    # A short first line (an indent), ending in no mark, after a sentence's end: it could open a
    # heading, but a question with more words after it is a sentence.
    text = "发展怎么干？关键在于抓落实，把各项部署变成实实在在的成效。"
    body = paragraph(P1) + "\n" + "发展怎么干？关键\n" + "\n".join(wrap(text[8:], COLUMN, 0)) + "\n"
    first = read(page(body=body)).articles[0]
    assert first.lead == (P1, text) and first.sections == ()


def test_a_closing_quote_split_off_after_a_long_quotation_is_joined_back():
    quote = "他说：“" + P1.rstrip("。") + "，要创新利用方式，引入社会资本参与改造，发展民宿、展馆等新业态，让它们活起来。”"
    lines = wrap(quote, COLUMN, 2)
    assert lines[-1].endswith("。”") and len(lines) >= 6
    body = paragraph(P1) + "\n" + "\n".join([*lines[:-1], lines[-1][:-1], "”"]) + "\n"
    result = read(page(body=body))
    assert result.articles[0].lead == (P1, quote) and result.left_over == ()


def test_a_lone_character_between_blank_lines_inside_a_paragraph_is_listed():
    first = wrap(P2, COLUMN, 2)
    body = paragraph(P1) + "\n" + "\n".join(first[:2]) + "\n\n展\n\n" + "\n".join(first[2:]) + "\n"
    result = read(page(body=body))
    assert result.articles[0].lead == (P1, P2) and [x.text for x in result.left_over] == ["展"]


def test_a_last_character_and_its_mark_split_off_are_joined_back():
    second = wrap(P2, COLUMN, 2)
    last = second[-1]
    body = paragraph(P1) + "\n" + "\n".join([*second[:-1], last[:-2], last[-2], last[-1]]) + "\n"
    body += "\n一、创新利用方式\n" + paragraph("要引入社会资本参与改造，发展新业态。")
    first = read(page(body=body)).articles[0]
    assert first.lead == (P1, P2)
    assert [s.heading for s in first.sections] == ["一、创新利用方式"]


def test_imprint_contact_and_section_name_lines_are_furniture():
    imprint = "江门日报社出版\n本版邮箱：llpl@jmrb.com\n理论评论\n"
    head = "让侨房碉楼\n焕发时代光彩\n" + imprint + "\n" + "\n".join(wrap(SUMMARY, 10, 2)) + "\n"
    result = read(page(head=head))
    assert result.articles[0].title == "让侨房碉楼焕发时代光彩"
    assert [x.why for x in result.left_over] == ["imprint", "imprint", "section name"]


def test_a_comma_at_a_line_start_is_fixed_and_english_keeps_its_spaces():
    from oped.parse import join_lines
    from oped.reflow import measure

    notes: list = []
    assert join_lines(measure("江门是著名侨乡\n,侨房碉楼遍布城乡。\n"), notes) == "江门是著名侨乡，侨房碉楼遍布城乡。"
    assert [n.line for n in notes] == [2]
    lines = measure("要践行ESG (environmental, social and governance) 理念。\n")
    assert join_lines(lines, []) == "要践行ESG(environmental, social and governance)理念。"


# -- what a review found (2026-11-29) ------------------------------------------------------------


def test_an_affiliation_no_byline_names_gives_no_nameless_author(tmp_path):
    article = read(page(byline="（作者单位：五邑大学马克思主义学院）")).articles[0]
    assert article.authors == ()
    assert article.byline == "（作者单位：五邑大学马克思主义学院）"
    assert any("五邑大学马克思主义学院" in w.message for w in article.warnings)
    assert editors_page(article, tmp_path)[1].warnings == ()


def test_two_bylines_at_the_top_and_two_notes_lose_nothing():
    note = paragraph("编者按：侨房碉楼是侨乡的宝贵财富。本期刊发专家文章，敬请关注。", 12)
    second = paragraph("编者按：欢迎读者来稿，分享侨乡故事。", 12)
    text = page(byline="（作者单位：五邑大学）", before=f"□ 李某某\n□ 王某某\n\n{note}\n{second}\n")
    result = read(text)
    first = result.articles[0]
    assert first.authors == (Author("李某某", "五邑大学"), Author("王某某", "五邑大学"))
    assert first.top_byline == "□ 李某某 □ 王某某"
    assert first.lead[0] == "编者按：欢迎读者来稿，分享侨乡故事。"
    assert first.editors_note.startswith("侨房碉楼是侨乡的宝贵财富")


def test_a_headline_ending_in_bao_and_a_date_in_the_text_are_not_furniture():
    head = "奏响新时代\n乡村振兴捷报\n\n" + "\n".join(wrap(SUMMARY, 10, 2)) + "\n"
    assert read(page(head=head)).articles[0].title == "奏响新时代乡村振兴捷报"
    assert read(page(head=head)).left_over == ()
