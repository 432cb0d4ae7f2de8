"""Command line: ``python build_docs.py parse FILE... [--json]``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import SourceProblem, SourceProblems
from .model import Page
from .parse import parse_page
from .sources import read_source


def read_pages(paths: Sequence[Path]) -> tuple[list[Page], list[SourceProblem]]:
    """Parse every file; a bad file is reported and skipped, the others still parse."""
    pages: list[Page] = []
    problems: list[SourceProblem] = []
    for path in paths:
        try:
            pages.append(parse_page(read_source(path)))
        except SourceProblems as error:
            problems.extend(error.problems)
        except SourceProblem as error:
            problems.append(error)
    return pages, problems


def outline(page: Page) -> str:
    """A readable outline of a page's articles."""
    out = [f"{page.source}: {len(page.articles)} articles" + (f" (read as {page.encoding})" if page.encoding != "utf-8" else "")]
    for number, article in enumerate(page.articles, 1):
        out.append("")
        kind = "" if article.kind == "article" else f" ({article.kind})"
        out.append(f"{number}. {article.title}{kind}  [lines {article.first_line}–{article.last_line}]")
        if article.subtitle:
            out.append(f"   {article.subtitle}")
        for author in article.authors:
            out.append(f"   作者: {author.name}，{author.affiliation}" if author.affiliation else f"   作者: {author.name}")
        if article.editors_note:
            out.append(f"   编者按: {shorten(article.editors_note)}")
        if article.summary:
            mark = " (truncated)" if article.summary_truncated else ""
            out.append(f"   提要{mark}: {article.summary}")
        if article.continued_from:
            out.append(f"   上接 {article.continued_from} 版")
        for paragraph in article.lead:
            out.append(f"   ¶ {shorten(paragraph)}")
        for section in article.sections:
            out.append(f"   {'#' * section.level} {section.heading}")
            for paragraph in section.paragraphs:
                out.append(f"      ¶ {shorten(paragraph)}")
        if article.continued_to:
            out.append(f"   下转 {article.continued_to} 版")
        for note in article.warnings:
            out.append(f"   warning: {note}")
        for doubt in article.doubts:
            out.append(f"   doubt: {doubt}")
    if page.left_over:
        out.append("")
        out.append("not in any article (kept here, with their lines):")
        out.extend(f"   line {x.line}: {x.text}  ({x.why})" for x in page.left_over)
    for note in page.warnings:
        out.append(f"warning: {note}")
    return "\n".join(out)


def shorten(text: str, size: int = 24) -> str:
    """The start and end of a long paragraph."""
    return text if len(text) <= 2 * size else f"{text[:size]}…{text[-size // 2 :]}"


def command_parse(args: argparse.Namespace) -> int:
    pages, problems = read_pages([Path(p) for p in args.files])
    for page in pages:
        for note in (*page.warnings, *(w for a in page.articles for w in a.warnings)):
            print(f"{page.source}: warning: {note}", file=sys.stderr)
        for doubt in (d for a in page.articles for d in a.doubts):
            print(f"{page.source}: doubt: {doubt}", file=sys.stderr)
    if args.json:
        data = [page.to_dict() for page in pages]
        payload = data[0] if len(args.files) == 1 and data else data
        if data or len(args.files) > 1:
            print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(outline(page) for page in pages))
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


def print_report(report) -> None:
    """Tell what a build did: imports, kept pages, notes and problems."""
    from .imports import FORCED, KEPT, NEW, UPDATED

    counts = {kind: sum(1 for a in report.imports if a.action == kind) for kind in (NEW, UPDATED, KEPT, FORCED)}
    print(
        f"imported {counts[NEW]} new, updated {counts[UPDATED]}, kept {counts[KEPT]} edited, forced {counts[FORCED]}; "
        f"{report.articles} articles published in 2 variants into site/"
        + (" (only the pages that changed rendered again)" if report.incremental else ""),
        file=sys.stderr,
    )
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for problem in report.problems:
        print(f"error: {problem}", file=sys.stderr)


def command_build(args: argparse.Namespace) -> int:
    from .build import Project, build
    from .errors import BuildError

    try:
        force = False if args.force is None else (args.force or True)
        report = build(Project(Path.cwd()), force=force, strict=args.strict)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print_report(report)
    return 1 if report.problems else 0


def command_check(args: argparse.Namespace) -> int:
    from .check import check

    return check(Path.cwd(), base=args.base)


def command_preview(args: argparse.Namespace) -> int:
    from .preview import command_preview

    return command_preview(Path.cwd(), args.base)


def command_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(Path.cwd(), port=args.port)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="build_docs.py",
        description="Publish OCR'd newspaper pages as a Simplified and Hong Kong Traditional Chinese site. "
        "Without a command: build the site from seeds/ and docs/ into site/.",
    )
    parser.add_argument(
        "--force",
        nargs="*",
        metavar="PAGE",
        help="re-import the pages an editor changed (all, or the docs/articles/….md given); each editor's version is backed up",
    )
    parser.add_argument("--strict", action="store_true", help="fail on any MkDocs warning")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("build", help="build the site (the default)")
    serve = commands.add_parser("serve", help="build, serve on http://127.0.0.1:PORT/ and rebuild on every change")
    serve.add_argument("--port", type=int, default=8000)
    check = commands.add_parser("check", help="the pull-request gate: every problem of the content, with file and line")
    check.add_argument("--base", metavar="REV", help="also compare the published URLs with git revision REV (the base branch)")
    preview = commands.add_parser("preview", help="each changed article's text in both variants, as a diff against --base")
    preview.add_argument(
        "--base", metavar="REV", help="the git revision to compare with (default: the last commit)", default="HEAD"
    )
    parse = commands.add_parser("parse", help="reconstruct the articles of page files and print them")
    parse.add_argument("files", nargs="+", help="OCR text dumps, one printed page each (e.g. seeds/*.txt)")
    parse.add_argument("--json", action="store_true", help="print the article model as JSON")
    args = parser.parse_args(argv)
    if args.command == "parse":
        return command_parse(args)
    if args.command == "serve":
        return command_serve(args)
    if args.command == "preview":
        return command_preview(args)
    if args.command == "check":
        return command_check(args)
    return command_build(args)
