"""The site served from a project sub-path, as GitHub Pages serves https://user.github.io/<repo>/:
every link of both variants, of their feeds and sitemaps and of the 404 page (at any depth) stays
under the prefix and leads to a page, and search and the 繁/简 switcher work there in Chromium."""

import http.server
import mimetypes
import re
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urldefrag, urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import copy_project

PREFIX = "/oped/"
ARTICLE = "articles/dazao-sanwan-hezuo-fazhan-qu-gongjian-quyu-fazhan-xin/"
MISSING = ["zh-Hant/no/such/page/", "nothing/"]


class Pages(http.server.BaseHTTPRequestHandler):
    """GitHub Pages for a project site: site/ under PREFIX only, a folder's index.html, a folder
    without its slash redirected (301), and the root's 404.html, status 404, for anything missing."""

    site: Path
    timeout = 10

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        path = unquote(urlsplit(self.path).path)
        inside = path[len(PREFIX) :] if path.startswith(PREFIX) else "" if path + "/" == PREFIX else None
        found = None if inside is None else (self.site / inside).resolve()
        if found and found.is_relative_to(self.site) and found.is_dir():
            if not path.endswith("/"):
                return self.reply(301, None, quote(path) + "/")
            found = found / "index.html"
        if found and found.is_relative_to(self.site) and found.is_file():
            return self.reply(200, found)
        return self.reply(404, self.site / "404.html")

    def reply(self, status, file, location=None):
        body = file.read_bytes() if file else b""
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", (file and mimetypes.guess_type(file.name)[0]) or "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def subpath(tmp_path_factory):
    """The test project built for, and served at, http://127.0.0.1:<port>/oped/: (root, that URL)."""
    from oped.build import Project, build

    root = copy_project(tmp_path_factory.mktemp("subpath"))
    handler = type("Handler", (Pages,), {"site": (root / "site").resolve()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # the port, before the build needs it
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    report = build(Project(root), site_url=base)
    assert report.problems == [] and report.articles == 3
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, base
    server.shutdown()
    server.server_close()


class Links(HTMLParser):
    """The href/src of a page's a, link, script and img, its anchors and its variant switcher."""

    def __init__(self, text: str = ""):
        super().__init__()
        self.links, self.ids, self.switch = [], set(), None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids.update(v for k, v in attrs.items() if v and (k == "id" or (k == "name" and tag == "a")))
        value = attrs.get({"a": "href", "link": "href", "script": "src", "img": "src"}.get(tag, ""))
        if value:
            self.links.append(value)
        if "oped-switch__link" in (attrs.get("class") or ""):
            self.switch = value


def fetch(url: str) -> tuple[int, str, str, bytes]:
    """Status, URL after redirects, content type and body of a GET."""
    try:
        with urllib.request.urlopen(quote(url, safe=":/?&=%+"), timeout=10) as response:
            return response.status, response.url, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, url, error.headers.get_content_type(), error.read()


class Crawler:
    def __init__(self, base: str):
        self.base, self.host, self.pages = base, urlsplit(base).netloc, {}

    def get(self, url: str) -> tuple[int, str, str, Links]:
        """Status, final URL, content type and links of url, fetched once. A feed's or sitemap's
        links are every URL in it."""
        if url not in self.pages:
            status, final, kind, body = fetch(url)
            links = Links(body.decode() if kind == "text/html" else "")
            if kind.endswith("xml"):
                links.links = re.findall(r"https?://[^\"<\s]+", body.decode())
            self.pages[url] = (status, final, kind, links)
        return self.pages[url]

    def problems(self, url: str, links: list[str]) -> list[str]:
        """Every link of the page at url that leaves the prefix, leads to no page or names an
        anchor its page does not have (links to other hosts are not followed)."""
        found = []
        for link in links:
            target = urljoin(url, link)
            if urlsplit(target).scheme not in ("http", "https") or urlsplit(target).netloc != self.host:
                continue
            page, fragment = urldefrag(target)
            if not urlsplit(target).path.startswith(PREFIX):
                found.append(f"{url}: {link!r} leaves {PREFIX}")
                continue
            status, _, kind, parsed = self.get(page)
            if status != 200:
                found.append(f"{url}: {link!r} -> {status}")
            elif fragment and kind == "text/html" and unquote(fragment) not in parsed.ids:
                found.append(f"{url}: {link!r} names an anchor its page does not have")
        return found

    def crawl(self, *starts: str) -> list[str]:
        broken, queue, done = [], list(starts), set()
        while queue:
            url = queue.pop()
            if url in done:
                continue
            done.add(url)
            _, final, _, parsed = self.get(url)
            broken += self.problems(final, parsed.links)
            targets = (urldefrag(urljoin(final, link))[0] for link in parsed.links)
            queue += [t for t in targets if t.startswith(self.base) and t in self.pages and self.pages[t][0] == 200]
        return broken


def test_the_server_is_github_pages_for_a_project(subpath):
    root, base = subpath
    host = base.removesuffix(PREFIX)
    assert fetch(base.rstrip("/"))[:2] == (200, base)
    assert fetch(base + "zh-Hant/pages")[:2] == (200, base + "zh-Hant/pages/")
    for missing in [host + "/", host + "/articles/", base + "zh-Hant/no/such/page/"]:
        assert fetch(missing)[0] == 404 and fetch(missing)[3] == (root / "site" / "404.html").read_bytes()


def test_every_link_of_both_variants_stays_under_the_prefix_and_leads_to_a_page(subpath):
    _, base = subpath
    crawler = Crawler(base)
    broken = crawler.crawl(base, base + "zh-Hant/", base + "sitemap.xml", base + "zh-Hant/sitemap.xml")
    pages = [url for url, (status, _, kind, _) in crawler.pages.items() if status == 200 and kind == "text/html"]
    assert len([u for u in pages if "/zh-Hant/" in u]) > 10 and len([u for u in pages if "/zh-Hant/" not in u]) > 10
    assert base + "zh-Hant/" + ARTICLE in pages and base + ARTICLE in pages
    assert broken == [], "\n".join(broken)


@pytest.mark.parametrize("missing", MISSING)
def test_every_link_of_the_404_page_works_at_any_depth(subpath, missing):
    _, base = subpath
    crawler = Crawler(base)
    status, _, _, page = crawler.get(base + missing)
    assert status == 404 and page.switch is not None
    assert urljoin(base + missing, page.switch) == base + "zh-Hant/"
    assert any(link.endswith("/oped-search.js") for link in page.links) and any(link.endswith("/oped.css") for link in page.links)
    broken = crawler.problems(base + missing, page.links)
    assert broken == [], "\n".join(broken)


@pytest.mark.parametrize(
    ("path", "query", "variant", "switched"),
    [
        (ARTICLE, "打造三湾", "", "zh-Hant/" + ARTICLE),
        ("zh-Hant/" + ARTICLE, "打造三灣", "zh-Hant/", ARTICLE),
        (MISSING[0], "打造三湾", "zh-Hant/", ""),  # under /zh-Hant/ the Hong Kong 404 page: its index, its switcher
    ],
    ids=["zh-Hans", "zh-Hant", "404"],
)
def test_search_and_the_switcher_work_under_the_prefix(browser, subpath, path, query, variant, switched):
    _, base = subpath
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside, failed = [], []
    page.on("request", lambda r: r.url.startswith((base, "data:")) or outside.append(r.url))
    page.on("response", lambda r: r.status >= 400 and r.request.resource_type != "document" and failed.append(r.url))
    page.goto(base + path)
    if "articles/" in path:
        expect(page.locator("article h1").first).to_contain_text(query)
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(query)
    result = page.locator(".md-search-result__item a.md-search-result__link").first
    expect(result).to_have_attribute("href", re.compile("^" + re.escape(base + variant + "articles/")))
    with page.expect_navigation() as opened:
        result.click()
    assert opened.value.status == 200 and opened.value.url.startswith(base)
    page.goto(base + path)
    with page.expect_navigation() as switched_to:
        page.locator(".oped-switch__link").click()
    assert switched_to.value.status == 200
    expect(page).to_have_url(base + switched)
    expect(page.locator("html")).to_have_attribute("lang", "zh-HK" if switched.startswith("zh-Hant/") else "zh-Hans")
    context.close()
    assert outside == [] and failed == []


@pytest.mark.parametrize(
    ("missing", "first", "lang"), [(MISSING[0], "找不到此網頁", "zh-HK"), (MISSING[1], "页面不存在", "zh-Hans")]
)
def test_a_missing_address_speaks_its_variant_first(browser, subpath, missing, first, lang):
    _, base = subpath
    page = browser.new_page()
    page.goto(base + missing)
    expect(page.locator("article h1").first).to_have_text(first)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.close()


def test_a_missing_address_under_zh_hant_has_the_hong_kong_interface(browser, subpath):
    _, base = subpath
    page = browser.new_page()
    page.goto(base + MISSING[0])
    expect(page.locator(".oped-switch__link")).to_have_text("简")  # the Hong Kong variant's header
    expect(page.locator("article h1").first).to_have_text("找不到此網頁")
    assert page.url == base + MISSING[0]
    page.close()


def test_the_switcher_is_a_40px_target_centred_in_the_header(browser, subpath):
    _, base = subpath
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base + ARTICLE)
    link = page.locator(".oped-switch__link").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert link["width"] >= 40 and link["height"] >= 40
    # The label itself (not only its box) sits in the middle of the header, as the icons beside it do.
    label = page.locator(".oped-switch__link").evaluate(
        "el => { const r = document.createRange(); r.selectNodeContents(el);"
        " const b = r.getBoundingClientRect(); return b.top + b.height / 2; }"
    )
    assert abs(label - (header["y"] + header["height"] / 2)) <= 3
    page.close()
