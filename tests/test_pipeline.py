"""The pipeline is the one way in: each data file is read once per build, nothing but
the adapter imports mkdocs, and every entry point gets the same checked data."""

from __future__ import annotations

import ast
import builtins
import io
import pathlib
import shutil
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import FrozenInstanceError

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import i18n
from generator.cli import main
from generator.pipeline import check_site, load_site

from conftest import FIXTURES, ROOT
from site_data import SITE
from translated_copy import TRANSLATED

TRANSLATIONS = [ROOT / "translations" / f"{lang}.yaml" for lang in TRANSLATED]
DATA_FILES = {ROOT / "decision_tree.yaml", ROOT / "tools.yaml", *TRANSLATIONS}


LOCALE_FILES = {ROOT / "generator" / "locales" / f"{lang}.yaml" for lang in ("en", *TRANSLATED)}


def count_reads(monkeypatch, files: set) -> Counter:
    """Counted where Python reads any file (Path.read_bytes, Path.read_text, open), so a
    second read by any route shows up."""
    reads: Counter = Counter()

    def counted(original, path_of):
        def read(*args, **kwargs):
            path = pathlib.Path(path_of(*args)).resolve()
            if path in files:
                reads[f"{path.parent.name}/{path.name}"] += 1
            return original(*args, **kwargs)
        return read

    monkeypatch.setattr(pathlib.Path, "read_bytes",
                        counted(pathlib.Path.read_bytes, lambda self: self))
    monkeypatch.setattr(pathlib.Path, "read_text",
                        counted(pathlib.Path.read_text, lambda self, *a: self))
    monkeypatch.setattr(builtins, "open", counted(builtins.open, lambda file, *a: file))
    return reads


@pytest.mark.parametrize("command", [["validate"], ["translations"], ["translations", "--update"]])
def test_each_command_reads_each_file_once(tmp_path, monkeypatch, command):
    """The command line takes the pipeline's result like the build: `translations
    --update` reads the tree, tools.yaml, each translation and each locale once (it
    writes a translation, and reads back nothing)."""
    for name in ("decision_tree.yaml", "tools.yaml", "languages.yaml", "translations"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, tmp_path / name)
    copies = {tmp_path / path.relative_to(ROOT) for path in DATA_FILES}
    reads = count_reads(monkeypatch, copies | LOCALE_FILES)
    monkeypatch.setattr(i18n, "_installed", {})  # as a new process starts
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        assert main([*command[:1], str(tmp_path / "decision_tree.yaml"), *command[1:]]) == 0
    assert reads == {f"{path.parent.name}/{path.name}": 1 for path in copies | LOCALE_FILES}


@pytest.mark.build
def test_a_build_reads_each_data_file_once(tmp_path, monkeypatch):
    reads = count_reads(monkeypatch, DATA_FILES | LOCALE_FILES)
    monkeypatch.setattr(i18n, "_installed", {})
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)
    assert reads == {f"{path.parent.name}/{path.name}": 1 for path in DATA_FILES | LOCALE_FILES}
    for lang in TRANSLATED:
        assert (tmp_path / "site" / lang / "tools" / "tracking" / "index.html").is_file()


def test_only_the_adapter_imports_mkdocs():
    importers = []
    for module in (ROOT / "generator").rglob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(name == "mkdocs" or name.startswith("mkdocs.") for name in names):
                importers.append(module.relative_to(ROOT).as_posix())
    assert importers and all(path.startswith("generator/mkdocs_adapter/") for path in importers)


def test_the_site_data_cannot_be_changed():
    with pytest.raises(FrozenInstanceError):
        SITE.tree.start = "elsewhere"  # type: ignore[misc]
    with pytest.raises(TypeError):
        SITE.tools.offered_on["tracking-checker"] = ()  # type: ignore[index]
    with pytest.raises(FrozenInstanceError):
        SITE.tools.tracking.carriers[0].name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        SITE.tools.tracking.carriers[0].format[0]["text"] = "x"  # type: ignore[index]


def test_the_site_holds_every_language_and_the_tools():
    assert SITE.languages == ("en", *TRANSLATED)
    for lang in TRANSLATED:
        assert list(SITE.trees[lang].nodes) == list(SITE.tree.nodes)
        assert list(SITE.tools_in(lang).messages) != list(SITE.tools.messages)  # translated
    assert [str(p) for p in map(pathlib.Path, SITE.files)] == [
        str(ROOT / "decision_tree.yaml"), str(ROOT / "tools.yaml"), *map(str, TRANSLATIONS)]


def test_a_tree_without_its_own_tools_borrows_the_projects():
    site = load_site(FIXTURES / "valid_tree.yaml")
    assert site.languages == ("en",)  # no translations beside it
    assert site.tools.path == str(ROOT / "tools.yaml")


def test_validate_checks_tools_yaml_with_the_builds_words(tmp_path):
    """`validate` and the build share one check: a renamed step in tools.yaml fails both."""
    for name in ("decision_tree.yaml", "tools.yaml"):
        (tmp_path / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    tools = tmp_path / "tools.yaml"
    text = tools.read_text(encoding="utf-8")
    tools.write_text(text.replace("    - tracking-shows\n", "    - tracking-showz\n", 1),
                     encoding="utf-8")
    line = text.splitlines().index("    - tracking-shows") + 1
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["validate", str(tmp_path / "decision_tree.yaml")])
    assert code == 1
    assert err.getvalue().splitlines() == [
        f"{tools}:{line}:7: node 'tracking-showz' is not in decision_tree.yaml",
        f"{tmp_path / 'decision_tree.yaml'}: 1 error(s), 0 warning(s)"]
    assert check_site(tmp_path / "decision_tree.yaml").site is None
