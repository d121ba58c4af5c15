"""A temporary copy of the whole project as the build reads it (mkdocs.yml, content/,
site_overrides/, the data files), for tests that change a hand-written page or a
template and build it. The generator's code is this work tree's (symlinked; the copy's
build imports it from the copy's folder), its locales are copied."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import BUILD_ENV, ROOT

COPIED = ("mkdocs.yml", "languages.yaml", "content", "site_overrides", "decision_tree.yaml", "tools.yaml",
          "translations", "decision_tree.schema.json", "tools.schema.json")


def copy_project(folder: Path) -> Path:
    for name in COPIED:
        source, target = ROOT / name, folder / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    # The generator is this work tree's (mkdocs.yml watches it), its locales the copy's
    # own: a test may add a language's words (tests/pseudo_language.py).
    (folder / "generator").mkdir()
    for item in (ROOT / "generator").iterdir():
        if item.name == "locales":
            shutil.copytree(item, folder / "generator" / "locales")
        elif item.name != "__pycache__":
            (folder / "generator" / item.name).symlink_to(item)
    return folder


def build(folder: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the copy, into folder/site."""
    env = dict(os.environ, **BUILD_ENV)
    env.pop("PARCEL_HELP_TREE", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                           str(folder / "mkdocs.yml"), "--site-dir", str(folder / "site")],
                          cwd=folder, env=env, capture_output=True, text=True)
