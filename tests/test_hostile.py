"""Hostile text in every field is shown as text: no element, handler or comment is ever made of it,
in any page of either variant, head included."""

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from oped.render import escape

from .conftest import copy_project

# What a hostile or careless contributor puts in a field, each a different way in.
PAYLOADS = {
    "tag": "<svg onload=alert(1)>",
    "quote": '"><img src=x onerror=alert(2)>',
    "entity": "&quot;&gt;&lt;img src=x onerror=alert(3)&gt;",
    "comment": "<!--",
    "jinja": "{{ config.site_name }}{% raw %}",
}
HOSTILE = "".join(PAYLOADS.values())
# Elements and attributes our templates and Material make themselves (never from content).
ALLOWED_TAGS = None


class Markup(HTMLParser):
    """Every element, attribute and comment of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("svg", "img") and any(name.startswith("on") for name, _ in attrs):
            self.found.append(f"<{tag}> with a handler")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"handler {name}={value!r} on <{tag}>")
            if value and "alert(" in value and name in ("src", "href"):
                self.found.append(f"{name}={value!r}")

    def handle_comment(self, data):
        self.found.append(f"comment <!--{data[:40]}")


def hostile_project(root: Path) -> Path:
    """The test project with hostile text in a page's title, summary, author and topic, in a
    sidecar's publication and page, and in a seed's file name."""
    from oped.docs import split_front_matter
    from oped.render import generated_front_matter

    page = sorted((root / "docs" / "articles").glob("*.md"))[0]
    meta, body = split_front_matter(page.read_text(encoding="utf-8"))
    meta["title"] = f"构建{HOSTILE}新格局"
    meta["summary"] = HOSTILE + meta["summary"]
    meta["authors"][0]["name"] = HOSTILE + meta["authors"][0]["name"]
    meta["topics"] = [HOSTILE]
    body = body.replace(f"{meta['authors'][0]['name'][len(HOSTILE) :]}", escape(meta["authors"][0]["name"]), 1)
    page.write_text(generated_front_matter(meta) + body, encoding="utf-8")
    quoted = '"' + HOSTILE.replace("\\", "\\\\").replace('"', '\\"') + '"'
    seed = next((root / "seeds").glob("*.txt"))
    seed.with_suffix(".yml").write_text(f"publication: {quoted}\ndate: 2024-09-10\npage: {quoted}\n", encoding="utf-8")
    (root / "seeds" / "<img src=x onerror=alert(5)>.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from oped.build import Project, build

    root = copy_project(tmp_path_factory.mktemp("hostile"))
    hostile_project(root)
    report = build(Project(root))
    return root, report


def test_no_page_has_markup_made_of_text(hostile_site):
    root, _ = hostile_site
    made = {}
    for html in sorted((root / "site").rglob("*.html")):
        parser = Markup()
        parser.feed(html.read_text(encoding="utf-8"))
        if parser.found:
            made[html.relative_to(root / "site").as_posix()] = sorted(set(parser.found))
    assert made == {}


def test_the_hostile_text_is_shown_as_text(hostile_site):
    root, _ = hostile_site
    pages = [p.read_text(encoding="utf-8") for p in (root / "site").rglob("articles/*/index.html")]
    assert any("&lt;svg onload=alert(1)&gt;" in page for page in pages)
    assert any("&amp;quot;&amp;gt;&amp;lt;img" in page for page in pages)


# --- bad and careless input: one clear line naming the file, the good pages still published -------

BILLION_LAUGHS = (
    'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
)


def seed_of(root):
    return next((root / "seeds").glob("000_*.txt"))


def sidecar(text):
    return lambda root: seed_of(root).with_suffix(".yml").write_text(text, encoding="utf-8")


def fifo(root):
    import os

    os.mkfifo(root / "seeds" / "001_pipe.txt")


def link(target):
    def make(root):
        (root / "seeds" / "001_link.txt").symlink_to(target(root) if callable(target) else target)

    return make


def write(path, data):
    def make(root):
        target = root / path
        if data is None:
            target.mkdir(parents=True)
        else:
            target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return make


def page_with(old, new):
    def make(root):
        page = sorted((root / "docs" / "articles").glob("*.md"))[0]
        page.write_text(page.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    return make


def outside(root):
    secret = root.parent / "secret.txt"
    secret.write_text(seed_of(root).read_text(encoding="utf-8"), encoding="utf-8")
    return secret


DEEP = "\n" + "".join("    " * i + "- 层\n" for i in range(60))
TABLE = "docs/conversion-overrides.tsv"
BAD_INPUT = {
    # what it is: (how to make it, the file named, words of the one line)
    "sidecar month 13": (sidecar("date: 2024-13-45\n"), "seeds/000_b28a167f414ab6e6.yml", "not a real calendar date"),
    "sidecar 30 February": (sidecar("date: 2024-02-30\n"), "seeds/000_b28a167f414ab6e6.yml", "not a real calendar date"),
    "sidecar year 1": (sidecar("date: '0001-01-01'\n"), "seeds/000_b28a167f414ab6e6.yml", "from 1900 to 2100"),
    "sidecar billion laughs": (sidecar(BILLION_LAUGHS), "seeds/000_b28a167f414ab6e6.yml", "read as a reference"),
    "sidecar python tag": (
        sidecar("publication: !!python/object/apply:os.system [echo]\n"),
        "seeds/000_b28a167f414ab6e6.yml",
        "type",
    ),
    "sidecar list value": (sidecar("publication: [1, 2]\n"), "seeds/000_b28a167f414ab6e6.yml", "one line of text"),
    "sidecar misspelt key": (sidecar("pubication: 江门日报\n"), "seeds/000_b28a167f414ab6e6.yml", "did you mean 'publication'"),
    "sidecar is a folder": (write("seeds/000_b28a167f414ab6e6.yml", None), "seeds/000_b28a167f414ab6e6.yml", "is a folder"),
    "seed is /dev/zero": (link("/dev/zero"), "seeds/001_link.txt", "outside the project"),
    "seed links outside": (link(outside), "seeds/001_link.txt", "outside the project"),
    "seed is a pipe": (fifo, "seeds/001_pipe.txt", "not a regular file"),
    "seed of 6 MB": (write("seeds/001_big.txt", "江" * (2 * 1024 * 1024)), "seeds/001_big.txt", "at most 5,242,880"),
    "seed of one long line": (write("seeds/001_line.txt", "江" * 20_000), "001_line.txt", "not a printed page"),
    "front matter billion laughs": (
        page_with("\ntitle:", "\n" + BILLION_LAUGHS + "title:"),
        "docs/articles/",
        "read as a reference",
    ),
    "page nested 60 deep": (page_with("\n## ", DEEP + "\n## "), "docs/articles/", "nested"),
    "table is a folder": (lambda root: ((root / TABLE).unlink(), (root / TABLE).mkdir()), TABLE, "is a folder"),
    "override of a quote": (lambda root: (root / TABLE).open("a").write('"\t「\n'), TABLE, "only Chinese text"),
    "override of markup": (lambda root: (root / TABLE).open("a").write("发展\t<b>發展</b>\n"), TABLE, "only Chinese text"),
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_is_one_clear_line_and_the_rest_is_published(case, tmp_path):
    from oped.build import Project, build

    make, where, words = BAD_INPUT[case]
    root = copy_project(tmp_path / "p")
    make(root)
    report = build(Project(root))
    found = [str(p) for p in report.problems]
    assert len(found) == 1 and where in found[0] and words in found[0], found
    assert report.articles >= 2 and (root / "site" / "index.html").exists()
    assert (root / "site" / "zh-Hant" / "index.html").exists()


def test_a_utf16_override_table_is_read(tmp_path):
    from oped.variants import read_overrides

    table = tmp_path / "conversion-overrides.tsv"
    table.write_bytes("# 表\n范先生\t范先生\t姓\n".encode("utf-16"))
    overrides, problems = read_overrides(table)
    assert ([o.simplified for o in overrides], problems) == (["范先生"], [])


def test_private_use_characters_survive_conversion(tmp_path):
    from oped.variants import Converter, convert_markdown

    convert = Converter([], tmp_path / "opencc").convert
    assert convert_markdown("甲\ue000乙[链接](a.md)\ue001发展", convert) == "甲\ue000乙[鏈接](a.md)\ue001發展"


def test_a_planted_cache_file_runs_no_code(tmp_path):
    import pickle

    from oped.build import Project, build

    root = copy_project(tmp_path / "p")
    build(Project(root))
    proof = tmp_path / "ran"

    class Planted:
        def __reduce__(self):
            return (open, (str(proof), "w"))

    for shard in (root / "build" / "cache").rglob("*.pickle"):
        shard.write_bytes(pickle.dumps({"code": "x", "entries": {"k": Planted()}}))
    report = build(Project(root))
    assert not proof.exists() and report.problems == [] and report.articles == 3


def test_a_page_that_cannot_be_written_is_reported_and_kept(tmp_path, monkeypatch):
    import errno

    from oped import imports
    from oped.build import Project, build

    root = copy_project(tmp_path / "p", with_docs=False)

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(imports, "write_atomic", full)
    report = build(Project(root))
    assert [
        ("cannot be written (No space left on device)" in str(p), "free some disk space" in str(p)) for p in report.problems
    ] == [(True, True)] * 3
    assert list((root / "docs" / "articles").glob("*")) == []


def test_a_second_build_waits_for_the_first(tmp_path):
    import threading

    from oped.files import one_at_a_time

    said, order = [], []
    with one_at_a_time(tmp_path, said.append):
        second = threading.Thread(target=lambda: one_at_a_time(tmp_path, said.append).__enter__() or order.append("second"))
        second.start()
        second.join(0.3)
        order.append("first done")
    second.join(5)
    assert order == ["first done", "second"]
    assert said == ["another build is running in this folder: waiting for it to finish"]


def test_serve_says_when_its_port_is_taken_before_building(tmp_path, capsys):
    import socket

    from oped.serve import serve

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert serve(tmp_path, port=taken.getsockname()[1]) == 1
    assert "cannot serve on 127.0.0.1" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_files_in_docs_the_build_would_pass_over_are_named(tmp_path):
    from oped.build import Project, build

    root = copy_project(tmp_path / "p")
    page = sorted((root / "docs" / "articles").glob("*.md"))[0]
    (root / "docs" / "articles" / "sub").mkdir()
    shutil.copy(page, root / "docs" / "articles" / "sub" / page.name)
    shutil.copy(page, root / "docs" / "evil.md")
    report = build(Project(root))
    assert [(p.source, p.message.split(":")[0]) for p in report.problems] == [
        ("docs/evil.md", "is not read"),
        ("docs/articles/sub", "is not read"),
    ]
    assert report.articles == 3


def test_what_reading_a_seed_changed_is_said_by_the_build(tmp_path):
    from oped.build import Project, build

    root = copy_project(tmp_path / "p", with_docs=False)
    seed = seed_of(root)
    text = seed.read_text(encoding="utf-8").replace("打造", "打\x01造\ue000", 1)
    seed.write_bytes(text.encode("utf-16"))
    report = build(Project(root))
    said = [n for n in report.notes if re.match(rf"seeds/{seed.name}:\d+: ", n)]
    changed = [n.split(": ", 1)[1] for n in said if "summary is cut" not in n and "not in any article" not in n]
    assert changed == [
        "decoded as UTF-16, not UTF-8",
        "a control character U+0001 was removed",
        "a private-use character U+E000 was removed",
    ]
    assert report.problems == [] and report.articles == 3
