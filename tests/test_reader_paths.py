"""What reviewers see: every path a reader can take (`generator paths`), and what a
change does to them (`generator diff`, written into a pull request's job summary)."""

from __future__ import annotations

import os
import subprocess
import sys

import yaml

from generator.pipeline import load_site
from generator.reader_paths import diff, paths_text

from conftest import FIXTURES, ROOT


def valid_text() -> str:
    return (FIXTURES / "valid_tree.yaml").read_text(encoding="utf-8")


def tree_of(tmp_path, text: str, name: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_site(path).tree


def test_paths_list_each_way_from_the_start_to_an_outcome():
    # start: "It is lost" -> lost: "Not yet" -> open-dispute, "Yes" -> empty;
    # start: "It came empty" -> empty. Depth first, in answer order.
    assert paths_text(load_site(FIXTURES / "valid_tree.yaml").tree) == (
        "It is lost > Not yet => open-dispute: Open a dispute\n"
        "It is lost > Yes => empty: Go to the post office\n"
        "It came empty => empty: Go to the post office\n")


def test_the_cli_prints_the_paths():
    result = subprocess.run([sys.executable, "-m", "generator", "paths",
                             str(FIXTURES / "valid_tree.yaml")], cwd=ROOT,
                            capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == "It is lost > Not yet => open-dispute: Open a dispute"


def test_a_changed_next_shows_as_a_path_ending_elsewhere(tmp_path):
    base = tree_of(tmp_path, valid_text(), "base.yaml")
    changed = valid_text().replace('      - label: "Yes"\n        next: empty',
                                   '      - label: "Yes"\n        next: open-dispute')
    assert changed != valid_text()
    head = tree_of(tmp_path, changed, "head.yaml")
    assert diff(base, head) == (
        "## What readers will see differently\n\n"
        "### Paths now ending in another outcome (1)\n\n"
        "- It is lost &gt; Yes → **open\\-dispute** (Open a dispute), was **empty** "
        "(Go to the post office)\n")


def test_new_steps_changed_advice_and_figures_are_listed(tmp_path):
    base = tree_of(tmp_path, valid_text(), "base.yaml")
    text = valid_text().replace("    value: 5\n", "    value: 7\n", 1)
    text = text.replace("summary: Weigh the parcel.", "summary: Weigh the parcel first.")
    text = text.replace("      - label: It came empty\n        next: empty\n",
                        "      - label: It came empty\n        next: empty\n"
                        "      - label: Something else\n        next: open-dispute\n")
    head = tree_of(tmp_path, text, "head.yaml")
    assert diff(base, head) == (
        "## What readers will see differently\n\n"
        "### Paths added (1)\n\n"
        "- Something else → **open\\-dispute** (Open a dispute)\n\n"
        "### Outcomes whose advice changed (1)\n\n"
        "- **empty** (Go to the post office): summary\n\n"
        "### Facts whose figures changed (1)\n\n"
        "- **seller\\_response\\_days** (Seller's time to answer a dispute): 5 days → 7 days\n")


def test_no_change_says_so_and_the_cli_takes_two_files(tmp_path):
    base = tmp_path / "base.yaml"
    base.write_text(valid_text(), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "diff", str(base),
                             str(FIXTURES / "valid_tree.yaml")], cwd=ROOT,
                            capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == ("## What readers will see differently\n\n"
                             "No path, outcome or figure changes.\n")


def test_the_pull_request_workflow_writes_the_difference_into_the_job_summary(tmp_path):
    """Run the workflow's step as GitHub would, in a clone whose pull request changes
    one answer's `next` against its base branch."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/test.yml").read_text())
    step = next(s for job in workflow["jobs"].values() for s in job["steps"]
                if s.get("name") == "Show what readers will see differently")
    assert step["if"] == "github.event_name == 'pull_request'"

    origin, clone = tmp_path / "origin", tmp_path / "clone"
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    origin.mkdir()
    subprocess.run(git + ["init", "-q", "-b", "main"], cwd=origin, check=True)
    (origin / "decision_tree.yaml").write_text(valid_text(), encoding="utf-8")
    subprocess.run(git + ["add", "."], cwd=origin, check=True)
    subprocess.run(git + ["commit", "-qm", "base"], cwd=origin, check=True)
    subprocess.run(git + ["clone", "-q", str(origin), str(clone)], check=True)
    (clone / "decision_tree.yaml").write_text(valid_text().replace(
        '      - label: "Yes"\n        next: empty', '      - label: "Yes"\n        next: open-dispute'),
        encoding="utf-8")
    (clone / ".venv").symlink_to(ROOT / ".venv")  # what `make validate` set up
    summary = tmp_path / "summary.md"
    env = dict(os.environ, HOME=str(tmp_path), GITHUB_WORKSPACE=str(clone),
               RUNNER_TEMP=str(tmp_path), GITHUB_STEP_SUMMARY=str(summary),
               BASE_REF="main")
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=clone, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert summary.read_text(encoding="utf-8") == (
        "## What readers will see differently\n\n"
        "### Paths now ending in another outcome (1)\n\n"
        "- It is lost &gt; Yes → **open\\-dispute** (Open a dispute), was **empty** "
        "(Go to the post office)\n")
