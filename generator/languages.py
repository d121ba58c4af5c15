"""The languages the site is written in: languages.yaml, one line each, the one place
that names them. English, the source, comes first. Nothing else in the generator names
a language: a language is added as data (CONTRIBUTING.md, "Adding a language")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = "languages.yaml"
SOURCE = "en"  # the language every text is written in first


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1: the folder of its pages (/LANG/) and of its files (LANG.yaml)
    locale: str  # language and country for link previews (og:locale)


def config_path(folder: str | Path) -> Path:
    """The project's languages.yaml: the one beside the tree, else this project's (a
    test or benchmark tree elsewhere)."""
    own = Path(folder) / CONFIG
    return own if own.is_file() else ROOT / CONFIG


@lru_cache(maxsize=None)
def _read(path: Path, stamp: float) -> tuple[Language, ...]:
    with open(path, encoding="utf-8") as handle:
        entries = yaml.safe_load(handle) or []
    found = tuple(Language(str(entry["code"]), str(entry["locale"])) for entry in entries)
    if not found or found[0].code != SOURCE:
        raise ValueError(f"{path}: the first language must be {SOURCE}, the source")
    return found


# The project being built, when no folder is given: the mkdocs adapter sets the folder
# of its mkdocs.yml, so that a copy of the project (tests) is built with its own list.
_project = [ROOT]
# The project's languages while a build runs (use_project starts one): a build asks for
# them for each page thousands of times, and each look at the file costs two stats; the
# next build (mkdocs serve) reads the file again.
_in_build: list[tuple[Language, ...]] = []
_building = [False]


def use_project(folder: Path) -> None:
    _project[0] = folder
    _building[0] = True
    _in_build.clear()


def configured(folder: str | Path | None = None) -> tuple[Language, ...]:
    """Every configured language, the source first (read again when the file changes,
    or, in a build, when the next build starts)."""
    if folder is None and _in_build:
        return _in_build[0]
    path = config_path(folder or _project[0])
    found = _read(path, path.stat().st_mtime)
    if folder is None and _building[0]:
        _in_build.append(found)
    return found


def codes(folder: str | Path | None = None) -> tuple[str, ...]:
    return tuple(language.code for language in configured(folder))


def translated(folder: str | Path | None = None) -> tuple[str, ...]:
    """The configured languages besides the source."""
    return codes(folder)[1:]


def og_locale(code: str, folder: str | Path | None = None) -> str:
    return next((language.locale for language in configured(folder) if language.code == code),
                code)
