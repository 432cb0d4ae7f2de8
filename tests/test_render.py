"""Article pages as Markdown: escaping, enumerated points, front matter."""

import re
from html import unescape

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from pymdownx.slugs import slugify

from oped.docs import consistency, split_front_matter, validate
from oped.model import Article, Author, Section
from oped.render import article_page, escape, paragraph_markdown, point_lead

# The Markdown extensions of mkdocs.yml.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "toc"]
CONFIG = {"toc": {"slugify": slugify(case="lower")}}


def html_of(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS, extension_configs=CONFIG)


def visible_text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html)).strip()


MARKUP = "*_#[]()<>&`\\!|{}:-+=.~^1 "


@given(st.text(alphabet="江门侨乡，。“”" + MARKUP, min_size=1, max_size=60).map(str.strip).filter(bool))
def test_page_text_always_renders_literally(text):
    html = html_of(paragraph_markdown(text))
    assert visible_text(html) == text
    assert "<script" not in html and "<em" not in html and "<a " not in html and "<h" not in html[:3]


def test_a_script_tag_shows_as_text_and_never_runs():
    html = html_of(escape("<script>alert(1)</script>"))
    assert "<script>" not in html
    assert visible_text(html) == "<script>alert(1)</script>"


def test_block_markup_at_a_line_start_stays_text():
    for text in ("1. 第一条", "- 列表", "# 标题", "!!! note", "> 引文", "+ 加号", "| 表 |"):
        html = html_of(escape(text))
        assert visible_text(html) == text, text
        assert "<ol>" not in html and "<ul>" not in html and "<h1" not in html and "<blockquote>" not in html


def test_enumerated_point_has_its_lead_sentence_in_bold_and_no_character_changed():
    paragraph = "一是优化空间布局，探索城乡融合新模式。第一，要优化空间。"
    html = html_of(paragraph_markdown(paragraph))
    assert "<strong>一是优化空间布局，探索城乡融合新模式。</strong>" in html
    assert visible_text(html) == paragraph
    # A point that is one sentence: only its marker is bold (bolding all of it would mark nothing).
    assert point_lead("第二，发展科创产业。") == len("第二，")
    assert point_lead("江门是侨乡。一是") == 0


def article(**changes):
    base = dict(
        title="以“侨”为桥_打造*新*平台",
        authors=(Author("李阳", "五邑大学副教授"), Author("王璇", "五邑大学讲师")),
        summary="要加强区域联动[1]，共建大湾区。",
        summary_truncated=False,
        lead=("江门是侨乡。",),
        sections=(Section("扬优势：立足禀赋", ("一是发展文旅。文旅兴。", "<b>粗</b>")),),
    )
    base.update(changes)
    return Article(**base)


def test_article_page_has_front_matter_title_byline_summary_box_and_sections():
    text = article_page(article(), slug="yi-qiao", source="000.txt", number=1, topics=["侨乡"])
    meta, body = split_front_matter(text)
    assert meta["title"] == "以“侨”为桥_打造*新*平台"
    assert meta["slug"] == "yi-qiao" and meta["topics"] == ["侨乡"]
    assert meta["source"] == {"file": "000.txt", "article": 1, "line": 0}
    assert meta["imported"].startswith("sha256:")
    assert validate("articles/yi-qiao.md", meta, body) == [] and consistency("a.md", meta, body, text) == []
    html = html_of(body)
    assert visible_text(re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1)) == "以“侨”为桥_打造*新*平台"
    assert 'class="admonition abstract"' in html and "内容提要" in html
    assert 'class="oped-byline"' in html and "李阳（五邑大学副教授）" in html
    assert '<h2 id="扬优势立足禀赋">' in html
    assert "&lt;b&gt;粗&lt;/b&gt;" in html


def test_a_truncated_summary_is_marked_visibly():
    body = split_front_matter(article_page(article(summary_truncated=True), slug="a", source="x", number=1, topics=[]))[1]
    html = html_of(body)
    assert 'class="admonition abstract truncated"' in html
    assert "开头缺失" in html


def test_validate_names_what_an_editor_broke():
    text = article_page(article(), slug="yi-qiao", source="000.txt", number=1, topics=[])
    meta, body = split_front_matter(text)
    meta["title"] = "改过的标题"
    assert validate("articles/yi-qiao.md", meta, body) == []  # still publishable
    assert any("# heading differs" in p.message for p in consistency("a.md", meta, body, text))
    assert any("does not match the file name" in p for p in validate("articles/other.md", meta, body))


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.text(min_size=1),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(),
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
            max_leaves=8,
        ),
    )
)
def test_generated_front_matter_reads_back_as_written(meta):
    from oped.render import generated_front_matter

    assert split_front_matter(generated_front_matter(meta) + "正文\n") == (meta, "\n正文\n")
