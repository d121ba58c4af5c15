"""Every command README.md and CONTRIBUTING.md show works as written, in a copy of the
project as a fresh clone has it (with the tests' .venv beside it, as `make` made it).
Commands that run for long or run this suite (`make serve`, `make test`, `make bench`)
are checked to exist and to run what their own tests run; `make clean` is checked to
remove what the targets create."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from serving import SERVE_ARGS, SERVE_ENV, project_copy
from translated_copy import complete_translations

DOCS = ("README.md", "CONTRIBUTING.md")
# `pre-commit install` is pre-commit's own command (an optional tool), not the project's.
COMMAND = re.compile(r"`((?:[A-Z_]+=\S+ )?(?:make [a-z]+|\.venv/bin/python -m generator[^`]*))`")
# long-running or this suite; `make facts` exits 1 on the day a fact is overdue, and no
# test depends on today's date (test_facts_report.py passes the date it means)
NOT_RUN_HERE = {"make serve", "make test", "make bench", "make facts", "make check"}


def documented_commands() -> list[str]:
    """Each command line of the docs' ```sh blocks, and each command in inline code."""
    found: list[str] = []
    for name in DOCS:
        text = (ROOT / name).read_text(encoding="utf-8")
        for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
            lines = (line.split("#")[0].strip() if line.lstrip().startswith("#") else
                     line.split("  #")[0].strip() for line in block.splitlines())
            found += [line for line in lines if line]
        found += COMMAND.findall(text)
    return list(dict.fromkeys(found))


def test_the_docs_show_the_commands_this_test_expects():
    commands = documented_commands()
    for expected in ("make serve", "make test", "make validate", "make build",
                     "make translations", "make graph", "make paths", "make clean",
                     ".venv/bin/python -m generator --help",
                     "STRICT_TRANSLATIONS=true make build"):
        assert expected in commands
    # No command that only works with the environment activated.
    assert not [c for c in commands if c.startswith(("python ", "mkdocs ", "pytest"))]


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """The project as a fresh clone has it, its translations completed: the release
    commands (`--strict-translations`) are tested on a fully translated tree, not on the
    working tree, where an English-only change may leave stale texts (allowed)."""
    folder = project_copy(tmp_path_factory.mktemp("clone"))
    complete_translations(folder / "decision_tree.yaml")
    (folder / ".venv").symlink_to(ROOT / ".venv")
    (folder / ".venv-properdocs").symlink_to(ROOT / ".venv-properdocs")  # ENGINE=properdocs
    return folder


def _make_stamp() -> str:
    """The Makefile's name for the installed environment: make must not reinstall (the
    ProperDocs environment's is the same in its own folder)."""
    sums = subprocess.run("cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1",
                          shell=True, cwd=ROOT, capture_output=True, text=True, check=True)
    return f".venv/.installed-{sums.stdout.strip()}"


def run(clone: Path, command: str, dry_run: bool = False) -> subprocess.CompletedProcess:
    # As typed in a shell: not as a sub-make of `make test` (which prints its folder).
    env = {key: value for key, value in os.environ.items()
           if key not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    words = shlex.split(command)
    while "=" in words[0]:
        key, value = words.pop(0).split("=", 1)
        env[key] = value
    if words[0] == "make":
        stamp = _make_stamp()
        words[1:1] = ["-o", stamp, "-o", stamp.replace(".venv/", ".venv-properdocs/", 1)] + \
            (["-n"] if dry_run else [])
    return subprocess.run(words, cwd=clone, env=env, capture_output=True, text=True,
                          timeout=600)


def _marked(command: str):
    """A command that builds the site is a `build` test: `make check` leaves it out."""
    return pytest.param(command, marks=pytest.mark.build) if "make build" in command \
        else command


@pytest.mark.parametrize("command", [_marked(c) for c in documented_commands()
                                     if c not in NOT_RUN_HERE and c != "make clean"])
def test_each_documented_command_works(clone, command):
    result = run(clone, command)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", sorted(NOT_RUN_HERE))
def test_long_running_commands_exist(clone, command):
    result = run(clone, command, dry_run=True)
    assert result.returncode == 0, result.stderr


def test_make_serve_runs_what_its_tests_run(clone):
    """tests/test_serve.py drives `mkdocs serve` as `make serve` starts it."""
    recipe = next(line for line in run(clone, "make serve", dry_run=True).stdout.splitlines()
                  if "mkdocs serve" in line)
    for key, value in SERVE_ENV.items():
        assert f"{key}={value}" in recipe or key == "NO_MKDOCS_2_WARNING"
    assert " -m mkdocs serve " in recipe
    assert all(arg in recipe.split() for arg in SERVE_ARGS)


def test_make_clean_removes_what_the_targets_create(clone):
    made = [clone / "site" / "index.html", clone / "build" / "generated" / "x.md",
            clone / ".pytest_cache" / "x", clone / ".hypothesis" / "x",
            clone / "parcel_help.egg-info" / "PKG-INFO", clone / "generator" / "__pycache__" / "x"]
    for path in made:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    result = run(clone, "make clean")
    assert result.returncode == 0, result.stderr
    assert [p for p in made if p.parent.exists()] == []
    assert (clone / ".venv").is_symlink()  # the environment stays


def test_make_serve_takes_a_port_and_says_when_it_is_taken(clone):
    dry = run(clone, "make serve PORT=8123", dry_run=True).stdout
    assert "--dev-addr 127.0.0.1:8123" in dry
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(clone, f"make serve PORT={port}")
    assert result.returncode != 0
    assert result.stdout == ""
    ours = [line for line in result.stderr.splitlines() if not line.startswith("make:")]
    assert ours == [f"Port {port} is in use (another make serve?): stop it, or run "
                    f"make serve PORT={port + 1}"]
