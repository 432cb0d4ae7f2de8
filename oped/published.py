"""URLs are forever: every article URL the site has published, and whose it is.

``docs/published-urls.tsv`` holds a line for every URL ever published, ``articles/<slug>/`` and its
owner: the seed article its page was imported from (``000_x.txt#2``), or ``by hand`` for a page an
editor wrote. The build appends the URL of each newly published article; nothing removes a line.
``check`` fails when a listed URL has no page any more (an article is taken down with
``published: false``, never by deleting its page), when the page at a listed URL now holds another
article, and when two lines give one URL two owners (two pull requests that imported different
articles of the same title, merged). The file merges line by line (``.gitattributes``:
``merge=union``), so two pull requests that each add URLs do not conflict.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .docs import ARTICLES_DIR, DocPage
from .errors import SourceProblem
from .files import write_atomic

REGISTRY = "published-urls.tsv"  # in docs/
NAME = f"docs/{REGISTRY}"
BY_HAND = "by hand"
HEADER = (
    "# Every article URL this site has published, and the article it belongs to (URLs are forever).\n"
    "# python build_docs.py adds a line for each newly published article: commit it with the page.\n"
    "# Never delete or change a line: take an article down with `published: false` in its page.\n"
)


@dataclass(frozen=True)
class Entry:
    """One published URL: ``articles/<slug>/``, its owner, and the line of the registry it is on."""

    url: str
    owner: str
    line: int


def url_of(slug: str) -> str:
    return f"{ARTICLES_DIR}/{slug}/"


def owner_of(page: DocPage) -> str:
    """Which article a page holds: its seed article, or ``by hand``."""
    return f"{page.source_key[0]}#{page.source_key[1]}" if page.source_key else BY_HAND


def describe(owner: str) -> str:
    if owner == BY_HAND:
        return "a page written by hand"
    file, _, number = owner.rpartition("#")
    return f"article {number} of seeds/{file}"


def parse(text: str, name: str = NAME) -> tuple[list[Entry], list[SourceProblem]]:
    """The entries of a registry's text, and its malformed lines.

    >>> parse("# note\\narticles/a/\\t000.txt#1\\nnonsense\\n")[0]
    [Entry(url='articles/a/', owner='000.txt#1', line=2)]
    """
    entries: list[Entry] = []
    problems: list[SourceProblem] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        url, tab, owner = line.partition("\t")
        if not tab or not url.startswith(f"{ARTICLES_DIR}/") or not url.endswith("/") or not owner.strip():
            problems.append(
                SourceProblem(
                    name, "is not a line `articles/<slug>/<TAB><owner>`", line=number, hint="restore the line as it was on main"
                )
            )
            continue
        entries.append(Entry(url, owner.strip(), number))
    return entries, problems


def read(docs: Path) -> tuple[list[Entry], list[SourceProblem]]:
    """The registry in ``docs/`` (empty when there is none yet)."""
    try:
        return parse((docs / REGISTRY).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [], []
    except (OSError, UnicodeDecodeError) as error:
        return [], [SourceProblem(NAME, f"cannot be read ({error})", hint="restore it from main")]


def owners(entries: Iterable[Entry]) -> dict[str, str]:
    """The slug of every URL ever published, and its owner: never given to another article."""
    return {entry.url[len(ARTICLES_DIR) + 1 : -1]: entry.owner for entry in entries}


def additions(entries: list[Entry], pages: Iterable[DocPage]) -> list[str]:
    """Registry lines for the published pages it does not list yet."""
    listed = {entry.url for entry in entries}
    return [
        f"{url_of(page.slug)}\t{owner_of(page)}"
        for page in sorted(pages, key=lambda p: p.slug)
        if page.meta.get("published", True) is not False and url_of(page.slug) not in listed
    ]


def append(docs: Path, lines: list[str]) -> None:
    """Add lines at the end of the registry (made with its header when there is none)."""
    if not lines:
        return
    path = docs / REGISTRY
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if text and not text.endswith("\n"):
        text += "\n"
    write_atomic(path, (text + "".join(f"{line}\n" for line in lines)).encode("utf-8"))


def problems(
    entries: list[Entry], pages: list[DocPage], base: list[Entry] | None = None, unreadable: Iterable[str] = ()
) -> list[SourceProblem]:
    """Every way the pages break a published URL. ``pages`` are all readable pages in docs/articles,
    taken down or not; ``unreadable`` the paths (relative to docs/) of those that cannot be read
    (reported apart); ``base`` is the registry of the branch a pull request goes into, when known."""
    found: list[SourceProblem] = []
    by_url = {url_of(page.slug): page for page in pages}
    owners: dict[str, Entry] = {}
    for entry in entries:
        first = owners.setdefault(entry.url, entry)
        if first.owner != entry.owner:
            kept = _kept(entry.url, base)
            found.append(
                SourceProblem(
                    NAME,
                    f"the URL {entry.url} is given to two articles: {describe(first.owner)} (line {first.line}) and "
                    f"{describe(entry.owner)} (line {entry.line})",
                    line=entry.line,
                    hint=(
                        f"main publishes it for {describe(kept)}: keep that page and its line, delete the other line "
                        if kept
                        else "keep the page main publishes and its line, delete the other line "
                    )
                    + "and the other page, then run `python build_docs.py`: the other article is imported under a URL of its own",
                )
            )
    broken = {f"{ARTICLES_DIR}/{Path(path).stem}/" for path in unreadable}
    for url, entry in owners.items():
        page = by_url.get(url)
        if page is None and url in broken:
            continue
        if page is None:
            found.append(
                SourceProblem(
                    f"docs/{url.rstrip('/')}.md",
                    f"is gone, but its URL {url} was published ({NAME} line {entry.line})",
                    hint=(
                        "restore the page from git"
                        if entry.owner == BY_HAND
                        else "run `python build_docs.py`: it brings the page back from its seed at this URL"
                    )
                    + "; to take the article down, set `published: false` in its front matter instead",
                )
            )
        elif owner_of(page) != entry.owner:
            found.append(
                SourceProblem(
                    f"docs/{page.path}",
                    f"holds {describe(owner_of(page))}, but its URL {url} was published for {describe(entry.owner)} "
                    f"({NAME} line {entry.line})",
                    line=_source_line(page.text),
                    hint=f"put its `source` back to {describe(entry.owner)}; "
                    "a different article gets a page of its own when `python build_docs.py` imports it",
                )
            )
    listed = set(owners)
    for page in pages:
        if page.meta.get("published", True) is not False and url_of(page.slug) not in listed:
            found.append(
                SourceProblem(
                    f"docs/{page.path}",
                    f"its URL is not in {NAME}",
                    hint="run `python build_docs.py` and commit the line it adds",
                )
            )
    current = {(entry.url, entry.owner) for entry in entries}
    for entry in base or ():
        if (entry.url, entry.owner) not in current:
            found.append(
                SourceProblem(
                    NAME,
                    f"the line `{entry.url}\t{entry.owner}` of the base branch is missing",
                    hint="restore it: a published URL stays listed for good",
                )
            )
    return found


def _source_line(text: str) -> int:
    return next((n for n, line in enumerate(text.split("\n"), 1) if line.startswith("source:")), 1)


def _kept(url: str, base: list[Entry] | None) -> str | None:
    return next((entry.owner for entry in base or () if entry.url == url), None)
