"""Hostile text in every field is shown as text: no element, handler or comment is ever made of it,
in any page of either variant, head included."""

from html.parser import HTMLParser
from pathlib import Path

import pytest

from oped.render import escape

from .conftest import copy_project

# What a hostile or careless contributor puts in a field, each a different way in.
PAYLOADS = {
    "tag": "<svg onload=alert(1)>",
    "quote": '"><img src=x onerror=alert(2)>',
    "entity": "&quot;&gt;&lt;img src=x onerror=alert(3)&gt;",
    "comment": "<!--",
    "jinja": "{{ config.site_name }}{% raw %}",
}
HOSTILE = "".join(PAYLOADS.values())
# Elements and attributes our templates and Material make themselves (never from content).
ALLOWED_TAGS = None


class Markup(HTMLParser):
    """Every element, attribute and comment of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("svg", "img") and any(name.startswith("on") for name, _ in attrs):
            self.found.append(f"<{tag}> with a handler")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"handler {name}={value!r} on <{tag}>")
            if value and "alert(" in value and name in ("src", "href"):
                self.found.append(f"{name}={value!r}")

    def handle_comment(self, data):
        self.found.append(f"comment <!--{data[:40]}")


def hostile_project(root: Path) -> Path:
    """The test project with hostile text in a page's title, summary, author and topic, in a
    sidecar's publication and page, and in a seed's file name."""
    from oped.docs import split_front_matter
    from oped.render import generated_front_matter

    page = sorted((root / "docs" / "articles").glob("*.md"))[0]
    meta, body = split_front_matter(page.read_text(encoding="utf-8"))
    meta["title"] = f"构建{HOSTILE}新格局"
    meta["summary"] = HOSTILE + meta["summary"]
    meta["authors"][0]["name"] = HOSTILE + meta["authors"][0]["name"]
    meta["topics"] = [HOSTILE]
    body = body.replace(f"{meta['authors'][0]['name'][len(HOSTILE):]}", escape(meta["authors"][0]["name"]), 1)
    page.write_text(generated_front_matter(meta) + body, encoding="utf-8")
    quoted = '"' + HOSTILE.replace("\\", "\\\\").replace('"', '\\"') + '"'
    seed = next((root / "seeds").glob("*.txt"))
    seed.with_suffix(".yml").write_text(
        f"publication: {quoted}\ndate: 2024-09-10\npage: {quoted}\n", encoding="utf-8"
    )
    (root / "seeds" / "<img src=x onerror=alert(5)>.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from oped.build import Project, build

    root = copy_project(tmp_path_factory.mktemp("hostile"))
    hostile_project(root)
    report = build(Project(root))
    return root, report


def test_no_page_has_markup_made_of_text(hostile_site):
    root, _ = hostile_site
    made = {}
    for html in sorted((root / "site").rglob("*.html")):
        parser = Markup()
        parser.feed(html.read_text(encoding="utf-8"))
        if parser.found:
            made[html.relative_to(root / "site").as_posix()] = sorted(set(parser.found))
    assert made == {}


def test_the_hostile_text_is_shown_as_text(hostile_site):
    root, _ = hostile_site
    pages = [p.read_text(encoding="utf-8") for p in (root / "site").rglob("articles/*/index.html")]
    assert any("&lt;svg onload=alert(1)&gt;" in page for page in pages)
    assert any("&amp;quot;&amp;gt;&amp;lt;img" in page for page in pages)
