#!/usr/bin/env python3
"""Lighthouse (npm lighthouse@12.2.3, mobile defaults) on an article, the home page and an index
page, in both variants; prints the median of several runs per category.

python benchmarks/lighthouse.py [--runs 3] [--port 8400]

Builds the project into a temporary copy with site_url = the local address (so canonical URLs are
what Lighthouse sees), serves it on loopback and runs Debian's Chromium (CHROME_PATH).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from search_runner import serving  # noqa: E402

from oped.build import Project, build  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"


def pages(root: Path) -> list[str]:
    article = sorted((root / "docs" / "articles").glob("*.md"))[0].stem
    return [f"{prefix}{path}" for prefix in ("", "zh-Hant/") for path in ("", f"articles/{article}/", "authors/")]


def lighthouse(url: str) -> dict[str, float]:
    command = [
        "npx",
        "--yes",
        "lighthouse@12.2.3",
        url,
        "--output=json",
        "--quiet",
        f"--chrome-flags={FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    report = json.loads(result.stdout)
    failed = [
        audit["id"]
        for audit in report["audits"].values()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
    ]
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    scores["failed"] = failed
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name in ("seeds", "docs"):
            shutil.copytree(ROOT / name, root / name)
        shutil.copy(ROOT / "mkdocs.yml", root)
        site_url = f"http://127.0.0.1:{args.port}/"
        build(Project(root), site_url=site_url)
        import socketserver

        socketserver.TCPServer.allow_reuse_address = True
        with serving(root / "site", port=args.port) as url:
            print(f"Lighthouse 12.2.3, mobile, median of {args.runs} runs")
            print("page | performance | accessibility | best practices | SEO | audits failed")
            print("--- | --- | --- | --- | --- | ---")
            for path in pages(root):
                runs = [lighthouse(url + path) for _ in range(args.runs)]
                median = {c: statistics.median(r[c] for r in runs) for c in CATEGORIES}
                failed = sorted({a for r in runs for a in r["failed"]})
                print(f"/{path} | " + " | ".join(f"{median[c]:.0f}" for c in CATEGORIES) + f" | {', '.join(failed) or '—'}")


if __name__ == "__main__":
    main()
