"""Write the published Markdown of each variant and build it with MkDocs into ``site/``.

The Simplified variant is the site's root, the Traditional one ``zh-Hant/`` under it. Each is its
own MkDocs build (its own search index, UI language and navigation), from a generated config that
inherits the project's ``mkdocs.yml``. Everything engine-specific lives here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from .cache import Memo, digest, text_digest
from .errors import BuildError, SourceProblem
from .files import write_atomic

HANS, HANT = "zh-Hans", "zh-Hant"
THEME = Path(__file__).parent / "theme"
HOOKS = Path(__file__).parent / "mkdocs_hooks.py"


@dataclass(frozen=True)
class Variant:
    """One script of the site: where its pages are written, its language and its place in the URL."""

    name: str  # zh-Hans | zh-Hant
    lang: str  # html lang: zh-Hans | zh-HK
    theme_language: str  # Material UI language: zh | zh-HK
    prefix: str  # "" or "zh-Hant/"
    label: str  # what the switcher shows to reach this variant
    title: str  # the variant's name in full
    og_locale: str  # Open Graph locale
    light: str  # the palette toggle's names
    dark: str


VARIANTS = {
    HANS: Variant(HANS, "zh-Hans", "zh-Hans", "", "简", "简体中文", "zh_CN", "切换到浅色模式", "切换到深色模式"),
    HANT: Variant(HANT, "zh-HK", "zh-HK", "zh-Hant/", "繁", "繁體中文（香港）", "zh_HK", "切換到淺色模式", "切換到深色模式"),
}


class Stage:
    """The Markdown tree of one variant, gathered in memory and written in one go.

    Refuses a path outside its root and two pages on one path; writes only files whose content
    changed (so MkDocs and editors' tools see real changes only) and removes files no longer staged.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, str | bytes] = {}
        self.digests: dict[str, str] = {}  # of each file's content, computed once
        self.removed: list[str] = []  # what write() pruned, relative to root
        self.added: list[str] = []  # what write() found staged for the first time

    def add(self, path: str, content: str | bytes, known_digest: str | None = None) -> str:
        """Stage a file (``known_digest`` when its content's digest is known); return the digest."""
        parts = path.split("/")
        if path.startswith("/") or ".." in parts or not any(part not in ("", ".") for part in parts):
            raise BuildError(f"refusing to write {path!r}: outside the output folder {self.root}")
        if path in self.files:
            raise BuildError(f"two pages would be written to {self.root / path}: check for duplicate slugs")
        self.files[path] = content
        self.digests[path] = known_digest or (text_digest(content) if isinstance(content, str) else digest(content))
        return self.digests[path]

    def write(
        self,
        prune: bool = True,
        manifest: Memo | None = None,
        last: dict[str, str | bytes] | None = None,
        walk: bool = False,
    ) -> list[str]:
        """Write the tree; return the paths written. ``prune`` removes files no longer staged.

        With a ``manifest`` (what the last build wrote here), a file whose content, size and time
        are as written then is not read to compare, and pruning needs no walk of the tree. ``last``
        holds what this process wrote here last time: the very same content is not even looked at
        (serve's rebuilds, where most pages are the same objects as before); it is updated.
        ``walk`` looks at what is in the folder instead of trusting the manifest's list of it."""
        written: list[str] = []
        self.root.mkdir(parents=True, exist_ok=True)
        root = str(self.root)
        before = last or {}
        for path, content in sorted(self.files.items()):
            if before.get(path) is content:
                if manifest:
                    manifest.peek((root, path))  # still what is there: kept for the next build
                continue
            key = self.digests[path]
            known = manifest.peek((root, path)) if manifest else None
            if known and known[0] == key and _stat(os.path.join(root, path)) == known[1:]:
                continue
            target = self.root / path
            data = content.encode("utf-8") if isinstance(content, str) else content
            if not known and target.exists() and target.read_bytes() == data:
                if manifest:
                    manifest.put((root, path), (key, *_stat(target)))
                continue
            write_atomic(target, data)
            written.append(path)
            if manifest:
                manifest.put((root, path), (key, *_stat(target)))
        if not prune:
            return written
        before = manifest.peek((root, "*")) if manifest and not walk else None
        if before is not None:
            self.added = sorted(set(self.files) - set(before))
            gone = sorted(set(before) - set(self.files))
            self.removed = gone
            for path in gone:
                (self.root / path).unlink(missing_ok=True)
            folders = {self.root / parent for path in gone for parent in PurePosixPath(path).parents}
            for folder in sorted(folders, key=lambda f: -len(f.parts)):
                if folder.is_dir() and folder != self.root and not any(folder.iterdir()):
                    folder.rmdir()
        else:
            self.added = sorted(self.files)  # not known: as good as all new
            wanted = {self.root / p for p in self.files}
            for existing in sorted(self.root.rglob("*"), reverse=True):
                if existing.is_file() and existing not in wanted:
                    self.removed.append(existing.relative_to(self.root).as_posix())
                    existing.unlink()
                elif existing.is_dir() and not any(existing.iterdir()):
                    existing.rmdir()
        if manifest:
            manifest.put((root, "*"), sorted(self.files))
        if last is not None:
            last.clear()
            last.update(self.files)
        return written


def _stat(path: Path | str) -> tuple[int, int]:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return (-1, -1)
    return (status.st_size, status.st_mtime_ns)


def site_root(site_url: str, variant: Variant) -> str:
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + variant.prefix


def write_config(
    project: Path,
    build: Path,
    variant: Variant,
    *,
    site_name: str,
    site_description: str,
    copyright: str,
    nav: list,
    site_url: str,
    repo_url: str,
    site_dir: Path,
    edit_branch: str = "main",
) -> Path:
    """The MkDocs config of one variant: the project's mkdocs.yml plus this variant's settings."""
    other = VARIANTS[HANT if variant.name == HANS else HANS]
    config = {
        "INHERIT": str(project / "mkdocs.yml"),
        "site_name": site_name,
        "site_description": site_description,
        "copyright": copyright,
        "site_url": site_root(site_url, variant),
        "docs_dir": str(build / variant.name),
        "site_dir": str(site_dir),
        "theme": {
            "custom_dir": str(THEME),
            "language": variant.theme_language,
            # Light or dark as the reader's system says, with a toggle.
            "palette": [
                {
                    "media": "(prefers-color-scheme: light)",
                    "scheme": "default",
                    "primary": "indigo",
                    "accent": "indigo",
                    "toggle": {"icon": "material/brightness-4", "name": variant.dark},
                },
                {
                    "media": "(prefers-color-scheme: dark)",
                    "scheme": "slate",
                    "primary": "indigo",
                    "accent": "indigo",
                    "toggle": {"icon": "material/brightness-7", "name": variant.light},
                },
            ],
        },
        "nav": nav,
        "hooks": [str(HOOKS)],
        # Explicitly none: MkDocs puts its search plugin back when an inherited list is empty.
        "plugins": [],
        "extra": {
            "generator": False,
            "alternate": [{"name": other.title, "link": "/" + other.prefix, "lang": other.lang}],
            "oped": {
                "variant": variant.name,
                "lang": variant.lang,
                "other_lang": other.lang,
                "other_label": other.label,
                "other_name": other.title,
                "self_root": site_root(site_url, variant),
                "other_root": site_root(site_url, other),
                "hans_root": site_root(site_url, VARIANTS[HANS]),
                "og_locale": variant.og_locale,
                "other_og_locale": other.og_locale,
            },
        },
    }
    if repo_url:
        # An absolute edit_uri without repo_url: the edit button, but not Material's repository
        # widget, which would call the GitHub API from every page.
        config["edit_uri"] = f"{repo_url.rstrip('/')}/edit/{edit_branch}/docs/"
    path = build / f"mkdocs-{variant.name}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run_mkdocs(config: Path, epoch: int = 0, dirty: bool = False) -> str:
    """Build one variant; return MkDocs' log, raise BuildError with it when the build fails.
    Never ``--strict``: a warning would stop the build at the first one, and an editor needs every
    problem in one run (mkdocs_warnings reads them from the log).

    ``epoch`` stands in for the build time (SOURCE_DATE_EPOCH), so two builds of the same input are
    the same bytes: the newest page's date, not the day the build ran. ``dirty`` renders only the
    pages whose Markdown is newer than their HTML, into the site as it is (no page of ours depends on
    another's content: articles are not in the navigation); otherwise MkDocs empties its site first."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config)]
    if dirty:
        command.append("--dirty")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch)}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    log = (result.stdout + result.stderr).strip()
    if dirty:
        # Expected of a dirty build, and handled here: what it warns of cannot happen to our pages.
        log = "\n".join(line for line in log.split("\n") if "'dirty' build" not in line and "stale files" not in line)
    if result.returncode != 0:
        raise BuildError(f"MkDocs could not build {config.name}:\n{log}")
    return log


def build_variants(configs: list[Path], epoch: int = 0, dirty: bool = False) -> list[str]:
    """Build every variant at once (they are independent: one process each, one core each)."""
    with ThreadPoolExecutor(max_workers=len(configs)) as pool:
        return list(pool.map(lambda c: run_mkdocs(c, epoch, dirty), configs))


# MkDocs' link and anchor warnings: lint.link_problems reports these at the editor's file and line.
_LINK_WARNINGS = (
    "contains a link",
    "contains an unrecognized relative link",
    "contains an absolute link",
    "does not contain an anchor",
)
_DOC_FILE = re.compile(r"Doc file '(articles/[^']+\.md)'")


def mkdocs_warnings(log: str, variant: str) -> list[SourceProblem]:
    """MkDocs' warnings in a log, but those about links (reported with their line elsewhere).

    >>> log = "INFO - x\\nWARNING -  Doc file 'articles/a.md' contains a link 'b.md', but...\\nWARNING -  Config value 'x': bad"
    >>> [str(p) for p in mkdocs_warnings(log, "zh-Hans")]
    ["MkDocs (zh-Hans): Config value 'x': bad"]
    """
    found: list[SourceProblem] = []
    for line in log.split("\n"):
        if not line.startswith("WARNING") or any(words in line for words in _LINK_WARNINGS):
            continue
        message = line.split("-", 1)[1].strip()
        page = _DOC_FILE.search(message)
        found.append(SourceProblem(f"docs/{page.group(1)}" if page else f"MkDocs ({variant})", message))
    return found


def engine_key(project: Path, configs: list[Path], epoch: int) -> str:
    """What every page's HTML depends on besides its own Markdown: the configs (wherever they put
    the site), mkdocs.yml, the theme, the build date. Equal keys allow a dirty build."""
    parts = [(project / "mkdocs.yml").read_bytes(), str(epoch).encode()]
    parts += [re.sub(rb"(?m)^site_dir: .*$", b"", config.read_bytes()) for config in configs]
    parts += [path.read_bytes() for path in [*sorted(THEME.rglob("*")), HOOKS] if path.is_file()]
    return digest(b"\0".join(parts))


_BLANK_LINES = re.compile(rb"\n[ \t]*(?=\n)")
_INDENTS = re.compile(rb"\n[ \t]+")
_VERBATIM = re.compile(rb"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.DOTALL | re.IGNORECASE)


def compact_html(html: bytes) -> bytes:
    """The page without the blank lines and indentation the theme's templates leave (a sixth of
    every page; at 10,000 articles, the site's size under GitHub Pages' 1 GB). A line break stays
    where one was (it may be a space between words), and ``<pre>``/``<textarea>`` stay as they are.
    UTF-8 in, UTF-8 out: only ASCII whitespace is touched.

    >>> compact_html(b"<div>\\n\\n    <p>a\\n  b</p>\\n  <pre>\\n  x\\n</pre>\\n</div>")
    b'<div>\\n<p>a\\nb</p>\\n<pre>\\n  x\\n</pre>\\n</div>'
    """
    parts = _VERBATIM.split(html)
    for index in range(0, len(parts), 2):  # the even parts are outside <pre> and <textarea>
        parts[index] = _INDENTS.sub(b"\n", _BLANK_LINES.sub(b"", parts[index]))
    return b"".join(parts)


def compact_files(paths: Iterable[Path | str]) -> int:
    """Compact each HTML file given (those missing are skipped); return how many."""
    done = 0
    for path in paths:
        try:
            with open(path, "rb") as file:
                html = file.read()
        except FileNotFoundError:
            continue
        compacted = compact_html(html)
        if compacted != html:
            with open(path, "wb") as file:
                file.write(compacted)
        done += 1
    return done


def compact_site(folder: Path) -> int:
    """Compact every HTML file under ``folder``; return how many."""
    return compact_files(
        os.path.join(parent, name) for parent, _, names in os.walk(folder) for name in names if name.endswith(".html")
    )


def output_of(source: str) -> str:
    """Where MkDocs puts what it makes of a file of the docs folder (directory URLs).

    >>> output_of("articles/x.md"), output_of("pages/index.md"), output_of("feed.xml")
    ('articles/x/index.html', 'pages/index.html', 'feed.xml')
    """
    pure = PurePosixPath(source)
    if pure.suffix != ".md":
        return source
    if pure.stem == "index":
        return str(pure.with_suffix(".html"))
    return str(pure.with_suffix("") / "index.html")


def remove_outputs(site_dir: Path, removed: list[str]) -> None:
    """Delete what MkDocs made of Markdown files no longer there (a dirty build leaves it)."""
    for path in removed:
        target = site_dir / output_of(path)
        target.unlink(missing_ok=True)
        for folder in target.parents:
            if folder == site_dir or not folder.is_relative_to(site_dir) or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()


def assemble(build: Path, site: Path) -> None:
    """Put the built variants in place: Simplified at the root of ``site/``, Traditional under it.

    The folders are moved, not copied: at 20,000 pages a copy costs more than a variant's build."""
    hans, hant = build / f"site-{HANS}", build / f"site-{HANT}"
    if site.exists():
        # Out of the way at once (a rename), deleted afterwards: 50,000 files take a while to remove.
        trash = build / f"old-site-{os.getpid()}-{time.monotonic_ns()}"
        os.replace(site, trash)
        threading.Thread(target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True}).start()
    shutil.move(str(hans), str(site))
    shutil.move(str(hant), str(site / VARIANTS[HANT].prefix.rstrip("/")))
