import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def copy_project(target: Path, with_docs: bool = True) -> Path:
    """A copy of the project's inputs (seeds, editors' pages, mkdocs.yml) to build in isolation."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "seeds", target / "seeds")
    if with_docs:
        shutil.copytree(ROOT / "docs", target / "docs")
    else:
        (target / "docs").mkdir()
        shutil.copy(ROOT / "docs" / "conversion-overrides.tsv", target / "docs")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The project built once into a temporary folder: (project root, build report)."""
    from oped.build import Project, build

    root = copy_project(tmp_path_factory.mktemp("project"))
    report = build(Project(root), strict=True, say=lambda _: None)
    return root, report
