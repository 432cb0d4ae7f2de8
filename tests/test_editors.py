"""Editors' pages are the truth: imports create pages, never overwrite an edited one, and report it."""

import shutil

from oped.build import Project, build
from oped.docs import read_articles
from oped.imports import BACKUP_DIR, FORCED, KEPT, NEW, UNCHANGED, UPDATED

from .conftest import copy_project


def actions(report):
    return sorted(a.action for a in report.imports)


def test_first_build_imports_every_article_then_nothing_changes(tmp_path):
    project = Project(copy_project(tmp_path / "p", with_docs=False))
    first = build(project)
    assert actions(first) == [NEW, NEW, NEW]
    pages, problems = read_articles(project.docs)
    assert problems == [] and len(pages) == 3
    before = {p.path: p.text for p in pages}
    second = build(project)
    assert actions(second) == [UNCHANGED] * 3
    assert {p.path: p.text for p in read_articles(project.docs)[0]} == before


def test_an_edited_page_is_kept_and_reported_and_force_keeps_a_backup(tmp_path):
    project = Project(copy_project(tmp_path / "p"))
    page = sorted((project.docs / "articles").glob("*.md"))[0]
    edited = page.read_text(encoding="utf-8") + "\n（编者按：已核对原文）\n"
    page.write_text(edited, encoding="utf-8")

    report = build(project)
    assert actions(report).count(KEPT) == 1
    assert page.read_text(encoding="utf-8") == edited
    assert any(f"docs/articles/{page.name}" in note and "kept" in note for note in report.notes)
    html = (project.site / "articles" / page.stem / "index.html").read_text(encoding="utf-8")
    assert "编者按：已核对原文" in html
    assert "編者按：已核對原文" in (project.site / "zh-Hant" / "articles" / page.stem / "index.html").read_text(encoding="utf-8")

    forced = build(project, force=True)
    assert actions(forced).count(FORCED) == 1
    assert "编者按" not in page.read_text(encoding="utf-8")
    backups = list((project.root / BACKUP_DIR).rglob("*.md"))
    assert [b.read_text(encoding="utf-8") for b in backups] == [edited]


def test_a_retitled_page_keeps_its_slug_and_url(tmp_path):
    project = Project(copy_project(tmp_path / "p"))
    page = sorted((project.docs / "articles").glob("*.md"))[0]
    text = page.read_text(encoding="utf-8")
    old_title = text.split("title: ", 1)[1].split("\n", 1)[0]
    page.write_text(text.replace(old_title, "编辑改过的标题"), encoding="utf-8")
    build(project)
    assert page.exists() and len(list((project.docs / "articles").glob("*.md"))) == 3
    html = (project.site / "articles" / page.stem / "index.html").read_text(encoding="utf-8")
    assert "编辑改过的标题" in html


def test_an_untouched_page_follows_a_changed_seed(tmp_path):
    project = Project(copy_project(tmp_path / "p"))
    seed = next(project.seeds.glob("*.txt"))
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("庞大的系统", "庞大而复杂的系统", 1), encoding="utf-8")
    report = build(project)
    assert UPDATED in actions(report)
    updated = next(a for a in report.imports if a.action == UPDATED)
    assert "庞大而复杂的系统" in (project.docs / updated.path).read_text(encoding="utf-8")


def test_a_broken_page_is_reported_never_overwritten_and_the_rest_still_builds(tmp_path):
    project = Project(copy_project(tmp_path / "p"))
    pages = sorted((project.docs / "articles").glob("*.md"))
    unreadable = "---\ntitle: [unclosed\n---\n# x\n"
    pages[0].write_text(unreadable, encoding="utf-8")
    invalid = pages[1].read_text(encoding="utf-8").replace("\nsummary: ", "\nsummary: 编辑只改了这里", 1)
    pages[1].write_text(invalid, encoding="utf-8")
    report = build(project)
    assert any(f"docs/articles/{pages[0].name}" in str(p) for p in report.problems)
    # A page whose front matter and body disagree is published as written, with a warning.
    assert any(f"docs/articles/{pages[1].name}" in str(w) and "summary" in str(w) for w in report.warnings)
    assert (project.site / "articles" / pages[1].stem / "index.html").exists()
    assert pages[0].read_text(encoding="utf-8") == unreadable
    assert pages[1].read_text(encoding="utf-8") == invalid
    assert len(list((project.docs / "articles").glob("*.md"))) == 3
    assert (project.site / "index.html").exists()
    shutil.rmtree(project.site)


def test_an_article_removed_from_its_seed_does_not_hand_its_url_to_another(tmp_path):
    project = Project(copy_project(tmp_path / "p"))
    before = {p.slug: p.title for p in read_articles(project.docs)[0]}
    seed = next(project.seeds.glob("*.txt"))
    lines = seed.read_text(encoding="utf-8").split("\n")
    seed.write_text("\n".join(lines[219:]), encoding="utf-8")  # the first article (lines 1–219) is gone
    report = build(project)
    after = {p.slug: p.title for p in read_articles(project.docs)[0]}
    assert after == before  # every URL still holds the article it held
    assert actions(report).count(NEW) == 0
    gone = [str(w) for w in report.warnings if "no longer there" in str(w)]
    assert len(gone) == 1 and "yi-xiandai-fuwuye" in gone[0]


def test_published_false_takes_a_page_down_and_it_is_not_imported_again(tmp_path):
    project = Project(copy_project(tmp_path / "p"))
    page = sorted((project.docs / "articles").glob("*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8").replace("\ntopics:", "\npublished: false\ntopics:", 1), encoding="utf-8")
    report = build(project)
    assert NEW not in actions(report) and report.articles == 2
    assert not (project.site / "articles" / page.stem).exists()
    assert len(list((project.docs / "articles").glob("*.md"))) == 3


def test_force_can_name_one_page(tmp_path):
    project = Project(copy_project(tmp_path / "p"))
    first, second = sorted((project.docs / "articles").glob("*.md"))[:2]
    for page in (first, second):
        page.write_text(page.read_text(encoding="utf-8") + "\n编者补记。\n", encoding="utf-8")
    report = build(project, force=[f"docs/articles/{first.name}"])
    assert "编者补记" not in first.read_text(encoding="utf-8")
    assert "编者补记" in second.read_text(encoding="utf-8")
    assert any(BACKUP_DIR in note for note in report.notes)
