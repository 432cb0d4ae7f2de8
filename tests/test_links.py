"""Cross-links: institutions, authors, topics and related articles, computed from the text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from oped.links import author_slug, institution_of, people, related_articles, topics_for


def test_affiliations_group_under_their_institution():
    assert institution_of("五邑大学副教授") == "五邑大学"
    assert institution_of("市统计局党组成员、二级调研员") == "市统计局"
    assert institution_of("江门职业技术学院副教授") == "江门职业技术学院"
    found = people(
        [
            ("a", [("李阳", "五邑大学副教授")]),
            ("b", [("王璇", "五邑大学副教授"), ("李茜", "五邑大学副教授"), ("赵前斌", "市统计局党组成员")]),
            ("c", [("李阳", "五邑大学副教授")]),
        ]
    )
    wuyi = sorted(p.name for p in found.values() if p.institution == "五邑大学")
    assert wuyi == ["李茜", "李阳", "王璇"]
    assert found[author_slug("李阳", "五邑大学副教授")].articles == ["a", "c"]


def test_same_name_at_another_institution_is_another_author():
    assert author_slug("李阳", "五邑大学副教授") != author_slug("李阳", "市委党校教授")


TEXTS = {
    "bay": "粤港澳大湾区建设提速。江门融入粤港澳大湾区，发展新质生产力。黄茅海跨海通道通车。",
    "bridge": "黄茅海跨海通道通车后，三湾合作发展区迎来机遇。黄茅海跨海通道连接珠江西岸。",
    "farm": "乡村振兴要发展特色农业，培育农村电商，农业农村现代化。特色农业带动增收。",
    "power": "新质生产力是创新起主导作用的先进生产力。发展新质生产力，要以科技创新为引领。",
}


def test_related_articles_share_content_terms():
    related = related_articles(TEXTS)
    assert related["bay"][0].key in {"bridge", "power"}
    assert "黄茅海跨海通道" in related["bridge"][0].shared or related["bridge"][0].key == "bay"
    assert all(r.key != "farm" for r in related["bay"])
    assert related["farm"] == []


def test_topics_are_names_the_article_repeats_or_shares():
    topics = topics_for(TEXTS)
    assert "黄茅海跨海通道" in topics["bridge"]
    assert "新质生产力" in topics["power"]
    assert "特色农业" in topics["farm"]


WORDS = (
    "新质生产力 大湾区 跨海通道 乡村振兴 职业教育 数字经济 侨乡文化 城市更新 产业链 科技创新 营商环境 "
    "人才培养 文化旅游 海洋经济 智能制造 绿色低碳 基层治理 公共服务 对外开放 历史街区"
).split()


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=3, max_size=12), min_size=4, max_size=12),
    st.lists(st.tuples(st.integers(0, 11), st.lists(st.sampled_from(WORDS), min_size=0, max_size=12)), max_size=6),
)
def test_related_articles_after_edits_are_those_computed_afresh(articles, edits):
    from oped.links import Relatedness

    def text(words):
        return "。".join(f"{w}和{w}" for w in words) + "。"

    texts = {f"a{n}": text(words) for n, words in enumerate(articles)}
    kept = Relatedness()
    kept.update(texts)
    for index, words in edits:
        texts = {**texts, f"a{index % len(texts)}": text(words)}
        assert kept.update(texts) == Relatedness().update(texts)
