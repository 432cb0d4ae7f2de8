"""The pull-request gate: each mistake an editor makes gives one clear line at the right file and
line; every problem of a pull request in one run; GitHub annotations and a job summary; URLs that
are published stay with their article."""

import subprocess

import pytest

from oped import published
from oped.docs import read_page
from oped.errors import PageProblem, SourceProblems
from oped.lint import body_problems, link_problems, seed_folder_problems

from .conftest import FIXTURE, ROOT, copy_project

PAGE = FIXTURE / "docs" / "articles" / "yi-xianjin-zhizaoye-wei-zhongdian-goujian-jiangmen.md"
TEXT = PAGE.read_text(encoding="utf-8")
LINES = TEXT.split("\n")


def line_of(start: str) -> int:
    return next(n for n, line in enumerate(LINES, 1) if line.startswith(start))


def problems_of(text: str, tmp_path) -> list:
    """What reading a page with this text finds: its one error, or its warnings."""
    file = tmp_path / "articles" / PAGE.name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    try:
        return list(read_page(tmp_path, file).warnings)
    except PageProblem as problem:
        return [problem]
    except SourceProblems as problems:
        return problems.problems


def test_the_fixture_page_has_no_problem(tmp_path):
    assert problems_of(TEXT, tmp_path) == []


BODY = line_of("市委十四届")  # the first paragraph of the article (its lead)
BOX = line_of("!!! abstract")
SECOND_KEY = 3  # slug:, the line after title:

MISTAKES = {
    "conflict markers": (
        TEXT.replace(LINES[BODY - 1], f"<<<<<<< HEAD\n{LINES[BODY - 1]}\n=======\n改过\n>>>>>>> edit"),
        BODY,
        "merge-conflict marker",
    ),
    "summary box without quotes": (
        TEXT.replace('!!! abstract "内容提要"', "!!! abstract 内容提要"),
        BOX,
        "summary box is written",
    ),
    "summary box with another title": (
        TEXT.replace('!!! abstract "内容提要"', '!!! abstract "摘要"'),
        BOX,
        "summary box is written",
    ),
    "de-indented summary": (TEXT.replace("\n    ", "\n", 1), BOX + 2, "not indented under the box"),
    "unclosed bold": (TEXT.replace(LINES[BODY - 1], "**" + LINES[BODY - 1]), BODY, "** opens bold"),
    "closing --- deleted": (TEXT.replace("\n---\n", "\n", 1), 1, "never closed"),
    "quote opened on line 2": (TEXT.replace("\ntitle: ", '\ntitle: "', 1), 2, "quotation mark opened on this line"),
    "colon in a value": (TEXT.replace("\nslug: ", "\nslug: 新: ", 1), SECOND_KEY, "colon followed by a space"),
    "key without colon": (TEXT.replace("\nslug: ", "\nslug ", 1), SECOND_KEY, "not `key: value`"),
    "tab indent": (TEXT.replace("\n- name:", "\n\t- name:", 1), line_of("- name:"), "tab"),
    "raw HTML": (
        TEXT.replace(LINES[BODY - 1], LINES[BODY - 1] + "<img src=x onerror=alert(5)>"),
        BODY,
        "raw HTML is not published",
    ),
    "a script tag": (TEXT.replace(LINES[BODY - 1], "<script>alert(6)</script>" + LINES[BODY - 1]), BODY, "raw HTML"),
    "a handler in an attribute list": (
        TEXT.replace(LINES[BODY - 1], LINES[BODY - 1] + "\n{: onclick=alert(1) }"),
        BODY + 1,
        "handler",
    ),
    "a script link": (TEXT.replace(LINES[BODY - 1], "[点我](javascript:alert(7))" + LINES[BODY - 1]), BODY, "javascript:"),
    "a run of 2,000 asterisks": (TEXT.replace(LINES[BODY - 1], "*" * 2000 + "项" + "*" * 2000), BODY, "cannot be rendered"),
    "byte order mark and CRLF are fine": ("\ufeff" + TEXT.replace("\n", "\r\n"), None, None),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_each_mistake_is_one_clear_line_at_its_line(name, tmp_path):
    text, line, words = MISTAKES[name]
    found = problems_of(text, tmp_path)
    if words is None:
        assert found == []
        return
    assert len(found) == 1, [str(p) for p in found]
    assert found[0].source == f"docs/articles/{PAGE.name}"
    assert (found[0].line, words in str(found[0])) == (line, True), str(found[0])
    assert found[0].hint  # says what to do
    assert "yaml" not in str(found[0]).lower() and "scanner" not in str(found[0])  # no parser jargon


def test_a_box_of_another_kind_needs_its_title_in_quotes():
    found = body_problems("a.md", '!!! note\n\n    编者按\n\n!!! note "编者按"\n\n    好\n', 10)
    assert [(p.line, "English title" in p.message) for p in found] == [(10, True)]


def test_escaped_and_code_asterisks_are_not_emphasis():
    assert body_problems("a.md", "价格\\*2，`a*b`，**粗**\n\n* 列表项\n", 1) == []


PAGES = {"articles/a.md", "articles/other-page.md", "authors/index.md", "index.md"}


def anchors(path):
    return {"first-heading"} if path == "articles/other-page.md" else set()


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("other-page.md", None),
        ("other-page.md#first-heading", None),
        ("../authors/index.md", None),
        ("https://example.com/x", None),
        ("other-pgae.md", "did you mean 'other-page.md'?"),
        ("other-page.md#first-headin", "did you mean '#first-heading'?"),
        ("../authors/", "link to the Markdown file: '../authors/index.md'"),
        ("/articles/other-page/", "is absolute"),
    ],
)
def test_links_resolve_against_the_markdown_with_a_did_you_mean(link, expected):
    text = f"---\ntitle: x\n---\n\n见[另文]({link})。\n"
    found = link_problems("docs/articles/a.md", "articles/a.md", text, PAGES, anchors)
    if expected is None:
        assert found == []
    else:
        assert [(p.line, expected in str(p)) for p in found] == [(5, True)], [str(p) for p in found]


def test_files_in_seeds_the_build_would_pass_over_are_named(tmp_path):
    for name in ("p.txt", "p.yaml", "q.TXT", "notes.docx", "r.yml", ".gitkeep"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [(p.source, p.hint) for p in seed_folder_problems(tmp_path)] == [
        ("seeds/notes.docx", "move it out of seeds/"),
        ("seeds/p.yaml", "rename it seeds/p.yml"),
        ("seeds/q.TXT", "rename it seeds/q.txt"),
        ("seeds/r.yml", "rename it after its page, or remove it"),
    ]


def test_check_reports_every_problem_of_a_pull_request_in_one_run(tmp_path, capsys, monkeypatch):
    from oped.check import check

    root = copy_project(tmp_path / "p")
    pages = sorted((root / "docs" / "articles").glob("*.md"))
    first = pages[0].read_text(encoding="utf-8").replace("\n## ", "\n<<<<<<< HEAD\n\n## ", 1)
    pages[0].write_text(first, encoding="utf-8")
    second = pages[1].read_text(encoding="utf-8").replace("\n## ", f"\n见[另文]({pages[2].stem}x.md)。\n\n## ", 1)
    pages[1].write_text(second, encoding="utf-8")
    (root / "seeds" / "000_b28a167f414ab6e6.yaml").write_text("date: 2024-09-10\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert check(root) == 1
    out, err = capsys.readouterr()
    errors = [line for line in err.split("\n") if line.startswith("error: ")]
    marker = first.split("\n").index("<<<<<<< HEAD") + 1
    link = second.split("\n").index(f"见[另文]({pages[2].stem}x.md)。") + 1
    assert [e.split(" (")[0] for e in errors] == [
        "error: seeds/000_b28a167f414ab6e6.yaml: is not read: a sidecar's file name must end in .yml",
        f"error: docs/articles/{pages[0].name}:{marker}: a merge-conflict marker",
        f"error: docs/articles/{pages[1].name}:{link}: link '{pages[2].stem}x.md' leads to no page",
    ]
    assert f"did you mean '{pages[2].name}'?" in errors[2]
    assert f"::error file=docs/articles/{pages[1].name},line={link},title=check::link" in out
    assert f"| `docs/articles/{pages[0].name}` | {marker} |" in summary.read_text(encoding="utf-8")


def test_a_plain_build_warns_of_a_broken_link(tmp_path):
    from oped.build import Project, build

    root = copy_project(tmp_path / "p")
    page = sorted((root / "docs" / "articles").glob("*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\n见[首页](../indx.md)。\n", encoding="utf-8")
    report = build(Project(root))
    assert [(w.source, "did you mean '../index.md'?" in str(w)) for w in report.warnings] == [
        (f"docs/articles/{page.name}", True)
    ]


# --- URLs are forever -------------------------------------------------------------------------------


def registry_and_pages(tmp_path):
    from oped.docs import read_articles

    root = copy_project(tmp_path / "p")
    return root, published.read(root / "docs")[0], read_articles(root / "docs")[0]


def test_the_fixture_keeps_its_published_urls(tmp_path):
    _, entries, pages = registry_and_pages(tmp_path)
    assert len(entries) == len(pages) and published.problems(entries, pages) == []


def test_a_url_given_to_another_article_fails(tmp_path):
    _, entries, pages = registry_and_pages(tmp_path)
    # Resolving an add/add conflict "the obvious way": the page at a published URL now holds another article.
    moved = [e if e.url != entries[0].url else published.Entry(e.url, "001_other.txt#1", e.line) for e in entries]
    found = published.problems(moved, pages)
    assert [(p.source, "was published for article 1 of seeds/001_other.txt" in p.message) for p in found] == [
        (f"docs/articles/{entries[0].url.split('/')[1]}.md", True)
    ]


def test_a_deleted_page_and_a_url_with_two_owners_fail(tmp_path):
    _, entries, pages = registry_and_pages(tmp_path)
    twice = [*entries, published.Entry(entries[1].url, "001_other.txt#2", 99)]
    found = published.problems(twice, pages[1:], base=entries)
    messages = [str(p) for p in found]
    assert len(found) == 2, messages
    assert "given to two articles" in messages[0] and "main publishes it for article" in messages[0]
    assert "is gone, but its URL" in messages[1] and "published: false" in messages[1]


def test_a_line_removed_from_the_base_registry_fails(tmp_path):
    _, entries, pages = registry_and_pages(tmp_path)
    extra = published.Entry("articles/old/", "000.txt#9", 1)
    found = published.problems(entries, pages, base=[*entries, extra])
    assert [("of the base branch is missing" in p.message) for p in found] == [True]


def test_same_title_imports_get_distinct_urls_from_their_seed(tmp_path):
    from oped.build import Project, build

    root = copy_project(tmp_path / "p")
    seed = next((root / "seeds").glob("*.txt"))
    (root / "seeds" / "001_again.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    build(Project(root))
    entries = published.read(root / "docs")[0]
    new = [e.url for e in entries if e.owner.startswith("001_again.txt")]
    old = {e.url for e in entries} - set(new)
    assert len(new) == 3 and all(any(url.startswith(o[:-1] + "-") for o in old) for url in new)
    again = copy_project(tmp_path / "q")
    (again / "seeds" / "001_again.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    build(Project(again))  # another branch, the same import: the same URLs
    assert sorted(e.url for e in published.read(again / "docs")[0] if e.owner.startswith("001_again")) == sorted(new)


def git(cwd, *args):
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize("table", ["docs/conversion-overrides.tsv", f"docs/{published.REGISTRY}"])
def test_two_branches_appending_lines_merge_without_conflict(tmp_path, table):
    (tmp_path / "docs").mkdir()
    (tmp_path / ".gitattributes").write_text((ROOT / ".gitattributes").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / table).write_text("# table\n一\t壹\n", encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    git(tmp_path, "checkout", "-qb", "pr")
    (tmp_path / table).write_text("# table\n一\t壹\n二\t貳\n", encoding="utf-8")
    git(tmp_path, "commit", "-qam", "pr")
    git(tmp_path, "checkout", "-q", "main")
    (tmp_path / table).write_text("# table\n一\t壹\n三\t叁\n", encoding="utf-8")
    git(tmp_path, "commit", "-qam", "main")
    merged = git(tmp_path, "merge", "-q", "pr", "-m", "merge")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert (tmp_path / table).read_text(encoding="utf-8") == "# table\n一\t壹\n三\t叁\n二\t貳\n"


def committed_project(tmp_path):
    """The test project as a git repository with one commit on main (a pull request's base)."""
    root = copy_project(tmp_path / "p")
    for command in (("init", "-q", "-b", "main"), ("add", "."), ("commit", "-qm", "base")):
        git(root, *command)
    return root


def test_the_preview_shows_an_edit_and_an_override_in_both_variants(tmp_path):
    from oped.preview import preview

    root = committed_project(tmp_path)
    page = root / "docs" / "articles" / "yi-xiandai-fuwuye-gaozhiliang-fazhan-zengqiang-chengshi.md"
    page.write_text(page.read_text(encoding="utf-8").replace("制造业大市", "制造业强市", 1), encoding="utf-8")
    table = root / "docs" / "conversion-overrides.tsv"
    table.write_text(table.read_text(encoding="utf-8") + "先进制造业\t先進制造業\ttest\n", encoding="utf-8")
    text = preview(root, "main")
    assert text.startswith("## Preview: 2 article(s) read differently than on main")
    assert "`docs/articles/yi-xiandai-fuwuye-gaozhiliang-fazhan-zengqiang-chengshi.md` — changed" in text
    assert "\n-江门，这座底蕴深厚的制造业大市，" in text and "\n+江門，這座底蘊深厚的製造業強市，" in text
    # The override changes the Traditional text of the article on advanced manufacturing only.
    assert "`docs/articles/yi-xianjin-zhizaoye-wei-zhongdian-goujian-jiangmen.md` — Traditional text only" in text
    only = text.split("Traditional text only", 1)[1]
    assert "\n-" in only and "先進制造業" in only and "简体" not in only


def test_a_front_matter_mistake_does_not_hide_the_body_s(tmp_path):
    text = TEXT.replace("\ntitle: ", '\ntitle: "', 1).replace(LINES[BODY - 1], "**" + LINES[BODY - 1])
    assert [(p.line, p.message.split(" ")[0]) for p in problems_of(text, tmp_path)] == [(2, "a"), (BODY, "**")]


def test_a_link_to_a_page_taken_down_or_unreadable_says_so():
    text = "---\ntitle: x\n---\n\n见[旧文](old.md)与[坏页](broken.md)。\n"
    absent = {"articles/old.md": "is taken down (published: false)", "articles/broken.md": "cannot be published now"}
    found = link_problems("docs/articles/a.md", "articles/a.md", text, PAGES, anchors, absent)
    assert [p.message for p in found] == [
        "link 'old.md' leads to docs/articles/old.md, which is taken down (published: false)",
        "link 'broken.md' leads to docs/articles/broken.md, which cannot be published now",
    ]


def test_a_deleted_page_comes_back_at_its_url(tmp_path):
    from oped.build import Project, build

    root = copy_project(tmp_path / "p")
    page = root / "docs" / "articles" / "yi-xiandai-fuwuye-gaozhiliang-fazhan-zengqiang-chengshi.md"
    page.unlink()
    registry = (root / "docs" / published.REGISTRY).read_text(encoding="utf-8")
    report = build(Project(root))
    assert page.exists() and report.warnings == []
    assert (root / "docs" / published.REGISTRY).read_text(encoding="utf-8") == registry


def test_the_job_summary_shows_text_as_written():
    from oped.check import summary_table
    from oped.errors import SourceProblem

    table = summary_table([SourceProblem("docs/a_b.md", "a | b", line=2, hint="write \\* for *")], 1)
    assert "| `docs/a_b.md` | 2 | a \\| b | write \\\\\\* for \\* |" in table


def test_the_preview_says_an_article_is_taken_down(tmp_path):
    from oped.preview import preview

    root = committed_project(tmp_path)
    page = root / "docs" / "articles" / "yi-xiandai-fuwuye-gaozhiliang-fazhan-zengqiang-chengshi.md"
    page.write_text(page.read_text(encoding="utf-8").replace("\ntitle:", "\npublished: false\ntitle:", 1), encoding="utf-8")
    text = preview(root, "main")
    assert f"`docs/articles/{page.name}` — taken down (published: false)" in text
    assert "{#" not in text


def test_an_unknown_key_is_named_with_a_did_you_mean(tmp_path):
    found = problems_of(TEXT.replace("\ntitle:", "\npublishd: false\ntitle:", 1), tmp_path)
    assert [(p.line, "unknown key 'publishd' (did you mean 'published'?)" in p.message) for p in found] == [(2, True)]


def test_anchors_aliases_and_tags_are_refused_in_plain_words(tmp_path):
    found = problems_of(TEXT.replace("\nslug: ", "\nx: &a [1]\ny: *a\nslug: ", 1), tmp_path)
    assert [(p.line, "read as a reference or a type" in p.message) for p in found] == [(3, True)]
