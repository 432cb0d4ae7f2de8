#!/usr/bin/env python3
"""Parse a synthetic archive and print articles per second, peak memory and layout recovery.

python benchmarks/parse_speed.py [--articles 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from oped.errors import SourceProblems
from oped.parse import parse_page
from oped.sources import decode
from oped.synth import lay_out_page, random_article


def shape(article):
    sections = tuple((s.heading, s.paragraphs) for s in article.sections)
    return (article.title, article.authors, article.summary, article.summary_truncated, article.lead, sections)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    pages = []
    count = 0
    while count < args.articles:
        articles = [random_article(rng, i) for i in range(min(3, args.articles - count))]
        text, expected, _ = lay_out_page(articles, rng)
        pages.append((text.encode(), expected))
        count += len(articles)
    characters = sum(len(data.decode()) for data, _ in pages)

    start = time.perf_counter()
    parsed = refused = recovered_pages = recovered_articles = 0
    for number, (data, expected) in enumerate(pages):
        try:
            page = parse_page(decode(f"{number}.txt", data))
        except SourceProblems:
            refused += 1
            continue
        parsed += len(page.articles)
        same = [shape(a) == shape(b) for a, b in zip(page.articles, expected, strict=False)]
        recovered_articles += sum(same) if len(page.articles) == len(expected) else 0
        recovered_pages += len(page.articles) == len(expected) and all(same)
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rows = [
        ("pages", f"{len(pages):,}"),
        ("articles laid out", f"{count:,}"),
        ("characters", f"{characters:,}"),
        ("parse time", f"{seconds:.2f} s"),
        ("articles per second", f"{count / seconds:,.0f}"),
        ("characters per second", f"{characters / seconds:,.0f}"),
        ("peak memory (RSS, whole process)", f"{peak_mib:,.0f} MiB"),
        ("pages refused with a reason", f"{refused:,}"),
        ("pages recovered exactly", f"{recovered_pages:,} ({recovered_pages / len(pages):.1%})"),
        ("articles recovered exactly", f"{recovered_articles:,} ({recovered_articles / count:.1%})"),
    ]
    width = max(len(k) for k, _ in rows)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  -----")
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
