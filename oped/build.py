"""The whole pipeline in one readable function: seeds → articles → editors' pages → both variants
→ MkDocs → ``site/``. Everything is gathered and checked first; files are written afterwards.
"""

from __future__ import annotations

import datetime
import gc
import os
import re
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import imports, indexes, lint, published, search
from .cache import Cache, digest
from .cues import FURNITURE_KINDS
from .docs import DocPage, claims, read_articles, read_page, subject_of, subject_text
from .errors import BuildError, PageProblem, SourceProblem, SourceProblems
from .files import SEED_LIMIT, SIDECAR_LIMIT, cannot_write, one_at_a_time
from .links import Relatedness, topics_for
from .model import Article, Page, PageInfo
from .parse import parse_page
from .processes import pool
from .render import body_markdown
from .site import (
    HANS,
    HANT,
    VARIANTS,
    Stage,
    assemble,
    build_variants,
    compact_files,
    compact_site,
    engine_key,
    mkdocs_warnings,
    output_of,
    remove_outputs,
    site_root,
    write_config,
)
from .sources import read_sidecar, read_source, sidecar_path
from .variants import OVERRIDES_FILE, Converter, convert_markdown, read_overrides

ASSETS = Path(__file__).parent / "assets"
_PAGE_LINK = re.compile(r"\]\([^)\s]*\.md(?:#[^)\s]*)?\)")  # a Markdown link to another page


@dataclass(frozen=True)
class Project:
    """Where everything is: the folder holding mkdocs.yml, docs/, seeds/."""

    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def site(self) -> Path:
        return self.root / "site"


@dataclass
class Report:
    """What a build did and what it found, for people."""

    problems: list[SourceProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # What reading the seeds noticed (changes, doubts), by file and line: notes, never failures.
    reading: list[SourceProblem] = field(default_factory=list)
    warnings: list[SourceProblem] = field(default_factory=list)  # published as written, failing the check
    imports: list[imports.ImportAction] = field(default_factory=list)
    articles: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, in pipeline order
    incremental: bool = False  # MkDocs rendered only the pages that changed

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - started


def read_seeds(folder: Path, report: Report, cache: Cache) -> tuple[list[Page], dict[str, PageInfo], dict[str, str]]:
    """Parse every seed page and read its sidecar; a bad file is reported and skipped. A page whose
    content was parsed before is taken from the cache. Also returns each page's content digest."""
    pages: list[Page] = []
    infos: dict[str, PageInfo] = {}
    digests: dict[str, str] = {}
    files, parsed, sidecars = cache.files(), cache["pages"], cache["sidecars"]
    report.problems.extend(lint.seed_folder_problems(folder))
    report.problems.extend(lint.docs_folder_problems(folder.parent / "docs", (OVERRIDES_FILE, published.REGISTRY)))
    for path in sorted(folder.glob("*.txt")):
        try:
            digest, data = files.read(path, folder.parent, SEED_LIMIT, f"seeds/{path.name}")
            # What a seed's content gives, a page or its problems, is the same every time.
            outcome = parsed.get((path.name, digest), lambda p=path, d=data: _parse_outcome(p, d))
            if isinstance(outcome, Exception):
                raise outcome
            pages.append(outcome)
            digests[path.name] = digest
            # What reading the page changed or doubted: its encoding, unread lines, OCR slips fixed,
            # where the best reading barely beat the next. Said once, where the build reads it.
            for reading in reading_notes(f"seeds/{path.name}", outcome):
                report.reading.append(reading)
                report.notes.append(str(reading))
        except OSError as error:
            report.problems.append(SourceProblem(f"seeds/{path.name}", f"cannot be read: {error.strerror}"))
            continue
        except SourceProblems as error:
            report.problems.extend(error.problems)
            continue
        except SourceProblem as error:
            report.problems.append(error)
            continue
        sidecar = sidecar_path(path)
        try:
            here = os.path.lexists(sidecar)
            key = files.read(sidecar, folder.parent, SIDECAR_LIMIT, f"seeds/{sidecar.name}")[0] if here else None
            infos[path.name] = sidecars.get((path.name, key), lambda p=path: read_sidecar(p, folder.parent))
        except SourceProblems as error:
            report.problems.extend(error.problems)
            infos[path.name] = PageInfo(path.name)
            continue
        except SourceProblem as error:
            report.problems.append(error)
            infos[path.name] = PageInfo(path.name)
            continue
        if not infos[path.name].known:
            report.notes.append(
                f"seeds/{path.name}: no page information (seeds/{path.stem}.yml with publication, date, page); "
                "its articles show the file name instead and sort by it"
            )
    return pages, infos, digests


def reading_notes(source: str, page: Page) -> list[SourceProblem]:
    """What reading a page noticed, in line order: the page's notes, each article's, its doubts."""
    notes = [SourceProblem(source, note.message, line=note.line) for note in page.warnings]
    notes.extend(
        SourceProblem(source, f"not in any article: {x.text!r} ({x.why})", line=x.line)
        for x in page.left_over
        # Unread lines are said once, region by region, above; furniture and jump lines are what
        # every page prints (listed by `parse`), not worth a note on each build.
        if not x.why.startswith(("unreadable", "jump line")) and x.why not in FURNITURE_KINDS
    )
    for article in page.articles:
        notes.extend(SourceProblem(source, note.message, line=note.line) for note in article.warnings)
        notes.extend(
            SourceProblem(source, f"doubt: read as {d.chosen}, could be {d.alternative}", line=d.line) for d in article.doubts
        )
    return sorted(notes, key=lambda n: n.line or 0)


def _parse_outcome(path: Path, data: bytes | None) -> Page | SourceProblem | SourceProblems:
    try:
        return parse_page(read_source(path, data))
    except (SourceProblem, SourceProblems) as error:
        return error


def import_articles(
    project: Project,
    pages: list[Page],
    existing: list[DocPage],
    force: bool | list[str],
    cache: Cache,
    digests: dict[str, str],
    reserved: set[str],
) -> list[imports.ImportAction]:
    """Decide which articles become or update editors' pages; topics for new ones from the archive."""
    # Topics are suggested for new articles only, from terms weighed over the whole archive.
    matched = imports.match_pages(pages, existing)
    new = [(page, n, a) for page in pages for n, a in enumerate(page.articles, 1) if (page.source, n) not in matched]
    topics: dict[tuple[str, int], list[str]] = {}
    if new:
        texts = {f"docs/{page.path}": subject_text(page) for page in existing}
        for page, number, article in new:
            # The text its page will have once written: its terms are found once, not again for links.
            texts[f"{page.source}#{number}"] = subject_of(article.title, article.summary, "\n" + body_markdown(article))
        computed = topics_for(texts)
        topics = {(page.source, number): computed[f"{page.source}#{number}"] for page, number, _ in new}
    occupied, claimed = claims(project.docs, cache)
    rendered = cache["imports"]

    def render(article: Article, slug: str, source: str, number: int, topics: list[str]) -> str:
        # The page an article becomes depends on nothing but its seed page and these arguments.
        key = (source, digests[source], number, slug, tuple(topics))
        return rendered.get(key, lambda: imports.render_import(article, slug, source, number, topics))

    return imports.plan_imports(
        pages, existing, topics, matched, force=force, occupied=occupied, claimed=claimed, render=render, reserved=reserved
    )


def build(
    project: Project,
    *,
    force: bool | list[str] = False,
    strict: bool = False,
    write_imports: bool = True,
    site_url: str | None = None,
    repo_url: str | None = None,
    cache: Cache | None = None,
    base_registry: list[published.Entry] | None = None,
) -> Report:
    """Build the site from seeds/ and docs/ into site/; return what happened. A process that builds
    again (serve) passes the same ``cache`` each time, so it is read from disk once. ``strict``
    renders every page afresh and counts MkDocs' warnings; ``base_registry`` is the published URLs
    of the branch a pull request goes into (``check --base``)."""
    # The archive is hundreds of thousands of long-lived objects and almost no cycles: the cyclic
    # collector would scan them all, over and over, for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with one_at_a_time(project.root / "build", lambda words: print(f"note: {words}", file=sys.stderr, flush=True)):
            clean_leftovers(project.root)
            return _build(project, force, strict, write_imports, site_url, repo_url, cache, base_registry)
    finally:
        if collecting:
            gc.enable()


def clean_leftovers(root: Path) -> None:
    """What a build that was killed may have left: old sites being deleted, half-written files."""
    for old in (root / "build").glob("old-site-*"):
        threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}).start()
    for temporary in (root / "docs").rglob(".*.tmp"):
        temporary.unlink(missing_ok=True)


def _build(
    project: Project,
    force: bool | list[str],
    strict: bool,
    write_imports: bool,
    site_url: str | None,
    repo_url: str | None,
    cache: Cache | None,
    base_registry: list[published.Entry] | None,
) -> Report:
    report = Report()
    project = Project(project.root.resolve())  # MkDocs configs name files by absolute path
    site_url = site_url or os.environ.get("SITE_URL") or "http://127.0.0.1:8000/"
    repo_url = repo_url if repo_url is not None else os.environ.get("REPO_URL", "")
    edit_branch = os.environ.get("EDIT_BRANCH") or "main"  # the repository's default branch

    with report.timed("load cache"):
        cache = cache or Cache(project.build / "cache")
        cache.begin()

    # 1. Read: seed pages, their sidecars, the editors' pages, the conversion overrides.
    with report.timed("parse seeds"):
        pages, infos, digests = read_seeds(project.seeds, report, cache)
    with report.timed("read docs"):
        existing, problems = read_articles(project.docs, cache)
    report.problems.extend(problems)
    for page in existing:
        report.warnings.extend(page.warnings)
    overrides, problems = read_overrides(project.docs / OVERRIDES_FILE)
    report.problems.extend(problems)
    registry, problems = published.read(project.docs)
    report.problems.extend(problems)

    # 2. Import new articles into docs/; never overwrite what an editor changed.
    with report.timed("import"):
        report.imports = import_articles(project, pages, existing, force, cache, digests, published.owners(registry))
        if write_imports:
            unwritten = imports.apply_imports(project.docs, report.imports, project.root / imports.BACKUP_DIR)
            report.problems.extend(unwritten)
    for action in report.imports:
        if action.action == imports.BROKEN:
            report.notes.append(
                f"{action.source}: article {action.number} not imported while a page in docs/ cannot be read "
                "(see its error): fix that page and build again"
            )
        if action.action == imports.KEPT:
            report.notes.append(
                f"docs/{action.path}: changed by an editor since it was imported from {action.source}; "
                "kept as it is (python build_docs.py --force re-imports it, keeping a backup)"
            )
    report.warnings.extend(imports.orphans(pages, existing, report.imports))
    for action in report.imports:
        if action.action == imports.FORCED:
            report.notes.append(f"docs/{action.path}: re-imported; the editor's version is in {imports.BACKUP_DIR}/")
    # A page set `published: false` is taken down, and (being in docs/) never imported again.
    with report.timed("read docs"):
        # Only the pages the import wrote are read again; the rest were read above.
        current = {page.path: page for page in existing}
        failed = {p.source.removeprefix("docs/") for p in unwritten} if write_imports else set()
        for action in report.imports if write_imports else ():
            if action.writes and action.path not in failed:
                current[action.path] = read_page(project.docs, project.docs / action.path)
        docs = [current[path] for path in sorted(current) if current[path].meta.get("published", True) is not False]
    report.articles = len(docs)
    # URLs are forever: each newly published article's URL is listed, and none may change owner.
    if write_imports:
        added = published.additions(registry, current.values())
        try:
            published.append(project.docs, added)
        except OSError as error:
            report.problems.append(cannot_write(f"docs/{published.REGISTRY}", error))
        if added:
            registry, _ = published.read(project.docs)
    # Pages in docs/ that cannot be read (each reported): their URLs are not lost, links to them say why.
    unreadable = {p.source.removeprefix("docs/") for p in report.problems if isinstance(p, PageProblem)}
    report.warnings.extend(published.problems(registry, list(current.values()), base_registry, unreadable))

    # 3. Publish: article pages with cross-links and the index pages, Simplified then Traditional.
    with report.timed("links and indexes"):
        archive = indexes.archive(docs, infos, cache.state.setdefault("related", Relatedness()))
    with report.timed("render pages"):
        simplified = indexes.site_pages(archive)
    author_names = sorted({name for a in archive.articles for name, _ in a.authors})
    stages = {HANS: Stage(project.build / HANS), HANT: Stage(project.build / HANT)}
    with report.timed("load OpenCC"):
        # The same overrides and authors make the same converter: kept by a process that builds again.
        converter_key = (tuple(overrides), tuple(author_names))
        if cache.state.get("converter", (None,))[0] != converter_key:
            cache.state["converter"] = (converter_key, Converter(overrides, project.build / "opencc", author_names))
        converter = cache.state["converter"][1]
    with report.timed("convert to Traditional"):
        # A page converted before, by the same overrides, is not converted again.
        converted = cache["converted"]

        def convert(text: str, ours: bool) -> tuple[str, str]:
            traditional = convert_markdown(text, converter.convert)
            if ours:
                traditional = indexes.in_hong_kong_words(traditional, converter.convert)
            return traditional, digest(traditional)

        for path, text in simplified.items():
            ours = not path.startswith("articles/")  # an index page, not an article
            key = (converter.version, ours, stages[HANS].add(path, text))
            stages[HANT].add(path, *converted.get(key, lambda t=text, o=ours: convert(t, o)))
    stages[HANS].add("feed.xml", indexes.feed_xml(archive, site_root(site_url, VARIANTS[HANS])))
    stages[HANT].add("feed.xml", indexes.feed_xml(archive, site_root(site_url, VARIANTS[HANT]), converter.convert, "zh-hk"))
    for stage in stages.values():
        for asset in ("oped.css", "oped-search.js"):
            stage.add(f"assets/{asset}", (ASSETS / asset).read_text(encoding="utf-8"))

    # 4. Write both variants and build them with MkDocs, side by side, then put site/ together.
    nav = [
        {indexes.HOME_TITLE: "index.md"},
        {indexes.PAGES_TITLE: "pages/index.md"},
        {indexes.AUTHORS_TITLE: "authors/index.md"},
        {indexes.TOPICS_TITLE: "topics/index.md"},
    ]
    # Until this build has finished, the next may not render only what changed (a dirty build).
    previous_engine = cache["site"].peek("engine")
    cache["site"].put("engine", None)
    if cache.interrupted:  # the last build stopped half-way: what it wrote is looked at afresh
        for key, value in cache.state.items():
            if key.startswith(("written ", "search ")):
                value.clear()
    written: dict[str, list[str]] = {}
    for name, stage in stages.items():
        with report.timed("write pages"):
            last = cache.state.setdefault(f"written {name}", {})
            written[name] = stage.write(manifest=cache["written"], last=last, walk=cache.interrupted)
    newest = max((i.date for i in infos.values() if i.date), default="1970-01-01")
    # The build date MkDocs prints (SOURCE_DATE_EPOCH): the newest page's, never before 1970.
    epoch = max(0, int(datetime.datetime.fromisoformat(newest).replace(tzinfo=datetime.UTC).timestamp()))

    def configs(site_dirs: dict[str, Path]) -> list[Path]:
        paths = []
        for name in stages:
            convert = converter.convert if name == HANT else str
            paths.append(
                write_config(
                    project.root,
                    project.build,
                    VARIANTS[name],
                    site_name=convert(indexes.SITE_NAME),
                    site_description=convert(indexes.SITE_DESCRIPTION),
                    copyright=convert(indexes.COPYRIGHT),
                    nav=[{convert(k): v for k, v in item.items()} for item in nav],
                    site_url=site_url,
                    repo_url=repo_url,
                    edit_branch=edit_branch,
                    site_dir=site_dirs[name],
                )
            )
        return paths

    # A build like the last one but for some pages renders only those (MkDocs' dirty build, into
    # site/ itself); anything else, or the check, builds every page afresh and swaps site/ whole.
    in_place = {HANS: project.site, HANT: project.site / VARIANTS[HANT].prefix.rstrip("/")}
    in_place_configs = configs(in_place)
    engine = engine_key(project.root, in_place_configs, epoch)
    # A page an editor linked to another (`[…](other.md)`) shows that link resolved or not: when
    # pages come or go, every page is rendered again.
    pages_changed = any(stage.added or stage.removed for stage in stages.values())
    incremental = (
        not strict
        and not cache.interrupted
        and previous_engine == engine
        and all((folder / "index.html").is_file() for folder in in_place.values())
        and not (pages_changed and any(_PAGE_LINK.search(doc.body) for doc in docs))
    )
    try:
        with report.timed("MkDocs (both variants)"):
            if incremental:
                logs = build_variants(in_place_configs, epoch=epoch, dirty=True)
                for name, stage in stages.items():
                    remove_outputs(in_place[name], stage.removed)
            else:
                apart = {name: project.build / f"site-{name}" for name in stages}
                logs = build_variants(configs(apart), epoch=epoch)
    except BuildError as error:  # site/ stays as it was; the next build renders every page
        report.problems.append(SourceProblem("MkDocs", str(error), hint="the site was not updated"))
        return report
    for name, log in zip(stages, logs, strict=True):
        report.warnings.extend(mkdocs_warnings(log, name))
    with report.timed("compact HTML"):
        # What MkDocs just wrote, each variant on a core when it is everything.
        if incremental:  # what MkDocs renders again: the pages written now, and the 404 page
            for name in stages:
                pages = [output_of(path) for path in written[name] if path.endswith(".md")]
                compact_files([in_place[name] / path for path in [*pages, "404.html"]])
        else:
            with pool(len(apart)) as workers:
                list(workers.map(compact_site, apart.values()))
    if not incremental:
        with report.timed("assemble site/"):
            assemble(project.build, project.site)
    report.incremental = incremental
    with report.timed("check links"):
        absent = dict.fromkeys(unreadable, "cannot be published now (see its own error)")
        absent |= {
            page.path: "is taken down (published: false)"
            for page in current.values()
            if page.meta.get("published", True) is False
        }
        report.warnings.extend(editor_link_problems(project, docs, stages[HANS], absent))
    # 5. Each variant's search index, from the pages as that variant publishes them, into site/.
    with report.timed("search index"):
        found = cache["search docs"]
        search_docs = [
            [
                found.get((path, stage.digests[path]), lambda p=path, t=text: search.search_doc(p, t))
                for path, text in sorted(stage.files.items())
                if path.startswith("articles/")
            ]
            for stage in stages.values()
        ]
        # Kept in memory by a process that builds again (serve); else built afresh, one variant a core.
        kept = cache.state.get("search")
        if kept is None:
            with pool(len(search_docs)) as workers:
                kept = cache.state["search"] = list(workers.map(_fresh_index, search_docs))
        for name, index, variant in zip(stages, kept, search_docs, strict=True):
            files = Stage(project.site / VARIANTS[name].prefix / search.FOLDER)
            for path, text in index.update(variant).items():
                files.add(path, text, index.digests[path])
            # What this process wrote into site/ stands only if site/ was not made anew.
            last = cache.state.setdefault(f"search {name}", {})
            if not incremental:
                last.clear()
            files.write(manifest=cache["written"], last=last)
    cache["site"].put("engine", engine)
    cache.save(background=True)  # the site is ready: keeping the cache for next time is not in the way
    return report


def editor_link_problems(project: Project, docs: list[DocPage], stage: Stage, absent: dict[str, str]) -> list[SourceProblem]:
    """Links editors wrote in their pages that lead to no page, or to a heading the page lacks."""
    found: list[SourceProblem] = []

    def anchors(path: str) -> set[str] | None:
        return lint.Anchors.of(project.site / output_of(path))

    for doc in docs:
        if "](" in doc.text or "]:" in doc.text:
            found.extend(lint.link_problems(f"docs/{doc.path}", doc.path, doc.text, stage.files.keys(), anchors, absent))
    return found


def _fresh_index(docs: list[search.SearchDoc]) -> search.SearchIndex:
    index = search.SearchIndex()
    index.update(docs)
    return index
