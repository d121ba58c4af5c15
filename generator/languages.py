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
# of its mkdocs.yml, so that a copy of the project (tests) is built with its own list,
# and its list, read once for that build (its pages ask for their language thousands
# of times; each build, `mkdocs serve`'s too, starts with use_project).
_project: list = [ROOT, None]


def use_project(folder: Path) -> None:
    _project[:] = [folder, None]
    _project[1] = configured()


def configured(folder: str | Path | None = None) -> tuple[Language, ...]:
    """Every configured language, the source first (read again when the file changes,
    or, for the project being built, when the next build starts)."""
    if folder is None and _project[1] is not None:
        return _project[1]
    path = config_path(folder or _project[0])
    return _read(path, path.stat().st_mtime)


def codes(folder: str | Path | None = None) -> tuple[str, ...]:
    return tuple(language.code for language in configured(folder))


def translated(folder: str | Path | None = None) -> tuple[str, ...]:
    """The configured languages besides the source."""
    return codes(folder)[1:]


def og_locale(code: str, folder: str | Path | None = None) -> str:
    return next((language.locale for language in configured(folder) if language.code == code),
                code)
