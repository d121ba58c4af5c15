"""The translators' helper: `make translations` (`generator translations [LANG]
--update`) adds an entry (the English text, `todo: true`) to translations/LANG.yaml for
every text without one, and never touches an existing one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .loader import Loaded, Location, load_bytes
from .translate import Unit, dotted, fingerprint, is_entry, leftovers, lookup

HEADER = """\
# The text of decision_tree.yaml (at the same places as in the tree) and of tools.yaml
# (under `tools:`) in this file's language.
# source_hash: the first 8 hex digits of the SHA-256 of the English text this was
# translated from. When the English changes, `make validate` warns that the entry is
# stale (the page shows the English until then): re-translate it and copy the new
# hash from the message. New texts: `make translations` adds them with the English
# text and `todo: true`; translate, then delete the todo line.
# Keep {{ facts.NAME }} placeholders and {slots} as they are; the site fills them in.
"""


def update(found_units: list[Unit], path: Path,
           loaded: Loaded | None) -> tuple[list[str], Loaded | None]:
    """Add an entry (English text, todo) for every text without one. Existing entries
    stay exactly as they are, stale ones included, byte for byte: the new entries are
    written in below their nearest existing section, and a file that gains nothing is not
    written at all, so a translator's diff shows only what was added. Returns what
    happened, one line each, and the file as written (loaded from the text written, not
    read again), or as it was."""
    existing = loaded.data if loaded else {}
    report: list[str] = []
    merged: dict = {}
    added: list[tuple[Location, dict]] = []
    for unit in found_units:
        entry = lookup(existing, unit.key)
        if not is_entry(entry):
            entry = {"source_hash": fingerprint(unit.english), "todo": True, "text": unit.english}
            report.append(f"added (todo): {dotted(unit.key)}")
            added.append((unit.key, entry))
        elif entry["source_hash"] != fingerprint(unit.english):
            report.append(f"stale, re-translate: {dotted(unit.key)}")
        _place(merged, unit.key, entry)
    for key in leftovers(existing, {u.key for u in found_units}):
        report.append(f"not in the English any more (kept; delete it): {dotted(key)}")
        _place(merged, key, lookup(existing, key))
    if not added:
        return report, loaded
    text = _inserted(loaded, added) if loaded else None
    if text is None or yaml.safe_load(text) != merged:  # a shape the insertion can't do
        text = HEADER + "\n" + dump(merged)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return report, load_bytes(text.encode("utf-8"), str(path))


def _inserted(loaded: Loaded, added: list[tuple[Location, dict]]) -> str | None:
    """The file's text with the added entries written in at the end of their nearest
    existing mapping or list, every other line as it was; None if one does not fit."""
    groups: dict[Location, Any] = {}  # existing parent -> its new children
    for key, entry in added:
        if lookup(loaded.data, key) is not None:
            return None  # something that is not an entry stands there
        depth = len(key) - 1
        while depth and lookup(loaded.data, key[:depth]) is None:
            depth -= 1
        parent, rest = key[:depth], key[depth:]
        container = lookup(loaded.data, parent) if parent else loaded.data
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
        container = lookup(loaded.data, parent) if parent else loaded.data
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
