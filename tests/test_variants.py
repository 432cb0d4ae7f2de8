"""The Hong Kong Traditional variant: OpenCC s2hk, the editors' overrides, Hong Kong quotes."""

from oped.variants import Converter, Override, read_overrides

from .conftest import FIXTURE


def converter(tmp_path, overrides=(), names=()):
    return Converter(list(overrides), tmp_path / "opencc", names)


def test_s2hk_with_hong_kong_quotation_marks(tmp_path):
    text = converter(tmp_path).convert("他说：“发展‘侨乡’经济。”")
    assert text == "他説：「發展『僑鄉』經濟。」"


def test_an_override_beats_s2hk_and_survives_the_hong_kong_variant_step(tmp_path):
    plain = converter(tmp_path / "a").convert("范先生说")
    assert plain == "範先生説"
    ours = converter(tmp_path / "b", [Override("范先生", "范先生"), Override("说", "說")]).convert("范先生说")
    assert ours == "范先生說"


def test_the_checked_in_table_is_valid_and_applied(tmp_path):
    overrides, problems = read_overrides(FIXTURE / "docs" / "conversion-overrides.tsv")
    assert problems == [] and overrides
    text = converter(tmp_path, overrides).convert("范先生说，这项技术被发明了。")
    assert text == "范先生說，這項技術被發明了。"


def test_authors_names_keep_their_surnames(tmp_path):
    text = converter(tmp_path, names=["范明", "于华", "李阳"]).convert("范明、于华和李阳认为")
    assert text == "范明、于華和李陽認為"


def test_bad_override_lines_are_reported_with_their_line(tmp_path):
    table = tmp_path / "conversion-overrides.tsv"
    table.write_text("# note\n范先生\t范先生\n只有一列\n说\t說\n说\t説\n", encoding="utf-8")
    overrides, problems = read_overrides(table)
    assert [o.simplified for o in overrides] == ["范先生", "说", "说"]
    assert [(p.line, "expected" in p.message or "already" in p.message) for p in problems] == [(3, True), (5, True)]


def test_house_style_forms_and_hong_kong_terms(tmp_path):
    overrides, _ = read_overrides(FIXTURE / "docs" / "conversion-overrides.tsv")
    text = converter(tmp_path, overrides).convert("千家万户，脱颖而出，面包，产业集群，脱发，信息技术与数字经济。游说。")
    assert text == "千家萬戶，脫穎而出，麵包，產業集群，脫髮，資訊科技與數碼經濟。遊說。"


def test_link_targets_stay_and_headings_keep_their_simplified_anchor(tmp_path):
    from oped.variants import convert_markdown

    page = "## 一、干部作风\n\n见[上文](#一干部作风)与[作者](../authors/li-yang.md)。\n{: .oped-byline }\n"
    out = convert_markdown(page, converter(tmp_path).convert)
    assert out.startswith("## 一、幹部作風 {#一干部作风}\n")
    assert "[上文](#一干部作风)" in out and "(../authors/li-yang.md)" in out and "{: .oped-byline }" in out
