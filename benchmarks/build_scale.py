#!/usr/bin/env python3
"""Build synthetic archives and print what scale costs: build time per stage, peak memory, page
weight, site size, a rebuild after one article changes, conversion speed against bare OpenCC.

python benchmarks/build_scale.py [--articles 1000 10000] [--workdir /tmp/oped-bench]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import opencc  # noqa: E402

from oped.build import Project, build  # noqa: E402
from oped.cache import Cache, wait_for_saves  # noqa: E402
from oped.synth import write_archive  # noqa: E402

MKDOCS = "MkDocs (both variants)"


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


def edit(root: Path, which: int) -> None:
    """An editor's change: a sentence added to one article page."""
    pages = sorted((root / "docs" / "articles").glob("*.md"))
    page = pages[(len(pages) // 2 + 7 * which) % len(pages)]
    page.write_text(page.read_text(encoding="utf-8") + f"\n编者补记第{which}条。\n", encoding="utf-8")


def rebuild_in_new_process(root: Path) -> dict[str, float]:
    """A rebuild as `python build_docs.py` runs it: a new process, the cache read from build/cache."""
    code = (
        "import json, sys, time; sys.path.insert(0, sys.argv[1]); from pathlib import Path;"
        "from oped.build import Project, build; t = time.perf_counter(); r = build(Project(Path(sys.argv[2])));"
        "print(json.dumps({**r.timings, 'total': time.perf_counter() - t, 'incremental': r.incremental}))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(ROOT), str(root)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def ours(timings: dict[str, float], total: float) -> float:
    return total - timings.get(MKDOCS, 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/oped-bench"))
    args = parser.parse_args()
    for count in args.articles:
        root = prepare(args.workdir, count)
        project = Project(root)
        # From nothing: no editors' pages yet, no cache, no site.
        for folder in ("docs/articles", "build", "site"):
            shutil.rmtree(root / folder, ignore_errors=True)
        cache = Cache(root / "build" / "cache")
        started = time.perf_counter()
        report = build(project, cache=cache)
        total = time.perf_counter() - started
        peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        print(f"\n## {report.articles:,} articles ({len(report.problems)} generated pages refused by the parser)\n")
        print("full build from the seeds | seconds | share")
        print("--- | --- | ---")
        for stage, seconds in report.timings.items():
            print(f"{stage} | {seconds:.1f} | {seconds / total:.0%}")
        print(f"**total** | **{total:.1f}** | peak memory {peak / 1024:,.0f} MiB (largest process)")

        # Rebuilds after one article page changed. In the process that built (as `serve` does,
        # keeping its cache in memory): the median of three edits, each a different page.
        print("\nrebuild after one article changed | total | MkDocs (dirty) | our stages")
        print("--- | --- | --- | ---")
        warm = []
        for which in range(3):
            wait_for_saves()  # an editor's saves are seconds apart: the last cache save is done
            edit(root, which)
            started = time.perf_counter()
            again = build(project, cache=cache)
            warm.append((time.perf_counter() - started, again))
        seconds, again = sorted(warm, key=lambda item: item[0])[1]
        assert again.incremental
        print(f"in the serving process | {seconds:.2f} s | {again.timings[MKDOCS]:.2f} s | {ours(again.timings, seconds):.2f} s")
        print("  " + ", ".join(f"{stage} {value:.2f}" for stage, value in again.timings.items() if stage != MKDOCS))
        edit(root, 3)
        wait_for_saves()  # the serving process has saved its cache: the new process reads it whole
        cold = rebuild_in_new_process(root)
        total_cold = cold.pop("total")
        cold.pop("incremental")
        print(f"in a new process (build_docs.py) | {total_cold:.2f} s | {cold[MKDOCS]:.2f} s | {ours(cold, total_cold):.2f} s")
        print("  " + ", ".join(f"{stage} {value:.2f}" for stage, value in cold.items() if stage != MKDOCS))

        site = root / "site"
        files = [p for p in site.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        article = next((site / "articles").iterdir()) / "index.html"
        html, visit = first_visit(site, article)
        print(
            f"site: {len(files):,} files, {size / 1e6:,.0f} MB; article page HTML {html / 1e3:.0f} KB, "
            f"first visit {visit / 1e3:.0f} KB gzipped (HTML, CSS, JS)"
        )

        # The same text the build converted: every published Markdown page.
        text = "".join(p.read_text(encoding="utf-8") for p in sorted((root / "build" / "zh-Hans").rglob("*.md")))
        converter = opencc.OpenCC("s2hk")
        started = time.perf_counter()
        converter.convert(text)
        bare = time.perf_counter() - started
        ratio = report.timings["convert to Traditional"] / bare
        print(
            f"conversion: bare s2hk {len(text) / bare / 1e6:.1f} M chars/s; ours {ratio:.1f}× its time "
            f"(overrides, protected links and anchors, per page; loading the dictionaries, "
            f"{report.timings['load OpenCC']:.2f} s, not counted, as for bare s2hk)"
        )


if __name__ == "__main__":
    main()
