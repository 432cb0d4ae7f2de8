"""``python build_docs.py check``: the pull-request gate.

Strict MkDocs build of both variants, every editors' page valid, every seed article imported,
every internal link and anchor of the built site resolving, and the Traditional variant exactly
the conversion of the Simplified one, page for page.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import imports
from .build import Project, build
from .errors import BuildError
from .site import HANS, HANT, VARIANTS


class _Links(HTMLParser):
    """The link targets and element ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag in ("a", "link") and values.get("href"):
            self.hrefs.append(str(values["href"]))


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor in the built site that leads nowhere."""
    pages: dict[Path, _Links] = {}
    for html in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(html.read_text(encoding="utf-8"))
        pages[html.resolve()] = parser
    broken: list[str] = []
    for html, parser in pages.items():
        if html.name == "404.html":
            continue  # served at any depth; its relative links are not meant to resolve from its file
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
                continue
            target = html if not parts.path else (html.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            where = html.relative_to(site.resolve())
            if not target.exists():
                broken.append(f"site/{where}: link {href!r} leads to no page")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if unquote(parts.fragment) not in ids:
                    broken.append(f"site/{where}: link {href!r} names an anchor the page does not have")
    return broken


def variants_in_sync(project: Project) -> list[str]:
    """Pages published in only one variant. (The Traditional text itself cannot go stale: every
    build converts it afresh from the Simplified pages, and no Traditional page is kept anywhere.)"""
    hans, hant = project.site, project.site / VARIANTS[HANT].prefix.rstrip("/")
    site_hans = {p.relative_to(hans).as_posix() for p in hans.rglob("*.html") if not p.is_relative_to(hant)}
    site_hant = {p.relative_to(hant).as_posix() for p in hant.rglob("*.html")}
    return [f"site: {missing} is published in only one variant" for missing in sorted(site_hans ^ site_hant)]


def check(root: Path) -> int:
    """Run every check; print each problem with what to do; 0 when all pass."""
    project = Project(root)
    problems: list[str] = []
    try:
        report = build(project, strict=True, write_imports=False)
    except BuildError as error:
        # MkDocs names the staged copies; an editor needs the file they edit.
        text = (
            str(error)
            .replace(f"{project.build / HANS}/", "docs/ (Simplified) ")
            .replace(f"{project.build / HANT}/", "docs/ (Traditional) ")
        )
        print(f"error: {text}", file=sys.stderr)
        return 1
    problems.extend(str(p) for p in report.problems)
    problems.extend(report.warnings)
    for action in report.imports:
        if action.action in (imports.NEW, imports.UPDATED):
            problems.append(
                f"{action.source}: article {action.number} is not in docs/ as imported ({action.action}): "
                "run `python build_docs.py` and commit docs/"
            )
    problems.extend(broken_links(project.site))
    problems.extend(variants_in_sync(project))
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    print(f"check: {report.articles} articles, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0
