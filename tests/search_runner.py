"""Type queries into the site's real search box in headless Chromium and read the results.

Used by tests/test_search.py and benchmarks/search_quality.py. Works with Material's own search and
with ours: both draw results as .md-search-result__item links.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import socketserver
import threading
import time
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """A static server like GitHub Pages': text compressed with gzip when the browser asks."""

    def log_message(self, format, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        compressible = path.suffix in (".html", ".css", ".js", ".json", ".xml", ".svg")
        if not (compressible and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        if self.path.split("?")[0].endswith("/") is False and (Path(self.translate_path(self.path))).is_dir():
            return super().do_GET()  # let the base class redirect to the trailing slash
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serving(site: Path, port: int = 0):
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


def slug_of(href: str) -> str | None:
    parts = [p for p in href.split("#")[0].split("?")[0].split("/") if p]
    return parts[parts.index("articles") + 1] if "articles" in parts and parts.index("articles") + 1 < len(parts) else None


class SearchBox:
    """One browser page on a variant's home page, searching."""

    def __init__(self, browser, url: str) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.goto(url)
        self.box = self.page.locator(".md-search__input")

    def search(self, query: str, timeout: float = 5.0) -> tuple[list[str], float]:
        """The article slugs of the results, best first, and the seconds to the first result."""
        self.box.click()
        self.box.fill("")
        started = time.perf_counter()
        self.box.fill(query)
        self.box.dispatch_event("keyup")  # Material's search listens to keyup, not input
        items = self.page.locator(".md-search-result__item a.md-search-result__link, .md-search-result__item > a")
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if items.count() and self.page.locator(".md-search-result").get_attribute("data-oped-query") in (None, query):
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        slugs: list[str] = []
        for href in items.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
            slug = slug_of(href)
            if slug and slug not in slugs:
                slugs.append(slug)
        return slugs, seconds

    def close(self) -> None:
        self.page.close()


def recall(results: list[tuple[object, list[str]]]) -> tuple[float, float]:
    """recall@1 and recall@5 of (query, result slugs) pairs; query.expected holds the right answers."""
    if not results:
        return 0.0, 0.0
    at1 = sum(1 for q, slugs in results if slugs[:1] and slugs[0] in q.expected) / len(results)
    at5 = sum(1 for q, slugs in results if set(slugs[:5]) & q.expected) / len(results)
    return at1, at5
