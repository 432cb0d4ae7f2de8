"""``python build_docs.py preview [--base REV]``: what a pull request changes in the articles, as a
reviewer reads it — the text of every changed article in both variants, as a diff against the base
branch. An edit shows in Simplified and Traditional; a change to the conversion overrides shows
every article whose Traditional text it changes, and where.

Written to ``build/preview.md``, printed, and in GitHub Actions added to the job summary.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import tempfile
from pathlib import Path

from .docs import ARTICLES_DIR, split_front_matter, unescape
from .variants import OVERRIDES_FILE, Converter, convert_markdown, read_overrides

OUTPUT = Path("build") / "preview.md"
CONTEXT_LINES = 1  # unchanged sentences shown around a change
_SENTENCE = re.compile(r"(?<=[。！？；])(?![”’」』）])")
_ATTRIBUTES = re.compile(r"^\{:[^}]*\}$")
_BOX = re.compile(r'^!!! \w+(?: \w+)* "(?P<title>[^"]*)"')
_HEADING_ID = re.compile(r" \{#[^}]*\}$")  # the anchor a Traditional heading keeps from its Simplified one


def readable(page: str) -> list[str]:
    """A page's text as a reader sees it, a sentence a line (so a diff points at the sentence).

    >>> page = '---\\ntitle: 题\\n---\\n\\n# 题\\n\\n李阳\\n{: .oped-byline }\\n\\n!!! abstract "内容提要"\\n\\n    提要。\\n'
    >>> readable(page + '\\n**一是甲。**乙\\\\*丙。\\n')
    ['# 题', '李阳', '【内容提要】', '提要。', '一是甲。', '乙*丙。']
    """
    try:
        _, body = split_front_matter(page)
    except Exception:  # unreadable front matter: check reports it; show the page as it is
        body = page
    lines: list[str] = []
    for raw in body.split("\n"):
        line = raw.strip()
        if not line or _ATTRIBUTES.match(line):
            continue
        box = _BOX.match(line)
        if box:
            lines.append(f"【{box['title']}】")
            continue
        text = unescape(_HEADING_ID.sub("", line).replace("**", ""))
        lines.extend(part for part in _SENTENCE.split(text) if part)
    return lines


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)


def pages_at(root: Path, base: str | None) -> dict[str, str]:
    """Every article page (path relative to docs/ → text), at a git revision or in the work tree."""
    if base is None:
        folder = root / "docs" / ARTICLES_DIR
        return {f"{ARTICLES_DIR}/{p.name}": p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.md"))}
    listed = _git(root, "ls-tree", "-r", "--name-only", base, f"docs/{ARTICLES_DIR}/")
    if listed.returncode != 0:
        raise ValueError(f"--base {base}: {listed.stderr.strip() or 'no such revision'} (fetch it first)")
    paths = [p for p in listed.stdout.split("\n") if p.endswith(".md")]
    return {p.removeprefix("docs/"): _git(root, "show", f"{base}:{p}").stdout for p in paths}


def overrides_at(root: Path, base: str | None) -> str:
    if base is None:
        path = root / "docs" / OVERRIDES_FILE
        return path.read_text(encoding="utf-8") if path.exists() else ""
    return _git(root, "show", f"{base}:docs/{OVERRIDES_FILE}").stdout


def _converter(table: str, names: list[str], folder: Path) -> Converter:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / OVERRIDES_FILE).write_text(table, encoding="utf-8")
    overrides, _ = read_overrides(folder / OVERRIDES_FILE)
    return Converter(overrides, folder / "opencc", names)


def _authors(pages: dict[str, str]) -> list[str]:
    names = set()
    for text in pages.values():
        try:
            meta, _ = split_front_matter(text)
        except Exception:  # an unreadable page has no names to protect
            continue
        names.update(str(a["name"]) for a in meta.get("authors") or [] if isinstance(a, dict) and a.get("name"))
    return sorted(names)


def _diff(old: list[str], new: list[str]) -> str:
    lines = list(difflib.unified_diff(old, new, n=CONTEXT_LINES, lineterm=""))[2:]  # without the file header
    return "\n".join(lines)


def preview(root: Path, base: str | None) -> str:
    """The Markdown of the preview: each changed article's text in both variants, as a diff."""
    before, after = pages_at(root, base), pages_at(root, None)
    old_table, new_table = overrides_at(root, base), overrides_at(root, None)
    changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    candidates = sorted(before.keys() | after.keys()) if old_table != new_table else changed
    names = _authors({**before, **after})
    with tempfile.TemporaryDirectory() as temporary:
        old_convert = _converter(old_table, names, Path(temporary) / "base").convert
        new_convert = old_convert if old_table == new_table else _converter(new_table, names, Path(temporary) / "head").convert
        sections = []
        for path in candidates:
            old, new = before.get(path, ""), after.get(path, "")
            simplified = _diff(readable(old), readable(new))
            traditional = _diff(readable(convert_markdown(old, old_convert)), readable(convert_markdown(new, new_convert)))
            shown = (_published(old), _published(new))
            if not simplified and not traditional and shown[0] == shown[1]:
                continue
            state = "new" if not old else "removed" if not new else "changed" if simplified else "Traditional text only"
            if shown != (True, True) and old and new:
                state = "taken down (published: false)" if shown[0] else "published again" if shown[1] else state
            title = next((line[2:] for line in readable(new or old) if line.startswith("# ")), path)
            parts = [f"### {title}\n\n`docs/{path}` — {state}\n"]
            for name, diff in (("简体", simplified), ("繁體（香港）", traditional)):
                if diff:
                    parts.append(f"<details open><summary>{name}</summary>\n\n```diff\n{diff}\n```\n\n</details>\n")
            sections.append("\n".join(parts))
    head = f"## Preview: {len(sections)} article(s) read differently" + (f" than on {base}" if base else "")
    if old_table != new_table:
        table = _diff(old_table.split("\n"), new_table.split("\n"))
        head += (
            "\n\nThe conversion overrides changed (every article whose Traditional text they change is listed):"
            f"\n\n```diff\n{table}\n```"
        )
    return head + "\n\n" + ("\n".join(sections) or "No article's text changes.\n")


def _published(page: str) -> bool:
    try:
        meta, _ = split_front_matter(page)
    except Exception:  # unreadable: check reports it
        return True
    return meta.get("published", True) is not False


def command_preview(root: Path, base: str | None) -> int:
    """Write the preview to build/preview.md, print it, and add it to GitHub's job summary."""
    try:
        text = preview(root, base)
    except ValueError as error:
        print(f"error: {error}", flush=True)
        return 1
    target = root / OUTPUT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(text)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(text + "\n")
    return 0
