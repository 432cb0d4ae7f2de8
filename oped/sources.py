"""Read page files: the one place where bytes become text."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import DecodeProblem, SourceProblem
from . import files
from .model import Note, PageInfo


class SidecarProblem(SourceProblem):
    """A seed's sidecar (page metadata) that cannot be read; the page is built without it."""


BOM = "\ufeff"


@dataclass(frozen=True)
class SourceText:
    """A page file's text with one newline convention and the encoding it was read in."""

    name: str
    text: str
    encoding: str = "utf-8"
    notes: tuple[Note, ...] = ()  # what decoding removed (control and private-use characters)


def looks_binary(data: bytes) -> bool:
    """True for bytes no OCR text dump contains: NULs or many control characters.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    True
    >>> looks_binary("江门".encode())
    False
    """
    if b"\x00" in data:
        return True
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and controls / len(sample) > 0.05


def decode(name: str, data: bytes) -> SourceText:
    """Decode a page file (files.decode: UTF-8 with or without BOM, UTF-16 with BOM, GB18030 or
    Big5), with CRLF and CR made LF, control and private-use characters removed and noted."""
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and looks_binary(data):
        raise DecodeProblem(name, "this is a binary file, not an OCR text dump", hint="remove it from seeds/")
    try:
        decoded = files.decode(name, data)
    except files.FileProblem as problem:
        raise DecodeProblem(problem.source, problem.message, line=problem.line, hint=problem.hint) from None
    if not decoded.text.strip():
        raise DecodeProblem(name, "is empty or holds only whitespace", hint="put the page's OCR text in it")
    notes = tuple(Note(p.line or 1, p.message) for p in decoded.removed)
    return SourceText(name=name, text=decoded.text, encoding=decoded.encoding, notes=notes)


def read_source(path: Path, data: bytes | None = None, root: Path | None = None) -> SourceText:
    """Read (or take ``data`` as its bytes) and decode one page file; ``root``: the project the
    file must be in (``files.read``)."""
    try:
        data = files.read(path, root or path.parent, files.SEED_LIMIT, path.name) if data is None else data
    except files.FileProblem as problem:
        raise DecodeProblem(problem.source, problem.message, hint=problem.hint) from None
    return decode(path.name, data)


SIDECAR_SUFFIX = ".yml"
SIDECAR_FIELDS = ("publication", "date", "page")


def sidecar_path(seed: Path) -> Path:
    """Where a seed's sidecar lives: next to it, same name, ``.yml`` (``000_x.txt`` → ``000_x.yml``)."""
    return seed.with_suffix(SIDECAR_SUFFIX)


def read_sidecar(seed: Path) -> PageInfo:
    """The page metadata next to a seed, or an empty PageInfo when there is none."""
    path = sidecar_path(seed)
    if not path.exists():
        return PageInfo(seed.name)
    name = f"seeds/{path.name}"
    hint = "see README: Add a page"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except UnicodeDecodeError:
        raise SidecarProblem(name, "is not UTF-8", hint="save it as UTF-8") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise SidecarProblem(name, f"is not valid YAML: {problem}", line=mark.line + 1 if mark else None, hint=hint) from None
    if not isinstance(data, dict):
        raise SidecarProblem(name, f"must be lines of `key: value` with keys {', '.join(SIDECAR_FIELDS)}", line=1, hint=hint)
    lines = path.read_text(encoding="utf-8").splitlines()

    def line_of(key: str) -> int | None:
        return next((n for n, text in enumerate(lines, 1) if text.startswith(f"{key}:")), None)

    for key in sorted(set(data) - set(SIDECAR_FIELDS), key=str):
        raise SidecarProblem(
            name, f"unknown key {key!r}: a sidecar holds {', '.join(SIDECAR_FIELDS)}", line=line_of(str(key)), hint=hint
        )
    date = str(data.get("date") or "")
    if date:
        try:
            valid = bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)) and datetime.date.fromisoformat(date)
        except ValueError:
            valid = False
        if not valid:
            raise SidecarProblem(
                name, f"date {date!r} is not a date written YYYY-MM-DD", line=line_of("date"), hint="e.g. date: 2024-09-10"
            )
    return PageInfo(seed.name, str(data.get("publication") or ""), date, str(data.get("page") or ""))
