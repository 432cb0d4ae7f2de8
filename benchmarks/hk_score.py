#!/usr/bin/env python3
"""Wrong characters per 1,000 of the Hong Kong Traditional text, on a hand-checked corpus.

python benchmarks/hk_score.py [--corpus benchmarks/hk_corpus] [--show 20] [--site]

The corpus (benchmarks/hk_corpus/corpus.tsv) holds `Simplified<TAB>Hong Kong Traditional` lines a
Hong Kong sub-editor would pass; both_accepted.tsv lists forms Hong Kong papers print either way
(the second accepted where the corpus has the first). Each converter's output is compared with the
expected text character by character; a character is wrong unless it equals the expected one or
is an accepted form. Printed for plain OpenCC s2hk, for ours (the site's converter: house phrases
and forms, surnames before titles, the overrides table in docs/, Hong Kong quotation marks), and
for both converting along jieba's words.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import opencc  # noqa: E402

from oped.variants import Converter, read_overrides  # noqa: E402

HAN = range(0x4E00, 0xA000)


def read_pairs(path: Path) -> list[tuple[str, str]]:
    """The lines of a two-column table (comments and blank lines left out)."""
    pairs = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip() and not line.startswith("#"):
            left, _, rest = line.partition("\t")
            pairs.append((left, rest.split("\t")[0]))
    return pairs


def wrong_characters(output: str, expected: str, accepted: set[tuple[str, str]]) -> list[int]:
    """Positions in ``expected`` where ``output`` has another character (not an accepted pair)."""
    wrong = []
    matcher = difflib.SequenceMatcher(None, output, expected, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            wrong += [j1 + k for k in range(j2 - j1) if (output[i1 + k], expected[j1 + k]) not in accepted]
        else:
            wrong += list(range(j1, max(j2, j1 + 1)))
    return wrong


def score(convert, corpus: list[tuple[str, str]], accepted: set[tuple[str, str]]) -> tuple[int, int, list[str]]:
    """(Han characters, wrong characters, examples) of one converter over the corpus."""
    characters = wrong = 0
    examples = []
    words = [(other, form) for other, form in accepted if len(form) > 1 and len(other) == len(form)]
    for simplified, expected in corpus:
        output = convert(simplified)
        # A word printed either way (周末 / 週末) is accepted only as that word.
        for other, form in words:
            if other in output and form in expected:
                output = output.replace(other, form)
        characters += sum(1 for c in simplified if ord(c) in HAN)
        positions = wrong_characters(output, expected, accepted)
        wrong += len(positions)
        for position in positions:
            start = max(0, position - 6)
            examples.append(f"{expected[start : position + 6]}  ← got {output[start : position + 6]}")
    return characters, wrong, examples


SEPARATOR = "\u2063"  # invisible; no OpenCC phrase holds it, so no phrase matches across it


def along_words(convert):
    """``convert`` applied along jieba's word boundaries (the lead in issue 14: OpenCC matches the
    longest phrase across a word boundary, 人参|与): measured here, not used by the site."""
    import jieba

    jieba.setLogLevel(60)

    def converted(text: str) -> str:
        return convert(SEPARATOR.join(jieba.cut(text, HMM=False))).replace(SEPARATOR, "")

    return converted


SENTENCES_A_PAGE = 40  # the corpus is published as editors' pages of this many sentences


def through_site(corpus: list[tuple[str, str]]) -> list[str]:
    """Each corpus sentence as the built site's Hong Kong page shows it: the corpus is written as
    editors' pages (a sentence a paragraph) in a new project with our mkdocs.yml and overrides
    table, built, and read back from the zh-Hant HTML — the path a reader's text takes."""
    import html
    import re
    import shutil

    from oped.build import Project, build
    from oped.cache import wait_for_saves
    from oped.render import escape

    shown: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "docs" / "articles").mkdir(parents=True)
        (root / "seeds").mkdir()
        shutil.copy(ROOT / "mkdocs.yml", root)
        shutil.copy(ROOT / "docs" / "conversion-overrides.tsv", root / "docs")
        pages = [corpus[k : k + SENTENCES_A_PAGE] for k in range(0, len(corpus), SENTENCES_A_PAGE)]
        for number, sentences in enumerate(pages):
            body = "\n\n".join(escape(simplified) for simplified, _ in sentences)  # shown as written
            page = f"---\ntitle: 语料第{number + 1}页\nslug: hk-corpus-{number:03d}\n---\n\n{body}\n"
            (root / "docs" / "articles" / f"hk-corpus-{number:03d}.md").write_text(page, encoding="utf-8")
        build(Project(root), write_imports=False)
        wait_for_saves()  # the cache is saved in the background, into this folder
        for number, sentences in enumerate(pages):
            built = (root / "site" / "zh-Hant" / "articles" / f"hk-corpus-{number:03d}" / "index.html").read_text("utf-8")
            article = built[built.index('<article class="md-content__inner') :]
            paragraphs = [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p>(.*?)</p>", article, re.S)]
            shown.extend(paragraphs[: len(sentences)])
    return shown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "benchmarks" / "hk_corpus")
    parser.add_argument("--show", type=int, default=20, help="wrong characters of ours to print")
    parser.add_argument("--site", action="store_true", help="also ours as the built zh-Hant pages show it (one build)")
    args = parser.parse_args()
    corpus = read_pairs(args.corpus / "corpus.tsv")
    both = args.corpus / "both_accepted.tsv"
    accepted = set()
    for expected, other in read_pairs(both) if both.exists() else []:
        accepted.add((other, expected))  # one way: the other form is accepted where the corpus has the first
        if len(other) != len(expected):
            print(f"both_accepted.tsv: {expected} / {other} differ in length: not used", file=sys.stderr)
    overrides, _ = read_overrides(ROOT / "docs" / "conversion-overrides.tsv")
    with tempfile.TemporaryDirectory() as folder:
        plain, ours = opencc.OpenCC("s2hk").convert, Converter(overrides, Path(folder)).convert
        converters = {
            "OpenCC s2hk": plain,
            "OpenCC s2hk along jieba's words": along_words(plain),
            "ours along jieba's words": along_words(ours),
            "ours": ours,
        }
        if args.site:
            shown = dict(zip((simplified for simplified, _ in corpus), through_site(corpus), strict=True))
            converters["ours, read from the built site"] = shown.__getitem__
        results = {name: score(convert, corpus, accepted) for name, convert in converters.items()}
    print(f"{len(corpus)} sentences, {results['ours'][0]:,} Chinese characters ({args.corpus})\n")
    print("converter | wrong characters | per 1,000")
    print("--- | --- | ---")
    for name, (characters, wrong, _) in results.items():
        print(f"{name} | {wrong} | {1000 * wrong / max(characters, 1):.2f}")
    examples = results["ours"][2]
    if examples:
        print(f"\nours, first {min(args.show, len(examples))} of {len(examples)} wrong characters (expected ← got):")
        for example in examples[: args.show]:
            print(f"  {example}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
