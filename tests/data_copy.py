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

import yaml

from generator import loader, translate
from generator.pipeline import check_site, text_units
from generator.translation_file import dump
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


def _identical(one: Any, other: Any) -> bool:
    """Equal, and of the same types all the way down (16.0 == 16, but a test that
    writes 16.0 means it)."""
    if type(one) is not type(other):
        return False
    if isinstance(one, dict):
        return one.keys() == other.keys() and all(_identical(one[k], other[k]) for k in one)
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
            path.write_text(_dumped(name) if _identical(data, ORIGINAL[name]) else dump(data),
                            encoding="utf-8")
        # the other languages as they are (an attacked English text shows there, marked
        # stale), so the copy builds every language the real site has
        for lang in TRANSLATED[1:]:
            other = self.folder / "translations" / f"{lang}.yaml"
            if not other.exists():
                other.write_bytes((ROOT / "translations" / f"{lang}.yaml").read_bytes())
        return self.folder / TREE

    def check(self):
        return check_site(self.write())

    def positions(self, name: str) -> loader.Loaded:
        """Where each value stands in the written file: the loader's own reading,
        without its checks of the values."""
        path = self.folder / name
        positions = loader.Loaded(None, str(path))
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=loader._NoAliasLoader)
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
