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
`python -m generator translations --update LANG` adds missing entries (English text,
`todo: true`) and never touches an existing one.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

from . import markup
from .errors import Problem
from .loader import Loaded, Location, load_file, walk, texts
from .build import build_tree
from .model import Tree

# The languages the site is written in besides English; a tree that has no
# translations/LANG.yaml next to it (a test or benchmark tree) is built in English only.
LANGUAGES = ("ru",)
HEADER = """\
# Russian text of decision_tree.yaml, at the same places as in the tree.
# source_hash: the first 8 hex digits of the SHA-256 of the English text this was
# translated from. When the English changes, `python -m generator validate` reports the
# entry as stale: re-translate it and copy the new hash from the message.
# New texts: `python -m generator translations --update ru` adds them with the English
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


def _dotted(key: Location) -> str:
    if key[0] == "sources":
        return f"source name {key[1]!r}"
    text = key[0]
    for part in key[1:]:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


# --- the check -----------------------------------------------------------------------

def check(tree: Loaded, translation: Loaded, lang: str) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings): missing texts (at the English line), stale and unfinished
    translations, and unsafe text or unknown facts in them (at the translation's line)."""
    errors: list[Problem] = []
    facts = tree.data.get("facts", {})
    update = f"run `python -m generator translations --update {lang}` to add it"
    for unit in units(tree):
        entry = _lookup(translation.data, unit.key)
        at = unit.key
        if entry is None:
            errors.append(tree.problem(unit.where, f"{_dotted(unit.key)} has no {lang} text in "
                                                   f"{translation.path}; {update}"))
            continue
        if not _is_entry(entry):
            errors.append(translation.problem(at, f"{_dotted(at)} must have source_hash (quoted "
                                                  "text, e.g. '01234567') and text"))
            continue
        if entry.get("todo"):
            errors.append(translation.problem(at + ("todo",), f"{_dotted(at)} is not translated "
                                              "yet: write the text, then delete `todo: true`",
                                              key=True))
            continue
        now = fingerprint(unit.english)
        if entry["source_hash"] != now:
            line = tree.where(unit.where)[0]
            errors.append(translation.problem(
                at + ("source_hash",), f"stale: the English of {_dotted(at)} changed since it "
                f"was translated ({tree.path}:{line}); re-translate it and set source_hash: {now}"))
        errors += _text_problems(translation, at + ("text",), entry["text"], unit.english, facts)
    warnings = [translation.problem(key, f"{_dotted(key)} is not in the tree any more; "
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
    return problems


def _leftovers(data: Any, keys: set[Location]) -> Iterator[Location]:
    """Entries of the translation file that no English text asks for."""
    return (at for at, value in walk(data)
            if isinstance(value, dict) and "source_hash" in value and at not in keys)


# --- the localized tree -------------------------------------------------------------

def localize(tree: Loaded, translation: Loaded) -> Tree:
    """The tree with every text replaced by its translation (checked beforehand)."""
    data = copy.deepcopy(tree.data)
    for location, text in list(texts(data)):
        if _is_text(location):
            key = location
        elif _is_source(location):
            key = ("sources", text)
        else:
            continue
        entry = _lookup(translation.data, key)
        *parent, last = location
        _lookup(data, tuple(parent))[last] = entry["text"]
    return build_tree(Loaded(data, tree.path, tree.positions, tree.key_positions, tree.lines))


# --- the translators' helper --------------------------------------------------------

def update(tree: Loaded, lang: str) -> list[str]:
    """Add an entry (English text, todo) for every text without one; write the file in
    the tree's order. Existing entries stay exactly as they are, stale ones included.
    Returns what happened, one line each."""
    path = translation_path(tree.path, lang)
    existing = load_file(path).data if path.is_file() else {}
    report: list[str] = []
    merged: dict = {}
    for unit in units(tree):
        entry = _lookup(existing, unit.key)
        if not _is_entry(entry):
            entry = {"source_hash": fingerprint(unit.english), "todo": True, "text": unit.english}
            report.append(f"added (todo): {_dotted(unit.key)}")
        elif entry["source_hash"] != fingerprint(unit.english):
            report.append(f"stale, re-translate: {_dotted(unit.key)}")
        _place(merged, unit.key, entry)
    for key in _leftovers(existing, {u.key for u in units(tree)}):
        report.append(f"not in the tree any more (kept; delete it): {_dotted(key)}")
        _place(merged, key, _lookup(existing, key))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "\n" + dump(merged), encoding="utf-8")
    return report


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
