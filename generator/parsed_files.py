"""Under `mkdocs serve`, a save rebuilds the site from every data file, and most of
them did not change: a file whose bytes are the same as at the last rebuild is not
parsed again (YAML, positions, character checks: most of reading the data). The
checks that relate files to each other (a translation against the tree) run each
time, in pipeline.py, on what is kept here.

What is kept is only ever read: nothing downstream changes a Loaded or its data
(tests/test_parsed_files.py checks it after a whole check_site)."""

from __future__ import annotations

from pathlib import Path

from . import loader
from .loader import Loaded


class ParsedFiles:
    """The last parse of each data file, by the path it was read from."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[bytes, Loaded]] = {}

    def load(self, path: str | Path) -> Loaded:
        """loader.load_file, but a file with the same bytes as last time is not parsed
        again. A file with errors is not kept: each read reports them again."""
        shown, raw = str(path), loader.read_bytes(path)
        kept = self._kept.get(shown)
        if kept is not None and kept[0] == raw:
            return kept[1]
        loaded = loader.load_bytes(raw, shown)
        self._kept[shown] = (raw, loaded)
        return loaded
