"""What reviewers see: every path a reader can take (`generator paths`), and what a
change does to them (`generator diff`, written into a pull request's job summary)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import yaml

from generator.pipeline import load_site
from generator.reader_paths import PATHS_SHOWN, diff, path_counts, paths_text

from conftest import FIXTURES, ROOT
from data_copy import LANG, TITLES, TRANSLATION, TOOLS, DataCopy
from markdown_inert import PAYLOAD, assert_inert, read
from site_data import SITE, TREE


def valid_text() -> str:
    return (FIXTURES / "valid_tree.yaml").read_text(encoding="utf-8")


def tree_of(tmp_path, text: str, name: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_site(path).tree


def site_of(tmp_path, text: str, name: str):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "decision_tree.yaml").write_text(text, encoding="utf-8")
    return load_site(folder / "decision_tree.yaml")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT,
                          capture_output=True, text=True)


def test_paths_give_each_outcome_its_number_of_paths_and_the_shortest():
    # start: "It is lost" -> lost: "Not yet" -> open-dispute, "Yes" -> empty;
    # start: "It came empty" -> empty.
    tree = load_site(FIXTURES / "valid_tree.yaml").tree
    assert path_counts(tree)["open-dispute"] == 1 and path_counts(tree)["empty"] == 2
    lines = paths_text(tree).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("open-dispute: Open a dispute") and "1 path" in lines[0]
    assert lines[0].endswith("It is lost > Not yet")
    assert lines[1].startswith("empty: Go to the post office") and "2 path" in lines[1]
    assert lines[1].endswith(": It came empty")


def test_the_cli_prints_the_paths():
    result = _run("paths", str(FIXTURES / "valid_tree.yaml"))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == paths_text(load_site(FIXTURES / "valid_tree.yaml").tree)


def _texts_changed(summary: str) -> list[tuple[str, ...]]:
    """Each listed change under "Texts changed": its code spans (place, before, after)."""
    section = summary.split("### Texts changed", 1)[1].split("\n### ", 1)[0]
    return [tuple(read(line)[0]) for line in section.splitlines() if line.startswith("- ")]


def test_a_changed_next_shows_as_a_path_ending_elsewhere(tmp_path):
    base = site_of(tmp_path, valid_text(), "base")
    head = site_of(tmp_path, valid_text().replace(
        '      - label: "Yes"\n        next: empty', '      - label: "Yes"\n        next: open-dispute'),
        "head")
    summary = diff(base, head)
    assert "### Paths new or now ending in another outcome (1)" in summary
    changed = [line for line in summary.splitlines() if line.startswith("- `It is lost`")]
    assert read(changed[0])[0] == ["It is lost", "Yes", "open-dispute", "Open a dispute",
                                   "empty", "Go to the post office"]
    assert "Texts changed" not in summary


def test_swapped_labels_and_a_reworded_question_are_shown_before_and_after(tmp_path):
    """No path changes: the same answers lead to the same places; only words do."""
    base = site_of(tmp_path, valid_text(), "base")
    text = valid_text().replace("label: It is lost", "label: SWAP").replace(
        "label: It came empty", "label: It is lost").replace("label: SWAP", "label: It came empty")
    text = text.replace("title: Has the protection timer ended?", "title: Is it over?")
    head = site_of(tmp_path, text, "head")
    assert _texts_changed(diff(base, head)) == [
        ("nodes.start.answers.0.label", "It is lost", "It came empty"),
        ("nodes.start.answers.1.label", "It came empty", "It is lost"),
        ("nodes.lost.title", "Has the protection timer ended?", "Is it over?")]


def test_new_paths_advice_and_figures_are_listed(tmp_path):
    base = site_of(tmp_path, valid_text(), "base")
    text = valid_text().replace("    value: 5\n", "    value: 7\n", 1)
    text = text.replace("summary: Weigh the parcel.", "summary: Weigh the parcel first.")
    text = text.replace("      - label: It came empty\n        next: empty\n",
                        "      - label: It came empty\n        next: empty\n"
                        "      - label: Something else\n        next: open-dispute\n")
    head = site_of(tmp_path, text, "head")
    summary = diff(base, head)
    added = [line for line in summary.splitlines() if line.startswith("- `Something else`")]
    assert read(added[0])[0] == ["Something else", "open-dispute", "Open a dispute"]
    assert _texts_changed(summary) == [
        ("facts.seller_response_days.value", "5", "7"),
        ("nodes.start.answers.2.label", "Something else"),  # new: no "before"
        ("nodes.empty.summary", "Weigh the parcel.", "Weigh the parcel first.")]


def test_translations_and_tools_texts_are_in_the_summary(tmp_path):
    """The project's own files: a translated title (another of its titles in its place)
    and a message of tools.yaml changed."""
    base, head = DataCopy(tmp_path / "base"), DataCopy(tmp_path / "head")
    node = next(iter(head.data[TRANSLATION]["nodes"]))
    current = head.data[TRANSLATION]["nodes"][node]["title"]["text"]
    new_title = next(title for title in TITLES if title != current)
    head.set(TRANSLATION, ("nodes", node, "title", "text"), new_title)
    head.set(TOOLS, ("messages", 0, "situation"), "A new situation")
    meaning = "{order} {tracking} {date}"  # a new meaning (of the same slots)
    head.set(TRANSLATION, ("tools", "messages", 0, "text", "text"), meaning)
    summary = diff(base.check().site, head.check().site)
    places = {change[0]: change[1:] for change in _texts_changed(summary)}
    assert places[f"{LANG}: nodes.{node}.title"][1] == new_title
    assert places["tools.yaml: messages.0.situation"][1] == "A new situation"
    assert places[f"{LANG}: tools.yaml: messages.0.meaning"][1] == meaning


def test_every_contributor_text_in_the_summary_is_inert(tmp_path):
    base = site_of(tmp_path, valid_text(), "base")
    text = valid_text().replace("label: It is lost", f"label: {json.dumps(PAYLOAD)}")
    text = text.replace("title: Open a dispute", f"title: {json.dumps(PAYLOAD)}")
    head = site_of(tmp_path, text, "head")
    summary = diff(base, head)
    assert_inert(summary)
    assert read(summary)[0].count(PAYLOAD) >= 3  # the label, the title, in paths and texts


def chain_tree(questions: int) -> str:
    """The fixture with its questions replaced by a chain: each of `questions` questions
    has two answers that both lead to the next; the last one's lead to the outcomes.
    2 ** questions paths."""
    data = yaml.safe_load(valid_text())
    outcomes = {k: v for k, v in data["nodes"].items() if v["type"] == "outcome"}
    names = ["start"] + [f"q{i}" for i in range(1, questions)]
    nodes = {}
    for index, name in enumerate(names):
        after = names[index + 1:index + 2] * 2 or list(outcomes)
        nodes[name] = {"type": "question", "title": f"Question {index}?",
                       "answers": [{"label": f"Answer {index}.{a}", "next": nxt}
                                   for a, nxt in enumerate(after)]}
    data["nodes"] = nodes | outcomes
    return yaml.safe_dump(data, sort_keys=False)


def test_a_chain_of_18_questions_is_counted_not_listed(tmp_path):
    """262,144 paths: the summary counts them, lists a few, and stays small."""
    base = tmp_path / "base" / "decision_tree.yaml"
    base.parent.mkdir()
    base.write_text(chain_tree(18), encoding="utf-8")
    head = tmp_path / "head" / "decision_tree.yaml"
    head.parent.mkdir()
    # the last question's answers now lead to each other's outcome: every path changes
    head.write_text(chain_tree(18).replace("next: empty", "next: SWAP").replace(
        "next: open-dispute", "next: empty").replace("next: SWAP", "next: open-dispute"),
        encoding="utf-8")
    paths = _run("paths", str(head))
    assert paths.returncode == 0, paths.stderr
    assert f"{2 ** 17} path" in paths.stdout and len(paths.stdout.encode()) < 10_000
    summary = _run("diff", str(base), str(head))
    assert summary.returncode == 0, summary.stderr
    assert f"### Paths new or now ending in another outcome ({2 ** 18})" in summary.stdout
    assert len(summary.stdout.encode("utf-8")) < 512 * 1024
    listed = [line for line in summary.stdout.splitlines() if line.startswith("- `Answer")]
    assert 0 < len(listed) <= 2 * PATHS_SHOWN


def test_the_summary_stays_under_its_budget_however_many_texts_change(tmp_path):
    """1,200 labels of 170 characters changed (2 ** 600 paths, each changed)."""
    base = site_of(tmp_path, chain_tree(600), "base")
    head = site_of(tmp_path, chain_tree(600).replace("Answer", "A longer answer " * 10),
                   "head")
    summary = diff(base, head)
    assert len(summary.encode("utf-8")) < 1024 * 1024 // 2
    assert f"### Texts changed ({2 * 600})" in summary
    assert len(_texts_changed(summary)) < 2 * 600


def test_no_change_says_so_and_the_cli_takes_two_files(tmp_path):
    base = tmp_path / "base.yaml"
    base.write_text(valid_text(), encoding="utf-8")
    result = _run("diff", str(base), str(FIXTURES / "valid_tree.yaml"))
    assert (result.returncode, result.stderr) == (0, "")
    assert "###" not in result.stdout and len(result.stdout.splitlines()) == 3


def test_the_pull_request_workflow_writes_the_difference_into_the_job_summary(tmp_path):
    """Run the workflow's step as GitHub would, in a clone of the project's data files
    whose pull request rewords the first question against its base branch: the base's
    translations and tools come along, so only the change is listed."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/test.yml").read_text())
    step = next(s for job in workflow["jobs"].values() for s in job["steps"]
                if s.get("name") == "Show what readers will see differently")
    assert step["if"] == "github.event_name == 'pull_request'"

    origin, clone = tmp_path / "origin", tmp_path / "clone"
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    origin.mkdir()
    subprocess.run(git + ["init", "-q", "-b", "main"], cwd=origin, check=True)
    for name in ("decision_tree.yaml", "tools.yaml", "translations"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, origin / name)
    subprocess.run(git + ["add", "."], cwd=origin, check=True)
    subprocess.run(git + ["commit", "-qm", "base"], cwd=origin, check=True)
    subprocess.run(git + ["clone", "-q", str(origin), str(clone)], check=True)
    start = TREE.nodes[TREE.start]
    text = (clone / "decision_tree.yaml").read_text(encoding="utf-8")
    assert text.count(f"title: {start.title}\n") == 1
    (clone / "decision_tree.yaml").write_text(
        text.replace(f"title: {start.title}\n", "title: Reworded?\n"), encoding="utf-8")
    (clone / ".venv").symlink_to(ROOT / ".venv")  # what `make validate` set up
    summary = tmp_path / "summary.md"
    env = dict(os.environ, HOME=str(tmp_path), GITHUB_WORKSPACE=str(clone),
               RUNNER_TEMP=str(tmp_path), GITHUB_STEP_SUMMARY=str(summary),
               BASE_REF="main")
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=clone, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    shown = summary.read_text(encoding="utf-8")
    assert "### Paths" not in shown
    changes = _texts_changed(shown)
    assert (f"nodes.{start.id}.title", start.title, "Reworded?") in changes
    # every other language shows the English until translated again: nothing else
    assert {change[0] for change in changes} == {
        f"{prefix}nodes.{start.id}.title" for prefix in
        ["", *(f"{lang}: " for lang in SITE.languages if lang != "en")]}
