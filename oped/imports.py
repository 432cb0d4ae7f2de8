"""Import parsed articles into the editors' ``docs/`` without ever losing an editor's change.

Each imported page carries ``imported: <hash>``, the hash of the page as we wrote it. A page whose
text still has that hash was not touched by an editor and may be rewritten when the seed or the
parser changes; a page whose hash differs was edited and is kept as it is (and reported). With
``force`` an edited page is re-imported, and the editor's version is first copied to a backup.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .docs import ARTICLES_DIR, DocPage
from .model import Article, Page
from .render import IMPORT_FIELD, article_page, content_hash
from .slugs import pinyin_slug, unique

NEW, UNCHANGED, UPDATED, KEPT, FORCED, BROKEN = "new", "unchanged", "updated", "kept", "forced", "broken"
BACKUP_DIR = ".oped-backups"


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


def plan_imports(
    pages: list[Page],
    existing: list[DocPage],
    topics: dict[tuple[str, int], list[str]],
    force: bool = False,
    occupied: set[str] = frozenset(),
    claimed: set[tuple[str, int]] = frozenset(),
) -> list[ImportAction]:
    """Decide, for every parsed article, whether its page is created, rewritten or left alone.

    ``occupied`` holds every page path in docs/ and ``claimed`` every seed article a page says it
    came from, including pages that cannot be read now: those are never written over.
    """
    by_source = {page.source_key: page for page in existing if page.source_key}
    # A page that cannot be read may be any article's: import nothing new until it is fixed.
    unreadable = len(occupied) > len(existing)
    taken = {page.slug for page in existing} | {Path(path).stem for path in occupied}
    actions: list[ImportAction] = []
    for page in pages:
        for number, article in enumerate(page.articles, 1):
            key = (page.source, number)
            current = by_source.get(key)
            slug = current.slug if current else unique(pinyin_slug(article.title), taken)
            taken.add(slug)
            path = current.path if current else f"{ARTICLES_DIR}/{slug}.md"
            text = render_import(article, slug, page.source, number, topics.get(key, []))
            if current is None and key in claimed:
                action = BROKEN  # its page exists but cannot be read: the editor must fix it first
            elif current is None and unreadable:
                action = BROKEN
            elif current is None:
                action = NEW
            elif same_import(current.text, text):
                action = UNCHANGED
            elif not edited(current):
                action = UPDATED
            else:
                action = FORCED if force else KEPT
            actions.append(ImportAction(action, path, text, page.source, number))
    return actions


def render_import(article: Article, slug: str, source: str, number: int, topics: list[str]) -> str:
    return article_page(article, slug=slug, source=source, number=number, topics=topics)


def same_import(current: str, new: str) -> bool:
    """True when a page holds exactly what the import would write."""
    return content_hash(current) == content_hash(new)


def apply_imports(docs: Path, actions: list[ImportAction], backups: Path) -> None:
    """Write the pages the plan creates or rewrites; back up an edited page before forcing over it."""
    for action in actions:
        if not action.writes:
            continue
        target = docs / action.path
        if action.action == NEW and target.exists():
            raise OSError(f"refusing to overwrite {target}: a new page may only be written where none exists")
        if action.action == FORCED and target.exists():
            old = target.read_text(encoding="utf-8")
            backup = backups / f"{Path(action.path).with_suffix('')}.{content_hash(old)[7:]}.md"
            backup.parent.mkdir(parents=True, exist_ok=True)
            backup.write_text(old, encoding="utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(action.text, encoding="utf-8")
