"""Tests test the code, never today's content: the live seeds/ and docs/ belong to the editors, and
every editing recipe of the README leaves the gate green.

The suite builds only from tests/fixtures/ (a project of its own); nothing here or elsewhere reads
the repository's seeds/ or docs/. Each README recipe, applied as an editor would, passes `check`.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURE, ROOT, copy_project

TESTS = Path(__file__).resolve().parent
# A path into the live content, however it is spelt: ROOT / "docs", ROOT / "seeds", "../seeds" …
LIVE_CONTENT = re.compile(
    r"""ROOT\s*/\s*["'](?:docs|seeds)\b|parent\.parent\s*/\s*["'](?:docs|seeds)\b|["']\.\./(?:docs|seeds)\b"""
)


def test_no_test_reads_the_live_content():
    readers = [
        f"{path.name}:{number}"
        for path in sorted(TESTS.glob("*.py"))
        if path.name != Path(__file__).name  # the guard itself spells the patterns out
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
        if LIVE_CONTENT.search(line)
    ]
    assert readers == []


def test_the_guard_sees_a_test_that_reads_the_live_content():
    assert LIVE_CONTENT.search('page = ROOT / "docs" / "articles"')
    assert LIVE_CONTENT.search("seed = Path(__file__).parent.parent / 'seeds'")
    assert not LIVE_CONTENT.search('root = copy_project(tmp_path) / "docs"')


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build_docs.py"), *args], cwd=root, capture_output=True, text=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fix_a_paragraph(root: Path) -> None:
    """README: Fix a paragraph — in an article that is not the first in any order."""
    edit(root / "docs/articles/yi-xiandai-fuwuye-gaozhiliang-fazhan-zengqiang-chengshi.md", "制造业大市", "制造业强市")


def add_a_page(root: Path) -> None:
    """README: Add a page — the OCR text and its sidecar in seeds/, then `python build_docs.py`."""
    shutil.copy(TESTS / "fixtures" / "pages" / "001_handwritten.txt", root / "seeds" / "001_handwritten.txt")
    (root / "seeds" / "001_handwritten.yml").write_text(
        "publication: 江门日报\ndate: 2024-09-17          # YYYY-MM-DD: orders the archive\npage: A07 理论评论\n",
        encoding="utf-8",
    )
    built = run(root)
    assert built.returncode == 0, built.stderr


def retitle(root: Path) -> None:
    """README: Retitle an article — `title` and the `#` heading; slug and file name stay."""
    page = root / "docs/articles/dazao-sanwan-hezuo-fazhan-qu-gongjian-quyu-fazhan-xin.md"
    title = yaml.safe_load(page.read_text(encoding="utf-8").split("---")[1])["title"]
    edit(page, f"title: {title}", "title: 共建“三湾”合作区")
    edit(page, f"# {title}", "# 共建“三湾”合作区")


def take_down(root: Path) -> None:
    """README: Take an article down — `published: false` in its front matter."""
    edit(root / "docs/articles/yi-xianjin-zhizaoye-wei-zhongdian-goujian-jiangmen.md", "\ntitle:", "\npublished: false\ntitle:")


def add_an_override(root: Path) -> None:
    """README: Add a conversion override — a line at the end of the table."""
    table = root / "docs" / "conversion-overrides.tsv"
    table.write_text(table.read_text(encoding="utf-8") + "范先生说\t范先生說\tsurname 范\n", encoding="utf-8")


RECIPES = [fix_a_paragraph, add_a_page, retitle, take_down, add_an_override]


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda r: r.__name__)
def test_each_readme_recipe_keeps_the_gate_green(recipe, tmp_path):
    root = copy_project(tmp_path / "p")
    shutil.copy(ROOT / ".gitattributes", root / ".gitattributes")
    recipe(root)
    checked = run(root, "check")
    assert checked.returncode == 0, checked.stderr


def test_the_fixture_is_a_project_of_its_own():
    assert sorted(p.name for p in (FIXTURE / "docs").iterdir()) == ["articles", "conversion-overrides.tsv", "published-urls.tsv"]
