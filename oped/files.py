"""The one way a file of the project is read and decoded.

A file is read only when it is a regular file (not a folder, a pipe or a device), inside the
project (a link to a file elsewhere is refused), and no larger than its kind allows. Its bytes are
decoded in one place, in this order: UTF-8 (with or without a byte-order mark), UTF-16 with a
byte-order mark (a spreadsheet's "Unicode text"), then GB18030 or Big5, whichever reads as Chinese
text (more Chinese punctuation); the encoding chosen is reported. Control characters and
private-use characters (GB18030 maps GBK's user-defined areas there; they show as nothing or as
boxes) are removed and reported with their line. Every failure is a ``FileProblem`` naming the
file and what to do.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import SourceProblem

KIB, MIB = 1024, 1024 * 1024
# The largest file of each kind that is read (a printed page is ~20 KB of text).
SEED_LIMIT = 5 * MIB
SIDECAR_LIMIT = 64 * KIB
PAGE_LIMIT = 2 * MIB
TABLE_LIMIT = 2 * MIB
_CHINESE_PUNCTUATION = "，。、；：？！“”（）《》"
# C0 and C1 controls but tab and newline (CR is a line end), DEL, and the non-characters U+FFFE/U+FFFF.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff\U000f0000-\U0010ffff]")


class FileProblem(SourceProblem):
    """A file that is not read: not a regular file, outside the project, too large, not text."""


@dataclass(frozen=True)
class Decoded:
    """A file's text (LF line ends, no byte-order mark), its encoding, and what was removed."""

    text: str
    encoding: str
    removed: tuple[SourceProblem, ...] = ()


def check(path: Path, root: Path, limit: int, name: str) -> os.stat_result:
    """The status of a file that may be read; FileProblem when it may not (never opens it)."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        if not path.is_symlink():
            raise FileProblem(name, "does not exist", hint="check the file's name and folder") from None
        raise FileProblem(name, "is a link that leads nowhere (or in a circle)", hint="replace it with the file itself") from None
    if not resolved.is_relative_to(root.resolve()):
        raise FileProblem(name, "is a link to a file outside the project", hint="put the file itself here") from None
    status = os.stat(resolved)
    if stat.S_ISDIR(status.st_mode):
        raise FileProblem(name, "is a folder, not a file", hint="remove it, or move the files in it up")
    if not stat.S_ISREG(status.st_mode):
        raise FileProblem(name, "is not a regular file (a pipe, a socket or a device)", hint="replace it with a text file")
    if status.st_size > limit:
        raise FileProblem(
            name, f"is {status.st_size:,} bytes; a file of this kind may have at most {limit:,}", hint="is it the right file?"
        )
    return status


def read(path: Path, root: Path, limit: int, name: str) -> bytes:
    """The bytes of a file that may be read (see ``check``); never more than ``limit``."""
    check(path, root, limit, name)
    try:
        with open(path, "rb") as file:
            data = file.read(limit + 1)
    except OSError as error:
        raise FileProblem(name, f"cannot be read: {error.strerror}", hint="check its permissions") from None
    if len(data) > limit:
        raise FileProblem(name, f"is larger than the {limit:,} bytes a file of this kind may have", hint="is it the right file?")
    return data


def decode(name: str, data: bytes) -> Decoded:
    """Bytes to text, in the documented order; FileProblem when none reads.

    >>> decode("a.txt", "\\ufeff江门，\\r\\n侨乡。".encode()).text
    '江门，\\n侨乡。'
    >>> decode("a.txt", "江门，侨乡。".encode("utf-16")).encoding
    'utf-16'
    >>> [decode("a.txt", "江門，僑鄉。".encode(e)).encoding for e in ("big5", "gb18030")]
    ['big5', 'gb18030']
    >>> d = decode("a.txt", "标题\\x01\\n\\ue000正文".encode()); d.text, [str(p) for p in d.removed]
    ('标题\\n正文', ['a.txt:1: a control character U+0001 was removed', 'a.txt:2: a private-use character U+E000 was removed'])
    """
    text, encoding = _decoded(name, data)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    removed: list[SourceProblem] = []
    for pattern, what in ((_CONTROLS, "a control character"), (_PRIVATE_USE, "a private-use character")):
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            removed.append(SourceProblem(name, f"{what} U+{ord(match.group()):04X} was removed", line=line))
        text = pattern.sub("", text)
    return Decoded(text, encoding, tuple(sorted(removed, key=lambda p: p.line or 0)))


_TEXT_LIKE = re.compile(r"[\s!-~\u00a0-\u024f\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\ufeff]")


def plausible(text: str) -> bool:
    """True when nearly all of a text is what Chinese pages are made of (Chinese characters,
    their punctuation, Latin letters, digits): random bytes read as UTF-16 are not.

    >>> plausible("江门，侨乡。AI 2024"), plausible("\ufbfa\u8180\ufbfa\u8180\ua6f2")
    (True, False)
    """
    return bool(text) and len(_TEXT_LIKE.findall(text)) >= 0.9 * len(text)


def _decoded(name: str, data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = ""
        if plausible(text):
            return text, "utf-16"
    if b"\x00" in data:
        for encoding in ("utf-16-le", "utf-16-be"):  # UTF-16 without a byte-order mark
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if plausible(text):
                return text, encoding
        raise FileProblem(name, "is a binary file, not text", hint="save it as UTF-8 text, or remove it")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_bad = data[: error.start].count(b"\n") + 1
    readings = []
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        readings.append((sum(text.count(mark) for mark in _CHINESE_PUNCTUATION), encoding == "gb18030", text, encoding))
    if not readings:
        raise FileProblem(name, "is neither UTF-8, UTF-16, GB18030 nor Big5 text", line=first_bad, hint="save it as UTF-8")
    _, _, text, encoding = max(readings)
    return text, encoding


# --- YAML -------------------------------------------------------------------------------------------

# libyaml's parser when PyYAML has it: reading 10,000 pages' front matter is 10× faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAYBE_REFERENCE = re.compile(r"(?:^|[\s:\[\{,])[&*!]")


class RefusedYAML(yaml.MarkedYAMLError):
    """YAML that could make a reader do more than read values: anchors, aliases, tags."""


def load_yaml(text: str) -> Any:
    """Plain values of a YAML text. Anchors and aliases (``&a``, ``*a``: a few lines can expand
    to gigabytes) and tags (``!!python/…``) are refused; a date that is not a real date (YAML
    reads ``2024-02-30`` as one) is a ValueError.

    >>> load_yaml("title: 标题\\ntopics: [甲, 乙]")
    {'title': '标题', 'topics': ['甲', '乙']}
    >>> load_yaml("a: &x [1]\\nb: *x")
    Traceback (most recent call last):
    oped.files.RefusedYAML: while reading a value
    anchors, aliases and tags (&, *, !) are not allowed
      in "<unicode string>", line 1, column 4
    """
    if _MAYBE_REFERENCE.search(text):
        for token in yaml.scan(text, Loader=_LOADER):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken, yaml.TagToken)):
                raise RefusedYAML(
                    "while reading a value", None, "anchors, aliases and tags (&, *, !) are not allowed", token.start_mark
                )
    return yaml.load(text, Loader=_LOADER)


# --- writing ----------------------------------------------------------------------------------------


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: into a temporary file beside it, then renamed over it (a
    full disk or a killed build never leaves half a file). OSError when it cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def cannot_write(name: str, error: OSError) -> FileProblem:
    """An editor's file the build could not write, in words that say what to do."""
    hints = {
        errno.ENOSPC: "free some disk space and build again",
        errno.EROFS: "the disk is read-only: build where docs/ can be written",
        errno.EACCES: "make the file and its folder writable (chmod u+w) and build again",
        errno.EPERM: "make the file and its folder writable (chmod u+w) and build again",
    }
    return FileProblem(
        name, f"cannot be written ({error.strerror}); it stays as it was", hint=hints.get(error.errno, "build again")
    )


@contextlib.contextmanager
def one_at_a_time(folder: Path, say: Callable[[str], None]) -> Iterator[None]:
    """Hold the project's build lock (``build/lock``): a second build in the same folder (serve
    rebuilding while an editor runs build_docs.py) waits for the first, and says so."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "lock", "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say("another build is running in this folder: waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
