#!/usr/bin/env python3
"""Build a synthetic archive and measure search per variant: index size, bytes a reader downloads
before the first result, and time to the first result in headless Chromium.

python benchmarks/search_scale.py [--articles 1000 10000] [--workdir /tmp/oped-bench]
"""

from __future__ import annotations

import argparse
import gzip
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from search_runner import CHROMIUM, FLAGS, SearchBox, serving  # noqa: E402

from oped.build import Project, build  # noqa: E402
from oped.docs import read_articles  # noqa: E402
from oped.synth import write_archive  # noqa: E402

QUERIES_PER_KIND = 6


def project(workdir: Path, articles: int) -> Path:
    root = workdir / f"archive-{articles}"
    if (root / "site" / "search" / "meta.json").exists():
        return root  # built before: reuse
    if not (root / "seeds").exists():
        (root / "docs").mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "docs" / "conversion-overrides.tsv", root / "docs")
        write_archive(root, articles)
    shutil.copy(ROOT / "mkdocs.yml", root)
    started = time.perf_counter()
    report = build(Project(root))
    print(
        f"built {report.articles:,} articles in {time.perf_counter() - started:.0f} s ({len(report.problems)} seed pages refused)"
    )
    return root


def sizes(folder: Path) -> tuple[int, int, int]:
    """(files, bytes, gzip bytes) of a search index folder."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    packed = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    return len(files), raw, packed


def queries(root: Path) -> list[str]:
    """Phrases from random articles, author names, and common two-character words."""
    pages, _ = read_articles(root / "docs")
    rng = random.Random(5)
    picked = rng.sample(pages, QUERIES_PER_KIND)
    phrases = []
    for page in picked:
        body = [line for line in page.body.split("\n") if len(line) > 20 and not line.startswith(("#", "!", "{", " "))]
        line = rng.choice(body or [str(page.meta["summary"])])
        start = rng.randrange(0, len(line) - 8)
        phrases.append(line[start : start + rng.choice((4, 6, 8))].strip("，。、；：*"))
    names = [str(p.meta["authors"][0]["name"]) for p in picked]
    return phrases + names + ["创新", "发展", "数字经济", "乡村振兴", "5G", "人才"]


def measure(root: Path, variant: str, query_list: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    site = root / "site"
    index = site / variant / "search"
    downloads, seconds = [], []
    with serving(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for query in query_list:
            box = SearchBox(browser, url + variant)  # a fresh page each time: a first visit, cold caches
            box.page.evaluate("performance.clearResourceTimings()")
            _slugs, elapsed = box.search(query, timeout=10)
            fetched = box.page.evaluate(
                "performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/search/'))"
            )
            total = 0
            for address in fetched:
                path = index / address.split("/search/", 1)[1]
                total += len(gzip.compress(path.read_bytes(), 6))
            downloads.append(total)
            seconds.append(elapsed)
            box.close()
        browser.close()
    files, raw, packed = sizes(index)
    return {
        "files": files,
        "raw": raw,
        "gzip": packed,
        "download_median": statistics.median(downloads),
        "download_max": max(downloads),
        "seconds_median": statistics.median(seconds),
        "seconds_max": max(seconds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/oped-bench"))
    args = parser.parse_args()
    rows = []
    for count in args.articles:
        root = project(args.workdir, count)
        query_list = queries(root)
        for variant in ("", "zh-Hant/"):
            m = measure(root, variant, query_list)
            rows.append((f"{count:,}", variant.strip("/") or "zh-Hans", m))
    print()
    print(
        f"{len(queries(project(args.workdir, args.articles[0])))} queries each, typed into the search box of a fresh "
        "page (cold cache); bytes as gzip -6 of each file fetched"
    )
    header = (
        "articles",
        "variant",
        "index files",
        "index size",
        "index gzip",
        "download median",
        "download max",
        "first result median",
        "first result max",
    )
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for count, variant, m in rows:
        print(
            f"{count} | {variant} | {m['files']:,} | {m['raw'] / 1e6:.1f} MB | {m['gzip'] / 1e6:.1f} MB | "
            f"{m['download_median'] / 1e3:.0f} KB | {m['download_max'] / 1e3:.0f} KB | "
            f"{m['seconds_median'] * 1000:.0f} ms | {m['seconds_max'] * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
