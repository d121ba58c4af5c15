"""`mkdocs serve --dirty` (make serve) rebuilds only the pages whose source changed.
Generated pages have no source file for mkdocs to look at, so each build remembers
what the last one made, and tells mkdocs which pages did not change. The state lives
in one object per plugin (the plugin is kept across `mkdocs serve` rebuilds)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from generator.i18n import locales_version
from generator.render import GeneratedPage

from . import serve
from .languages import page_language
from .pages import lists_guides, page_title
from .site_build import SiteBuild


class DirtyBuilds:
    def __init__(self) -> None:
        self.last_pages: frozenset[str] = frozenset()  # the last good build's generated pages
        self.previous: dict[str, GeneratedPage] = {}  # the last build's, to tell which changed
        self.guide_lists: dict[str, str] = {}  # the list hand-written pages show, by language
        self.showed_errors = False  # the last build put the error page in place of every page
        # the locale files' version: their words are on every page (titles, nav, header)
        self.locales: tuple = ()

    def error_files(self, files: Files, config: MkDocsConfig) -> Files:
        """While the data has errors every page, rebuilt, lists them (serve.py)."""
        self.previous, self.showed_errors = {}, True
        files = serve.error_files(files, config, self.last_pages)
        for file in files.documentation_pages():
            file.is_modified = serve.always
        return files

    def built(self, files: Files, build: SiteBuild, serving: bool) -> None:
        self.last_pages = frozenset(build.generated)
        if serving:
            self._mark_unchanged(files, build)

    def _mark_unchanged(self, files: Files, build: SiteBuild) -> None:
        """A generated page like last time's is not rebuilt, nor a step's data file
        written again; every page is after the error page stood in for them, or after
        a locale file changed; a hand-written page that lists the guides is when the
        list changed."""
        previous, locales = self.previous, locales_version()
        force = self.showed_errors or not previous or locales != self.locales
        lists = {lang: renderer.guide_list("") for lang, renderer in build.renderers.items()}
        for file in files:
            generated = build.generated.get(file.src_uri)
            if generated is not None:  # a page or a step's data (not written again)
                if not force and previous.get(file.src_uri) == generated:
                    file.is_modified = serve.never
            elif not file.is_documentation_page():
                continue
            elif force or (lists_guides(file) and
                           lists[page_language(file.src_uri)] != self.guide_lists.get(
                               page_language(file.src_uri))):
                file.is_modified = serve.always
        self.previous, self.guide_lists = dict(build.generated), lists
        self.showed_errors, self.locales = False, locales

    def title_unread(self, files: Files, build: SiteBuild) -> None:
        """mkdocs reads only the pages it rebuilds, and a page not read has no title
        (Page.title is None until then): the rebuilt pages' nav and previous/next links
        showed "None" for the tool pages, whose titles come from Python (set_title). A
        generated page in the nav that is not rebuilt gets the title a read gives it."""
        for file in files.documentation_pages():
            generated = build.generated.get(file.src_uri)
            if generated is not None and file.page is not None and not file.is_modified():
                file.page.title = page_title(generated)
