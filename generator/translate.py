"""Every data file's reader-facing text in other languages, apart from its structure.

decision_tree.yaml and tools.yaml hold the structure and the English. Which of their
fields a reader sees, and so which are translated, is their schemas' word: every string
field of kind plain_text, markdown or template (`x-kind`) is translated, unless its
schema says otherwise with `x-translate`:

- `x-translate: false`: not translated (a carrier's name, a replacement character);
- `x-translate: by-text`: a source name, translated once by its English text, under
  `sources:` of the translation file;
- `x-translate: {beside: NAME}`: the English stays (a message a reader sends a seller);
  its translation is shown beside it, as the field NAME.

translations/LANG.yaml holds, at the same place as in the English (nodes.ID.title,
nodes.ID.answers[0].label, ...; tools.yaml's texts under `tools:`, as
tools.tracking.carriers[0].meaning), an entry for every such text:

    title:
      source_hash: 1a2b3c4d   # first 8 hex digits of the SHA-256 of the English
      text: <the text in that language>

The fingerprint makes a stale translation visible: when the English changes, its hash no
longer matches, and the check points at the entry to redo. A text without a current
translation is a warning, never an error (the page shows the English, marked), and an
error only under --strict-translations. translation_file.py adds missing entries.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterator

from . import kinds, markup, phrases, reserved
from .errors import Problem
from .loader import Loaded, Location, walk

TRANSLATED_KINDS = ("plain_text", "markdown", "template")
SOURCES = "sources"  # the translation file's section of source names (x-translate: by-text)


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def translation_path(tree_path: str | Path, lang: str) -> Path:
    return Path(tree_path).parent / "translations" / f"{lang}.yaml"


@dataclass(frozen=True)
class Unit:
    """One English text to translate: where its translation goes, and where it stands."""

    key: Location  # place in the translation file
    where: Location  # place in its English file (for line numbers)
    english: str
    kind: str = "plain_text"
    beside: str | None = None  # x-translate: {beside: NAME}
    also: tuple[Location, ...] = ()  # a source name's other places in the English file
    source: Loaded | None = field(default=None, compare=False, repr=False)  # the English file
    schema: dict = field(default_factory=dict, compare=False, repr=False)  # the field's


def _mode(field_schema: dict) -> Any:
    return field_schema.get("x-translate", True)


def units(loaded: Loaded, schema: dict, prefix: Location = ()) -> list[Unit]:
    """Every reader-facing text of an English data file, in file order, each source
    name once; prefix: where the file's texts stand in the translation file."""
    found: list[Unit] = []
    sources: dict[str, int] = {}  # source name -> its unit's index in found
    for location, kind, field_schema in kinds.fields(schema, loaded.data):
        mode = _mode(field_schema)
        if kind not in TRANSLATED_KINDS or mode is False:
            continue
        text = kinds.value_at(loaded.data, location)
        if mode == "by-text":
            if text in sources:
                first = found[sources[text]]
                found[sources[text]] = replace(first, also=first.also + (location,))
            else:
                sources[text] = len(found)
                found.append(Unit((SOURCES, text), location, text, kind, None, (), loaded,
                                  field_schema))
            continue
        beside = mode.get("beside") if isinstance(mode, dict) else None
        found.append(Unit(prefix + location, location, text, kind, beside, (), loaded,
                          field_schema))
    return found


def lookup(data: Any, key: Location) -> Any:
    for part in key:
        if isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return None
    return data


def is_entry(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("text"), str) and \
        isinstance(value.get("source_hash"), str)


def dotted(key: Location) -> str:
    if key[0] == SOURCES:
        return f"source name {key[1]!r}"
    text = key[0]
    for part in key[1:]:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


# --- where each text stands ---------------------------------------------------------

TRANSLATED, STALE, TODO, MISSING = "translated", "stale", "todo", "missing"


@dataclass(frozen=True)
class State:
    """One text in one language: translated, or shown in English (stale, todo or
    missing), and the line a translator edits (0: not in the file yet)."""

    unit: Unit
    state: str
    line: int
    entry: Any = None
    file: str = ""  # the file to edit, when not the translation file (a locale, a page)

    @property
    def shown_in_english(self) -> bool:
        return self.state != TRANSLATED


def states(found_units: list[Unit], translation: Loaded) -> list[State]:
    """Every text, in file order, with where its translation stands."""
    found = []
    for unit in found_units:
        entry = lookup(translation.data, unit.key)
        line = translation.where(unit.key, key=True)[0] if entry is not None else 0
        if not is_entry(entry):
            state = MISSING
        elif entry.get("todo"):
            state = TODO
        elif entry["source_hash"] != fingerprint(unit.english):
            state = STALE
        else:
            state = TRANSLATED
        found.append(State(unit, state, line, entry))
    return found


# --- the check -----------------------------------------------------------------------

def check(found: list[State], translation: Loaded, lang: str,
          facts: dict) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings). A text without a current translation is a warning: the page
    shows the English, so a contributor who writes only English is never blocked.
    Translated text is checked like any contributor text, as its English field's kind:
    unsafe Markdown, wrong facts or slots, too long are errors, at the translation's line."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    shown = f"the {lang} page shows the English"
    for item in found:
        unit, at = item.unit, item.unit.key
        if item.state == MISSING and item.entry is None:
            warnings.append(unit.source.problem(
                unit.where, f"{dotted(at)} has no {lang} text in {translation.path} ({shown}); "
                f"`make translations` adds it", severity="warning"))
        elif item.state == MISSING:
            warnings.append(translation.problem(
                at, f"{dotted(at)} must have source_hash (quoted text, e.g. '01234567') and "
                f"text ({shown})", severity="warning"))
        elif item.state == TODO:
            warnings.append(translation.problem(
                at + ("todo",), f"{dotted(at)} is not translated yet ({shown}): write the "
                "text, then delete `todo: true`", key=True, severity="warning"))
        elif item.state == STALE:
            line = unit.source.where(unit.where)[0]
            warnings.append(translation.problem(
                at + ("source_hash",), f"stale: the English of {dotted(at)} changed since it "
                f"was translated ({unit.source.path}:{line}; {shown}); re-translate it and "
                f"set source_hash: {fingerprint(unit.english)}", severity="warning"))
        else:
            errors += _text_problems(translation, unit, item.entry["text"], facts)
            errors += [translation.problem(at + ("text",), message) for message
                       in phrases.text_problems(item.entry["text"], lang)]
    warnings += [translation.problem(key, f"{dotted(key)} is not in the English any more; "
                                          "delete it", key=True, severity="warning")
                 for key in leftovers(translation.data, {s.unit.key for s in found})]
    return errors, warnings


def _text_problems(translation: Loaded, unit: Unit, text: str, facts: dict) -> list[Problem]:
    """Translated text is contributor text too: safe Markdown, the same facts and slots,
    its English field's kind and length."""
    at = unit.key + ("text",)
    problems = [translation.problem(at, message) for message in markup.unsafe_parts(text)]
    used = {name for _, name in markup.placeholders(text)}
    if None in used:
        problems.append(translation.problem(at, "unknown placeholder; insert a fact as "
                                                "{{ facts.NAME }}"))
    # (an unknown placeholder in the English is the English file's error, said there)
    wanted = {name for _, name in markup.placeholders(unit.english)} - {None}
    for name in sorted((used - {None}) - wanted):
        problems.append(translation.problem(at, f"{{{{ facts.{name} }}}} is not in the English "
                                                "text" + ("" if name in facts else
                                                          " (and there is no such fact)")))
    for name in sorted(wanted - used):
        problems.append(translation.problem(at, f"the English uses {{{{ facts.{name} }}}}; "
                                                "keep it in the translation"))
    if not text.strip():
        problems.append(translation.problem(at, "the text is empty"))
    if _is_heading(at):
        why = reserved.heading_problem(text)
        if why:
            problems.append(translation.problem(at, why))
    problems += kinds.length_problems(translation, at, unit.schema, text)
    problems += kinds.field_problems(translation, at, unit.kind, unit.schema, text)
    if unit.kind == "template" and not problems:
        slots = sorted(set(markup.SLOT.findall(unit.english)))
        if sorted(set(markup.SLOT.findall(text))) != slots:
            problems.append(translation.problem(at, "use the same slots as the English: " +
                                                (", ".join(f"{{{s}}}" for s in slots) or "none")))
    return problems


def _is_heading(at: Location) -> bool:
    """A guide's title or a section heading: its page gives it an id of its slug."""
    match at:
        case ("guides", _, "title", "text") | ("guides", _, "sections", int(), "heading", "text"):
            return True
    return False


def leftovers(data: Any, keys: set[Location]) -> Iterator[Location]:
    """Entries of the translation file that no English text asks for."""
    return (at for at, value in walk(data)
            if isinstance(value, dict) and "source_hash" in value and at not in keys)


# --- the localized data -------------------------------------------------------------

def localize(loaded: Loaded, found: list[State]) -> tuple[Any, frozenset[str]]:
    """The English file's data with every translated text in place, and the texts left
    in English for want of a current translation (the renderer marks them). A text
    translated `beside` its English stays, its translation set at the named field."""
    data = copy.deepcopy(loaded.data)
    fallbacks = set()
    for item in found:
        unit = item.unit
        if unit.source is not loaded:
            continue
        if item.shown_in_english:
            if unit.beside is None:
                fallbacks.add(unit.english)
            continue
        for *parent, last in (unit.where, *unit.also):
            container = lookup(data, tuple(parent))
            container[unit.beside or last] = item.entry["text"]
    return data, frozenset(fallbacks)


def keys(found_units: list[Unit]) -> dict[Location, Location]:
    """Where each English text's translation is kept, by its place in the English file."""
    return {where: unit.key for unit in found_units for where in (unit.where, *unit.also)}
