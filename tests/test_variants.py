"""The Hong Kong Traditional variant: OpenCC s2hk, the editors' overrides, Hong Kong quotes."""

from oped.variants import Converter, Override, read_overrides

from .conftest import FIXTURE


def converter(tmp_path, overrides=(), names=()):
    return Converter(list(overrides), tmp_path / "opencc", names)


def test_s2hk_with_hong_kong_quotation_marks(tmp_path):
    text = converter(tmp_path).convert("他说：“发展‘侨乡’经济。”")
    assert text == "他說：「發展『僑鄉』經濟。」"


def test_an_override_beats_s2hk_and_survives_the_hong_kong_variant_step(tmp_path):
    import opencc

    assert opencc.OpenCC("s2hk").convert("范围说") == "範圍説"
    ours = converter(tmp_path / "b", [Override("范围", "范圍"), Override("说", "説")]).convert("范围说")
    assert ours == "范圍説"  # both overrides win over s2hk and over the house forms


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
    assert text == "千家萬戶，脫穎而出，麵包，產業集群，脫髮，信息技術與數字經濟。遊說。"  # terms stay as written
    # A term of our own interface (来源文件名 → 來源檔案名稱) is said on our index pages, never in an article.
    assert converter(tmp_path, overrides).convert("来源文件名和出版信息。") == "來源文件名和出版信息。"


def test_link_targets_stay_and_headings_keep_their_simplified_anchor(tmp_path):
    from oped.variants import convert_markdown

    page = "## 一、干部作风\n\n见[上文](#一干部作风)与[作者](../authors/li-yang.md)。\n{: .oped-byline }\n"
    out = convert_markdown(page, converter(tmp_path).convert)
    assert out.startswith("## 一、幹部作風 {#一干部作风}\n")
    assert "[上文](#一干部作风)" in out and "(../authors/li-yang.md)" in out and "{: .oped-byline }" in out


def test_house_forms_are_the_forms_hong_kong_papers_print(tmp_path):
    text = converter(tmp_path).convert("税 锐 阅 悦 兑 蜕 温 启 叙 钩 卧 峰 说 户 脱 蕴 群 面包")
    assert text == "稅 銳 閱 悅 兌 蛻 溫 啟 敘 鉤 臥 峰 說 戶 脫 蘊 群 麵包"


def test_hong_kong_papers_forms_where_s2hk_gives_taiwans(tmp_path):
    text = converter(tmp_path).convert("政府应尽快了解民意，尽量搜集资料，防止外泄，一目了然，克制，复核，台风")
    assert text == "政府應盡快了解民意，盡量搜集資料，防止外洩，一目了然，克制，覆核，颱風"
    text = converter(tmp_path).convert("借助平台签下合同，抽签决定，企业家私下说，烟囱")
    assert text == "借助平台簽下合同，抽籤決定，企業家私下說，煙囪"


def test_words_opencc_cuts_in_two_stay_whole(tmp_path):
    text = converter(tmp_path).convert("储备注入资金，更多采用新的清关系统，完善认定制度，百年历史，渔船只有十艘，并发出通知")
    assert text == "儲備注入資金，更多採用新的清關系統，完善認定制度，百年歷史，漁船只有十艘，並發出通知"


def test_phrases_opencc_matches_across_word_boundaries(tmp_path):
    text = converter(tmp_path).convert(
        "并发挥作用，并为此，资金链，华人参与，签协议，一只只，干散货，加注，不准，大梁，四梁八柱，汇报，伙伴"
    )
    assert text == "並發揮作用，並為此，資金鏈，華人參與，簽協議，一隻隻，乾散貨，加注，不准，大樑，四樑八柱，匯報，夥伴"


def test_a_surname_before_a_title_keeps_its_form(tmp_path):
    convert = converter(tmp_path).convert
    cases = {
        "余先生": "余先生", "于教授": "于教授", "范主任": "范主任", "党师傅": "党師傅", "游先生": "游先生",
        "钟先生": "鍾先生", "萧书记": "蕭書記", "沈博士": "沈博士", "叶老师": "葉老師", "庞院长": "龐院長",
    }  # fmt: skip
    assert {s: convert(f"据{s}说") for s in cases} == {s: f"據{t}說" for s, t in cases.items()}
    assert convert("律师范女士、朴教授和游教练") == "律師范女士、朴教授和游教練"
    assert convert("一位姓余的街坊，受访者姓余先生，范姓老板，涂先生") == "一位姓余的街坊，受訪者姓余先生，范姓老闆，涂先生"
    # After a noun naming what the person is: 专家|余先生, 学者|于教授, 工程师|余先生.
    assert convert("水利专家余先生说，华侨史学者于教授和工程师余先生") == "水利專家余先生說，華僑史學者于教授和工程師余先生"
    # The same characters as words stay words: 致力於, 取決於, 對於, 其餘, 由於.
    assert (
        convert("致力于教授学生，取决于市长，对于教授而言，其余老师，由于老师")
        == "致力於教授學生，取決於市長，對於教授而言，其餘老師，由於老師"
    )


def test_latin_apostrophes_stay_and_chinese_quotes_become_hong_kong_ones(tmp_path):
    assert converter(tmp_path).convert("McDonald’s 在 Xi’an，他说：“‘好’。”") == "McDonald’s 在 Xi’an，他說：「『好』。」"


def test_the_hong_kong_scorer_counts_wrong_characters_and_accepts_both_forms():
    import importlib.util

    from .conftest import ROOT

    spec = importlib.util.spec_from_file_location("hk_score", ROOT / "benchmarks" / "hk_score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    accepted = {("裡", "裏"), ("裏", "裡")}
    assert scorer.wrong_characters("這裏的税", "這裡的稅", accepted) == [3]
    assert scorer.wrong_characters("併發揮", "並發揮", set()) == [0]
    assert scorer.score(lambda s: s, [("甲乙", "甲乙"), ("丙", "丁")], set())[:2] == (3, 1)
    # A word printed either way is accepted as that word only: 週末 for 周末, not 週 for 周 in 周轉.
    word = {("週末", "周末")}
    assert scorer.score(lambda s: s.replace("x", "週末"), [("x周轉", "周末周轉")], word)[1] == 0
    assert scorer.score(lambda s: "週末週轉", [("x", "周末周轉")], word)[1] == 1


def test_our_phrases_win_where_they_are_words_of_the_sentence(tmp_path):
    convert = converter(tmp_path).convert
    # OpenCC's 和面 (knead dough) would take 面子's 面; 合并, 征程 likewise lose to longer matches.
    assert convert("要有里子和面子，企业去年完成合并，在新征程上") == "要有裏子和面子，企業去年完成合併，在新征程上"
    # Where our phrase is not a word (归并|为), OpenCC's own phrase stays: 歸併為, not 歸並為.
    assert convert("三个行政村归并为一个社区，并为此努力") == "三個行政村歸併為一個社區，並為此努力"
