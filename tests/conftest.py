import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent  # the code: build_docs.py, mkdocs.yml, oped/
sys.path.insert(0, str(ROOT))
# The content tests build from: a project of their own. The live seeds/ and docs/ belong to the
# editors, and no test reads them (tests/test_recipes.py holds every test module to that).
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "project"
SEED = FIXTURE / "seeds" / "000_b28a167f414ab6e6.txt"


def copy_project(target: Path, with_docs: bool = True) -> Path:
    """A copy of the test project (its seeds and editors' pages, the code's mkdocs.yml) to build in
    isolation; ``with_docs=False`` leaves out its article pages, as before the first import."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(FIXTURE / "seeds", target / "seeds")
    if with_docs:
        shutil.copytree(FIXTURE / "docs", target / "docs")
    else:
        (target / "docs").mkdir()
        shutil.copy(FIXTURE / "docs" / "conversion-overrides.tsv", target / "docs")
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
