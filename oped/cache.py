"""What a build keeps for the next one, so a rebuild redoes only the work whose input changed.

Every result is stored under the hash of what it was computed from (a content-hash cache), in
``build/cache/``. Entries not used by a build are dropped when it saves, and all of them are dropped
when the code or a library that shapes the output changes: a stale cache can cost time, never
correctness. Deleting ``build/`` is always safe.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import os
import pickle
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Hashable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from . import files
from .errors import OpedError

T = TypeVar("T")
_LIBRARIES = (
    *("opencc", "jieba", "pypinyin", "PyYAML", "pymdown-extensions", "Markdown"),
    *("mkdocs", "mkdocs-material", "Jinja2", "MarkupSafe"),
)
_RUNNING = "build-running"  # there while a build runs: found at the start of one, the last did not finish
# A file changed less than this before it was read may have changed again within the same clock tick.
_RACY_NS = 2_000_000_000


def digest(data: str | bytes) -> str:
    """A short hash of text or bytes.

    >>> digest("侨乡") == digest("侨乡".encode()), len(digest(""))
    (True, 32)
    """
    return hashlib.blake2b(data.encode() if isinstance(data, str) else data, digest_size=16).hexdigest()


class Remembered:
    """Results this process keeps (never on disk), by key, up to ``limit`` of them: a long ``serve``
    session forgets them all at once rather than keep every old version of every page."""

    def __init__(self, limit: int = 200_000) -> None:
        self.limit = limit
        self.values: dict[Hashable, Any] = {}

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        found = self.values.get(key)
        if found is None:
            if len(self.values) >= self.limit:
                self.values.clear()
            found = self.values[key] = make()
        return found


_TEXT_DIGESTS = Remembered()


def text_digest(text: str) -> str:
    """digest(text), remembered for a text met again in this process (a page made by the same
    inputs as in the last build is the same string: looking it up costs nothing)."""
    return _TEXT_DIGESTS.get(text, lambda: digest(text))


@cache
def code_version() -> str:
    """A hash of this package's code and the versions of the libraries whose output it keeps."""
    package = Path(__file__).parent
    parts = [path.read_bytes() for path in sorted(package.rglob("*")) if path.is_file() and "__pycache__" not in path.parts]
    for library in _LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            parts.append(f"{library}=={metadata.version(library)}".encode())
    return digest(b"\0".join(parts))


# What a cache file may hold besides plain values: the model's frozen dataclasses and problems.
_DATA_MODULES = frozenset({"oped.model", "oped.docs", "oped.search", "oped.errors"})
_DATA_CLASSES = frozenset({("collections", "Counter"), ("builtins", "set"), ("builtins", "frozenset")})


class _DataOnly(pickle.Unpickler):
    """An unpickler that builds plain values and our model's classes, and refuses anything else:
    a cache file planted in build/cache (the pages workflow restores it from GitHub's cache) cannot
    make a build run code. (Python's documentation: "Restricting Globals".)"""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _DATA_CLASSES or (module in _DATA_MODULES and not name.startswith("_")):
            found = super().find_class(module, name)
            if isinstance(found, type) and (dataclasses.is_dataclass(found) or issubclass(found, (OpedError, Counter))):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not data: the cache file is ignored")


def load_data(data: bytes) -> Any:
    """What a cache file holds, if it holds data only (UnpicklingError otherwise).

    >>> load_data(pickle.dumps({"a": (1, "二")}))
    {'a': (1, '二')}
    >>> load_data(pickle.dumps(print))
    Traceback (most recent call last):
    _pickle.UnpicklingError: builtins.print is not data: the cache file is ignored
    """
    return _DataOnly(io.BytesIO(data)).load()


class Memo:
    """One kind of result, by key, kept between builds in a folder of SHARDS files: a build that
    changes a few results rewrites a few files, not the whole memo."""

    SHARDS = 64

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._stored: dict[Hashable, Any] = {}
        self._used: dict[Hashable, Any] = {}
        self._stored_counts = [0] * self.SHARDS
        self._changed: set[int] = set()
        self._shards: dict[Hashable, int] = {}  # the shard of each key seen: computed once
        for shard in range(self.SHARDS) if folder else ():
            # A missing or unreadable shard (another version, an interrupted write) is simply empty.
            # (Any error: a cache from other code may not even unpickle. It is only ever a cache.)
            with contextlib.suppress(Exception):
                saved = load_data((folder / f"{shard:02d}.pickle").read_bytes())
                if saved.get("code") == code_version():
                    self._stored.update(saved["entries"])
                    self._stored_counts[shard] = len(saved["entries"])
                    self._shards.update(dict.fromkeys(saved["entries"], shard))

    def shard(self, key: Hashable) -> int:
        known = self._shards.get(key)
        if known is None:
            # By the key's last part (a digest, a path, a time), which spreads keys well and is quick.
            last = key[-1] if isinstance(key, tuple) and key else key
            known = self._shards[key] = zlib.crc32(repr(last).encode()) % self.SHARDS
        return known

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The result stored under ``key``, or ``compute()``'s, stored for the next build."""
        if key in self._used:
            return self._used[key]
        if key in self._stored:
            value = self._stored[key]
        else:
            value = compute()
            self._changed.add(self.shard(key))
        self._used[key] = value
        return value

    def peek(self, key: Hashable) -> Any:
        """The result stored under ``key`` (kept for the next build), or None."""
        if key not in self._used and key in self._stored:
            self._used[key] = self._stored[key]
        return self._used.get(key)

    def put(self, key: Hashable, value: Any) -> None:
        if key not in self._stored or self._stored[key] != value:
            self._changed.add(self.shard(key))
        self._used[key] = value

    def save(self) -> None:
        """Keep what this build used, and nothing else: each shard written whole, then moved in place,
        and only when its content changed. Then ready for the next build."""
        if not self._changed and len(self._used) == len(self._stored):
            self._stored, self._used = self._used, {}
            return  # every shard holds exactly this already
        shards: list[dict[Hashable, Any]] = [{} for _ in range(self.SHARDS)]
        for key, value in self._used.items():
            shards[self.shard(key)][key] = value
        for number, entries in enumerate(shards):
            if number not in self._changed and len(entries) == self._stored_counts[number]:
                continue  # nothing new, nothing dropped: the file holds exactly this already
            self._stored_counts[number] = len(entries)
            if self.folder is None:
                continue
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.folder / f"{number:02d}.pickle"
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            saved = {"code": code_version(), "entries": entries}
            temporary.write_bytes(pickle.dumps(saved, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temporary, path)
        # The next build in this process starts from what this one used, as one in a new process would.
        self._stored, self._used, self._changed = self._used, {}, set()
        self._shards = {key: self._shards[key] for key in self._stored}


class FileDigests:
    """The digest of each file's content, read again only when its size or time changed (as git's
    index does); a file changed less than two seconds before it was last read is read again."""

    def __init__(self, memo: Memo) -> None:
        self.memo = memo
        self.seen: dict[Path, str] = {}

    def read(self, path: Path, root: Path, limit: int, name: str) -> tuple[str, bytes | None]:
        """(digest, content): content is None when the digest is known without reading the file.
        Only a regular file inside ``root`` of at most ``limit`` bytes is read (files.check)."""
        if path in self.seen:
            return self.seen[path], None
        status = files.check(path, root, limit, name)
        key = (str(path), status.st_size, status.st_mtime_ns)
        known = self.memo.peek(key)
        if known is not None and status.st_mtime_ns < known[1] - _RACY_NS:
            self.seen[path] = known[0]
            return known[0], None
        read_ns = time.time_ns()
        data = files.read(path, root, limit, name)
        self.memo.put(key, (digest(data), read_ns))
        self.seen[path] = self.memo.peek(key)[0]
        return self.seen[path], data


class Cache:
    """Every memo of one project's builds, by name, in ``build/cache/``."""

    def __init__(self, folder: Path | None) -> None:
        wait_for_saves()  # a cache being saved by this process is read when it is whole
        self.folder = folder
        self.memos: dict[str, Memo] = {}
        # What a stage keeps in memory for the next build in the same process (serve), not on disk.
        self.state: dict[str, Any] = {}
        self.interrupted = False
        self._running = False
        self._files: FileDigests | None = None

    def __getitem__(self, name: str) -> Memo:
        if name not in self.memos:
            self.memos[name] = Memo(self.folder / name.replace(" ", "-") if self.folder else None)
        return self.memos[name]

    def files(self) -> FileDigests:
        """File digests, one reader a build: a file read twice in a build is looked at once."""
        if self._files is None:
            self._files = FileDigests(self["files"])
        return self._files

    def begin(self) -> None:
        """Start a build: files may have changed since the last one looked. If the last build did
        not finish (it failed, or was stopped), what it wrote is not what the cache says:
        ``interrupted`` tells the stages to look at their output again instead of trusting it."""
        wait_for_saves()
        self._files = None
        bind(self)
        self.interrupted = self._running or (self.folder is not None and (self.folder / _RUNNING).exists())
        self._running = True
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / _RUNNING).touch()

    def save(self, background: bool = False) -> None:
        """The build finished: keep what it used. In the ``background``: the site is ready and the
        build returns; the next build (or cache) of this process waits for the save, and the
        process does not end before it is done (a non-daemon thread)."""
        if background:
            saving = threading.Thread(target=self.save, name="saving the build cache")
            _SAVES.append(saving)
            saving.start()
            return
        for memo in self.memos.values():
            memo.save()
        self._running = False
        if self.folder is not None:
            (self.folder / _RUNNING).unlink(missing_ok=True)


_SAVES: list[threading.Thread] = []


def wait_for_saves() -> None:
    """Return once every cache this process is saving is saved."""
    while _SAVES:
        _SAVES.pop().join()


class Persistent:
    """A pure function of strings whose results are kept between builds (once a build binds it to
    its cache), and within one process always."""

    registry: ClassVar[list[Persistent]] = []

    def __init__(self, function: Callable[..., T]) -> None:
        self.function = function
        self.memo: Memo | None = None
        self.local: dict[Hashable, Any] = {}
        self.__doc__ = function.__doc__
        self.__name__ = function.__name__
        self.__module__ = function.__module__  # so doctest finds its examples
        self.__wrapped__ = function
        Persistent.registry.append(self)

    def key(self, args: tuple[str, ...]) -> Hashable:
        # Long texts are kept by their hash, not as themselves.
        if len(args) == 1 and len(args[0]) > 64:
            return text_digest(args[0])  # quick for a text met before in this process
        return args if sum(len(a) for a in args) <= 64 else digest("\0".join(args))

    def known(self, key: Hashable) -> Any:
        """The result kept under ``key``, or None."""
        value = self.local.get(key)
        if value is None and self.memo is not None:
            value = self.memo.peek(key)
            if value is not None:
                self.local[key] = value
        return value

    def keep(self, key: Hashable, value: Any) -> None:
        self.local[key] = value
        if self.memo is not None:
            self.memo.put(key, value)

    def __call__(self, *args: str) -> Any:
        value = self.local.get(args)  # short arguments are their own key: the quick way
        if value is not None:
            return value
        key = self.key(args)
        value = self.known(key)
        if value is None:
            value = self.function(*args)
            self.keep(key, value)
        return value


def persistent(function: Callable[..., T]) -> Callable[..., T]:
    """Make ``function`` (pure, of strings) a Persistent one."""
    return Persistent(function)  # type: ignore[return-value]


def bind(cache: Cache) -> None:
    """Keep every Persistent function's results in ``cache`` from now on."""
    for function in Persistent.registry:
        function.memo = cache[f"function {function.__name__}"]
        function.local = {}  # from now on what this build uses, so the cache keeps only that
