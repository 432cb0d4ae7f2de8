"""``python build_docs.py check``: the pull-request gate, and the one gate for content.

Builds both variants afresh and reports every problem in one run, each as ``FILE:LINE: what is
wrong (what to do)``: editors' pages (front matter, summary box, emphasis, conflict markers, links
with a did-you-mean), seeds and sidecars, MkDocs' warnings, every seed article imported, published
URLs kept by their articles (``--base`` also compares with the branch a pull request goes into),
every internal link and anchor of the built site, both variants publishing the same pages. In
GitHub Actions each problem also annotates the pull request's diff and the job summary.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import imports, published
from .build import Project, build
from .errors import BuildError, LinkProblem, SourceProblem
from .lint import Anchors
from .site import HANT, VARIANTS, output_of


class _Links(Anchors):
    """The link targets and element ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        href = dict(attrs).get("href")
        if tag in ("a", "link") and href:
            self.hrefs.append(href)


def broken_links(site: Path) -> list[SourceProblem]:
    """Every internal link or anchor in the built site that leads nowhere."""
    pages: dict[Path, _Links] = {}
    for html in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(html.read_text(encoding="utf-8"))
        pages[html.resolve()] = parser
    broken: list[SourceProblem] = []
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
                broken.append(SourceProblem(f"site/{where}", f"link {href!r} leads to no page"))
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if unquote(parts.fragment) not in ids:
                    broken.append(SourceProblem(f"site/{where}", f"link {href!r} names an anchor the page does not have"))
    return broken


def variants_in_sync(project: Project) -> list[SourceProblem]:
    """Pages published in only one variant. (The Traditional text itself cannot go stale: every
    build converts it afresh from the Simplified pages, and no Traditional page is kept anywhere.)"""
    hans, hant = project.site, project.site / VARIANTS[HANT].prefix.rstrip("/")
    site_hans = {p.relative_to(hans).as_posix() for p in hans.rglob("*.html") if not p.is_relative_to(hant)}
    site_hant = {p.relative_to(hant).as_posix() for p in hant.rglob("*.html")}
    return [SourceProblem(f"site/{missing}", "is published in only one variant") for missing in sorted(site_hans ^ site_hant)]


def base_registry(root: Path, base: str) -> list[published.Entry]:
    """The published URLs of ``base`` (a git revision: the branch a pull request goes into)."""
    shown = subprocess.run(
        ["git", "show", f"{base}:docs/{published.REGISTRY}"], cwd=root, capture_output=True, text=True, check=False
    )
    if shown.returncode != 0:
        if subprocess.run(["git", "rev-parse", "--verify", "--quiet", base], cwd=root, capture_output=True).returncode:
            raise BuildError(f"--base {base}: no such git revision here (fetch it first: git fetch origin {base.split('/')[-1]})")
        return []  # the base has no registry yet
    return published.parse(shown.stdout, f"{base}:docs/{published.REGISTRY}")[0]


def changed_seeds(root: Path, base: str | None) -> set[str] | None:
    """The seeds a pull request adds or changes (``seeds/NAME.txt``), or None for all of them."""
    if not base:
        return None
    diff = subprocess.run(
        ["git", "diff", "--name-only", base, "--", "seeds/"], cwd=root, capture_output=True, text=True, check=False
    )
    return set(diff.stdout.split()) if diff.returncode == 0 else None


def problems_of(project: Project, base: str | None = None) -> tuple[int, list[SourceProblem]]:
    """Build as a pull request would publish, and gather every problem: (articles, problems)."""
    articles, problems, _ = check_report(project, base)
    return articles, problems


def check_report(project: Project, base: str | None = None) -> tuple[int, list[SourceProblem], list[SourceProblem]]:
    """(articles, problems, notes): notes are what reading the seeds the pull request changes noticed."""
    report = build(project, strict=True, write_imports=False, base_registry=base_registry(project.root, base) if base else None)
    changed = changed_seeds(project.root, base)
    notes = [n for n in report.reading if changed is None or n.source in changed]
    problems = [*report.problems, *report.warnings]
    for action in report.imports:
        if action.action in (imports.NEW, imports.UPDATED):
            problems.append(
                SourceProblem(
                    f"seeds/{action.source}",
                    f"article {action.number} has no page in docs/ yet"
                    if action.action == imports.NEW
                    else f"article {action.number} reads otherwise now than its page docs/{action.path}, which no editor changed",
                    hint="run `python build_docs.py` and commit docs/",
                )
            )
    if (project.site / "index.html").exists():
        # A link an editor wrote is reported at its Markdown line, not again in each variant's HTML.
        reported = {output_of(p.source.removeprefix("docs/")) for p in problems if isinstance(p, LinkProblem)}
        for broken in broken_links(project.site):
            if broken.source.removeprefix("site/").removeprefix(VARIANTS[HANT].prefix) not in reported:
                problems.append(broken)
        problems.extend(variants_in_sync(project))
    return report.articles, problems, notes


def check(root: Path, base: str | None = None) -> int:
    """Run every check; print each problem with what to do (and, in GitHub Actions, annotate the
    pull request and write the job summary); 0 when all pass."""
    notes: list[SourceProblem] = []
    try:
        articles, problems, notes = check_report(Project(root), base)
    except BuildError as error:
        problems, articles = [SourceProblem("build", str(error))], 0
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    print(f"check: {articles} articles, {len(problems)} problem{'' if len(problems) == 1 else 's'}", file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in annotations(problems) + annotations(notes, level="notice"):
            print(line)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as out:
                out.write(summary_table(problems, articles) + notes_table(notes))
    return 1 if problems else 0


def annotations(problems: list[SourceProblem], level: str = "error") -> list[str]:
    """GitHub Actions workflow commands: each problem an error (or a note, ``level="notice"``) on
    its file and line of the diff.

    >>> annotations([SourceProblem("docs/articles/a.md", "bad: 50%", line=3, hint="fix it")])
    ['::error file=docs/articles/a.md,line=3,title=check::bad: 50%25 (fix it)']
    >>> annotations([SourceProblem("site/x.html", "lost")])
    ['::error title=check::site/x.html: lost']
    >>> annotations([SourceProblem("seeds/a.txt", "doubt: read as a heading", line=9)], level="notice")
    ['::notice file=seeds/a.txt,line=9,title=check::doubt: read as a heading']
    """
    lines = []
    for problem in problems:
        text = f"{problem.message} ({problem.hint})" if problem.hint else problem.message
        if problem.source.startswith(_REPOSITORY_FILES):
            where = f"file={_property(problem.source)},line={problem.line or 1},"
        else:
            where, text = "", f"{problem.source}: {text}"
        lines.append(f"::{level} {where}title=check::{_data(text)}")
    return lines


_REPOSITORY_FILES = ("docs/", "seeds/", "mkdocs.yml")
_MARKDOWN = re.compile(r"[\\`*_<>|\[\]]")  # shown as themselves in a table cell of the job summary


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def summary_table(problems: list[SourceProblem], articles: int) -> str:
    """The job summary: every problem in a table, or that all is well."""
    if not problems:
        return f"### check: all {articles} articles pass\n\n"
    cell = lambda text: _MARKDOWN.sub(r"\\\g<0>", str(text)).replace("\n", " ")  # noqa: E731
    rows = [f"| `{p.source}` | {p.line or ''} | {cell(p.message)} | {cell(p.hint)} |" for p in problems]
    head = f"### check: {len(problems)} problems\n\n| file | line | what is wrong | what to do |\n|---|---|---|---|\n"
    return head + "\n".join(rows) + "\n\n"


def notes_table(notes: list[SourceProblem]) -> str:
    """What reading the changed seeds noticed, for the reviewer: where to look twice."""
    if not notes:
        return ""
    cell = lambda text: _MARKDOWN.sub(r"\\\g<0>", str(text)).replace("\n", " ")  # noqa: E731
    rows = [f"| `{n.source}` | {n.line or ''} | {cell(n.message)} |" for n in notes]
    return "#### notes from reading the seeds\n\n| file | line | note |\n|---|---|---|\n" + "\n".join(rows) + "\n\n"
