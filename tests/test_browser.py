"""What a reader does, in real headless Chromium (Debian's /usr/bin/chromium) driven by playwright,
against the built site served on loopback."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ARTICLE = "articles/dazao-sanwan-hezuo-fazhan-qu-gongjian-quyu-fazhan-xin/"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(("prefix", "summary", "lang"), [("", "内容提要", "zh-Hans"), ("zh-Hant/", "內容提要", "zh-HK")])
def test_an_article_shows_summary_box_byline_and_headings(page, served, prefix, summary, lang):
    page.goto(served + prefix + ARTICLE)
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.locator(".admonition.abstract .admonition-title")).to_have_text(summary)
    byline = "王璇（五邑大学副教授）" if not prefix else "王璇（五邑大學副教授）"
    expect(page.locator(".oped-byline").first).to_contain_text(byline)
    expect(page.locator("article h2")).to_have_count(3)
    expect(page.locator("article h1")).to_contain_text("三湾合作" if not prefix else "三灣合作")


@pytest.mark.parametrize("path", ["", ARTICLE, "zh-Hant/" + ARTICLE, "zh-Hant/authors/"])
def test_a_page_requests_nothing_outside_the_site_and_nothing_missing(page, served, path):
    requests, failures = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failures.append(response.url))
    page.goto(served + path)
    page.wait_for_load_state("networkidle")
    assert requests and all(url.startswith(served) or url.startswith("data:") for url in requests), requests
    assert failures == []


def test_the_switcher_round_trips_an_article_between_variants(page, served):
    page.goto(served + ARTICLE)
    page.locator(".oped-switch__link").click()
    expect(page).to_have_url(served + "zh-Hant/" + ARTICLE)
    expect(page.locator("article h1")).to_contain_text("打造三灣合作發展區")
    page.locator(".oped-switch__link").click()
    expect(page).to_have_url(served + ARTICLE)
    expect(page.locator("article h1")).to_contain_text("打造三湾合作发展区")


def test_cross_links_lead_to_the_right_pages(page, served):
    page.goto(served + ARTICLE)
    page.locator(".oped-links a", has_text="李茜").click()
    expect(page.locator("article h1")).to_contain_text("李茜")
    expect(page.locator("article")).to_contain_text("五邑大学副教授")
    page.locator("article h3 a", has_text="打造三湾合作发展区").click()
    expect(page).to_have_url(served + ARTICLE)
    mate = page.locator(".oped-links li a").first
    title = mate.inner_text()
    mate.click()
    expect(page.locator("article h1")).to_contain_text(title)
    page.locator(".oped-pageinfo a").click()
    expect(page.locator("article h3 a:not(.headerlink)")).to_have_count(3)


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_article_fits_the_screen_and_is_saved_as_a_screenshot(browser, served, prefix, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(served + prefix + ARTICLE)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = f"article-{prefix.strip('/') or 'zh-Hans'}-{viewport['width']}.png"
    page.screenshot(path=str(SCREENSHOTS / name), full_page=False)
    context.close()
