"""The editors' Markdown pages in ``docs/``: read them, split front matter from body, validate."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from . import lint
from .cache import Cache, Remembered, digest
from .errors import PageProblem, SourceProblem, SourceProblems
from .files import PAGE_LIMIT, FileProblem, load_yaml
from .files import read as read_file
from .model import ARTICLE, KINDS
from .render import SUMMARY_TITLE

ARTICLES_DIR = "articles"
# Every key an article page's front matter may hold (render.article_page writes all but published).
FRONT_MATTER_KEYS = (
    "title",
    "slug",
    "authors",
    "summary",
    "summary_truncated",
    "kind",
    "topics",
    "source",
    "imported",
    "published",
)

_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class DocPage:
    """One article page as the editors keep it: ``path`` is relative to ``docs/``, with ``/``."""

    path: str
    meta: dict[str, Any]
    body: str
    text: str
    # Disagreements between front matter and body, mistakes in the Markdown: the page is
    # published as written, the check fails.
    warnings: tuple[SourceProblem, ...] = ()
    digest: str = ""  # of text: what was derived from it can be looked up by it

    # Asked for often, computed once (a frozen dataclass still has a __dict__ for these).
    @cached_property
    def slug(self) -> str:
        return str(self.meta["slug"])

    @cached_property
    def title(self) -> str:
        return str(self.meta["title"])

    @cached_property
    def source_key(self) -> tuple[str, int] | None:
        """Which article of which seed page this page was imported from, if any."""
        return source_key(self.meta)


def source_key(meta: dict[str, Any]) -> tuple[str, int] | None:
    """(seed file, article number) from a page's ``source:``; None if it has none that is usable."""
    source = meta.get("source")
    if isinstance(source, dict) and isinstance(source.get("file"), str) and isinstance(source.get("article"), int):
        return source["file"], source["article"]
    return None


def subject_text(page: DocPage) -> str:
    """The words of a page that relate it to others: title, summary and text, without the byline
    (sharing an affiliation such as 五邑大学副教授 is no shared subject)."""
    make = lambda: subject_of(page.title, str(page.meta.get("summary", "")), page.body)  # noqa: E731
    return _SUBJECTS.get(page.digest or page.text, make)


_SUBJECTS = Remembered()  # by page content: the same text again while the page is unchanged


def subject_of(title: str, summary: str, body: str) -> str:
    """subject_text of a page with this title, summary and Markdown body (what follows the front
    matter): also of an article not yet written to docs/, so its terms are found once. Title and
    summary count once: the page's own heading and summary box are left out of the body.

    >>> page = '\\n# 标题\\n\\n（李阳）\\n{: .oped-byline }\\n\\n!!! abstract "内容提要"\\n\\n    提要\\n\\n正文\\n'
    >>> subject_of("标题", "提要", page)
    '标题\\n提要\\n正文'
    """
    return f"{title}\n{summary}\n{_NOT_SUBJECT.sub('', body).strip()}"


# The page's own heading, its byline, its summary box: not what the article is about.
_NOT_SUBJECT = re.compile(
    r"^# [^\n]*\n|[^\n]*\n\{: \.oped-byline \}\n?|^!!! abstract[^\n]*\n(?:[ \t]*\n|    [^\n]*\n?)*", re.MULTILINE
)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The YAML front matter (``{}`` if none) and the body after it.

    >>> split_front_matter("---\\ntitle: 标题\\n---\\n\\n# 标题\\n")
    ({'title': '标题'}, '\\n# 标题\\n')
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = load_yaml(match.group(1)) or {}
    if not isinstance(meta, dict):
        raise ValueError("the front matter is not a mapping of keys to values")
    return meta, text[match.end() :]


def validate(path: str, meta: dict[str, Any], body: str) -> list[str]:
    """What keeps an article page from being published at all (empty when nothing does)."""
    wrong: list[str] = []
    # A commentary or a continued article prints no summary box; a body continued from another
    # page may have lost its byline: only the title and the slug are always there.
    for key in ("title", "slug"):
        if not meta.get(key):
            wrong.append(f"front matter has no {key!r}")
    if meta.get("kind", ARTICLE) not in KINDS:
        wrong.append(f"kind {meta.get('kind')!r} must be one of {', '.join(KINDS)}")
    slug = meta.get("slug")
    if slug and (not isinstance(slug, str) or not _SLUG.match(slug)):
        wrong.append(f"slug {slug!r} must be lowercase ASCII letters and digits joined by hyphens")
    elif slug and Path(path).stem != slug:
        wrong.append(f"slug {slug!r} does not match the file name {Path(path).name!r}: keep them the same")
    authors = meta.get("authors") or []
    if not isinstance(authors, list) or not all(isinstance(a, dict) and a.get("name") for a in authors):
        wrong.append("authors must be a list of {name, affiliation}")
    topics = meta.get("topics", [])
    if not isinstance(topics, list) or not all(isinstance(t, str) and t for t in topics):
        wrong.append("topics must be a list of words")
    if "source" in meta and source_key(meta) is None:
        wrong.append("source must hold file (the seed's name) and article (its number on the page)")
    if not isinstance(meta.get("published", True), bool):
        wrong.append("published must be true or false")
    for key in ("title", "summary"):
        if key in meta and not isinstance(meta[key], str):
            wrong.append(f"{key} must be one line of text")
    for key in sorted(set(meta) - set(FRONT_MATTER_KEYS), key=str):
        close = difflib.get_close_matches(str(key), FRONT_MATTER_KEYS, n=1, cutoff=0.6)
        wrong.append(
            f"unknown key {key!r}"
            + (f" (did you mean {close[0]!r}?)" if close else f": a page holds {', '.join(FRONT_MATTER_KEYS)}")
        )
    return wrong


def consistency(source: str, meta: dict[str, Any], body: str, text: str) -> list[SourceProblem]:
    """Where front matter and body disagree: published as written, but the check fails. ``text``
    is the whole file (for line numbers)."""
    wrong: list[SourceProblem] = []
    plain = unescape(body)
    title = meta.get("title")
    if title and f"\n# {title}\n" not in f"\n{plain}":
        wrong.append(
            lint.problem(
                source,
                _line_starting(text, "# ") or _key_line(text, "title"),
                "the page's # heading differs from the front matter title",
                "change both",
            )
        )
    summary = meta.get("summary")
    box = _line_starting(text, "!!! abstract")
    if summary and isinstance(summary, str) and summary not in plain:
        wrong.append(
            lint.problem(
                source,
                box or _key_line(text, "summary"),
                "the summary box differs from the front matter summary (used for previews and search)",
                "change both",
            )
        )
    if box is None and summary:  # a box in another form is reported by lint.body_problems
        wrong.append(
            lint.problem(source, box, "the page has no summary box", f'add one under the byline: !!! abstract "{SUMMARY_TITLE}"')
        )
    authors = meta.get("authors") or []
    for author in authors if isinstance(authors, list) else []:
        if isinstance(author, dict) and author.get("name") and str(author["name"]) not in body:
            wrong.append(
                lint.problem(
                    source,
                    _key_line(text, "authors"),
                    f"author {author['name']} is in the front matter but not in the byline",
                    "change both",
                )
            )
    return wrong


def _line_starting(text: str, start: str) -> int | None:
    """The first line of ``text`` (after its front matter) that starts with ``start``."""
    lines = text.split("\n")
    closing = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == "---"), 0) if lines[0] == "---" else 0
    return next((i + 1 for i, line in enumerate(lines) if i > closing and line.startswith(start)), None)


def _key_line(text: str, key: str) -> int:
    """The line of a front matter key (1 when it has none)."""
    starts = (f"{key}:", f'"{key}":')
    return next((number for number, line in enumerate(text.split("\n"), 1) if line.startswith(starts)), 1)


def unescape(markdown: str) -> str:
    """Markdown text with the escapes of render.escape undone (to compare with front matter)."""
    text = re.sub(r"\\(.)", r"\1", markdown)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def read_page(root: Path, file: Path, data: bytes | None = None) -> DocPage:
    """Read (or take ``data`` as its bytes) and validate one article page; raise PageProblem naming
    the file, the line and what to fix."""
    relative = file.relative_to(root).as_posix()
    name = f"docs/{relative}"
    try:
        data = read_file(file, root, PAGE_LIMIT, name) if data is None else data
        text = data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    except FileProblem as problem:
        raise PageProblem(problem.source, problem.message, hint=problem.hint) from None
    except UnicodeDecodeError as error:
        raise PageProblem(name, "is not UTF-8", hint="save the file as UTF-8") from error
    # Mistakes that make the rest unreadable, in the order a reader meets them.
    first = [*lint.conflict_markers(name, text), lint.unclosed_front_matter(name, text)]
    if any(first):
        raise next(PageProblem(p.source, p.message, p.line, p.hint) for p in first if p)
    try:
        meta, body = split_front_matter(text)
    except (yaml.YAMLError, ValueError) as error:
        if not isinstance(error, yaml.YAMLError) and "not a mapping" in str(error):
            raise PageProblem(name, str(error), line=2, hint="write one `key: value` a line") from error
        if not isinstance(error, yaml.YAMLError):  # a date that does not exist (2024-02-30)
            raise PageProblem(
                name, f"a value reads as a date that does not exist ({error})", line=2, hint="put it in quotes"
            ) from error
        front = _FRONT_MATTER.match(text)
        found = [lint.yaml_problem(name, error, front.group(1) if front else "", first_line=2)]
        if front:  # the body's own mistakes, in the same run
            found += lint.body_problems(name, text[front.end() :], text[: front.end()].count("\n") + 1)
        raise SourceProblems([PageProblem(p.source, p.message, p.line, p.hint) for p in found]) from error
    problems = validate(relative, meta, body)
    if problems:
        raise PageProblem(
            name, "; ".join(problems), line=_line_of(text, problems[0]), hint="fix the page and run `python build_docs.py check`"
        )
    body_line = text[: len(text) - len(body)].count("\n") + 1
    unpublishable = lint.too_deep(name, body, body_line) or lint.unsafe_markup(name, body, body_line)
    if unpublishable:
        raise PageProblem(unpublishable.source, unpublishable.message, unpublishable.line, unpublishable.hint)
    warnings = (*consistency(name, meta, body, text), *lint.body_problems(name, body, body_line))
    return DocPage(path=relative, meta=meta, body=body, text=text, warnings=warnings, digest=digest(text))


def _line_of(text: str, problem: str) -> int:
    """The line of the front matter key a problem is about (1 when none is named)."""
    unknown = re.match(r"unknown key '([^']+)'", problem)
    if unknown:
        return _key_line(text, unknown.group(1))
    for key in ("title", "slug", "authors", "summary", "topics", "source", "published"):
        if key in problem:
            return _key_line(text, key)
    return 1


def read_articles(root: Path, cache: Cache | None = None) -> tuple[list[DocPage], list[SourceProblem]]:
    """Every article page under ``docs/articles``; a bad page is reported and left out. With a
    cache, a page whose content was read before is not read or parsed again."""
    cache = cache or Cache(None)
    files, memo = cache.files(), cache["docs"]
    pages: list[DocPage] = []
    problems: list[SourceProblem] = []
    for relative in article_files(root):
        file = root / relative
        try:
            key, data = files.read(file, root, PAGE_LIMIT, f"docs/{relative}")
            pages.append(memo.get((relative, key), lambda f=file, d=data: read_page(root, f, d)))
        except PageProblem as problem:
            problems.append(problem)
        except SourceProblems as error:
            problems.extend(error.problems)
        except FileProblem as problem:
            problems.append(PageProblem(problem.source, problem.message, problem.line, problem.hint))
    seen: dict[str, str] = {}
    for page in pages:
        if page.slug in seen:
            problems.append(PageProblem(f"docs/{page.path}", f"slug {page.slug!r} is also used by docs/{seen[page.slug]}"))
        seen.setdefault(page.slug, page.path)
    return pages, problems


def article_files(root: Path) -> list[str]:
    """Every page in ``docs/articles`` (its ``.md`` files, not in subfolders: lint.docs_folder_problems
    names anything else), relative to ``root``, in order."""
    try:
        names = os.listdir(root / ARTICLES_DIR)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(f"{ARTICLES_DIR}/{name}" for name in names if name.endswith(".md") and not name.startswith("."))


def claims(root: Path, cache: Cache | None = None) -> tuple[set[str], set[tuple[str, int]]]:
    """Every article page path under docs/, and every seed article some page says it came from,
    valid page or not: an import never writes over either."""
    cache = cache or Cache(None)
    files, memo = cache.files(), cache["claims"]
    paths: set[str] = set()
    keys: set[tuple[str, int]] = set()
    for relative in article_files(root):
        file = root / relative
        paths.add(relative)
        try:
            digest, data = files.read(file, root, PAGE_LIMIT, f"docs/{relative}")
        except SourceProblem:
            continue  # reported by read_articles; its path is claimed all the same
        key = memo.get(digest, lambda f=file, d=data: _claim(f.read_bytes() if d is None else d))
        if key:
            keys.add(key)
    return paths, keys


def _claim(data: bytes) -> tuple[str, int] | None:
    try:
        meta, _ = split_front_matter(data.decode("utf-8"))
    except (yaml.YAMLError, ValueError, UnicodeDecodeError):
        return None
    return source_key(meta)
