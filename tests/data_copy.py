"""A copy of the site's three data files with some values changed, for tests that
attack them (test_security.py, test_payloads.py).

Values are set in the loaded data and the files written back as YAML (comments are
lost; lines move, so a test asks `where()` for the line of what it changed). A changed
English text gets its translation's fingerprint updated, so only the attack, never a
stale translation, decides the result.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

from generator import loader, translate
from generator.pipeline import check_site, text_units
from generator.translation_file import dump
import kept_loading
from site_data import ROOT
from translated_copy import TRANSLATED, completed

# TRANSLATION: the translation file of the first language besides English (languages.yaml)
TREE, TRANSLATION, TOOLS = ("decision_tree.yaml", f"translations/{TRANSLATED[0]}.yaml",
                            "tools.yaml")
ORIGINAL = {name: loader.load_file(ROOT / name).data for name in (TREE, TRANSLATION, TOOLS)}
# Every text translated (an English-only change may leave some stale or missing): an
# attack on a translated entry finds it there.
ORIGINAL[TRANSLATION] = completed(loader.load_file(ROOT / TREE), ORIGINAL[TRANSLATION])
# Text in that language, from its own file, for tests that write a translation: its
# titles, and a letter of it (one beyond ASCII if it has any: a character, not a byte).
LANG = TRANSLATED[0]
TITLES = [node["title"]["text"] for node in ORIGINAL[TRANSLATION]["nodes"].values()
          if isinstance(node.get("title"), dict) and node["title"].get("text")]
LETTER = next((c for title in TITLES for c in title if c.isalpha() and not c.isascii()),
              next(c for c in TITLES[0] if c.isalpha()))
# where a translation keeps each English text, by file and place in it
KEYS = {TREE: translate.keys(text_units(loader.Loaded(ORIGINAL[TREE], TREE), None)),
        TOOLS: translate.keys(text_units(None, loader.Loaded(ORIGINAL[TOOLS], TOOLS)))}


def set_at(data: Any, location: tuple, value: Any) -> None:
    for part in location[:-1]:
        data = data[part]
    data[location[-1]] = value


def get_at(data: Any, location: tuple) -> Any:
    for part in location:
        data = data[part]
    return data


@functools.lru_cache(maxsize=None)
def _dumped(name: str) -> str:
    """An unchanged file's text, written once per session: most tests change one file
    of the three, and writing YAML is half of what a check of a copy costs."""
    return dump(ORIGINAL[name])


@functools.lru_cache(maxsize=None)
def _dumped_entry(name: str, section: str, key: Any) -> str:
    return _entry_text(section, key, ORIGINAL[name][section][key])


def _entry_text(section: str, key: Any, value: Any) -> str:
    """One entry of a top-level section as dump() writes it inside the whole file: the
    emitter writes a block mapping's entries one after another, each from its own value
    at the same indentation, so the file is its sections' entries put together."""
    text = dump({section: {key: value}})
    head = f"{section}:\n"
    if not text.startswith(head):
        raise _NotSplit
    return text[len(head):]


class _NotSplit(Exception):
    """A shape the entry by entry writing does not know: the whole file is dumped."""


def _shares_containers(data: Any) -> bool:
    """A dict or list standing at two places: dump() writes it once with an anchor and
    then an alias, which entry by entry writing would not (and must not hide)."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, (dict, list)):
            if id(item) in seen:
                return True
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)
    return False


def written_text(name: str, data: Any) -> str:
    """dump(data), the same text, written only where data differs from the real file:
    an entry of a top-level section (a node, a fact, a translation's entry) that a test
    did not change is the real file's, dumped once per session. Dumping a whole file
    was most of what a test of a changed copy cost (0.2 s of 0.43)."""
    original = ORIGINAL[name]
    if _identical(data, original):
        return _dumped(name)
    if not (isinstance(data, dict) and data and all(isinstance(k, str) for k in data)) \
            or _shares_containers(data):
        return dump(data)
    try:
        parts = []
        for section, value in data.items():
            if not (isinstance(value, dict) and value and isinstance(original.get(section), dict)):
                parts.append(dump({section: value}))
                continue
            parts.append(f"{section}:\n")
            old = original[section]
            for key, entry in value.items():
                same = type(key) is str and key in old and _identical(entry, old[key])
                parts.append(_dumped_entry(name, section, key) if same
                             else _entry_text(section, key, entry))
    except _NotSplit:
        return dump(data)
    # A text kept with its final line breaks (|+) last in a part: dump() ends the file
    # with "..." only when that part is the file's last.
    if any(part.endswith("\n...\n") for part in parts):
        return dump(data)
    return "".join(parts)


def _identical(one: Any, other: Any) -> bool:
    """Equal, keys in the same order, and of the same types all the way down (16.0 ==
    16, but a test that writes 16.0 means it; dump() writes keys in their order)."""
    if type(one) is not type(other):
        return False
    if isinstance(one, dict):
        return list(one) == list(other) and all(_identical(one[k], other[k]) for k in one)
    if isinstance(one, list):
        return len(one) == len(other) and all(map(_identical, one, other))
    return one == other


class DataCopy:
    """The three files in a folder: change values, write, check or build."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.data = copy.deepcopy(ORIGINAL)

    def set(self, name: str, location: tuple, value: Any) -> None:
        set_at(self.data[name], location, value)
        if name in KEYS and isinstance(value, str):
            key = KEYS[name].get(location)
            if key is None:
                return  # a new value, or one not translated
            try:  # the current entry; a source name's from the real file
                entry = get_at(self.data[TRANSLATION] if key[0] != "sources"
                               else ORIGINAL[TRANSLATION], key)
            except (KeyError, IndexError, TypeError):
                return
            if not isinstance(entry, dict):
                return
            entry = dict(entry, source_hash=translate.fingerprint(
                value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")))
            if key[0] == "sources":  # a source name is its own key
                key = ("sources", value)
            set_at(self.data[TRANSLATION], key, entry)

    def write(self) -> Path:
        # a source name's entry goes with the name (the tree's or tools.yaml's): none is
        # left behind (a warning)
        used = {unit.key for unit in text_units(loader.Loaded(self.data[TREE], TREE),
                                                loader.Loaded(self.data[TOOLS], TOOLS))}
        sources = self.data[TRANSLATION]["sources"]
        for name in [n for n in sources if ("sources", n) not in used]:
            del sources[name]
        for name, data in self.data.items():
            path = self.folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            # texts with line breaks as blocks (|), as contributors write them
            path.write_text(written_text(name, data), encoding="utf-8")
        # the other languages as they are (an attacked English text shows there, marked
        # stale), so the copy builds every language the real site has
        for lang in TRANSLATED[1:]:
            other = self.folder / "translations" / f"{lang}.yaml"
            if not other.exists():
                other.write_bytes((ROOT / "translations" / f"{lang}.yaml").read_bytes())
        return self.folder / TREE

    def check(self):
        return check_site(self.write(), load=kept_loading.load)

    def positions(self, name: str) -> loader.Loaded:
        """Where each value stands in the written file: the loader's own reading (libyaml
        when it reads the file without complaint, as the checker's own), without its
        checks of the values."""
        path = self.folder / name
        positions = loader.Loaded(None, str(path))
        root = loader._compose(path.read_text(encoding="utf-8"))
        loader._Builder(positions).build(root, (), 0)
        return positions

    def where(self, name: str, location: tuple) -> str:
        """FILE:LINE:COLUMN of a value in the written file."""
        line, column = self.positions(name).where(location)
        return f"{self.folder / name}:{line}:{column}"

    def refusals(self) -> list[str]:
        """Every error the checker gives the written copy, which it must refuse."""
        checked = self.check()
        assert checked.site is None, "the attack was accepted"
        return [problem.format() for problem in checked.errors]

    def assert_refused_at(self, name: str, location: tuple, message: str,
                          exact: bool = True) -> None:
        """Refused at the place the change stands in the written file: with exactly
        this message, or (exact=False) one holding these words."""
        found = self.refusals()  # writes the copy, which where() then reads
        where = self.where(name, location)
        if exact:
            assert f"{where}: {message}" in found, found
        else:
            assert any(p.startswith(where + ":") and message in p for p in found), (where, found)
