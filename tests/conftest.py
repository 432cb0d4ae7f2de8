import os
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
    report = build(Project(root), strict=True)
    return root, report


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by playwright (required in CI, skipped elsewhere if missing)."""
    from .search_runner import CHROMIUM, FLAGS

    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            raise RuntimeError(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def served(built_site):
    """The built project's site/ on a loopback address."""
    from .search_runner import serving

    root, _ = built_site
    with serving(root / "site") as url:
        yield url
