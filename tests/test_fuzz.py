"""Fuzzing (hypothesis, bounded in time): random bytes, random encodings of a real page, random YAML,
random Markdown and hostile strings in every field never make a reader raise anything but a
located problem; through the whole build they never raise, never write outside the project, never
lose an editor's page and never emit markup made of text. A build killed at random moments, then
run again, equals a clean build, with nothing left over."""

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oped.docs import read_page
from oped.errors import SourceProblem, SourceProblems
from oped.files import FileProblem
from oped.lint import body_problems, conflict_markers, links, too_deep
from oped.parse import parse_page
from oped.sources import decode, read_sidecar
from oped.variants import read_overrides

from .conftest import ROOT, SEED, copy_project
from .test_hostile import PAYLOADS, Markup

PAGE = SEED.read_text(encoding="utf-8")
# Characters that mean something to YAML, Markdown, HTML, Jinja or the shell, and some Chinese.
SPECIAL = [*"\"'`*_#[]{}()<>!&|:;-=+~\\/%$\n\t ", "<!--", "{{", "}}", "{%", "---", "```", "**", "\r\n", "\x00", "\ufeff"]
CHINESE = list("江门侨乡发展（）“”，。：、《》范于説戶")
hostile_text = st.lists(st.sampled_from(SPECIAL + CHINESE + list(PAYLOADS.values())), max_size=30).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def located(problem: Exception) -> bool:
    problems = problem.problems if isinstance(problem, SourceProblems) else [problem]
    return all(isinstance(p, SourceProblem) and p.source for p in problems)


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes_are_read_or_refused_with_a_location(data):
    try:
        parse_page(decode("x.txt", data))
    except (SourceProblem, SourceProblems) as problem:
        assert located(problem)


@FAST
@given(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030"]), st.integers(0, 400))
def test_a_real_page_in_any_supported_encoding_reads_the_same(encoding, cut):
    text = PAGE[: len(PAGE) - cut]
    try:
        expected = parse_page(decode("x.txt", text.encode("utf-8")))
    except (SourceProblem, SourceProblems):
        return
    assert parse_page(decode("x.txt", text.encode(encoding))).articles == expected.articles


@FAST
@given(st.dictionaries(hostile_text, hostile_text | st.integers() | st.lists(hostile_text, max_size=3), max_size=4), hostile_text)
def test_random_sidecars_are_read_or_refused_with_a_location(tmp_path_factory, data, raw):
    import yaml

    folder = tmp_path_factory.mktemp("s")
    (folder / "a.txt").write_text("x", encoding="utf-8")
    for text in (yaml.safe_dump(data, allow_unicode=True), raw):
        (folder / "a.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            read_sidecar(folder / "a.txt")
        except (SourceProblem, SourceProblems) as problem:
            assert located(problem)


@FAST
@given(hostile_text, hostile_text, st.lists(hostile_text, max_size=8))
def test_random_pages_are_read_or_refused_with_a_location(tmp_path_factory, front, title, body):
    folder = tmp_path_factory.mktemp("d")
    page = folder / "articles" / "a.md"
    page.parent.mkdir()
    text = f"---\ntitle: {title}\n{front}\n---\n\n" + "\n\n".join(body)
    page.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    try:
        read_page(folder, page)
    except (SourceProblem, SourceProblems) as problem:
        assert located(problem)
    for check in (body_problems, too_deep):
        check("a.md", text, 1)
    conflict_markers("a.md", text)
    list(links(text))


@FAST
@given(st.lists(st.tuples(hostile_text, hostile_text), max_size=6))
def test_random_override_tables_are_read_or_refused_line_by_line(tmp_path_factory, rows):
    table = tmp_path_factory.mktemp("t") / "conversion-overrides.tsv"
    table.write_text("\n".join(f"{a}\t{b}" for a, b in rows), encoding="utf-8", errors="surrogatepass")
    overrides, problems = read_overrides(table)
    assert all(p.line or isinstance(p, FileProblem) for p in problems)  # a line, or the whole file (not text)
    assert all(set(o.simplified + o.traditional).isdisjoint(set("<>&\"'`*_#[]{}\\")) for o in overrides)


# --- the whole build ----------------------------------------------------------------------------


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(hostile_text.filter(str.strip), min_size=6, max_size=6),
    st.lists(st.sampled_from(["- 列表", "> 引用", "    代码", "1. 第一", "!!! note", "| a | b |", "***", "<div>"]), max_size=6),
)
def test_the_whole_build_publishes_or_reports_and_never_makes_markup(tmp_path_factory, fields, blocks):
    from oped.build import Project, build
    from oped.docs import split_front_matter
    from oped.render import escape, generated_front_matter

    top = tmp_path_factory.mktemp("fuzz")
    root = copy_project(top / "p")
    page = sorted((root / "docs" / "articles").glob("*.md"))[0]
    meta, body = split_front_matter(page.read_text(encoding="utf-8"))
    meta.update(title=fields[0], summary=fields[1], topics=[fields[2]])
    meta["authors"][0]["name"] = fields[3]
    page.write_text(generated_front_matter(meta) + body + "\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    others = {p: p.read_bytes() for p in (root / "docs" / "articles").glob("*.md")}
    (root / "seeds" / "000_b28a167f414ab6e6.yml").write_text(
        f"publication: {escape(fields[4])!r}\npage: {fields[5]!r}\n", encoding="utf-8", errors="surrogatepass"
    )
    before = files_under(top)
    report = build(Project(root))
    assert all(located(p) for p in report.problems)
    assert {p for p in files_under(top) - before if not p.startswith("p/")} == set()  # nothing outside the project
    assert {p: p.read_bytes() for p in others} == others  # no editor's page lost or changed
    for html in (root / "site").rglob("*.html"):
        parser = Markup()
        parser.feed(html.read_text(encoding="utf-8"))
        assert parser.found == [], html


def test_a_build_killed_at_random_moments_then_run_again_equals_a_clean_build(tmp_path):
    killed = copy_project(tmp_path / "killed", with_docs=False)
    clean = copy_project(tmp_path / "clean", with_docs=False)
    command = [sys.executable, str(ROOT / "build_docs.py")]
    moments = random.Random(11)
    for _ in range(4):
        running = subprocess.Popen(
            command, cwd=killed, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        time.sleep(moments.uniform(0.3, 3.0))
        os.killpg(running.pid, signal.SIGKILL)
        running.wait()
    for folder in (killed, clean):
        assert subprocess.run(command, cwd=folder, capture_output=True).returncode == 0
    site = {p: (killed / "site" / p).read_bytes() for p in files_under(killed / "site") if (killed / "site" / p).is_file()}
    fresh = {p: (clean / "site" / p).read_bytes() for p in files_under(clean / "site") if (clean / "site" / p).is_file()}
    assert site.keys() == fresh.keys() and [p for p in site if site[p] != fresh[p]] == []
    assert sorted(p.name for p in (killed / "docs" / "articles").iterdir()) == sorted(
        p.name for p in (clean / "docs" / "articles").iterdir()
    )
    assert list((killed / "build").glob("old-site-*")) == [] and list((killed / "docs").rglob(".*.tmp")) == []
    shutil.rmtree(tmp_path)


def test_workers_die_with_a_killed_build(tmp_path):
    script = (
        "import os, sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from oped.processes import pool\n"
        "workers = pool(2)\n"
        "list(workers.map(time.sleep, [0, 0]))\n"
        "print(' '.join(str(p) for p in workers._processes), flush=True)\n"
        "workers.submit(time.sleep, 600); workers.submit(time.sleep, 600)\n"
        "time.sleep(600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    children = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(children) == 2
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in children):
        time.sleep(0.1)
    assert [pid for pid in children if alive(pid)] == []


def alive(pid: int) -> bool:
    """A process that still runs (a zombie waiting to be reaped has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False
