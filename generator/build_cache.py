"""What one build makes that the next build, in a new process, would make again the same:
kept in the user's cache folder ($XDG_CACHE_HOME/parcel-help, else ~/.cache/parcel-help),
under a key that names everything it is made from (the sources' hash, the library's
version), so a kept copy is the bytes a clean build makes. Compiling the templates,
drawing the link previews and icons, packing the offline files and turning the tree's
Markdown into HTML were a fifth of a full build's CPU. PARCEL_HELP_CACHE=off keeps
nothing; a folder that cannot be written keeps nothing either."""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import tempfile
from functools import lru_cache
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


@lru_cache(maxsize=None)
def code_version() -> str:
    """The generator's own code, hashed: part of every key, so that a change to any of
    its modules (not only the one that makes a thing) makes everything anew."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _hashed(key: tuple) -> str:
    return hashlib.sha256(repr((code_version(), key)).encode()).hexdigest()


def kept_bytes(kind: str, key: tuple, make: Callable[[], bytes]) -> bytes:
    """make()'s bytes, kept under kind and a hash of key (everything they are made from)
    and of the generator's code."""
    where = folder()
    if where is None:
        return make()
    path = where / kind / _hashed(key)
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
        _prune(path.parent)
    except OSError:
        pass
    return made


def _prune(where: Path, keep: int = 64) -> None:
    """The `keep` newest files of a folder, when a new one is added: each edit of the
    site makes new packs, and old ones are never asked for again."""
    entries = sorted(where.iterdir(), key=lambda path: path.stat().st_mtime_ns)
    for old in entries[:-keep]:
        old.unlink(missing_ok=True)


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
                _prune(Path(self.disk.directory), keep=512)
            except OSError:
                pass


def _made(path: Path) -> bool:
    try:
        path.mkdir(exist_ok=True)
        return True
    except OSError:
        return False


class KeptTexts:
    """A function's results (text to text) kept in one file of the cache folder, for
    results many and small (each text's HTML): loaded once, written when the process
    ends if it made new ones. version names all the results are made from; another
    version starts afresh. The most recently used `limit` results are kept."""

    def __init__(self, name: str, version: tuple, limit: int = 10_000) -> None:
        where = folder()
        self.path = where / f"{name}.json" if where is not None else None
        self.version = _hashed(version)
        self.limit = limit
        self.texts: dict[str, str] = {}
        self.added = False
        if self.path is not None:
            try:
                kept = json.loads(self.path.read_text(encoding="utf-8"))
                if kept.get("version") == self.version:
                    self.texts = kept["texts"]
            except (OSError, ValueError, KeyError, AttributeError):
                pass
            atexit.register(self.save)

    def get(self, key: str, make: Callable[[], str]) -> str:
        text = self.find(key)
        if text is None:
            text = make()
            self.keep(key, text)
        return text

    def find(self, key: str) -> str | None:
        """The text kept under key, or None."""
        text = self.texts.pop(key, None)
        if text is not None:
            self.texts[key] = text  # put back last: the most recently used
        return text

    def keep(self, key: str, text: str) -> None:
        self.texts[key] = text
        self.added = True

    def save(self) -> None:
        if not self.added or self.path is None:
            return
        texts = dict(list(self.texts.items())[-self.limit:])
        try:
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.path.parent,
                                             delete=False) as handle:
                json.dump({"version": self.version, "texts": texts}, handle,
                          ensure_ascii=False, separators=(",", ":"))
            os.replace(handle.name, self.path)
        except OSError:
            pass
        self.added = False
