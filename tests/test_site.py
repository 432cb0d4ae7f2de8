"""The built site: both variants, same paths, languages, switcher, cross-links, check."""

import re
from pathlib import Path

import pytest

from oped.check import broken_links
from oped.errors import BuildError
from oped.site import Stage


def html(root: Path, path: str) -> str:
    return (root / "site" / path).read_text(encoding="utf-8")


def article_paths(root: Path) -> list[str]:
    return sorted(f"articles/{p.stem}/index.html" for p in (root / "docs" / "articles").glob("*.md"))


def test_every_page_exists_in_both_variants_at_the_same_path(built_site):
    root, report = built_site
    assert report.problems == [] and report.articles == 3
    hans = {p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*.html") if "zh-Hant" not in p.parts}
    hant = {p.relative_to(root / "site" / "zh-Hant").as_posix() for p in (root / "site" / "zh-Hant").rglob("*.html")}
    assert hans == hant
    for path in ("index.html", "pages/index.html", "authors/index.html", "topics/index.html", *article_paths(root)):
        assert path in hans


def test_languages_and_hreflang_alternates_in_the_sitemaps(built_site):
    root, _ = built_site
    page = article_paths(root)[0]
    assert '<html lang="zh-Hans"' in html(root, page)
    assert '<html lang="zh-HK"' in html(root, "zh-Hant/" + page)
    url = page.removesuffix("index.html")
    for sitemap in ("sitemap.xml", "zh-Hant/sitemap.xml"):
        text = html(root, sitemap)
        assert f'hreflang="zh-Hans" href="http://127.0.0.1:8000/{url}"' in text
        assert f'hreflang="zh-HK" href="http://127.0.0.1:8000/zh-Hant/{url}"' in text
        for lang in ("zh-MO", "zh-Hant"):  # Macao and any Traditional reader get the Hong Kong page
            assert f'hreflang="{lang}" href="http://127.0.0.1:8000/zh-Hant/{url}"' in text
        assert "<lastmod>" not in text  # two builds of the same input are the same bytes


def test_the_interface_speaks_each_variant(built_site):
    root, _ = built_site
    page = article_paths(root)[0]
    hans, hant = html(root, page), html(root, "zh-Hant/" + page)
    assert 'title="永久链接"' in hans and 'title="永久連結"' in hant and "Permanent link" not in hans + hant
    assert re.search(r'class="md-skip">\s*跳至主要内容\s*<', hans) and re.search(r'class="md-skip">\s*跳至主要內容\s*<', hant)
    assert 'aria-label="繁體中文">繁</a>' in hans and 'aria-label="简体中文">简</a>' in hant
    assert "<language>zh-cn</language>" in html(root, "feed.xml") and "<language>zh-hk</language>" in html(
        root, "zh-Hant/feed.xml"
    )
    missing = html(root, "404.html")
    assert '<h1 lang="zh-HK">找不到此網頁</h1>' in missing and "這個網址沒有網頁" in missing
    assert "閲" not in hant and "min-height: 40px" in html(root, "assets/oped.css")
    pages = html(root, "zh-Hant/pages/index.html")
    assert "出版資訊（報章名稱、日期、版次）缺失的版面按來源檔案名稱排序" in pages and "報名" not in pages and "文件" not in pages


def test_the_switcher_links_the_same_page_in_the_other_variant(built_site):
    root, _ = built_site
    page = article_paths(root)[0]
    url = page.removesuffix("index.html")
    hans, hant = html(root, page), html(root, "zh-Hant/" + page)
    assert f'class="md-header__button oped-switch__link" href="../../zh-Hant/{url}"' in hans
    assert f'class="md-header__button oped-switch__link" href="../../../{url}"' in hant
    assert 'class="md-header__button oped-switch__link" href="zh-Hant/"' in html(root, "index.html")


def test_traditional_pages_are_hong_kong_text_with_hong_kong_quotes_and_ui(built_site):
    root, _ = built_site
    hant = html(root, "zh-Hant/" + article_paths(root)[1])
    text = re.sub(r"<[^>]+>", "", hant)
    assert "「" in text and "“" not in text
    assert "內容提要" in hant and "搜尋" in hant
    assert "江門日報·理論評論" in hant
    assert "首頁" in hant and "專題" in hant


def test_traditional_edit_link_opens_the_simplified_source(tmp_path):
    from oped.build import Project, build

    from .conftest import copy_project

    root = copy_project(tmp_path / "p")
    build(Project(root), repo_url="https://github.com/example/oped")
    page = article_paths(root)[0]
    source = f"https://github.com/example/oped/edit/main/docs/articles/{page.split('/')[1]}.md"
    assert f'href="{source}"' in html(root, page)
    assert f'href="{source}"' in html(root, "zh-Hant/" + page)
    assert "edit/main/docs/index.md" not in html(root, "index.html")


def test_articles_link_their_page_mates_authors_topics_and_related_articles(built_site):
    root, _ = built_site
    hans = html(root, "articles/dazao-sanwan-hezuo-fazhan-qu-gongjian-quyu-fazhan-xin/index.html")
    links = re.findall(r'href="([^"#]+)"', hans)
    assert "../yi-xiandai-fuwuye-gaozhiliang-fazhan-zengqiang-chengshi/" in links
    assert "../yi-xianjin-zhizaoye-wei-zhongdian-goujian-jiangmen/" in links
    assert "../../authors/li-qian-wydx/" in links and "../../authors/zhao-qianbin-stjj/" in links
    assert any(link.startswith("../../topics/") for link in links)
    authors = html(root, "authors/index.html")
    wuyi = authors.split('id="五邑大学"', 1)[1].split("<h2", 1)[0]
    assert all(name in wuyi for name in ("李阳", "王璇", "李茜"))


def test_no_broken_internal_link_or_anchor(built_site):
    root, _ = built_site
    assert broken_links(root / "site") == []


def test_the_link_check_finds_a_broken_link_and_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="b/">no</a><a href="a/#x">anchor</a>')
    (tmp_path / "a" / "index.html").write_text('<h2 id="y">y</h2>')
    assert [p.message for p in broken_links(tmp_path)] == [
        "link 'b/' leads to no page",
        "link 'a/#x' names an anchor the page does not have",
    ]


def test_nothing_is_loaded_from_outside_the_site(built_site):
    root, _ = built_site
    for page in ("index.html", article_paths(root)[0]):
        text = html(root, page)
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
        assert not re.search(r'<(script|link)[^>]+(src|href)="https?://(?!127\.0\.0\.1)', text)


def test_escaped_markup_in_a_seed_shows_as_text(tmp_path):
    from oped.build import Project, build

    from .conftest import copy_project

    root = copy_project(tmp_path / "p", with_docs=False)
    seed = next((root / "seeds").glob("*.txt"))
    text = seed.read_text(encoding="utf-8").replace(
        "江门要立足自身资源禀赋", "江门要<script>alert(1)</script>立足*自身*资源禀赋", 1
    )
    seed.write_text(text, encoding="utf-8")
    build(Project(root))
    page = next(p for p in (root / "site" / "articles").rglob("index.html") if "alert(1)" in p.read_text(encoding="utf-8"))
    out = page.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "<script>alert(1)" not in out
    assert "立足*自身*资源禀赋" in out


def test_the_stage_refuses_paths_outside_its_root_and_two_pages_on_one_path(tmp_path):
    stage = Stage(tmp_path / "out")
    stage.add("a/b.md", "x")
    with pytest.raises(BuildError, match="outside"):
        stage.add("../escape.md", "x")
    with pytest.raises(BuildError, match="outside"):
        stage.add("/etc/passwd", "x")
    with pytest.raises(BuildError, match="two pages"):
        stage.add("a/b.md", "y")


def test_check_passes_on_the_project(built_site):
    from oped.check import check

    root, _ = built_site
    assert check(root) == 0


def test_check_fails_when_front_matter_and_body_disagree(tmp_path, capsys):
    from oped.check import check

    from .conftest import copy_project

    root = copy_project(tmp_path / "p")
    page = sorted((root / "docs" / "articles").glob("*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: 改", 1), encoding="utf-8")
    assert check(root) == 1
    assert f"docs/articles/{page.name}" in capsys.readouterr().err


def test_a_sidecar_names_the_page_and_orders_the_archive(tmp_path):
    from oped.build import Project, build

    from .conftest import copy_project

    root = copy_project(tmp_path / "p")
    seeds = root / "seeds"
    first = next(seeds.glob("*.txt"))
    (seeds / "001_older.txt").write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    (seeds / "001_older.yml").write_text("publication: 江门日报\ndate: 2024-01-02\npage: A07 理论\n", encoding="utf-8")
    first.with_suffix(".yml").write_text("publication: 江门日报\ndate: 2024-09-10\npage: A08 评论\n", encoding="utf-8")
    report = build(Project(root))
    assert report.problems == [] and not any("no page information" in n for n in report.notes)
    pages = html(root, "pages/index.html")
    assert pages.index("2024年9月10日") < pages.index("2024年1月2日")
    assert "江门日报 · 2024年9月10日 · A08 评论" in html(root, "index.html")
    assert "江門日報 · 2024年9月10日 · A08 評論" in html(root, "zh-Hant/index.html")
    article = html(root, article_paths(root)[0])
    assert "2024年" in article.split('class="oped-pageinfo"', 1)[1][:200]


def test_a_bad_sidecar_is_reported_and_the_site_still_builds(tmp_path):
    from oped.build import Project, build

    from .conftest import copy_project

    root = copy_project(tmp_path / "p")
    next((root / "seeds").glob("*.txt")).with_suffix(".yml").write_text("date: 10/9/2024\n", encoding="utf-8")
    report = build(Project(root))
    assert any("date '10/9/2024' is not a date from 1900 to 2100 written YYYY-MM-DD" in str(p) for p in report.problems)
    assert (root / "site" / "index.html").exists()


def test_two_builds_of_the_same_input_are_the_same_bytes(tmp_path):
    from oped.build import Project, build

    from .conftest import copy_project

    root = copy_project(tmp_path / "p")
    build(Project(root))
    first = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    build(Project(root))
    second = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []
