"""What one build makes that the next build, in a new process, would make again the same:
kept in the user's cache folder ($XDG_CACHE_HOME/parcel-help, else ~/.cache/parcel-help),
under a key that names everything it is made from (the sources' hash, the library's
version), so a kept copy is the bytes a clean build makes. Compiling the templates and
drawing the link previews were a tenth of a full build. PARCEL_HELP_CACHE=off keeps
nothing; a folder that cannot be written keeps nothing either."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Callable

import jinja2
import jinja2.bccache


def folder() -> Path | None:
    if os.environ.get("PARCEL_HELP_CACHE") == "off":
        return None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    path = Path(base) / "parcel-help"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK) else None


def kept_bytes(kind: str, key: tuple, make: Callable[[], bytes]) -> bytes:
    """make()'s bytes, kept under kind and a hash of key (everything they are made from)."""
    where = folder()
    if where is None:
        return make()
    path = where / kind / hashlib.sha256(repr(key).encode()).hexdigest()
    try:
        return path.read_bytes()
    except OSError:
        pass
    made = make()
    try:
        path.parent.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            handle.write(made)
        os.replace(handle.name, path)  # whole or not at all: a build beside reads it
    except OSError:
        pass
    return made


class Layered(jinja2.BytecodeCache):
    """Compiled templates: first (a process's own, kept across `mkdocs serve` rebuilds),
    then the cache folder (Jinja checks each against its template's checksum)."""

    def __init__(self, first: jinja2.BytecodeCache | None = None) -> None:
        self.first = first
        where = folder()
        self.disk = (jinja2.FileSystemBytecodeCache(str(where / "templates"))
                     if where is not None and _made(where / "templates") else None)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if self.first is not None:
            self.first.load_bytecode(bucket)
        if bucket.code is None and self.disk is not None:
            self.disk.load_bytecode(bucket)
            if bucket.code is not None and self.first is not None:
                self.first.dump_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if self.first is not None:
            self.first.dump_bytecode(bucket)
        if self.disk is not None:
            try:
                self.disk.dump_bytecode(bucket)
            except OSError:
                pass


def _made(path: Path) -> bool:
    try:
        path.mkdir(exist_ok=True)
        return True
    except OSError:
        return False
