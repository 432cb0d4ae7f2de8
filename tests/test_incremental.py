"""Rebuilds: only what changed is redone, and the site is the same as a build from nothing."""

import shutil

import pytest

from oped import build as pipeline
from oped.build import Project, build
from oped.cache import Memo, wait_for_saves

from .conftest import copy_project


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def differences(first, second):
    return sorted(set(first) ^ set(second)) + [path for path in first if path in second and first[path] != second[path]]


@pytest.fixture
def project(tmp_path):
    root = copy_project(tmp_path / "p")
    report = build(Project(root))
    assert not report.incremental and not report.problems
    return root


def test_a_rebuild_after_edits_is_the_site_a_fresh_build_makes(project):
    articles = sorted((project / "docs" / "articles").glob("*.md"))
    edited, unpublished = articles[0], articles[1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n编者补记：本文有一处更正。\n", encoding="utf-8")
    text = unpublished.read_text(encoding="utf-8")
    unpublished.write_text(text.replace("---\n", "---\npublished: false\n", 1), encoding="utf-8")

    again = build(Project(project))
    assert again.incremental
    assert "本文有一处更正" in (project / "site" / "articles" / edited.stem / "index.html").read_text(encoding="utf-8")
    assert not (project / "site" / "articles" / unpublished.stem).exists()
    assert not (project / "site" / "zh-Hant" / "articles" / unpublished.stem).exists()
    rebuilt = tree(project / "site")

    wait_for_saves()  # the rebuild's cache is saved in the background
    shutil.rmtree(project / "build")
    fresh = build(Project(project))
    assert not fresh.incremental
    assert differences(rebuilt, tree(project / "site")) == []


def test_an_unchanged_seed_is_not_parsed_again(project, monkeypatch):
    calls = []
    parse = pipeline.parse_page
    monkeypatch.setattr(pipeline, "parse_page", lambda source: calls.append(source.name) or parse(source))
    build(Project(project))
    assert calls == []

    seed = sorted((project / "seeds").glob("*.txt"))[0]
    seed.write_bytes(seed.read_bytes() + b"\n")
    build(Project(project))
    assert calls == [seed.name]


def test_a_strict_build_or_a_changed_theme_renders_every_page(project):
    assert not build(Project(project), strict=True).incremental
    assert build(Project(project)).incremental
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# a comment changes nothing but the file\n", encoding="utf-8")
    assert not build(Project(project)).incremental


def test_the_cache_forgets_what_a_build_no_longer_uses_and_survives_damage(tmp_path):
    memo = Memo(tmp_path / "m")
    assert memo.get("a", lambda: 1) == 1 and memo.get("b", lambda: 2) == 2
    memo.save()
    again = Memo(tmp_path / "m")
    assert again.get("a", lambda: pytest.fail("recomputed")) == 1
    again.save()
    assert Memo(tmp_path / "m").peek("b") is None  # unused by the last build: dropped
    for shard in (tmp_path / "m").glob("*.pickle"):
        shard.write_bytes(b"not a pickle")
    assert Memo(tmp_path / "m").get("a", lambda: 3) == 3


def test_serve_shows_an_editors_change_in_the_open_page_without_a_full_rebuild(tmp_path, browser):
    import socket
    import subprocess
    import sys
    import threading
    import time

    from playwright.sync_api import expect

    from .conftest import ROOT

    root = copy_project(tmp_path / "p")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build_docs.py"), "serve", "--port", str(port)],
        cwd=root,
        stderr=subprocess.PIPE,
        text=True,
    )
    said: list[str] = []
    threading.Thread(target=lambda: said.extend(server.stderr), daemon=True).start()
    try:
        deadline = time.monotonic() + 120
        while not any(line.startswith("serving") for line in said):
            assert server.poll() is None and time.monotonic() < deadline, "".join(said)
            time.sleep(0.2)
        article = sorted((root / "docs" / "articles").glob("*.md"))[0]
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/zh-Hant/articles/{article.stem}/")
        article.write_text(article.read_text(encoding="utf-8") + "\n编者补记：服务中的修改。\n", encoding="utf-8")
        # The open page reloads itself once the rebuild is done, in the Traditional variant too.
        expect(page.locator("article")).to_contain_text("編者補記：服務中的修改。", timeout=60_000)
        assert any("rebuilt in" in line and "only the pages that changed" in line for line in said), "".join(said)
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


def extra_page(project, slug):
    """A hand-written page (no seed behind it), made from an imported one."""
    import re

    text = sorted((project / "docs" / "articles").glob("*.md"))[0].read_text(encoding="utf-8")
    text = re.sub(r"(?m)^slug: .*$", f"slug: {slug}", text)
    text = re.sub(r"(?m)^(source:\n(?:  .*\n)+|imported: .*\n)", "", text)
    path = project / "docs" / "articles" / f"{slug}.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_after_a_build_that_failed_half_way_nothing_it_wrote_is_trusted(project, monkeypatch):
    from oped.errors import BuildError

    def fail(*args, **kwargs):
        raise BuildError("MkDocs failed")

    page = extra_page(project, "bianzhe-tianjia")
    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "build_variants", fail)
        failed = build(Project(project))  # reported with the rest, not raised: every problem in one run
    assert [(p.source, p.message) for p in failed.problems] == [("MkDocs", "MkDocs failed")]
    assert (project / "build" / "zh-Hans" / "articles" / "bianzhe-tianjia.md").exists()
    page.unlink()  # the editor takes the page out again

    again = build(Project(project))
    assert not again.incremental
    assert not (project / "build" / "zh-Hans" / "articles" / "bianzhe-tianjia.md").exists()
    assert not (project / "site" / "articles" / "bianzhe-tianjia").exists()
    assert build(Project(project)).incremental


def test_when_pages_come_or_go_a_page_an_editor_linked_is_rendered_again(project):
    articles = sorted((project / "docs" / "articles").glob("*.md"))
    linking = articles[0]
    linking.write_text(linking.read_text(encoding="utf-8") + "\n另见[新文章](bianzhe-tianjia.md)。\n", encoding="utf-8")
    assert build(Project(project)).incremental  # the link does not resolve yet: a warning, not an error
    extra_page(project, "bianzhe-tianjia")
    again = build(Project(project))
    assert not again.incremental
    html = (project / "site" / "articles" / linking.stem / "index.html").read_text(encoding="utf-8")
    assert 'href="../bianzhe-tianjia/"' in html
