"""One build's state (SiteBuild), made from the checked site data when mkdocs reads
its configuration (on_config): the data's problems either stop the build or, under
`mkdocs serve`, become the pages shown (serve.py)."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from generator import freshness
from generator.errors import Problem, TreeError
from generator.languages import use_project
from generator.pipeline import TREE_FILE, Load, SiteData, load_site
from generator.render import GeneratedPage
from generator.render import Renderer

from . import serve
from .languages import page_language
from .links import edit_url

log = logging.getLogger("mkdocs.plugins.generator.mkdocs_adapter")


@dataclass
class SiteBuild:
    """One build's state, made in on_config from the checked site data."""

    site: SiteData
    root: Path  # the folder of mkdocs.yml: sources are named relative to it
    renderers: dict[str, Renderer]  # by language
    generated: dict[str, GeneratedPage] = field(default_factory=dict)  # by src_uri
    languages: list[str] = field(default_factory=list)  # with pages in this build
    navs: dict[str, Navigation] = field(default_factory=dict)
    files: Files | None = None
    # by src_uri: the HTML of the slots in each page's Markdown (render.py), generated
    # pages' and the guide list's on hand-written pages
    slots: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def renderer_for(self, src_uri: str) -> Renderer:
        return self.renderers[page_language(src_uri)]

    def source(self, file: File) -> tuple[str, int]:
        """The file (relative to the project) and line a contributor edits to change
        this page: the data file for a generated page, content/ for a written one."""
        generated = self.generated.get(file.src_uri)
        if generated is not None:
            return self.relative(generated.source), generated.line
        return self.relative(file.abs_src_path or file.src_uri), 0

    def relative(self, path: str) -> str:
        return _relative(str(path), self.root)


@lru_cache(maxsize=256)  # a few files, asked for by every text's edit link
def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def start_build(config: MkDocsConfig, *, strict_translations: bool, serving: bool,
                load: Load) -> tuple[SiteBuild | None, list[Problem]]:
    """Reads and checks every data file once (pipeline.py; load reads each file).
    Data with errors stops `mkdocs build` (Abort); under `mkdocs serve` it gives
    (None, the problems)."""
    root = Path(config.config_file_path).parent.resolve()
    use_project(root)  # its languages.yaml
    # PARCEL_HELP_TREE builds the site from another tree (tests, benchmarks).
    tree_path = serve.shown(root / os.environ.get("PARCEL_HELP_TREE", TREE_FILE))
    try:
        site = load_site(tree_path, strict_translations=strict_translations, load=load)
    except TreeError as error:
        problems = [serve.relative_problem(p, root) for p in error.problems]
        if not serving:
            raise Abort("the site's data has errors:\n" +
                        "\n".join(p.format() for p in problems) +
                        f"\n{len(problems)} error(s)")
        # INFO: strict mode counts warnings and errors, and would stop the server.
        for problem in problems:
            log.info(problem.format())
        return None, problems
    _report(site, root, serving)
    build = SiteBuild(site, root, {})

    def edit_link(path: str, line: int) -> str | None:
        return edit_url(config, build.relative(path), line)
    build.renderers = {lang: Renderer(site, lang, edit_link) for lang in site.languages}
    return build, []


def _report(site: SiteData, root: Path, serving: bool) -> None:
    """Warnings fail a strict `mkdocs build` (and CI), never `mkdocs serve`; a text
    shown in English for want of a translation never fails either."""
    for warning in site.warnings:
        (log.info if serving else log.warning)(serve.relative_problem(warning, root).format())
    for warning in site.translation_warnings:
        log.info(serve.relative_problem(warning, root).format())
    # A fact due to be checked again is information (`make facts` lists them), never a
    # warning: a strict build must not start failing on a date with no commit.
    for age in freshness.overdue(site.tree, date.today()):
        due = Problem(age.fact.line, 1, f"fact '{age.fact.name}' was due to be checked "
                      f"against its source by {age.due.isoformat()} (make facts)",
                      site.tree.path)
        log.info(serve.relative_problem(due, root).format())
