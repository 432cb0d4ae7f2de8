"""The GitHub workflows: the deploy waits for the tests, nothing runs unbounded, actions are current."""

import re

import yaml

from .conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
# The majors that run on Node.js 24 (Node 20 actions no longer run on GitHub's runners).
CURRENT = {
    "actions/checkout": 7,
    "actions/cache": 6,
    "actions/upload-artifact": 7,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


def load(name):
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def test_pages_deploys_only_what_passed_the_tests_from_the_default_branch():
    pages = load("pages.yml")
    jobs = pages["jobs"]
    assert jobs["test"]["uses"] == "./.github/workflows/check.yml"
    assert jobs["test"]["if"] == "github.ref_name == github.event.repository.default_branch"
    assert (jobs["build"]["needs"], jobs["deploy"]["needs"]) == ("test", "build")
    assert "workflow_call" in load("check.yml")[True]  # YAML reads the key `on` as True
    build = "\n".join(str(step) for step in jobs["build"]["steps"])
    assert "steps.pages.outputs.base_url" in build and "github.event.repository.default_branch" in build


def test_every_job_has_a_timeout_and_pull_requests_cancel_older_runs():
    for name in ("check.yml", "pages.yml"):
        for job_name, job in load(name)["jobs"].items():
            assert "uses" in job or job.get("timeout-minutes"), f"{name}: {job_name}"
    assert load("check.yml")["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def test_actions_are_current_versions():
    used = re.findall(r"uses: (actions/[\w-]+)@v(\d+)", "".join(p.read_text(encoding="utf-8") for p in WORKFLOWS.glob("*.yml")))
    assert used and [(action, int(major)) for action, major in used if int(major) != CURRENT[action]] == []
