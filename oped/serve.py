"""``python build_docs.py serve``: build, serve ``site/`` on loopback, rebuild on every change.

Pages served while serving carry a small script that reloads the page once a rebuild finishes,
so an editor sees a saved change in the browser without doing anything.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import socketserver
import sys
import threading
import time
from pathlib import Path

from .build import Project, build
from .cache import Cache
from .errors import BuildError

WATCHED = ("seeds", "docs", "mkdocs.yml", "oped/theme", "oped/assets")
BUILD_ID_PATH = "/__oped_build"
# The page knows which build it was served from, so a rebuild finished before its first poll still
# reloads it.
RELOAD_SCRIPT = (
    "<script>(function(){var seen='%s';setInterval(function(){fetch('" + BUILD_ID_PATH + "').then(function(r){return r.text()})"
    ".then(function(id){if(id!==seen){location.reload()}}).catch(function(){})},1000)})()</script>"
)


def snapshot(root: Path) -> dict[str, int]:
    """The modification times of every watched file (strings and os.walk: at 10,000 articles this
    runs every second)."""
    times: dict[str, int] = {}
    for name in WATCHED:
        path = os.path.join(root, name)
        if os.path.isfile(path):
            times[path] = os.stat(path).st_mtime_ns
            continue
        for folder, _, files in os.walk(path):
            for file in files:
                full = os.path.join(folder, file)
                with contextlib.suppress(FileNotFoundError):  # deleted while we looked
                    times[full] = os.stat(full).st_mtime_ns
    return times


MAX_CONNECTIONS = 32  # served at once; the next waits
IDLE_SECONDS = 30  # a connection that sends nothing for this long is closed


class _Server(socketserver.ThreadingTCPServer):
    """A thread a connection, at most MAX_CONNECTIONS at once."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        self.slots.acquire()
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


class _Handler(http.server.SimpleHTTPRequestHandler):
    build_id = "0"
    timeout = IDLE_SECONDS

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if "\0" in self.path or "%00" in self.path.lower():
            self.send_error(400, "a NUL byte is not allowed in a path")
            return
        if self.path == BUILD_ID_PATH:
            self._send(self.build_id.encode(), "text/plain")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.exists():
            script = RELOAD_SCRIPT % self.build_id
            body = path.read_bytes().replace(b"</body>", script.encode() + b"</body>", 1)
            self._send(body, "text/html; charset=utf-8")
            return
        super().do_GET()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(root: Path, port: int = 8000) -> int:
    """Serve until interrupted."""
    project = Project(root)
    url = f"http://127.0.0.1:{port}/"
    cache = Cache(project.build / "cache")  # read from disk once, kept in memory between rebuilds

    def rebuild() -> str | None:
        """Build; say how much was rendered again (None when the build failed)."""
        try:
            report = build(project, site_url=url, cache=cache)
        except BuildError as error:
            print(f"error: {error}", file=sys.stderr)
            return None
        for problem in report.problems:
            print(f"error: {problem}", file=sys.stderr)
        for note in report.notes:
            print(f"note: {note}", file=sys.stderr)
        return "only the pages that changed" if report.incremental else "every page"

    # The port first: a port in use is said before a build, not after it.
    handler = functools.partial(_Handler, directory=str(project.site))
    try:
        server = _Server(("127.0.0.1", port), handler)
    except OSError as error:
        print(
            f"error: cannot serve on 127.0.0.1:{port}: {error.strerror} (is another serve running? try --port {port + 1})",
            file=sys.stderr,
        )
        return 1
    # What the files were before each build: a change saved while a build runs is never missed
    # (the build's own writes, new imports, cost one more quick rebuild that writes nothing).
    seen = snapshot(root)
    rebuild()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serving {url} (Traditional: {url}zh-Hant/); rebuilding on changes; Ctrl-C stops", file=sys.stderr, flush=True)
    try:
        while True:
            time.sleep(1.0)
            now = snapshot(root)
            if now != seen:
                seen = now
                started = time.perf_counter()
                rendered = rebuild()
                if rendered:
                    _Handler.build_id = str(int(_Handler.build_id) + 1)
                    print(f"rebuilt in {time.perf_counter() - started:.1f} s ({rendered})", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
