"""The tree in other languages: its text lives apart from its structure.

decision_tree.yaml alone holds the structure (ids, answers, targets, facts' figures).
translations/LANG.yaml holds, at the same place as in the tree (nodes.ID.title,
nodes.ID.answers[0].label, guides.SLUG.sections[2].text, facts.NAME.note, ...), an
entry for every reader-facing text:

    title:
      source_hash: 1a2b3c4d   # first 8 hex digits of the SHA-256 of the English
      text: Что случилось с посылкой?

Source names, used in many places, are keyed once by their English text under
`sources:`. The fingerprint makes a stale translation visible: when the English
changes, its hash no longer matches, and the check points at the entry to redo.
`make translations` (`generator translations LANG --update`) adds missing entries (English
text, `todo: true`) and never touches an existing one. A text without a current
translation is a warning, never an error: the page shows the English, marked.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

from . import markup, reserved
from .errors import Problem
from .loader import Loaded, Location, load_file, walk, texts
from .build import build_tree
from .model import Tree

# The languages the site is written in besides English; a tree that has no
# translations/LANG.yaml next to it (a test or benchmark tree) is built in English only.
LANGUAGES = ("ru", "es")
HEADER = """\
# Russian text of decision_tree.yaml, at the same places as in the tree.
# source_hash: the first 8 hex digits of the SHA-256 of the English text this was
# translated from. When the English changes, `make validate` warns that the entry is
# stale (the Russian page shows the English until then): re-translate it and copy the new
# hash from the message. New texts: `make translations` adds them with the English
# text and `todo: true`; translate, then delete the todo line.
# Keep {{ facts.NAME }} placeholders as they are; the site writes the figure and unit.
"""


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def translation_path(tree_path: str | Path, lang: str) -> Path:
    return Path(tree_path).parent / "translations" / f"{lang}.yaml"


def languages(tree_path: str | Path) -> list[str]:
    """The languages this tree has translations for."""
    return [lang for lang in LANGUAGES if translation_path(tree_path, lang).is_file()]


@dataclass(frozen=True)
class Unit:
    """One English text to translate: where its translation goes, and where it stands."""

    key: Location  # place in the translation file
    where: Location  # place in the tree (for line numbers)
    english: str


def _is_text(location: Location) -> bool:
    match location:
        case ("facts", _, "label" | "note") | ("guides", _, "title" | "summary") | \
             ("guides", _, "sections", int(), "heading" | "text") | \
             ("nodes", _, "title" | "text" | "summary" | "deadline" | "note") | \
             ("nodes", _, "steps" | "evidence" | "avoid", int()) | \
             ("nodes", _, "answers", int(), "label"):
            return True
    return False


def _is_source(location: Location) -> bool:
    match location:
        case ("facts", _, "source") | ("nodes" | "guides", _, "sources", int()) | \
             ("nodes" | "guides", _, "sources", int(), "title"):
            return True
    return False


def key_of(location: Location, text: str) -> Location | None:
    """Where the translation file keeps the text at location in the tree, or None."""
    if _is_text(location):
        return location
    return ("sources", text) if _is_source(location) else None


def units(tree: Loaded) -> list[Unit]:
    """Every reader-facing text of the tree, in file order; each source name once."""
    found, sources = [], set()
    for location, text in texts(tree.data):
        if _is_text(location):
            found.append(Unit(location, location, text))
        elif _is_source(location) and text not in sources:
            sources.add(text)
            found.append(Unit(("sources", text), location, text))
    return found


def _lookup(data: Any, key: Location) -> Any:
    for part in key:
        if isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return None
    return data


def _is_entry(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("text"), str) and \
        isinstance(value.get("source_hash"), str)


def dotted(key: Location) -> str:
    if key[0] == "sources":
        return f"source name {key[1]!r}"
    text = key[0]
    for part in key[1:]:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


# --- where each text stands ---------------------------------------------------------

TRANSLATED, STALE, TODO, MISSING = "translated", "stale", "todo", "missing"


@dataclass(frozen=True)
class State:
    """One text of the tree in one language: translated, or shown in English (stale,
    todo or missing), and the line a translator edits (0: not in the file yet)."""

    unit: Unit
    state: str
    line: int
    entry: Any = None

    @property
    def shown_in_english(self) -> bool:
        return self.state != TRANSLATED


def states(tree: Loaded, translation: Loaded) -> list[State]:
    """Every text of the tree, in file order, with where its translation stands."""
    found = []
    for unit in units(tree):
        entry = _lookup(translation.data, unit.key)
        line = translation.where(unit.key, key=True)[0] if entry is not None else 0
        if not _is_entry(entry):
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

def check(tree: Loaded, translation: Loaded, lang: str,
          found: list[State] | None = None) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings); `found`: states(tree, translation), if already known. A text
    without a current translation is a warning: the page shows the English, so a
    contributor who writes only English is never blocked. Translated text is checked
    like any contributor text: unsafe Markdown or wrong facts in it are errors, at the
    translation's line."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    facts = tree.data.get("facts", {})
    shown = f"the {lang} page shows the English"
    for item in found if found is not None else states(tree, translation):
        unit, at = item.unit, item.unit.key
        if item.state == MISSING and item.entry is None:
            warnings.append(tree.problem(
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
            line = tree.where(unit.where)[0]
            warnings.append(translation.problem(
                at + ("source_hash",), f"stale: the English of {dotted(at)} changed since it "
                f"was translated ({tree.path}:{line}; {shown}); re-translate it and set "
                f"source_hash: {fingerprint(unit.english)}", severity="warning"))
        else:
            errors += _text_problems(translation, at + ("text",), item.entry["text"],
                                     unit.english, facts)
    warnings += [translation.problem(key, f"{dotted(key)} is not in the tree any more; "
                                          "delete it", key=True, severity="warning")
                 for key in _leftovers(translation.data, {u.key for u in units(tree)})]
    return errors, warnings


def _text_problems(translation: Loaded, at: Location, text: str, english: str,
                   facts: dict) -> list[Problem]:
    """Translated text is contributor text too: safe Markdown, the same facts."""
    problems = [translation.problem(at, message) for message in markup.unsafe_parts(text)]
    used = {name for _, name in markup.placeholders(text)}
    if None in used:
        problems.append(translation.problem(at, "unknown placeholder; insert a fact as "
                                                "{{ facts.NAME }}"))
    wanted = {name for _, name in markup.placeholders(english)}
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
    return problems


def _is_heading(at: Location) -> bool:
    """A guide's title or a section heading: its page gives it an id of its slug."""
    match at:
        case ("guides", _, "title", "text") | ("guides", _, "sections", int(), "heading", "text"):
            return True
    return False


def _leftovers(data: Any, keys: set[Location]) -> Iterator[Location]:
    """Entries of the translation file that no English text asks for."""
    return (at for at, value in walk(data)
            if isinstance(value, dict) and "source_hash" in value and at not in keys)


# --- the localized tree -------------------------------------------------------------

def localize(tree: Loaded, translation: Loaded, found: list[State] | None = None) -> Tree:
    """The tree with every translated text replaced; a text without a current
    translation stays English and is listed in Tree.fallbacks (the renderer marks it).
    Its path and lines are the translation file's: edit links open the Russian text."""
    found = found if found is not None else states(tree, translation)
    current = {s.unit.key: s.entry["text"] for s in found if not s.shown_in_english}
    data = copy.deepcopy(tree.data)
    fallbacks = set()
    for location, text in list(texts(data)):
        if _is_text(location):
            key = location
        elif _is_source(location):
            key = ("sources", text)
        else:
            continue
        if key not in current:
            fallbacks.add(text)
            continue
        *parent, last = location
        _lookup(data, tuple(parent))[last] = current[key]
    localized = build_tree(Loaded(data, translation.path, translation.positions,
                                  translation.key_positions, translation.lines))
    return dataclasses.replace(localized, fallbacks=frozenset(fallbacks))


# --- the translators' helper --------------------------------------------------------

def update(tree: Loaded, lang: str) -> list[str]:
    """Add an entry (English text, todo) for every text without one. Existing entries
    stay exactly as they are, stale ones included, byte for byte: the new entries are
    written in below their nearest existing section, and a file that gains nothing is not
    written at all, so a translator's diff shows only what was added. Returns what
    happened, one line each."""
    path = translation_path(tree.path, lang)
    loaded = load_file(path) if path.is_file() else None
    existing = loaded.data if loaded else {}
    report: list[str] = []
    merged: dict = {}
    added: list[tuple[Location, dict]] = []
    for unit in units(tree):
        entry = _lookup(existing, unit.key)
        if not _is_entry(entry):
            entry = {"source_hash": fingerprint(unit.english), "todo": True, "text": unit.english}
            report.append(f"added (todo): {dotted(unit.key)}")
            added.append((unit.key, entry))
        elif entry["source_hash"] != fingerprint(unit.english):
            report.append(f"stale, re-translate: {dotted(unit.key)}")
        _place(merged, unit.key, entry)
    for key in _leftovers(existing, {u.key for u in units(tree)}):
        report.append(f"not in the tree any more (kept; delete it): {dotted(key)}")
        _place(merged, key, _lookup(existing, key))
    if not added:
        return report
    text = _inserted(loaded, added) if loaded else None
    if text is None or yaml.safe_load(text) != merged:  # a shape the insertion can't do
        text = HEADER + "\n" + dump(merged)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return report


def _inserted(loaded: Loaded, added: list[tuple[Location, dict]]) -> str | None:
    """The file's text with the added entries written in at the end of their nearest
    existing mapping or list, every other line as it was; None if one does not fit."""
    groups: dict[Location, Any] = {}  # existing parent -> its new children
    for key, entry in added:
        if _lookup(loaded.data, key) is not None:
            return None  # something that is not an entry stands there
        depth = len(key) - 1
        while depth and _lookup(loaded.data, key[:depth]) is None:
            depth -= 1
        parent, rest = key[:depth], key[depth:]
        container = _lookup(loaded.data, parent) if parent else loaded.data
        if isinstance(container, list) and isinstance(rest[0], int) and rest[0] >= len(container):
            rest = (rest[0] - len(container),) + rest[1:]
            _place(groups.setdefault(parent, []), rest, entry)
        elif isinstance(container, dict) and isinstance(rest[0], str):
            _place(groups.setdefault(parent, {}), rest, entry)
        else:
            return None
    lines = loaded.text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    inserts = []
    for parent, new in groups.items():
        container = _lookup(loaded.data, parent) if parent else loaded.data
        if not container:
            return None
        first = parent + ((0,) if isinstance(container, list) else (next(iter(container)),))
        first_line = lines[loaded.where(first, key=isinstance(first[-1], str))[0] - 1]
        indent = len(first_line) - len(first_line.lstrip(" "))  # a child's key or dash
        header = loaded.where(parent, key=True)[0] - 1 if parent else -1
        end = _block_end(lines, header, indent, isinstance(container, list))
        block = "".join(" " * indent + line if line.strip() else line
                        for line in dump(new).splitlines(keepends=True))
        inserts.append((end, block))
    for end, block in sorted(inserts, key=lambda item: -item[0]):
        lines.insert(end, block)
    return "".join(lines)


def _block_end(lines: list[str], header: int, indent: int, is_list: bool) -> int:
    """The index after the last line of the block under lines[header] whose children
    stand at indent (a list's items may stand at their key's own indentation)."""
    last = header
    for index in range(header + 1, len(lines)):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith("#"):
            continue
        at = len(lines[index]) - len(lines[index].lstrip(" "))
        if at < indent or (at == indent and is_list and not stripped.startswith("-")):
            break
        last = index
    return last + 1


def _place(data: dict, key: Location, value: Any) -> None:
    """Set data[key...] = value, creating mappings and lists on the way."""
    *parents, last = key
    nxt = parents[1:] + [last]
    for part, following in zip(parents, nxt):
        empty = [] if isinstance(following, int) else {}
        if isinstance(data, list):
            while len(data) <= part:
                data.append(None)
            if data[part] is None:
                data[part] = empty
            data = data[part]
        else:
            data = data.setdefault(part, empty)
    if isinstance(data, list):
        while len(data) <= last:
            data.append(None)
    data[last] = value


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88)
