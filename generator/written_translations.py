"""The site's own words (generator/locales/LANG.yaml) and its hand-written pages
(content/LANG/*.md) get the same staleness check as the data files' translations.

A translated locale file records, in its `source_hashes:` section (at its end), the
fingerprint of the English each text was translated from, by the text's place in
en.yaml (`strings.KEY`, `units.UNIT`, `range`, `date_format`):

    source_hashes:
      strings.start_again: 1a2b3c4d

A translated page records it in its front matter (`source_hash: 1a2b3c4d`): the
fingerprint of the whole English file (content/PAGE.md) it was translated from.

A missing or stale text or page is a warning at its FILE:LINE, listed on the
translation status page, an error only under --strict-translations. A locale text
without a current translation shows the English (Locale.with_fallback)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Problem
from .loader import Loaded, Location
from .translate import MISSING, STALE, TRANSLATED, State, Unit, fingerprint

HASHES = "source_hashes"  # a translated locale file's section of fingerprints
SECTIONS = ("strings", "units", "range", "date_format")  # what en.yaml holds to translate
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
PAGE_HASH = re.compile(r"^source_hash:[ \t]*['\"]?([0-9a-f]*)['\"]?[ \t]*(?:#.*)?$", re.M)


def _as_text(value: Any) -> str:
    """A text; a set of plural forms as one text, in a fixed order (for its fingerprint)."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           sort_keys=True)


def _entries(english: Loaded) -> list[tuple[str, Location, Any]]:
    """(dotted key, location in en.yaml, English value) of every text to translate."""
    found = []
    for section in SECTIONS:
        value = english.data.get(section)
        if isinstance(value, dict):
            found += [(f"{section}.{key}", (section, key), item) for key, item in value.items()]
        elif value is not None:
            found.append((section, (section,), value))
    return found


def locale_states(english: Loaded, other: Loaded) -> list[State]:
    """Where each text of en.yaml stands in another language's locale file."""
    hashes = other.data.get(HASHES) or {}
    found = []
    for key, location, value in _entries(english):
        unit = Unit(("locale", key), location, _as_text(value), source=english)
        theirs = other.data
        for part in location:
            theirs = theirs.get(part) if isinstance(theirs, dict) else None
        if theirs is None:
            found.append(State(unit, MISSING, 0, file=other.path))
            continue
        recorded = hashes.get(key) if isinstance(hashes, dict) else None
        line = other.where((HASHES, key) if recorded else location, key=True)[0]
        state = TRANSLATED if recorded == fingerprint(unit.english) else STALE
        found.append(State(unit, state, line, entry=recorded, file=other.path))
    return found


def locale_warnings(found: list[State], other: Loaded, lang: str) -> list[Problem]:
    shown = f"the {lang} pages show the English"
    warnings = []
    for item in found:
        key, english = item.unit.key[1], item.unit.source
        if item.state == MISSING:
            warnings.append(english.problem(item.unit.where, f"{key} has no {lang} text in "
                                            f"{other.path} ({shown})", key=True,
                                            severity="warning"))
        elif item.state == STALE:
            at = (HASHES, key) if item.entry else item.unit.where
            line = english.where(item.unit.where)[0]
            warnings.append(other.problem(at, f"stale: {key} is not recorded as translated from "
                                          f"its current English ({english.path}:{line}; {shown}); "
                                          f"translate it, then set `{key}: "
                                          f"{fingerprint(item.unit.english)}` under "
                                          f"{HASHES}:", key=True, severity="warning"))
    return warnings


# --- hand-written pages ---------------------------------------------------------------

@dataclass(frozen=True)
class PageText:
    """A hand-written page as read: its path and text."""

    path: str
    text: str


def page_states(english: list[PageText], other: dict[str, PageText],
                lang: str) -> list[State]:
    """Where each English page (content/NAME.md) stands in content/LANG/NAME.md."""
    found = []
    for page in english:
        name = Path(page.path).name
        unit = Unit(("page", name), (), page.text)
        theirs = other.get(name)
        if theirs is None:
            found.append(State(unit, MISSING, 0, file=page.path))
            continue
        front = FRONT_MATTER.match(theirs.text)
        recorded = PAGE_HASH.search(front.group(1)) if front else None
        line = theirs.text[:recorded.start(1)].count("\n") + 1 if recorded else 1
        state = TRANSLATED if recorded and recorded.group(1) == fingerprint(page.text) else STALE
        found.append(State(unit, state, line, entry=recorded and recorded.group(1),
                           file=theirs.path))
    return found


def page_warnings(found: list[State], lang: str) -> list[Problem]:
    warnings = []
    for item in found:
        name = item.unit.key[1]
        if item.state == MISSING:
            warnings.append(Problem(1, 1, f"{name} has no {lang} page (content/{lang}/{name}); "
                                    f"the {lang} site leaves it out", item.file, "warning"))
        elif item.state == STALE:
            why = "records no source_hash" if not item.entry else "was translated from an " \
                "older English page"
            warnings.append(Problem(item.line, 1, f"stale: {item.file} {why}; bring it up to "
                                    f"date with content/{name}, then set source_hash: "
                                    f"{fingerprint(item.unit.english)} in its front matter",
                                    item.file, "warning"))
    return warnings
