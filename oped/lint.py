"""What an editor can get wrong in a pull request, found in the files themselves: each problem names
the file and the line, says what is wrong and what to do.

Pure functions over text, run by every build (a page that fails one is still published as
written, and ``check`` fails): leftover merge-conflict markers, front matter that does not close or
is not valid YAML (in plain words, at the line where the mistake is), the summary box written in
another form than the page format needs, unclosed emphasis, links that lead nowhere (with a
did-you-mean), files in ``seeds/`` that are neither a page nor its sidecar.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path

import yaml

from .errors import LinkProblem, SourceProblem
from .render import SUMMARY_TITLE, TRUNCATED_SUMMARY_TITLE

# git writes these around both sides of a conflict it could not merge.
_CONFLICT = re.compile(r"^(?:<{7}|\|{7}|={7}|>{7})(?: |$)")
# The two forms of the summary box the page format knows (render.article_page writes them).
SUMMARY_BOXES = (f'!!! abstract "{SUMMARY_TITLE}"', f'!!! abstract truncated "{TRUNCATED_SUMMARY_TITLE}"')
_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)\s*(?P<kind>[\w-]+(?: [\w-]+)*)?\s*(?P<title>".*")?\s*$')
_CODE_SPAN = re.compile(r"(`+).*?\1")
_ESCAPED = re.compile(r"\\.")
_LIST_BULLET = re.compile(r"^\s*[*+-]\s")
# An inline link or image: [text](target "title"), not an escaped \[.
_LINK = re.compile(r"(?<!\\)\[(?:[^\]\\]|\\.)*\]\(\s*<?(?P<target>[^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(?P<target>\S+?)>?(?:\s.*)?$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
SEED_SUFFIX, SIDECAR_SUFFIX = ".txt", ".yml"


def problem(
    source: str, line: int | None, message: str, hint: str = "", kind: type[SourceProblem] = SourceProblem
) -> SourceProblem:
    return kind(source, message, line=line, hint=hint)


# --- anything an editor edits -------------------------------------------------------------------


def conflict_markers(source: str, text: str) -> list[SourceProblem]:
    """Lines git left from a merge it could not do by itself.

    >>> [p.line for p in conflict_markers("docs/a.md", "a\\n<<<<<<< HEAD\\nb\\n=======\\nc\\n>>>>>>> x\\n")]
    [2]
    """
    for number, line in enumerate(text.split("\n"), 1):
        if _CONFLICT.match(line):
            return [
                problem(
                    source,
                    number,
                    f"a merge-conflict marker ({line[:7]}) is left in the file",
                    "keep the right text between the markers and delete the three marker lines",
                )
            ]
    return []


# --- front matter ---------------------------------------------------------------------------------


def unclosed_front_matter(source: str, text: str) -> SourceProblem | None:
    """A page that opens its front matter with ``---`` and never closes it.

    >>> print(unclosed_front_matter("docs/a.md", "---\\ntitle: 标题\\n\\n# 标题\\n"))
    docs/a.md:1: the front matter opened here is never closed (put a line --- after its last key, before the page's # heading)
    >>> unclosed_front_matter("docs/a.md", "---\\ntitle: 标题\\n---\\n") is None
    True
    """
    if text.startswith("---\n") and not re.search(r"^---[ \t]*$", text[4:], re.MULTILINE):
        return problem(
            source,
            1,
            "the front matter opened here is never closed",
            "put a line --- after its last key, before the page's # heading",
        )
    if not text.startswith("---\n"):
        return problem(
            source, 1, "the page does not start with its front matter (a line ---)", "compare with another article page"
        )
    return None


def yaml_problem(source: str, error: yaml.YAMLError, front_matter: str, first_line: int) -> SourceProblem:
    """A YAML error in plain words, at the line where the mistake is. ``first_line`` is the file's
    line of the YAML's first line.

    >>> fm = 'title: "标题\\nslug: a\\nsummary: 提要\\n'
    >>> try: yaml.safe_load(fm)
    ... except yaml.YAMLError as e: print(yaml_problem("docs/a.md", e, fm, 2).line)
    2
    """
    quoted = _unclosed_quote(front_matter)
    problem_mark = getattr(error, "problem_mark", None)
    if quoted is not None and (problem_mark is None or quoted <= problem_mark.line):
        return problem(
            source,
            first_line + quoted,
            "a quotation mark opened on this line is not closed on it",
            "close the quotation mark, or leave it out: a value needs no quotes",
        )
    text = f"{getattr(error, 'context', '') or ''} {getattr(error, 'problem', '') or ''}"
    # Where the mistake is: a key without its colon is noticed a line later, where the key started.
    mark = getattr(error, "context_mark", None) if "simple key" in text else problem_mark
    line = first_line + mark.line if mark is not None else first_line
    for pattern, message, hint in _YAML_MESSAGES:
        if pattern in text:
            return problem(source, line, message, hint)
    words = (getattr(error, "problem", None) or str(error)).split("\n")[0]
    what = "the sidecar" if source.endswith(".yml") else "the front matter"
    return problem(source, line, f"{what} cannot be read here ({words})", "write one `key: value` a line, as in the README")


_YAML_MESSAGES = (
    (
        "anchors, aliases and tags",
        "a value starts with &, * or !, which is read as a reference or a type, not as text",
        "put the value in quotes",
    ),
    (
        "mapping values are not allowed",
        "a value holds a colon followed by a space, which is read as a new key",
        "put the whole value in quotes, or use a full-width colon ：",
    ),
    (
        "could not find expected ':'",
        "this line is not `key: value`",
        "add the colon after the key, or join the line to the one above",
    ),
    (
        "cannot start any token",
        "a tab, or a character that may not start a value",
        "indent with spaces; quote the value",
    ),
    (
        "expected <block end>",
        "this line is indented differently from the lines around it",
        "align it with the other keys (or, in a list, with the item above)",
    ),
    ("found undefined alias", "a value starts with *, which is read as a reference", "put the value in quotes"),
    (
        "found unexpected end of stream",
        "the front matter ends in the middle of a value",
        "close the value (a quotation mark or a bracket)",
    ),
    ("expected ',' or ']'", "a list in brackets is not closed on its line", "close it with ], or write one item a line"),
    ("expected ',' or '}'", "a mapping in braces is not closed on its line", "close it with }, or write one key a line"),
)


def _unclosed_quote(front_matter: str) -> int | None:
    """The first line (0-based) whose value opens a quotation mark it does not close."""
    for number, line in enumerate(front_matter.split("\n")):
        match = re.match(r"^\s*(?:- )?(?:[\w-]+:\s+)?(?P<quote>[\"'])(?P<rest>.*)$", line)
        if not match:
            continue
        rest = match["rest"]
        closed = (
            bool(re.search(r'(?<!\\)"', rest.replace("\\\\", ""))) if match["quote"] == '"' else "'" in rest.replace("''", "")
        )
        if not closed:
            return number
    return None


# --- the page's Markdown ----------------------------------------------------------------------------


def body_problems(source: str, body: str, first_line: int) -> list[SourceProblem]:
    """Mistakes in a page's Markdown (``first_line`` is the file's line of the body's first line):
    a summary box not in the form the page format needs, a box with nothing indented in it,
    emphasis opened and never closed."""
    found: list[SourceProblem] = []
    lines = body.split("\n")
    for index, line in enumerate(lines):
        match = _ADMONITION.match(line)
        if not match:
            continue
        where = first_line + index
        kind, title = match["kind"] or "", match["title"]
        if kind.split(" ")[0] == "abstract" and line.rstrip() not in SUMMARY_BOXES:
            found.append(
                problem(
                    source,
                    where,
                    f"the summary box is written {line.strip()!r}",
                    f"write it exactly {SUMMARY_BOXES[0]} (with the quotes)",
                )
            )
        elif title is None:
            found.append(
                problem(
                    source, where, "a box without a title in quotes shows an English title", f'give it one: {line.strip()} "标题"'
                )
            )
        following = next(((n, text) for n, text in enumerate(lines[index + 1 :], index + 1) if text.strip()), (index, "    "))
        if not following[1].startswith(("    ", "\t")):
            found.append(
                problem(
                    source,
                    first_line + following[0],
                    "this text is not indented under the box above it, which is left empty",
                    "indent every line of the box's text by four spaces",
                )
            )
    found.extend(_emphasis_problems(source, lines, first_line))
    return found


# Markup in an editor's page that could run in a reader's browser: a raw HTML tag or comment, an
# attribute list with an event handler, a link to a script URL. The page format needs none of
# them (text from the printed page is escaped: &lt;, \*).
_RAW_HTML = re.compile(r"<[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|</[A-Za-z][\w-]*\s*>|<!--|<\?")
_HANDLER = re.compile(r"\{:?[^}\n]*\bon\w+\s*=", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript|data):", re.IGNORECASE)
# A run of emphasis marks or brackets this long nests Markdown's inline parser past its stack.
_MARK_RUN = re.compile(r"(?<!\\)(?:[*_\[\]`]\s*){50}")


def unsafe_markup(source: str, body: str, first_line: int) -> SourceProblem | None:
    """The first line of a page's Markdown holding markup that is not published: raw HTML, an
    event handler in an attribute list, a script link, or a run of marks too long to render.

    >>> print(unsafe_markup("a.md", "正文\\n\\n图<img src=x onerror=alert(1)>。", 10))
    a.md:12: raw HTML is not published ('<img src=x onerror=alert(1)>') (write it as text: &lt; for <, or remove it)
    >>> unsafe_markup("a.md", "1<2 与 a < b，`<b>` 与 &lt;b&gt;", 1) is None
    True
    """
    fenced = False
    for index, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if fenced:
            continue
        plain = _CODE_SPAN.sub("", line)
        where = first_line + index
        if tag := _RAW_HTML.search(plain):
            return problem(
                source, where, f"raw HTML is not published ({tag.group()[:40]!r})", "write it as text: &lt; for <, or remove it"
            )
        if _HANDLER.search(plain):
            return problem(source, where, "an attribute list with an event handler (on…=) is not published", "remove the handler")
        for _, target in links(plain):
            if _SCRIPT_URL.match(target):
                return problem(
                    source, where, f"a link to {target.split(':')[0]}: is not published", "link to a page or a web address"
                )
        if _MARK_RUN.search(_ESCAPED.sub("", plain)):
            return problem(
                source, where, "a run of 50 or more *, _, [ or ` cannot be rendered", "write them as text: \\*, or remove them"
            )
    return None


MAX_NESTING = 20  # quotes or lists inside each other; Markdown's parser recurses once a level
_NESTING = re.compile(r"^((?:[ \t]*>)*)([ \t]*)")


def too_deep(source: str, body: str, first_line: int) -> SourceProblem | None:
    """A line nested deeper than any page needs (and Markdown can render without running out of
    stack): the page is not published.

    >>> print(too_deep("a.md", "x\\n" + ">" * 30 + " y", 5))
    a.md:6: this line is nested 30 levels deep (quotes or lists in each other); at most 20 are published (flatten it)
    """
    for index, line in enumerate(body.split("\n")):
        quotes, indent = _NESTING.match(line).groups()
        depth = quotes.count(">") + len(indent.expandtabs(4)) // 4
        if depth > MAX_NESTING:
            return problem(
                source,
                first_line + index,
                f"this line is nested {depth} levels deep (quotes or lists in each other); at most {MAX_NESTING} are published",
                "flatten it",
            )
    return None


def _emphasis_problems(source: str, lines: list[str], first_line: int) -> Iterator[SourceProblem]:
    """A paragraph with an odd number of ``**`` (or of single ``*``): bold or italics never closed."""
    start, paragraph = 0, []
    for index, line in enumerate([*lines, ""]):
        if line.strip():
            if not paragraph:
                start = index
            paragraph.append(_LIST_BULLET.sub("", _CODE_SPAN.sub("", _ESCAPED.sub("", line))))
            continue
        if paragraph:
            text = "\n".join(paragraph)
            strong = text.count("**")
            if strong % 2 or text.replace("**", "").count("*") % 2:
                mark = "**" if strong % 2 else "*"
                offset = next(i for i, part in enumerate(paragraph) if mark in part)
                yield problem(
                    source,
                    first_line + start + offset,
                    f"{mark} opens bold or italic text that is never closed in this paragraph",
                    f"close it with {mark}, or write \\{mark[0]} for a literal asterisk",
                )
        paragraph = []


# --- links ------------------------------------------------------------------------------------------


def links(text: str) -> Iterator[tuple[int, str]]:
    """(line, target) of every Markdown link and image in ``text`` (outside code), 1-based lines.

    >>> list(links("见[上文](#a)与[作者](../authors/li.md \\"t\\")。\\n`[x](y)`\\n[r]: other.md"))
    [(1, '#a'), (1, '../authors/li.md'), (3, 'other.md')]
    """
    fenced = False
    for number, line in enumerate(text.split("\n"), 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if fenced:
            continue
        plain = _CODE_SPAN.sub("", line)
        for match in _LINK.finditer(plain):
            yield number, match["target"]
        reference = _REFERENCE.match(plain)
        if reference:
            yield number, reference["target"]


def link_problems(
    source: str,
    page: str,
    text: str,
    pages: Collection[str],
    anchors: Callable[[str], set[str] | None],
    absent: Mapping[str, str] | None = None,
) -> list[SourceProblem]:
    """Links of the page at ``page`` (its path among ``pages``, the Markdown files of the site) that
    lead nowhere. ``text`` is the file as the editor wrote it (lines are counted in it);
    ``anchors(path)`` gives the ids of a built page (None when it is not built); ``absent`` says
    why a page that is in docs/ is not among them (taken down, or unreadable)."""
    found: list[SourceProblem] = []
    folder = posixpath.dirname(page)
    for line, raw in links(text):
        if not raw or _SCHEME.match(raw) or raw.startswith("//"):
            continue
        path, _, fragment = raw.partition("#")
        if path.startswith("/"):
            found.append(
                problem(
                    source,
                    line,
                    f"link {raw!r} is absolute: it breaks when the site is served from a sub-path",
                    "link to the .md file, relative to this page",
                    LinkProblem,
                )
            )
            continue
        target = posixpath.normpath(posixpath.join(folder, path)) if path else page
        if target not in pages and target in (absent or {}):
            why = (absent or {})[target]
            found.append(
                problem(
                    source,
                    line,
                    f"link {raw!r} leads to docs/{target}, which {why}",
                    "publish that page, or remove the link",
                    LinkProblem,
                )
            )
            continue
        if target not in pages:
            found.append(
                problem(source, line, f"link {raw!r} leads to no page", _did_you_mean(target, folder, pages), LinkProblem)
            )
            continue
        ids = anchors(target) if fragment else None
        if fragment and ids is not None and fragment not in ids:
            close = difflib.get_close_matches(fragment, sorted(ids), n=1, cutoff=0.5)
            hint = (
                f"did you mean '#{close[0]}'?"
                if close
                else "link to a heading of that page: its anchor is the heading without punctuation"
            )
            found.append(problem(source, line, f"link {raw!r}: the page has no heading or anchor #{fragment}", hint, LinkProblem))
    return found


def _did_you_mean(target: str, folder: str, pages: Collection[str]) -> str:
    markdown = sorted(p for p in pages if p.endswith(".md"))
    candidates = [target, f"{target.rstrip('/')}.md", f"{target.rstrip('/')}/index.md"]
    for candidate in candidates[1:]:
        if candidate in pages:
            return f"link to the Markdown file: '{posixpath.relpath(candidate, folder or '.')}'"
    close = difflib.get_close_matches(target, markdown, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{posixpath.relpath(close[0], folder or '.')}'?"
    return "link to a page's .md file, relative to this page (e.g. ../authors/index.md)"


class Anchors(HTMLParser):
    """The element ids of one HTML page (what a #fragment may name)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)

    @classmethod
    def of(cls, html: Path) -> set[str] | None:
        try:
            text = html.read_text(encoding="utf-8")
        except OSError:
            return None
        parser = cls()
        parser.feed(text)
        return parser.ids


# --- seeds/ -----------------------------------------------------------------------------------------


def docs_folder_problems(folder: Path, known: Collection[str]) -> list[SourceProblem]:
    """Files in ``docs/`` that the build would pass over: anything but ``articles/*.md`` and the
    ``known`` tables, a page in a subfolder of ``articles/``, a page ending in ``.MD``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     for name in ("articles/a.md", "articles/b.MD", "articles/sub/c.md", "evil.md", "t.tsv"):
    ...         (Path(d) / name).parent.mkdir(parents=True, exist_ok=True); _ = (Path(d) / name).write_text("x")
    ...     print("\\n".join(str(p) for p in docs_folder_problems(Path(d), ["t.tsv"])))
    docs/evil.md: is not read: docs/ holds articles/ and the tables t.tsv (move it into docs/articles/, or out of docs/)
    docs/articles/b.MD: is not read: a page's file name ends in .md (rename it docs/articles/b.md)
    docs/articles/sub: is not read: pages live directly in docs/articles/ (move its pages up)
    """
    if not folder.is_dir():
        return []
    found: list[SourceProblem] = []
    tables = ", ".join(sorted(known))
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name in known or path.name == "articles":
            continue
        found.append(
            problem(
                f"docs/{path.name}",
                None,
                f"is not read: docs/ holds articles/ and the tables {tables}",
                "move it into docs/articles/, or out of docs/",
            )
        )
    articles = folder / "articles"
    for path in sorted(articles.iterdir()) if articles.is_dir() else ():
        where = f"docs/articles/{path.name}"
        if path.name.startswith(".") or (path.suffix == ".md" and not path.is_dir()):
            continue
        if path.is_dir():
            found.append(problem(where, None, "is not read: pages live directly in docs/articles/", "move its pages up"))
        elif path.suffix.lower() == ".md":
            found.append(
                problem(where, None, "is not read: a page's file name ends in .md", f"rename it docs/articles/{path.stem}.md")
            )
        else:
            found.append(problem(where, None, "is not read: docs/articles/ holds pages (.md)", "move it out of docs/articles/"))
    return found


def seed_folder_problems(folder: Path) -> list[SourceProblem]:
    """Files in ``seeds/`` that the build would pass over: not a page (``.txt``) nor the sidecar
    (``.yml``) of one, named with another case or ending, or a sidecar whose page is missing.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     for name in ("a.txt", "a.yaml", "B.TXT", "c.yml"): _ = (Path(d) / name).write_text("x")
    ...     print("\\n".join(str(p) for p in seed_folder_problems(Path(d))))
    seeds/B.TXT: is not read: a page's file name must end in .txt (rename it seeds/B.txt)
    seeds/a.yaml: is not read: a sidecar's file name must end in .yml (rename it seeds/a.yml)
    seeds/c.yml: is the sidecar of seeds/c.txt, which does not exist (rename it after its page, or remove it)
    """
    if not folder.is_dir():
        return []
    names = sorted(path.name for path in folder.iterdir() if not path.name.startswith("."))
    pages = {name for name in names if name.endswith(SEED_SUFFIX)}
    found: list[SourceProblem] = []
    for name in names:
        stem, suffix = posixpath.splitext(name)
        where = f"seeds/{name}"
        if suffix == SEED_SUFFIX:
            continue
        if suffix == SIDECAR_SUFFIX:
            if f"{stem}{SEED_SUFFIX}" not in pages:
                found.append(
                    problem(
                        where,
                        None,
                        f"is the sidecar of seeds/{stem}{SEED_SUFFIX}, which does not exist",
                        f"name it after its page without the page's .txt (seeds/{stem.removesuffix(SEED_SUFFIX)}{SIDECAR_SUFFIX})"
                        if stem.endswith(SEED_SUFFIX)
                        else "rename it after its page, or remove it",
                    )
                )
        elif suffix.lower() in (".yaml", ".yml"):
            found.append(
                problem(
                    where, None, "is not read: a sidecar's file name must end in .yml", f"rename it seeds/{stem}{SIDECAR_SUFFIX}"
                )
            )
        elif suffix.lower() in (".txt", ".text"):
            found.append(
                problem(where, None, "is not read: a page's file name must end in .txt", f"rename it seeds/{stem}{SEED_SUFFIX}")
            )
        else:
            found.append(
                problem(
                    where, None, "is not read: seeds/ holds page files (.txt) and their sidecars (.yml)", "move it out of seeds/"
                )
            )
    return found
