"""What readers, screen readers and crawlers judge a page by: axe-core, metadata, feeds, 404,
dark mode and print — on both variants, in headless Chromium."""

import re

import feedparser
import pytest

ARTICLE = "articles/dazao-sanwan-hezuo-fazhan-qu-gongjian-quyu-fazhan-xin/"
PAGES = ["", ARTICLE, "authors/", "pages/", "topics/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("variant", ["", "zh-Hant/"], ids=["zh-Hans", "zh-Hant"])
def test_axe_finds_no_violation(served, browser, variant, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = {}
    for path in PAGES:
        page.goto(served + variant + path)
        violations = Axe().run(page).response["violations"]
        if violations:
            found[path] = [(v["id"], [n["target"] for n in v["nodes"]][:2]) for v in violations]
    # The search dialog open with results, as a reader uses it.
    page.goto(served + variant + ARTICLE)
    page.locator(".md-search__input").fill("新质生产力")
    page.locator(".md-search-result__item").first.wait_for()
    violations = Axe().run(page).response["violations"]
    if violations:
        found["search"] = [(v["id"], [n["target"] for n in v["nodes"]][:2]) for v in violations]
    context.close()
    assert found == {}


@pytest.mark.parametrize(("variant", "locale"), [("", "zh_CN"), ("zh-Hant/", "zh_HK")])
def test_a_shared_link_previews_with_title_summary_and_locale(built_site, variant, locale):
    root, _ = built_site
    text = (root / "site" / variant / ARTICLE / "index.html").read_text(encoding="utf-8")
    meta = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', text))
    assert meta["og:type"] == "article" and meta["og:locale"] == locale
    assert meta["og:title"].startswith(("打造三湾", "打造三灣"))
    assert meta["description"] == meta["og:description"] and meta["description"].startswith(("三湾", "三灣"))
    assert meta["og:url"].endswith(variant + ARTICLE) and meta["twitter:card"] == "summary"
    assert f'<link rel="canonical" href="{meta["og:url"]}">' in text


@pytest.mark.parametrize("variant", ["", "zh-Hant/"])
def test_the_feed_is_valid_and_lists_the_latest_articles(built_site, variant):
    root, _ = built_site
    feed = feedparser.parse((root / "site" / variant / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == 3
    entry = feed.entries[0]
    assert entry.title and entry.summary and entry.author and entry.link.endswith("/")
    assert ("/zh-Hant/articles/" in entry.link) == bool(variant)
    page = (root / "site" / variant / "index.html").read_text(encoding="utf-8")
    assert 'type="application/rss+xml"' in page


def test_a_missing_page_says_so_in_both_scripts(built_site, served, browser):
    root, _ = built_site
    for variant in ("", "zh-Hant/"):
        text = (root / "site" / variant / "404.html").read_text(encoding="utf-8")
        assert "页面不存在" in text and "找不到此網頁" in text


def test_dark_mode_follows_the_system_and_can_be_toggled(served, browser):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(served + ARTICLE)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    context.close()


def test_an_article_prints_without_navigation(served, browser):
    page = browser.new_page()
    page.goto(served + ARTICLE)
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".oped-links", ".md-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    for shown in ("article h1", ".oped-byline", ".admonition.abstract", "article h2"):
        assert page.locator(shown).first.is_visible(), shown
    page.close()
