"""`mkdocs serve` for contributors: data with errors never stops the server (every
page lists the problems, FILE:LINE:COLUMN, until the fix), and a save rebuilds fast
(compiled templates kept, pages that did not change skipped under --dirty)."""

from __future__ import annotations

import gc
import html
import json
import logging
import os
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from generator import build_cache
from generator.errors import Problem

# How often `mkdocs serve` looks for changed files (its own: 0.5 s; a look at the
# watched files costs about 1.5 ms), and how long after a change it waits for more
# before rebuilding (its own: 0.1 s): one more look, so that a save seen half-written
# is still one rebuild.
POLL_SECONDS = 0.05


def quiet_dirty_warning() -> None:
    """`make serve` runs --dirty on purpose (this adapter rebuilds what changed and
    keeps links right): mkdocs's warning that a dirty build may be inaccurate would only
    alarm a contributor, at every start."""
    logging.getLogger("mkdocs.commands.build").addFilter(
        lambda record: not record.getMessage().startswith("A 'dirty' build is being performed"))


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates, kept in memory (checked against the source's checksum)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = MemoryBytecodeCache()


def faster_polling(server, config: MkDocsConfig):
    """mkdocs looks for changed files every 0.5 s, then waits 0.1 s for more: 0.35 s,
    on average, of edit-to-reload. Look every POLL_SECONDS (a few hundred files to
    stat) and wait one look. Called before mkdocs.yml's `watch:` paths are added; the
    two added before are moved over."""
    from watchdog.observers.polling import PollingObserver

    moved = [config.docs_dir, config.config_file_path]
    for path in moved:
        server.unwatch(path)
    server.observer = PollingObserver(timeout=POLL_SECONDS)
    server.build_delay = POLL_SECONDS
    for path in moved:
        server.watch(path)
    return server


class ThemeFiles:
    """The theme's static files, listed once while its folders stay the same. mkdocs
    lists them on every build (Files.add_files_from_theme: a walk of Material's 14,500
    files through fnmatch, 0.05 s of each build), though they hardly ever change.
    Adding, removing or renaming a file changes its folder's mtime: then the theme is
    walked again. (A changed file's bytes are mkdocs's concern: it copies a static
    file whose source is newer than the site's copy.) kept: where the list and the
    folders' times are kept for the next process (build_cache.py), if anywhere."""

    def __init__(self, list_files, kept: build_cache.KeptTexts | None = None) -> None:
        self.list_files = list_files  # mkdocs's own Files.add_files_from_theme
        self.kept = kept
        self.settings: tuple = ()  # what else the list depends on (mkdocs.yml's theme)
        self.folders: dict[str, int] = {}  # every folder of the theme -> its mtime
        self.found: list[tuple[str, str]] = []  # (path in the theme, theme folder)

    def _folders(self) -> dict[str, int] | None:
        try:
            return {folder: os.stat(folder).st_mtime_ns for folder in self.folders}
        except OSError:
            return None

    def add(self, files: Files, env: jinja2.Environment, config: MkDocsConfig) -> None:
        # static_templates is a set: its order differs from one process to the next
        settings = (tuple(config.theme.dirs), tuple(sorted(config.theme.static_templates)))
        if settings != self.settings and self.kept is not None:
            self._last_process(settings)
        if settings != self.settings or self._folders() != self.folders:
            folders = {folder: os.stat(folder).st_mtime_ns
                       for top in settings[0] for folder, _, _ in os.walk(top, followlinks=True)}
            listed = Files([])
            self.list_files(listed, env, config)
            self.settings, self.folders = settings, folders
            self.found = [(file.src_uri, file.src_dir) for file in listed]
            if self.kept is not None:
                self.kept.keep(repr(settings), json.dumps({"folders": folders,
                                                           "found": self.found}))
        for path, folder in self.found:
            if files.get_file_from_path(path) is None:  # a docs file overrides the theme's
                files.append(File(path, folder, config.site_dir, config.use_directory_urls))


    def _last_process(self, settings: tuple) -> None:
        """What an earlier process listed with these settings, to be checked as ours."""
        text = self.kept.find(repr(settings))
        if text is not None:
            last = json.loads(text)
            self.settings, self.folders = settings, last["folders"]
            self.found = [tuple(found) for found in last["found"]]


def list_theme_files_once() -> None:
    """mkdocs's Files.add_files_from_theme goes through one ThemeFiles for the life of
    the process (the rebuilds of `mkdocs serve`), which starts from the last process's
    list (build_cache.py)."""
    if hasattr(Files.add_files_from_theme, "theme_files"):
        return
    theme_files = ThemeFiles(Files.add_files_from_theme,
                             build_cache.KeptTexts("theme-files", (), limit=8))

    def add_files_from_theme(files: Files, env: jinja2.Environment, config: MkDocsConfig) -> None:
        theme_files.add(files, env, config)

    add_files_from_theme.theme_files = theme_files
    Files.add_files_from_theme = add_files_from_theme


class Collector:
    """Python's cycle collector, out of the rebuilds' way. Its full collections walk
    every object the server holds (modules, compiled templates, the data, the last
    build's pages and search index): 0.05 to 0.09 s of each rebuild. After the first
    build, and after any later one once the server has been idle IDLE_SECONDS, this
    collects in full and freezes what is left (gc.freeze): the rebuilds' own
    collections then walk only what was made since. Unfrozen before each full
    collection, so what a later build drops is still collected."""

    IDLE_SECONDS = 2.0

    def __init__(self) -> None:
        self.builds = 0  # builds started so far
        self.lock = threading.Lock()

    def building(self) -> None:
        with self.lock:
            self.builds += 1

    def built(self) -> None:
        if self.builds <= 1:
            self._collect()
            return
        timer = threading.Timer(self.IDLE_SECONDS, self._when_idle, args=(self.builds,))
        timer.daemon = True
        timer.start()

    def _when_idle(self, builds: int) -> None:
        with self.lock:  # a build started since: the next one will come back
            if builds == self.builds:
                self._collect()

    @staticmethod
    def _collect() -> None:
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def always() -> bool:
    return True


def never() -> bool:
    return False


def shown(path: Path) -> Path:
    """A path as messages show it (as `make validate` does): relative to the working
    folder when inside it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def relative_problem(problem: Problem, root: Path) -> Problem:
    """Paths as `make validate` prints them: relative to the project."""
    try:
        return replace(problem, path=Path(problem.path).resolve().relative_to(root).as_posix())
    except ValueError:
        return problem


def error_files(files: Files, config: MkDocsConfig, last_pages: frozenset[str]) -> Files:
    """The site while the data has errors: every page, hand-written or generated (those
    of the last good build, and those the nav names), shows the problems instead."""
    wanted = set(last_pages) | set(_nav_paths(config.nav))
    for uri in sorted(wanted - {f.src_uri for f in files}):
        files.append(File.generated(config, uri, content=""))
    named = set(_nav_paths(config.nav))
    for file in files.documentation_pages():
        if file.src_uri not in named:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return files


def _nav_paths(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_paths(item)]
    return []


def _error_list(problems: list[Problem]) -> str:
    items = "".join(f"<li><code>{html.escape(p.format())}</code></li>\n" for p in problems)
    return f'<ul class="build-errors">\n{items}</ul>\n'


def error_markdown(problems: list[Problem]) -> str:
    return ("# The site's data has errors\n\n"
            "Fix each problem below (file:line:column) and save: this page reloads "
            "by itself and shows the site again.\n\n" + _error_list(problems))


def write_error_404(site: Path, problems: list[Problem]) -> None:
    """A page not built (the data could not say it exists) shows the problems too; the
    server does not add its reload script to it, so it reloads itself every second."""
    (site / "404.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="refresh" content="1"><title>Data errors</title></head><body>'
        "<h1>The site's data has errors</h1><p>Fix each problem below and save; this page "
        "reloads by itself.</p>" + _error_list(problems) + "</body></html>\n",
        encoding="utf-8")
