"""The GitHub workflows (.github/workflows/): GitHub's schema, actionlint (which knows
each action's runtime: node20 is being removed) and zizmor (security analysis) find
nothing; what they cannot know about this project is asserted here."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT, SITE_URL

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
BIN = Path(sys.executable).parent


def _load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", ())]


def _tool(name: str) -> str:
    found = BIN / name
    assert found.is_file(), f"{name} is missing: `make test` installs it (pyproject test extras)"
    return str(found)


def test_the_workflows_are_these():
    assert [w.name for w in FILES] == ["deploy.yml", "facts.yml", "test.yml"]


def test_workflows_pass_githubs_schema():
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                             "vendor.github-workflows", *map(str, FILES)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_nothing():
    result = subprocess.run([_tool("actionlint"), "-no-color", *map(str, FILES)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing(tmp_path):
    """Offline: the audits that need GitHub's API cannot run here. The workflows alone,
    copied, so nothing else in the work tree is collected."""
    shutil.copytree(WORKFLOWS, tmp_path / ".github" / "workflows")
    result = subprocess.run([_tool("zizmor"), "--offline", "--no-progress", "--color=never",
                             str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_with_its_version_named():
    for path in FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            uses = re.search(r"uses: (\S+)(.*)", line)
            if uses and not uses.group(1).startswith("./"):
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses.group(1)), line
                assert re.fullmatch(r" # v\d+(\.\d+)*", uses.group(2)), line


def test_no_checkout_keeps_its_token():
    for path in FILES:
        for step in _steps(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, path.name


def test_pull_requests_run_the_test_suite_with_git_trusted_on_every_event():
    workflow = _load("test.yml")
    assert {"pull_request", "workflow_call"} <= set(workflow[True])  # YAML 1.1: on = true
    steps = _steps(workflow)
    runs = [step.get("run", "") for step in steps]
    trust = next(i for i, run in enumerate(runs) if "safe.directory" in run)
    assert "if" not in steps[trust]
    assert trust < runs.index("make test") and trust < runs.index("make validate")


def test_main_is_deployed_only_after_the_tests_and_built_without_the_test_extras():
    workflow = _load("deploy.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    assert jobs["test"]["uses"] == "./.github/workflows/test.yml"
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    build = " ".join(step.get("run", "") for step in jobs["build"]["steps"])
    assert "-e ." in build and "[test]" not in build and "mkdocs build --strict" in build
    upload = next(s for s in jobs["build"]["steps"]
                  if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"  # where the build writes the site
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {}


def test_a_weekly_workflow_puts_the_facts_report_in_its_summary():
    workflow = _load("facts.yml")
    assert workflow[True]["schedule"]
    script = " ".join(step.get("run", "") for step in _steps(workflow))
    assert "python -m generator facts" in script and "GITHUB_STEP_SUMMARY" in script


def test_the_site_address_is_this_repositorys_github_pages_and_a_fork_sets_its_own(site_dir):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    owner, repo = re.search(r"^repo_url: https://github\.com/([^/\s]+)/([^/\s]+)$", config,
                            re.M).groups()
    default = re.search(r'^site_url: !ENV \[SITE_URL, "(\S+)"\]$', config, re.M)[1]
    assert default == f"https://{owner}.github.io/{repo}/"
    # the tests' builds set SITE_URL (conftest.py): the sitemap takes it
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}questionnaire/</loc>" in sitemap
    build = next(job for job in _load("deploy.yml")["jobs"].values()
                 if any("mkdocs build" in step.get("run", "") for step in job.get("steps", ())))
    env = next(step["env"] for step in build["steps"] if "mkdocs build" in step.get("run", ""))
    assert env["SITE_URL"] == ("https://${{ github.repository_owner }}.github.io/"
                               "${{ github.event.repository.name }}/")
    assert "SITE_URL=" in (ROOT / "README.md").read_text(encoding="utf-8")
