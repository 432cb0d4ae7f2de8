#!/usr/bin/env python3
"""Build synthetic archives and print what scale costs: build time per stage, peak memory, page
weight, site size, a rebuild after one article changes, conversion speed against bare OpenCC.

python benchmarks/build_scale.py [--articles 1000 10000] [--workdir /tmp/oped-bench]
"""

from __future__ import annotations

import argparse
import gzip
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import opencc  # noqa: E402

from oped.build import Project, build  # noqa: E402
from oped.synth import write_archive  # noqa: E402


def prepare(workdir: Path, articles: int) -> Path:
    root = workdir / f"archive-{articles}"
    if not (root / "seeds").exists():
        (root / "docs").mkdir(parents=True, exist_ok=True)
        write_archive(root, articles)
    (root / "docs").mkdir(exist_ok=True)
    shutil.copy(ROOT / "docs" / "conversion-overrides.tsv", root / "docs")
    shutil.copy(ROOT / "mkdocs.yml", root)
    return root


def first_visit(site: Path, page: Path) -> tuple[int, int]:
    """(HTML bytes, gzip bytes of the HTML and every stylesheet and script it loads)."""
    import re

    html = page.read_text(encoding="utf-8")
    total = len(gzip.compress(html.encode(), 6))
    for ref in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html):
        asset = (page.parent / ref).resolve()
        if asset.is_file():
            total += len(gzip.compress(asset.read_bytes(), 6))
    return len(html.encode()), total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/oped-bench"))
    args = parser.parse_args()
    for count in args.articles:
        root = prepare(args.workdir, count)
        project = Project(root)
        started = time.perf_counter()
        report = build(project)
        total = time.perf_counter() - started
        peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        print(f"\n## {report.articles:,} articles ({len(report.problems)} generated pages refused by the parser)\n")
        print("stage | seconds | share")
        print("--- | --- | ---")
        for stage, seconds in report.timings.items():
            print(f"{stage} | {seconds:.1f} | {seconds / total:.0%}")
        print(f"**full build** | **{total:.1f}** | peak memory {peak / 1024:,.0f} MiB (largest process)")

        # Rebuild after one article changes: our stages, and the whole build.
        page = sorted((root / "docs" / "articles").glob("*.md"))[len(report.imports) // 2]
        page.write_text(page.read_text(encoding="utf-8") + "\n编者补记。\n", encoding="utf-8")
        started = time.perf_counter()
        again = build(project)
        rebuilt = time.perf_counter() - started
        ours = rebuilt - again.timings.get("MkDocs (both variants)", 0.0)
        print(f"\nrebuild after one article changed: {rebuilt:.1f} s, of which our stages {ours:.1f} s")

        site = root / "site"
        files = [p for p in site.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        article = next((site / "articles").iterdir()) / "index.html"
        html, visit = first_visit(site, article)
        print(
            f"site: {len(files):,} files, {size / 1e6:,.0f} MB; article page HTML {html / 1e3:.0f} KB, "
            f"first visit {visit / 1e3:.0f} KB gzipped (HTML, CSS, JS)"
        )

        text = "".join(p.read_text(encoding="utf-8") for p in sorted((root / "build" / "zh-Hans" / "articles").glob("*.md")))
        converter = opencc.OpenCC("s2hk")
        started = time.perf_counter()
        converter.convert(text)
        bare = time.perf_counter() - started
        ratio = report.timings["convert to Traditional"] / bare
        print(
            f"conversion: bare s2hk {len(text) / bare / 1e6:.1f} M chars/s; ours {ratio:.1f}× its time "
            f"(overrides, protected links and anchors, per page)"
        )


if __name__ == "__main__":
    main()
