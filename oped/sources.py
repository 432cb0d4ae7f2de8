"""Read page files: the one place where bytes become text."""

from __future__ import annotations

import datetime
import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import files, lint
from .errors import DecodeProblem, SourceProblem, SourceProblems
from .model import Note, PageInfo


class SidecarProblem(SourceProblem):
    """A seed's sidecar (page metadata) that cannot be read; the page is built without it."""


BOM = "\ufeff"
MAX_LINE = 10_000  # characters in one line of a page dump (a printed column line holds about 20)


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
    if b"\x00" not in data and looks_binary(data):
        raise DecodeProblem(name, "this is a binary file, not an OCR text dump", hint="remove it from seeds/")
    try:
        decoded = files.decode(name, data)
    except files.FileProblem as problem:
        raise DecodeProblem(problem.source, problem.message, line=problem.line, hint=problem.hint) from None
    if not decoded.text.strip():
        raise DecodeProblem(name, "is empty or holds only whitespace", hint="put the page's OCR text in it")
    longest = max(decoded.text.split("\n"), key=len)
    if len(longest) > MAX_LINE:
        line = decoded.text.split("\n").index(longest) + 1
        raise DecodeProblem(
            name, f"line {line} has {len(longest):,} characters: not a printed page's text (a column line has ~20)", line=line
        )
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


SIDECAR_SUFFIX = lint.SIDECAR_SUFFIX  # seeds/<page>.yml beside seeds/<page>.txt
SIDECAR_FIELDS = ("publication", "date", "page")


def sidecar_path(seed: Path) -> Path:
    """Where a seed's sidecar lives: next to it, same name, ``.yml`` (``000_x.txt`` → ``000_x.yml``)."""
    return seed.with_suffix(SIDECAR_SUFFIX)


EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)  # dates a page may have


def read_sidecar(seed: Path, root: Path | None = None) -> PageInfo:
    """The page metadata next to a seed, or an empty PageInfo when there is none. Every problem
    of the sidecar is raised at once (SourceProblems), each at its line."""
    path = sidecar_path(seed)
    if not os.path.lexists(path):
        return PageInfo(seed.name)
    name = f"seeds/{path.name}"
    hint = "see README: Add a page"
    try:
        decoded = files.decode(name, files.read(path, root or seed.parent, files.SIDECAR_LIMIT, name))
        data = files.load_yaml(decoded.text) or {}
    except files.FileProblem as problem:
        raise SidecarProblem(problem.source, problem.message, line=problem.line, hint=problem.hint) from None
    except yaml.YAMLError as error:
        found = lint.yaml_problem(name, error, decoded.text, first_line=1)
        raise SidecarProblem(found.source, found.message, line=found.line, hint=found.hint) from None
    except ValueError as error:  # YAML read a date that does not exist (2024-02-30)
        line = _line_of(decoded.text, "date")
        raise SidecarProblem(
            name, f"the date is not a real calendar date ({error})", line=line, hint="e.g. date: 2024-09-10"
        ) from None
    if not isinstance(data, dict):
        raise SidecarProblem(name, f"must be lines of `key: value` with keys {', '.join(SIDECAR_FIELDS)}", line=1, hint=hint)
    problems: list[SourceProblem] = []
    for key in sorted(set(data) - set(SIDECAR_FIELDS), key=str):
        close = difflib.get_close_matches(str(key), SIDECAR_FIELDS, n=1, cutoff=0.6)
        problems.append(
            SidecarProblem(
                name,
                f"unknown key {key!r}",
                line=_line_of(decoded.text, str(key)),
                hint=f"did you mean {close[0]!r}?" if close else f"a sidecar holds {', '.join(SIDECAR_FIELDS)}",
            )
        )
    values: dict[str, str] = {}
    for key in SIDECAR_FIELDS:
        value = data.get(key)
        if value is None:
            continue
        if key == "date" and isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            value = value.isoformat()
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            problems.append(
                SidecarProblem(
                    name, f"{key} must be one line of text, not {type(value).__name__}", line=_line_of(decoded.text, key)
                )
            )
            continue
        values[key] = str(value).strip()
    date = values.get("date", "")
    if date:
        try:
            valid = bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)) and EARLIEST <= datetime.date.fromisoformat(date) <= LATEST
        except ValueError:
            valid = False
        if not valid:
            problems.append(
                SidecarProblem(
                    name,
                    f"date {date!r} is not a date from {EARLIEST.year} to {LATEST.year} written YYYY-MM-DD",
                    line=_line_of(decoded.text, "date"),
                    hint="e.g. date: 2024-09-10",
                )
            )
    if problems:
        raise SourceProblems(problems)
    return PageInfo(seed.name, values.get("publication", ""), date, values.get("page", ""))


def _line_of(text: str, key: str) -> int | None:
    return next((n for n, line in enumerate(text.split("\n"), 1) if line.startswith(f"{key}:")), None)
