#!/usr/bin/env python3
"""Score the page reader on a folder of pages with their expected articles, family by family.

python benchmarks/read_score.py benchmarks/pages/heldout [more folders…] [--misses]
python benchmarks/read_score.py --generate 300      # pages from tests/conventions_pages.py

Each page is ``NAME.txt`` with ``NAME.expected.json``: {"articles": [{"title", "authors": [{"name",
"affiliation"}], "summary", "lead", "sections": [{"heading", "level", "paragraphs"}], and optionally
"subtitle", "kind", "editors_note", "continued_from", "continued_to", "summary_truncated"}]}.
An article is exact when its title, authors, summary, lead and sections (heading, level,
paragraphs) all equal the expected ones; the other fields are counted apart. Every non-space
character of a page must end up in an article or in the page's ``left_over``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from oped.errors import SourceProblems
from oped.parse import parse_page
from oped.sources import decode

CORE = ("title", "authors", "summary", "lead", "sections")
EXTRAS = ("subtitle", "kind", "editors_note", "continued_from", "continued_to")
DEFAULTS = {"subtitle": "", "kind": "article", "editors_note": "", "continued_from": "", "continued_to": ""}


def core(article: dict) -> dict:
    sections = [
        {"heading": s["heading"], "level": s.get("level", 2), "paragraphs": list(s["paragraphs"])}
        for s in article.get("sections", [])
    ]
    authors = [{"name": a["name"], "affiliation": a["affiliation"]} for a in article.get("authors", [])]
    return {
        "title": article["title"],
        "authors": authors,
        "summary": article.get("summary", ""),
        "lead": list(article.get("lead", [])),
        "sections": sections,
    }


def extras(article: dict) -> dict:
    return {key: article.get(key, DEFAULTS[key]) or DEFAULTS[key] for key in EXTRAS}


def folder_pages(folder: Path):
    for path in sorted(folder.glob("*.txt")):
        yield path.name, path.read_bytes(), json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))["articles"]


def generated_pages(count: int, seed: int):
    from tests.conventions_pages import conventions_page

    for number in range(count):
        text, expected, _ = conventions_page(random.Random(seed + number))
        yield f"generated-{seed + number}.txt", text.encode(), expected


def score(pages, show_misses: bool) -> dict:
    result = {"pages": 0, "articles": 0, "exact": 0, "extras": 0, "refused": 0, "lost": 0}
    for name, data, expected in pages:
        path = Path(name)
        result["pages"] += 1
        result["articles"] += len(expected)
        try:
            page = parse_page(decode(path.name, data)).to_dict()
        except SourceProblems as problems:
            result["refused"] += 1
            if show_misses:
                print(f"{path}: refused: {problems}")
            continue
        got = page["articles"]
        kept = "".join(json.dumps(a, ensure_ascii=False) for a in got) + "".join(x["text"] for x in page.get("left_over", []))
        # OCR slips are fixed (ASCII marks made full-width, a line-end hyphen dropped), not lost.
        if any(c not in kept for c in data.decode("utf-8") if not c.isspace() and c not in ",;:?!-"):
            result["lost"] += 1
        for number, want in enumerate(expected):
            match = [a for a in got if a["title"] == want["title"]]
            have = match[0] if match else (got[number] if number < len(got) else None)
            if have is not None and core(have) == core(want):
                result["exact"] += 1
            elif show_misses:
                print(f"{path.name}: article {number + 1} {want['title']!r} differs")
                if have is not None:
                    for key in CORE:
                        if core(have)[key] != core(want)[key]:
                            print(f"  {key}:\n    want {core(want)[key]}\n    got  {core(have)[key]}")
            if have is not None and extras(have) == extras(want):
                result["extras"] += 1
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--generate", type=int, default=0, help="also score this many generated pages")
    parser.add_argument("--seed", type=int, default=1000)
    parser.add_argument("--misses", action="store_true", help="print every article that differs and how")
    args = parser.parse_args()
    print("| family | pages | articles | exact | % | other fields exact | pages refused | pages losing text |")
    print("|---|---|---|---|---|---|---|---|")
    families = [(folder.name, folder_pages(folder)) for folder in args.folders]
    if args.generate:
        families.append(("generated (tests/conventions_pages.py)", generated_pages(args.generate, args.seed)))
    for name, pages in families:
        r = score(pages, args.misses)
        rate = 100.0 * r["exact"] / max(1, r["articles"])
        print(
            f"| {name} | {r['pages']} | {r['articles']} | {r['exact']} | {rate:.1f} % | {r['extras']} "
            f"| {r['refused']} | {r['lost']} |"
        )


if __name__ == "__main__":
    main()
