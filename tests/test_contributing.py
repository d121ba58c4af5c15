"""What a contributor relies on: CONTRIBUTING.md's worked example works word for word,
the pull-request automation is well-formed, and the pre-commit hook runs the checker."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.pipeline import check_site

from conftest import ROOT
from site_data import tree_at
from translated_copy import TRANSLATED, complete_translations

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def example_section() -> str:
    return GUIDE.split("## A worked example", 1)[1].split("\n## ", 1)[0]


def worked_example() -> list[str]:
    """The YAML blocks of the worked example, in the order the reader pastes them."""
    return re.findall(r"```yaml\n(.*?)```", example_section(), flags=re.S)


def paste_after(text: str, anchor: str, block: str, after: str = "") -> str:
    """Paste block on the line after the first line that is `anchor` (ignoring its
    indentation), looking only below the line `after` when given."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip() == after) if after else 0
    at = next(i for i, line in enumerate(lines) if i >= start and line.strip() == anchor)
    return "".join(lines[:at + 1]) + block + "".join(lines[at + 1:])


def apply_worked_example(tree_text: str) -> str:
    """Do what the example's steps say, as a reader following them would."""
    fact, answer, nodes = worked_example()
    # The places the steps name must be where the text says they are.
    assert "find the line `facts:`" in GUIDE
    assert "Find `other-problems:` under `nodes:`" in GUIDE
    assert "right after the line `next: general-help`" in GUIDE.replace("\n", " ")
    assert "Go to the very end of the file and paste" in GUIDE
    text = paste_after(tree_text, "facts:", fact)
    text = paste_after(text, "next: general-help", answer,
                       after="  other-problems:")
    return text + ("" if text.endswith("\n") else "\n") + nodes


def step4_tables() -> dict[str, dict[str, str]]:
    """Step 4's table: for each language column ("Name (code)"), English text -> text."""
    rows = [[cell.strip() for cell in line.strip("|").split(" | ")]
            for line in re.findall(r"^\|.+\|$", example_section(), flags=re.M)]
    header, *body = [row for row in rows if row[0] != "---"]
    codes = [re.search(r"\((\w+)\)$", name).group(1) for name in header[1:]]
    return {code: {row[0]: row[1 + i] for row in body} for i, code in enumerate(codes)}


def first_table() -> dict[str, str]:
    """Step 4's table, the first language's column (each column has every text)."""
    return next(iter(step4_tables().values()))


def translate_all(clone: Path) -> None:
    """Step 4 for every language the table has a column for."""
    assert set(step4_tables()) == set(TRANSLATED)
    for lang in step4_tables():
        translate_todo_entries(clone / "translations" / f"{lang}.yaml", lang)


def translate_todo_entries(path: Path, lang: str) -> None:
    """What step 4 asks: every `todo: true` entry gets its text, the todo line goes."""
    table = step4_tables()[lang]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    todo = []

    def walk(value):
        if isinstance(value, dict):
            if value.get("todo") is True:
                todo.append(value)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    # The example's texts (a branch may hold other texts waiting for their translation).
    ours = [entry for entry in todo if " ".join(entry["text"].split()) in table]
    assert sorted(" ".join(entry["text"].split()) for entry in ours) == sorted(table)
    for entry in ours:
        entry["text"] = table[" ".join(entry["text"].split())]
        del entry["todo"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=88),
                    encoding="utf-8")


DATA_FILES = ("decision_tree.yaml", *(f"translations/{lang}.yaml" for lang in TRANSLATED),
              "tools.yaml")


def committed(name: str) -> str:
    """A data file as the last commit has it: a contributor who practised the example
    in the working tree still gets a green suite."""
    return subprocess.run(["git", "show", f"HEAD:{name}"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout


def fresh_copy(dest: Path) -> Path:
    """The project as a fresh clone has it (no virtualenv, no build output; the data
    files as committed), so the example runs with everything beside the tree."""
    # .venv-*: ProperDocs' environment (189 MB, which `make test` makes) is no part of
    # a clone; copying it was most of what each of these tests cost.
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(
        ".git", ".venv", ".venv-*", "node_modules", "site", "build", ".pytest_cache",
        ".hypothesis", "__pycache__", "*.egg-info"))
    for name in DATA_FILES:
        (dest / name).write_text(committed(name), encoding="utf-8")
    # An English-only pull request may leave stale translated texts: the example's promise
    # of "0 warnings" is about its own texts, so the copy starts fully translated.
    complete_translations(dest / "decision_tree.yaml")
    return dest


def run(clone: Path, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *command], cwd=clone, capture_output=True, text=True,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))


def test_an_english_only_contributor_skipping_step_4_passes(tmp_path):
    """Step 4 is optional: each new text is a warning, the build passes."""
    clone = fresh_copy(tmp_path / "clone")
    tree = clone / "decision_tree.yaml"
    tree.write_text(apply_worked_example(tree.read_text("utf-8")), encoding="utf-8")
    check = run(clone, "-m", "generator", "validate", "decision_tree.yaml")
    assert check.returncode == 0, check.stderr
    warnings = check.stderr.splitlines()
    assert len(warnings) == len(first_table()) * len(TRANSLATED)  # in each language
    for lang in TRANSLATED:
        assert len([w for w in warnings if f"has no {lang} text" in w]) == len(first_table())
    assert all(": warning: " in w for w in warnings)
    assert check.stdout == f"decision_tree.yaml: valid ({len(warnings)} warning(s))\n"


@pytest.mark.build
def test_the_worked_example_makes_a_valid_tree_and_a_passing_build(tmp_path):
    assert len(worked_example()) == 3
    clone = fresh_copy(tmp_path / "clone")
    tree = clone / "decision_tree.yaml"
    tree.write_text(apply_worked_example(tree.read_text("utf-8")), encoding="utf-8")

    # Step 4: each language's text, added by the command and translated as the table says.
    assert "```sh\nmake translations\n```" in example_section()
    update = run(clone, "-m", "generator", "translations", "--update")
    assert update.returncode == 0, update.stderr
    translate_all(clone)

    # Step 5, `make validate`: valid, with no warnings, as the guide promises.
    check = run(clone, "-m", "generator", "validate", "decision_tree.yaml")
    assert (check.returncode, check.stderr) == (0, "")
    assert check.stdout == "decision_tree.yaml: valid (0 warning(s))\n"

    # The new steps are in the tree, reachable from the first question.
    new_tree = tree_at(tree)
    assert {"review-offer-asked", "honest-review"} <= set(new_tree.reachable(new_tree.start))
    assert "feedback_window_days" in new_tree.facts

    # Step 5's build (`make build`): it passes, with the new step on the questionnaire.
    build = run(clone, "-m", "mkdocs", "build", "--strict")
    assert build.returncode == 0, build.stdout + build.stderr
    # each new step has its own page
    page = (clone / "site" / "questionnaire" / "honest-review" / "index.html").read_text(
        encoding="utf-8")
    assert 'id="honest-review"' in page
    assert "30 days after the" in page  # the fact, filled in
    assert "review-offer-asked" in (clone / "site" / "map" / "index.html").read_text("utf-8")
    # each language's page has step 4's text for the new question, none left in English
    question = new_tree.nodes["review-offer-asked"].title
    for lang, table in step4_tables().items():
        translated = (clone / "site" / lang / "questionnaire" / "review-offer-asked" /
                      "index.html").read_text("utf-8")
        assert table[question] in translated
        assert 'class="untranslated"' not in translated


def test_the_guide_shows_the_real_checker_message(tmp_path):
    """Step 4 quotes what a typo gives; the checker must still say exactly that."""
    tree = tmp_path / "decision_tree.yaml"
    text = apply_worked_example(committed("decision_tree.yaml"))
    tree.write_text(text.replace("next: review-offer-asked", "next: review-offer-askd"),
                    encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        assert main(["validate", str(tree)]) == 1
    quoted = "no node 'review-offer-askd'; did you mean 'review-offer-asked'?"
    assert quoted in GUIDE
    assert quoted in err.getvalue().splitlines()[0]


# The workflows: test_workflows.py.


def test_pull_request_template_has_a_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text()
    items = re.findall(r"^- \[ \] (.+)$", template, flags=re.M)
    assert len(items) >= 4
    assert any("make validate" in item for item in items)
    assert any("make test" in item for item in items)
    assert any("make check" in item for item in items)


def test_pre_commit_hook_runs_the_checker():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    hook = next(h for h in hooks if h["id"] == "validate-tree")
    # Every file the pipeline reads, and the code that reads it, triggers the check.
    read = check_site(ROOT / "decision_tree.yaml").files
    assert len(read) == 2 + len(TRANSLATED)  # the tree, tools.yaml, each translation
    for path in [Path(f).relative_to(ROOT).as_posix() for f in read] + \
            ["decision_tree.schema.json", "tools.schema.json"] + \
            [f"generator/locales/{lang}.yaml" for lang in TRANSLATED]:
        assert re.search(hook["files"], path), path
    # `make validate` is the same command the guide and CI use; it must run the checker.
    makefile = (ROOT / "Makefile").read_text()
    assert hook["entry"] == "make validate"
    assert re.search(r"^validate:.*\n\t\$\(PY\) -m generator validate decision_tree\.yaml$",
                     makefile, flags=re.M)


# --- the practice run leaves no trace -------------------------------------------------

def practice_commands() -> list[str]:
    """The git commands the guide gives for practising on a branch, and for undoing."""
    paragraph = next(p for p in example_section().split("\n\n") if "Practise on a branch" in p)
    return re.findall(r"`(git [^`]+)`", paragraph.replace("\n", " "))


def git(clone: Path, command: str) -> str:
    result = subprocess.run(command.split(), cwd=clone, capture_output=True, text=True,
                            env=dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
                                     GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t"))
    assert result.returncode == 0, f"{command}: {result.stderr}"
    return result.stdout


def practise(clone: Path) -> None:
    """Steps 1 to 4 of the worked example, as a reader does them."""
    tree = clone / "decision_tree.yaml"
    tree.write_text(apply_worked_example(tree.read_text("utf-8")), encoding="utf-8")
    assert run(clone, "-m", "generator", "translations", "--update").returncode == 0
    translate_all(clone)


def test_the_practice_run_on_a_branch_or_undone_leaves_the_branch_as_it_was(tmp_path):
    """Both ways the guide gives leave the branch byte for byte as committed, so the
    suite that passes on the commit passes after the practice."""
    switch, back, delete, undo = practice_commands()
    assert (switch, back, delete) == ("git switch -c practice-run", "git switch -",
                                      "git branch -D practice-run")
    assert undo.startswith("git restore ")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    committed_files = {name: (clone / name).read_bytes() for name in DATA_FILES}

    def as_committed() -> bool:
        return git(clone, "git status --porcelain") == "" and \
            {name: (clone / name).read_bytes() for name in DATA_FILES} == committed_files

    # On a branch of its own, committed there, then left.
    git(clone, switch)
    practise(clone)
    git(clone, "git commit --quiet -am practice")
    git(clone, back)
    git(clone, delete)
    assert as_committed()
    # On one's own branch, then undone with the guide's command.
    practise(clone)
    assert not as_committed()
    git(clone, undo)
    assert as_committed()
    check = run(clone, "-m", "generator", "validate", "decision_tree.yaml")
    assert check.returncode == 0, check.stderr


def test_an_english_only_pull_request_has_translation_warnings_only(tmp_path):
    """The contributor's changes of tests/contributor_changes.py (reworded answer,
    question and step, a new question with its outcome): valid, every warning a text
    whose translation is missing or stale. (bench/english_only_pr.sh runs `make check` and
    `make test` on the same change, committed on a clone.)"""
    from contributor_changes import REWORDED, apply

    clone = fresh_copy(tmp_path / "clone")
    tree = clone / "decision_tree.yaml"
    before = tree.read_text(encoding="utf-8").count(REWORDED)
    new_question, new_outcome = apply(tree)
    assert tree.read_text(encoding="utf-8").count(REWORDED) == before + 3
    check = run(clone, "-m", "generator", "validate", "decision_tree.yaml")
    assert check.returncode == 0, check.stderr
    new_tree = tree_at(tree)
    assert {new_question, new_outcome} <= set(new_tree.reachable(new_tree.start))
    warnings = check.stderr.splitlines()
    assert len([w for w in warnings if ": stale: " in w]) == 3 * len(TRANSLATED)  # reworded, each language
    # the new answer, question (title, 2 answers) and outcome (title, summary, 2 steps,
    # deadline; its source's name too unless an earlier change brought it)
    for lang in TRANSLATED:
        assert len([w for w in warnings if f"has no {lang} text" in w]) in (9, 10)
    assert all(": warning: " in w for w in warnings)
