"""loader.load_file for tests that check many copies of the data, each with one file
changed: a file with the same bytes as one read lately (the files a test did not
change, the locales) is not parsed again but is that Loaded, under its own path (the
only thing loading takes from the path). The checks that relate the files run on it
each time; nothing downstream changes a Loaded (generator/parsed_files.py, which
`mkdocs serve` keeps the same way; tests/test_parsed_files.py). Reading the unchanged
files was most of what a check of a copy cost (0.45 s of CPU of 0.55 for an attack on
tools.yaml). A file with problems is not kept: each read reports them again."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator import loader, pipeline

# The last files read (their bytes: Loaded), most recent last
_KEPT: dict[bytes, loader.Loaded] = {}
KEEP = 16  # a check reads about seven files (tree, translations, tools, locales)


def load(path: str | Path) -> loader.Loaded:
    raw = loader.read_bytes(path)
    kept = _KEPT.pop(raw, None)
    if kept is None:
        kept = loader.load_bytes(raw, str(path))
    _KEPT[raw] = kept
    while len(_KEPT) > KEEP:
        del _KEPT[next(iter(_KEPT))]
    return kept if kept.path == str(path) else dataclasses.replace(kept, path=str(path))


def check_site(tree_path: str | Path, **options) -> pipeline.Checked:
    """pipeline.check_site, reading each file through load()."""
    return pipeline.check_site(tree_path, load=load, **options)
