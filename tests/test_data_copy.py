"""DataCopy writes a changed copy entry by entry (only what a test changed is dumped
anew): the text must be dump()'s of the whole data, byte for byte, whatever changed, or
the attack tests would read a file no contributor's copy could be."""

from __future__ import annotations

import copy

import pytest

import data_copy
from data_copy import ORIGINAL, TOOLS, TRANSLATION, TREE, DataCopy, written_text
from generator.translation_file import dump


def many_changes(data: dict) -> None:
    """Changes of every kind the entry by entry writing does itself, at once (each test
    of a whole file dumps it once more: a quarter of a second): in the first, middle
    and last sections, first and last entries."""
    sections = [s for s in data if isinstance(data[s], dict) and len(data[s]) > 1]
    first, middle, last = sections[0], sections[len(sections) // 2], sections[-1]
    entries = list(data[last])
    data[last].pop(entries[-1])
    data[last]["new-entry"] = {"text": "x" * 200, 7: "a key not text"}
    data[last]["a: b"] = [1, 2.0, None]  # a key that needs quotes
    data[middle][list(data[middle])[1]] = "Before\x07After"
    section, key, entry = next((s, k, e) for s in (middle, last) for k, e in data[s].items()
                               if isinstance(e, dict) and len(e) > 1)
    data[section][key] = dict(reversed(entry.items()))  # the same entry, keys reordered
    data[first] = "a section made a text"
    data["- x"] = {"k": "v"}  # a section name that needs quotes
    data[next(s for s in data if s not in (first, middle, last, "- x"))] = {}


def kept_before_the_end(data: dict) -> None:
    """A text that keeps its line breaks (|+), not the file's last."""
    first = next(s for s in data if isinstance(data[s], dict) and data[s])
    data[first][next(iter(data[first]))] = "a text kept with its line breaks\n\n"


def end_kept(data: dict) -> None:
    """The last text keeps its line breaks (|+): dump() then ends the file with "..."."""
    last = list(data)[-1]
    data[last][list(data[last])[-1]] = "line\n\n\n"


def one_list_twice(data: dict) -> None:
    """dump() writes an anchor and an alias."""
    last = list(data)[-1]
    entries = list(data[last])
    data[last][entries[0]] = data[last][entries[-1]] = ["one", "list"]


@pytest.mark.parametrize("name, change", [(TREE, many_changes), (TRANSLATION, many_changes),
                                          (TOOLS, many_changes), (TREE, kept_before_the_end),
                                          (TREE, end_kept), (TREE, one_list_twice)])
def test_a_changed_copy_is_written_as_dump_writes_it(name, change, monkeypatch):
    data = copy.deepcopy(ORIGINAL[name])
    change(data)
    whole = []  # written_text dumped the whole file (the way it takes when unsure)
    monkeypatch.setattr(data_copy, "dump", lambda d: whole.append(d is data) or dump(d))
    assert written_text(name, data) == dump(data)
    assert any(whole) == (change is not many_changes)  # entry by entry where it can


def test_a_written_copy_is_read_where_the_checker_reads_it(tmp_path):
    """positions() reads the file as the checker does: a changed value's line is its own."""
    data_copy = DataCopy(tmp_path)
    location = ("nodes", list(ORIGINAL[TREE]["nodes"])[-1], "title")
    data_copy.set(TREE, location, "Changed title")
    data_copy.write()
    line = int(data_copy.where(TREE, location).split(":")[-2])
    assert (tmp_path / TREE).read_text(encoding="utf-8").splitlines()[line - 1].strip() \
        == "title: Changed title"
