"""A file's version, as the caches of what is read from it are keyed: `make serve` runs
one process for many builds, and an edit of a file the generator reads (a locale, a
schema) must show in the next build, not in the next process."""

from __future__ import annotations

import os
from pathlib import Path


def stamp(*paths: Path) -> tuple[tuple[int, int], ...]:
    """Each file's modification time (ns) and size: changes whenever a save changes it."""
    return tuple((found.st_mtime_ns, found.st_size) for found in map(os.stat, paths))
