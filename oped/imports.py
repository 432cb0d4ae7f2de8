"""Import parsed articles into the editors' ``docs/`` without ever losing an editor's change.

Each imported page carries ``imported: <hash>``, the hash of the page as we wrote it. A page whose
text still has that hash was not touched by an editor and may be rewritten when the seed or the
parser changes; a page whose hash differs was edited and is kept as it is (and reported). With
``force`` an edited page is re-imported, and the editor's version is first copied to a backup.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from .docs import ARTICLES_DIR, DocPage, unescape
from .errors import SourceProblem
from .files import cannot_write, write_atomic
from .model import Article, Page
from .render import IMPORT_FIELD, article_page, content_hash
from .slugs import distinct, pinyin_slug

NEW, UNCHANGED, UPDATED, KEPT, FORCED, BROKEN = "new", "unchanged", "updated", "kept", "forced", "broken"
BACKUP_DIR = ".oped-backups"
OPENING = 20


@dataclass(frozen=True)
class ImportAction:
    """What happens to one article of a seed: its page path, the text to write (if any), and why."""

    action: str
    path: str  # relative to docs/
    text: str
    source: str
    number: int

    @property
    def writes(self) -> bool:
        return self.action in (NEW, UPDATED, FORCED)


def edited(page: DocPage) -> bool:
    """True when an editor changed the page since it was imported (or wrote it by hand)."""
    stamp = page.meta.get(IMPORT_FIELD)
    return not stamp or content_hash(page.text) != stamp


def same_article(page: DocPage, article: Article) -> bool:
    """True when a page holds this article (as imported or as edited): same title, same summary,
    or the same opening of its first paragraph."""
    if page.meta.get("title") == article.title or page.meta.get("summary") == article.summary:
        return True
    opening = next(iter(article.paragraphs), "")[:OPENING]
    return len(opening) == OPENING and opening in unescape(page.body)


def match_pages(pages: list[Page], existing: list[DocPage]) -> dict[tuple[str, int], DocPage]:
    """Which existing page holds which parsed article, by the seed file and the article itself (not
    its position: an article removed from a seed must not hand its URL to the next one)."""
    by_file: dict[str, list[DocPage]] = {}
    for page in existing:
        if page.source_key:
            by_file.setdefault(page.source_key[0], []).append(page)
    matched: dict[tuple[str, int], DocPage] = {}
    used: set[str] = set()
    for page in pages:
        candidates = by_file.get(page.source, [])
        for number, article in enumerate(page.articles, 1):
            # Prefer the page at the same position, then any page of the file holding this article.
            ordered = sorted(candidates, key=lambda c: (c.source_key[1] != number, c.path))
            for candidate in ordered:
                if candidate.path not in used and same_article(candidate, article):
                    matched[(page.source, number)] = candidate
                    used.add(candidate.path)
                    break
    return matched


def plan_imports(
    pages: list[Page],
    existing: list[DocPage],
    topics: dict[tuple[str, int], list[str]],
    matched: dict[tuple[str, int], DocPage],
    force: bool | Collection[str] = False,
    occupied: Collection[str] = frozenset(),
    claimed: Collection[tuple[str, int]] = frozenset(),
    render: Callable[[Article, str, str, int, list[str]], str] | None = None,
    reserved: Mapping[str, str] | None = None,
) -> list[ImportAction]:
    """Decide, for every parsed article, whether its page is created, rewritten or left alone.

    ``occupied`` holds every page path in docs/ and ``claimed`` every seed article a page says it
    came from, including pages that cannot be read now: those are never written over. ``force`` is
    True (every edited page) or the docs/ paths of the edited pages to re-import. ``matched`` is
    what match_pages found. ``render`` stands in for render_import (a cached one, in a build).
    ``reserved`` maps the slug of every URL ever published to its owner (``file#number``): never
    given to another article, and given back to its own when its page was deleted.
    """
    render = render or render_import
    # A page that cannot be read may be any article's: import nothing new until it is fixed.
    unreadable = len(occupied) > len(existing)
    reserved = reserved or {}
    present = {page.slug for page in existing} | {Path(path).stem for path in occupied}
    taken = present | set(reserved)
    homes = {owner: slug for slug, owner in reserved.items()}
    actions: list[ImportAction] = []
    for page in pages:
        for number, article in enumerate(page.articles, 1):
            key = (page.source, number)
            current = matched.get(key)
            if current is None:
                owner = f"{page.source}#{number}"
                home = homes.get(owner)  # a published article whose page was deleted comes back at its URL
                slug = home if home and home not in present else distinct(pinyin_slug(article.title), taken, owner)
                taken.add(slug)
                text = render(article, slug, page.source, number, topics.get(key, []))
                broken = unreadable or (key in claimed and not any(p.source_key == key for p in existing))
                actions.append(ImportAction(BROKEN if broken else NEW, f"{ARTICLES_DIR}/{slug}.md", text, page.source, number))
                continue
            # A page keeps its slug, and the topics it has (editors may have chosen them).
            current_topics = [str(t) for t in current.meta.get("topics", [])]
            text = render(article, current.slug, page.source, number, current_topics)
            if same_import(current.text, text):
                action = UNCHANGED
            elif not edited(current):
                action = UPDATED
            elif forced(force, current.path):
                action = FORCED
            else:
                action = KEPT
            actions.append(ImportAction(action, current.path, text, page.source, number))
    return actions


def forced(force: bool | Collection[str], path: str) -> bool:
    """True when ``force`` asks to re-import the page at ``path`` (relative to docs/)."""
    if force is True or force is False:
        return force
    wanted = {str(Path(p)).removeprefix("docs/") for p in force}
    return path in wanted


def orphans(pages: list[Page], existing: list[DocPage], actions: list[ImportAction]) -> list[SourceProblem]:
    """Pages that say they come from a seed article no seed holds now, or that another page holds."""
    held = {a.path for a in actions if a.action not in (NEW, BROKEN)}
    seeds = {page.source for page in pages}
    found = []
    for page in existing:
        if not page.source_key or page.path in held:
            continue
        file, number = page.source_key
        where = f"article {number} of seeds/{file}"
        gone = (
            "which is not in seeds/ (renamed or removed?)"
            if file not in seeds
            else "which is no longer there or is held by another page"
        )
        found.append(
            SourceProblem(
                f"docs/{page.path}",
                f"comes from {where}, {gone}",
                line=_source_line(page.text),
                hint="delete the page, set `published: false`, or correct `source`",
            )
        )
    return found


def _source_line(text: str) -> int:
    return next((n for n, line in enumerate(text.split("\n"), 1) if line.startswith("source:")), 1)


def render_import(article: Article, slug: str, source: str, number: int, topics: list[str]) -> str:
    return article_page(article, slug=slug, source=source, number=number, topics=topics)


def same_import(current: str, new: str) -> bool:
    """True when a page holds exactly what the import would write."""
    return current == new or content_hash(current) == content_hash(new)


def apply_imports(docs: Path, actions: list[ImportAction], backups: Path) -> list[SourceProblem]:
    """Write the pages the plan creates or rewrites, each whole or not at all; back up an edited page
    before forcing over it. A page that cannot be written stays as it was and is reported."""
    problems: list[SourceProblem] = []
    for action in actions:
        if not action.writes:
            continue
        target = docs / action.path
        if action.action == NEW and os.path.lexists(target):
            raise OSError(f"refusing to overwrite {target}: a new page may only be written where none exists")
        try:
            if action.action == FORCED and target.exists():
                old = target.read_text(encoding="utf-8")
                backup = backups / f"{Path(action.path).with_suffix('')}.{content_hash(old)[7:]}.md"
                write_atomic(backup, old.encode("utf-8"))
            write_atomic(target, action.text.encode("utf-8"))
        except OSError as error:
            problems.append(cannot_write(f"docs/{action.path}", error))
    return problems
