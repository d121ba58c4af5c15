"""The only place the generator meets mkdocs (or ProperDocs, its fork: Makefile ENGINE)
and Material: the `parcel-help` plugin in mkdocs.yml. As in mkdocs's own docs/hooks.py,
each hook below only calls a plain function of this package:

- site_build.py: on_config reads and checks every data file once (pipeline.py) and
  keeps this build's state in one object, SiteBuild;
- pages.py: the rendered pages added as virtual files; hand-written pages' markers;
  contributor text put in as slots after Markdown; links.py: edit links, the nav;
  step_pages.py: what the step pages share (their Markdown's HTML, Material's
  sidebars), made once per language, and the pages themselves, written from one
  rendered shell per language and folder (checked against the template each build);
- languages.py, page_context.py: English at the root, each other language of
  languages.yaml in a folder (LANG/) with the same pages; each page gets Material's
  words, <html lang>, nav, language menu and search index in its language, and an
  edit link to the file and line that holds its text;
- theme.py: what the templates (site_overrides/) get; tables.py: wide tables scroll;
- policy.py: the Content-Security-Policy of each page (csp.py);
- after_build.py: every step run on the built site, from one place; site_writes.py:
  a build writes only the files whose bytes changed, and removes what it did not write;
- serve.py, dirty.py: under `mkdocs serve`, data with errors never stops the server
  (every page lists the problems, FILE:LINE:COLUMN, until the fix), and a save
  rebuilds only what changed (`mkdocs build` still fails); serve_search.py keeps the
  search entries of the pages not rebuilt; data files whose bytes did not change are
  not parsed again (generator/parsed_files.py); the theme's file list is kept while
  its folders stay the same, and the cycle collector does its full work between rebuilds;
- search_sections.py, kept_render.py: Material's search parse of each page's HTML and
  mkdocs's Markdown of each page that is not a step, kept for the next build
  (generator/build_cache.py).

Why not mkdocs-static-i18n: it builds the site once per language around our own
generator, its language switcher does not keep the questionnaire's step, and its
search mixes languages unless configured. Here the pages of each language already
exist; only these per-page settings were missing.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator import csp, embed, loader
from generator.errors import Problem
from generator.parsed_files import ParsedFiles
from generator.reserved import heading_slug

from . import after_build, kept_render, pages, policy, search_sections, serve, theme
from .site_writes import WRITES, written_only_changed
from .dirty import DirtyBuilds
from .serve_search import KeptSearch
from .languages import translated_nav
from .links import with_tool_pages
from .page_context import page_context
from .site_build import SiteBuild, start_build
from .tables import scrollable_tables


class ParcelHelpPlugin(BasePlugin):
    # strict_translations: a text without a current translation fails the build (for a
    # release: `STRICT_TRANSLATIONS=true make build`); otherwise its page shows the English.
    config_scheme = (("strict_translations", config_options.Type(bool, default=False)),)

    def __init__(self) -> None:
        super().__init__()
        self.build: SiteBuild | None = None  # None while the data has errors (serve)
        self.problems: list[Problem] = []  # the data's errors, while the site shows them
        # under `mkdocs serve`: data errors show in the browser; the worker caches nothing
        self.serving = False
        self.dirty = DirtyBuilds()
        self.search = KeptSearch()  # under serve: the index's entries of pages not rebuilt
        self.parsed = ParsedFiles()  # under serve: each data file parsed once per content
        self.collector = serve.Collector()  # under serve: full collections between rebuilds
        # the inline code the project puts in its pages, recorded as it is inlined
        self.inlined = csp.Inlined(style_attributes={embed.FRAME_STYLE})

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining on_startup also keeps this object across `mkdocs serve` rebuilds."""
        self.serving = command == "serve"
        theme.templates_kept()
        written_only_changed()
        serve.list_theme_files_once()
        if dirty:
            serve.quiet_dirty_warning()

    def on_serve(self, server, config: MkDocsConfig, builder):
        return serve.faster_polling(server, config)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.serving:
            self.collector.building()
        self.inlined = csp.Inlined(style_attributes={embed.FRAME_STYLE})
        # Heading ids that keep Cyrillic letters (#почему-посылки-теряются, not #_1);
        # the same ids as before for English. Set here: mkdocs.yml stays plain YAML.
        config.mdx_configs.setdefault("toc", {})["slugify"] = heading_slug
        config.nav = with_tool_pages(config.nav)
        self.build, self.problems = start_build(
            config, strict_translations=self.config["strict_translations"],
            serving=self.serving, load=self.parsed.load if self.serving else loader.load_file_kept)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Files whose bytes did not change are not written again (site_writes.py)."""
        WRITES.begin(config.site_dir)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.build is None:
            return self.dirty.error_files(files, config)
        files = pages.add_generated(files, config, self.build)
        self.dirty.built(files, self.build, self.serving)
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        if self.build is not None:
            if self.serving:
                self.dirty.title_unread(files, self.build)
            self.build.navs = {lang: translated_nav(nav, lang, files)
                               for lang in self.build.languages[1:]}
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):
        if self.serving:
            self.search.before_pages(config, files)
        search_sections.keep_sections(config)
        return theme.prepare(env, files, self.inlined)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """While the data has errors, every page lists them."""
        if self.build is None:
            return serve.error_markdown(self.problems)
        kept_render.keep_render(page)
        return pages.page_markdown(markdown, page, config, self.build)

    def on_page_content(self, html_text: str, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        if self.build is None:
            return scrollable_tables(html_text)
        if page.file.src_uri not in self.build.generated:
            # what Markdown made of the page's source; the site's own HTML is in slots
            policy.refuse(policy.source_of(page, config), csp.markup_refusals(html_text),
                          self.serving)
        return pages.with_slots(scrollable_tables(html_text), page, self.build)

    @event_priority(-100)  # last: every other change to the page is made
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return policy.with_policy(output, policy.source_of(page, config), self.inlined,
                                  self.serving, code=getattr(page, "inline_code", None))

    @event_priority(-100)
    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """The theme's own pages (404.html) carry the policy too."""
        if self.serving or not template_name.endswith(".html"):
            return output
        return policy.with_policy(output, f"{template_name} (the theme's)", self.inlined,
                                  self.serving)

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict:
        if self.build is None:
            return context
        return page_context(context, page, config, nav, self.build)

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        """While the data has errors (under serve), only a 404 page that lists them."""
        site = Path(config.site_dir)
        if self.serving:
            self.search.after_build(config)
        WRITES.sweep()  # what the last build wrote and this one did not
        if self.build is None:
            WRITES.flush()
            serve.write_error_404(site, self.problems)
        else:
            after_build.finish_site(
                site, self.build.languages, self.build.files,
                own_assets=after_build.own_assets(config.theme.custom_dir),
                site_url=config.site_url or "", serving=self.serving, writes=WRITES)
        WRITES.end()
        if self.serving:
            self.collector.built()

    def on_build_error(self, error: Exception) -> None:
        WRITES.end()  # the pages held are dropped: the build failed
