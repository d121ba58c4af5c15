"""The only place the generator meets mkdocs: the `parcel-help` plugin in mkdocs.yml
(here), languages.py (a page's language, its nav, search per language) and serve.py
(data errors and fast rebuilds under `mkdocs serve`).

on_config reads and checks every data file once (pipeline.py) and keeps this build's
state in one object, SiteBuild. The rest adds the rendered pages as virtual files
(never written into docs_dir, which would make `mkdocs serve` rebuild in a loop) and
gives every page, generated or hand-written, its language and its source:

- English is at the root; each other language of languages.yaml is a folder (LANG/)
  with the same pages: generated ones (the translated tree) and hand-written ones
  (content/LANG/);
- each page gets Material's words and <html lang> in its language, the nav in its
  language, a language menu linking to the same page in each language, and a search
  index with the pages of its own language only (split in on_post_build);
- each page's edit link opens the file and line that holds its text;
- under `mkdocs serve`, data with errors never stops the server: every page becomes a
  page listing the problems (FILE:LINE:COLUMN), and the real pages come back with the
  fix (`mkdocs build` still fails).

Why not mkdocs-static-i18n: it builds the site once per language around our own
generator, its language switcher does not keep the questionnaire's step, and its
search mixes languages unless configured. Here the pages of each language already
exist; only these per-page settings were missing.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from mkdocs.config import config_options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator import csp, embed, freshness, offline, social, trim
from generator.errors import Problem, TreeError
from generator.i18n import locale
from generator.markup import text_html
from generator.pipeline import TREE_FILE, SiteData, load_site
from generator.reserved import heading_slug
from generator.render import Page as GeneratedPage
from generator.render import Renderer, fill_slots
from generator.tools import TOOLS
from generator.languages import use_project

from . import alternates, serve
from .languages import (ENGLISH, Overlay, page_language, prefix, split_search_index,
                        translated_nav, url_in)

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

GUIDE_LIST_MARKER = "<!-- parcel-help:guide-list -->"
# The "Embed the questionnaire" page: the snippet to copy, and the embed live.
EMBED_SNIPPET_MARKER = "<!-- parcel-help:embed-snippet -->"
EMBED_PREVIEW_MARKER = "<!-- parcel-help:embed-preview -->"
TOOLS_INDEX = "tools/index.md"
ANCHOR_ID = re.compile(r'\bid="([^"]+)"')


# Material's script wrapped each table in these as the page ran, so that a wide table
# scrolls sideways on a phone; written into the page, they are there without
# JavaScript (Material's script is not loaded: site.js) and nothing moves after the
# first paint. Markdown's tables have no attributes; any other table is left as it is.
TABLE = re.compile(r"<table>.*?</table>", re.S)


def scrollable_tables(html_text: str) -> str:
    return TABLE.sub(lambda table: '<div class="md-typeset__scrollwrap"><div '
                     f'class="md-typeset__table">{table.group(0)}</div></div>', html_text)


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
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()


class ParcelHelpPlugin(BasePlugin):
    # strict_translations: a text without a current translation fails the build (for a
    # release: `STRICT_TRANSLATIONS=true make build`); otherwise its page shows the English.
    config_scheme = (("strict_translations", config_options.Type(bool, default=False)),)

    build: SiteBuild | None = None
    # under `mkdocs serve`: data errors show in the browser; the service worker caches nothing
    serving = False
    problems: list[Problem] = []  # the data's errors, while the site shows them
    last_pages: frozenset[str] = frozenset()  # the last good build's generated pages
    # `mkdocs serve --dirty` (make serve) rebuilds only the pages whose source changed:
    # the generated pages of the last build, to tell which of them did.
    previous: dict[str, GeneratedPage] = {}
    guide_lists: dict[str, str] = {}  # the guide list hand-written pages show, by language
    showed_errors = False  # the last build put the error page in place of every page

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining on_startup also keeps this object across `mkdocs serve` rebuilds."""
        self.serving = command == "serve"
        if dirty:
            serve.quiet_dirty_warning()

    def on_serve(self, server, config: MkDocsConfig, builder):
        """mkdocs looks for changed files every 0.5 s: a quarter of a second, on average,
        of edit-to-reload. Look every 0.1 s (a few hundred files to stat). Called before
        mkdocs.yml's `watch:` paths are added; the two added before are moved over."""
        from watchdog.observers.polling import PollingObserver

        moved = [config.docs_dir, config.config_file_path]
        for path in moved:
            server.unwatch(path)
        server.observer = PollingObserver(timeout=serve.POLL_SECONDS)
        for path in moved:
            server.watch(path)
        return server

    # --- reading the data ---------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent.resolve()
        use_project(root)  # its languages.yaml
        # the inline code the project puts in its pages, recorded as it is inlined
        self.inlined = csp.Inlined(style_attributes={embed.FRAME_STYLE})
        # PARCEL_HELP_TREE builds the site from another tree (tests, benchmarks).
        tree_path = serve.shown(root / os.environ.get("PARCEL_HELP_TREE", TREE_FILE))
        # Heading ids that keep Cyrillic letters (#почему-посылки-теряются, not #_1);
        # the same ids as before for English. Set here: mkdocs.yml stays plain YAML.
        config.mdx_configs.setdefault("toc", {})["slugify"] = heading_slug
        config.nav = _with_tool_pages(config.nav)
        try:
            site = load_site(tree_path, strict_translations=self.config["strict_translations"])
        except TreeError as error:
            problems = [serve.relative_problem(p, root) for p in error.problems]
            if not self.serving:
                raise Abort("the site's data has errors:\n" +
                            "\n".join(p.format() for p in problems) +
                            f"\n{len(problems)} error(s)")
            # INFO: strict mode counts warnings and errors, and would stop the server.
            for problem in problems:
                log.info(problem.format())
            self.build, self.problems = None, problems
            return config
        self.problems = []
        # Warnings fail a strict `mkdocs build` (and CI), never `mkdocs serve`; a text
        # shown in English for want of a translation never fails either.
        for warning in site.warnings:
            (log.info if self.serving else log.warning)(serve.relative_problem(warning, root).format())
        for warning in site.translation_warnings:
            log.info(serve.relative_problem(warning, root).format())
        # A fact due to be checked again is information (`make facts` lists them), never a
        # warning: a strict build must not start failing on a date with no commit.
        for age in freshness.overdue(site.tree, date.today()):
            due = Problem(age.fact.line, 1, f"fact '{age.fact.name}' was due to be checked "
                          f"against its source by {age.due.isoformat()} (make facts)",
                          site.tree.path)
            log.info(serve.relative_problem(due, root).format())
        build = self.build = SiteBuild(site, root, {})

        def edit_link(path: str, line: int) -> str | None:
            return _edit_url(config, build.relative(path), line)
        build.renderers = {lang: Renderer(site, lang, edit_link) for lang in site.languages}
        return config

    # --- the pages ------------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = self.build
        if build is None:
            self.previous, self.showed_errors = {}, True
            files = serve.error_files(files, config, self.last_pages)
            for file in files.documentation_pages():
                file.is_modified = serve.always
            return files
        # A tree without translations (tests, benchmarks) is built in English only; the
        # hand-written pages of the other languages would link to pages not built.
        for file in list(files):
            if page_language(file.src_uri) not in build.renderers:
                files.remove(file)
        for lang, renderer in build.renderers.items():
            for src_uri, page in renderer.pages().items():
                uri = prefix(lang) + src_uri
                build.generated[uri] = page
                file = File.generated(config, uri, content=page.markdown)
                if not _in_nav(src_uri):
                    file.inclusion = InclusionLevel.NOT_IN_NAV
                files.append(file)
        build.languages = [ENGLISH]
        for file in files.documentation_pages():
            lang = page_language(file.src_uri)
            if lang != ENGLISH:
                file.inclusion = InclusionLevel.NOT_IN_NAV  # in its own language's nav
                if lang not in build.languages:
                    build.languages.append(lang)
        build.files = files
        self.last_pages = frozenset(build.generated)
        if self.serving:
            self._mark_unchanged(files)
        return files

    def _mark_unchanged(self, files: Files) -> None:
        """For `serve --dirty`: a generated page like last time's is not rebuilt; every
        page is after the error page stood in for them; a hand-written page that lists
        the guides is when the list changed."""
        build, previous = self.build, self.previous
        force = self.showed_errors or not previous
        lists = {lang: renderer.guide_list("") for lang, renderer in build.renderers.items()}
        for file in files.documentation_pages():
            generated = build.generated.get(file.src_uri)
            if generated is not None:
                if not force and previous.get(file.src_uri) == generated:
                    file.is_modified = serve.never
            elif force or (_lists_guides(file) and
                           lists[page_language(file.src_uri)] != self.guide_lists.get(
                               page_language(file.src_uri))):
                file.is_modified = serve.always
        self.previous, self.guide_lists = dict(build.generated), lists
        self.showed_errors = False

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        build = self.build
        if build is None:
            return nav
        build.navs.clear()
        for lang in build.languages[1:]:
            build.navs[lang] = translated_nav(nav, lang, files)
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """The embed's page template inlines the site's own CSS and JS files. The theme's
        templates, compiled anew for each build, are compiled once per process."""
        env.bytecode_cache = serve.TEMPLATE_CACHE
        def inline_asset(*paths: str):
            """The files' text, minified, as one inline element; the policy allows
            exactly this text (csp.Inlined)."""
            text = "".join(embed.minify(path, files.get_file_from_path(path).content_string)
                           for path in paths)
            return Markup(self.inlined.add(paths[0], text))
        env.globals["inline_asset"] = inline_asset
        return env

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """Hand-written pages may ask for the list of guides, or the embed's snippet and
        preview, with a marker line. While the data has errors, every page lists them."""
        if self.build is None:
            return serve.error_markdown(self.problems)
        self._set_title(page)
        renderer = self.build.renderer_for(page.file.src_uri)
        if GUIDE_LIST_MARKER in markdown:
            lang = renderer.locale.lang
            depth = page.file.src_uri[len(prefix(lang)):].count("/")
            listing, slots = renderer.guide_list("../" * depth + "guides/")
            self.build.slots[page.file.src_uri] = slots
            markdown = markdown.replace(GUIDE_LIST_MARKER, listing)
        markers = EMBED_SNIPPET_MARKER in markdown or EMBED_PREVIEW_MARKER in markdown
        for marker, fragment in (_embed_markers(page, config, renderer) if markers else {}).items():
            if marker in markdown:
                # a slot: the site's own HTML goes in after the page's Markdown is checked
                slots = self.build.slots.get(page.file.src_uri, ())
                self.build.slots[page.file.src_uri] = (*slots, fragment)
                markdown = markdown.replace(marker, f"phslot{len(slots)}b")
        return markdown

    # --- contributor text: titles and slots (render.py) ----------------------------

    def _set_title(self, page: Page) -> None:
        """A generated page's title and description come from Python, as plain text,
        never from front matter. Material writes page.title and page.meta.description
        into HTML as they are (its Jinja does not escape), so they hold the text
        escaped once (the description: by on_page_context); main.html's htmltitle and
        site_meta blocks undo Material's striptags decoding."""
        generated = self.build.generated.get(page.file.src_uri)
        if generated is None:
            return
        self.build.slots[page.file.src_uri] = generated.slots
        page.meta["title"] = str(text_html(generated.title))
        if generated.description:  # plain: on_page_context escapes it, once
            page.meta["description"] = " ".join(generated.description.split())

    def on_page_content(self, html_text: str, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Each slot's token in the rendered page becomes its HTML, in one pass; the
        table of contents (and so the search index) gets the same text."""
        if self.build is not None and page.file.src_uri not in self.build.generated:
            # what Markdown made of the page's source; the site's own HTML is in slots
            self._refuse(self._source(page, config), csp.markup_refusals(html_text))
        html_text = scrollable_tables(html_text)
        slots = self.build.slots.get(page.file.src_uri) if self.build else None
        if not slots:
            return html_text
        items = list(page.toc)
        while items:  # iterative: a TOC is shallow, but no recursion is needed
            item = items.pop()
            item.title = fill_slots(item.title, slots)
            items.extend(item.children)
        # links to ids inside slots (questionnaire steps) are checked like any other
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= {found for slot in slots
                                        for found in ANCHOR_ID.findall(slot)}
        return fill_slots(html_text, slots)

    @event_priority(-100)  # last: every other change to the page is made
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """The policy, from the inline code the project inlined itself; any other inline
        code stops the build, naming the page's source. Not under `mkdocs serve`: the
        server adds its live-reload script to each page as it sends it, after this, so
        no hash can name it (and 'unsafe-inline' is ignored beside hashes)."""
        self._refuse(self._source(page, config), csp.refusals(output, self.inlined))
        return output if self.serving else csp.with_policy(output, self.inlined)

    @event_priority(-100)
    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """The theme's own pages (404.html) carry the policy too."""
        if self.serving or not template_name.endswith(".html"):
            return output
        self._refuse(f"{template_name} (the theme's)", csp.refusals(output, self.inlined))
        return csp.with_policy(output, self.inlined)

    def _source(self, page: Page, config: MkDocsConfig) -> str:
        """The file a page is made from, as contributors name it: content/about.md."""
        if not page.file.abs_src_path:
            return f"{page.file.src_uri} (generated from the data files)"
        path = Path(page.file.abs_src_path).resolve()
        root = Path(config.config_file_path).parent.resolve()
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    def _refuse(self, source: str, problems: list[str]) -> None:
        """Inline code that is not the site's own: the build stops; `mkdocs serve` (no
        policy there) shows it and goes on."""
        if not problems:
            return
        messages = [f"{source}: {problem}" for problem in problems]
        if not self.serving:
            raise Abort("\n".join(messages))
        for message in messages:
            log.warning(message)

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict:
        build = self.build
        if build is None:
            return context
        lang = page_language(page.file.src_uri)
        page.edit_url = _edit_url(config, *build.source(page.file))
        strings = locale(lang).data["strings"]
        changes: dict[str, Any] = {
            "site_name": strings["site_name"],
            "site_description": strings["site_description"],
            "theme": Overlay(config.theme, language=lang),
        }
        if len(build.languages) > 1:
            # true, not a list: Material shows its language menu (our
            # partials/alternate.html) but writes no <link rel="alternate">, for which its
            # script would fetch a sitemap.xml under each link (it expects one root per
            # language, not pages).
            changes["extra"] = Overlay(config.extra, alternate=True, languages=[
                {"name": locale(other).data["name"], "lang": other,
                 "link": url_in(build.files, other, page), "current": other == lang}
                for other in build.languages])
        context["config"] = Overlay(config, **changes)
        # <link rel="alternate" hreflang> for each language the page exists in (main.html)
        context["alternates"] = alternates.of_page(build.files, page.file.src_uri,
                                                   build.languages, config.site_url or "")
        # Link previews (generator/social.py, which escapes each value once).
        description = page.meta.get("description") or strings["site_description"]
        context["social_tags"] = social.tags(
            # plain text: page.title is HTML (a generated page's escaped, mkdocs's)
            title=Markup(page.title).striptags() if page.title else strings["site_name"],
            description=description, url=page.canonical_url or config.site_url,
            site_name=strings["site_name"], site_url=config.site_url, lang=lang)
        # Material writes page.meta.description into its <meta name="description"> as it
        # is: a guide's summary (contributor text) must arrive escaped, once.
        page.meta["description"] = escape(description)
        if lang != ENGLISH:
            context["nav"] = build.navs.get(lang, nav)
            # Material loads the search index from its "base": this language's folder.
            context["base_url"] = get_relative_url(f"{lang}/", page.url).rstrip("/") or "."
        return context

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Search per language; the assets trimmed (not under serve: a save would wait
        for it, and the pages look the same); then each language's preview image and
        manifest, and the service worker, which caches all of it (so it comes last: its
        version is a hash of every file it caches, search indexes included). While the
        data has errors (under serve), only a 404 page that lists them."""
        if self.build is None:
            serve.write_error_404(Path(config.site_dir), self.problems)
            return
        site, languages = Path(config.site_dir), self.build.languages
        split_search_index(site, languages)
        alternates.add_to_sitemap(site, self.build.files, languages, config.site_url or "")
        if not self.serving:
            trim.trim_site(site, _own_assets(config))
        strings = {lang: locale(lang).data["strings"] for lang in languages}
        social.write_images(site, languages, strings, urlsplit(config.site_url or "").netloc,
                            offline.THEME_COLOUR)
        offline.write(site, languages, strings, caching=not self.serving)


# --- helpers ------------------------------------------------------------------------

def _own_assets(config: MkDocsConfig) -> list[str]:
    """Our scripts and styles: site_overrides/assets/, as paths in the built site."""
    custom = Path(config.theme.custom_dir)
    return [path.relative_to(custom).as_posix() for path in sorted((custom / "assets").rglob("*"))
            if path.suffix in (".js", ".css")]


def _lists_guides(file: File) -> bool:
    """The one marker whose text comes from the tree (the embed's come from mkdocs.yml)."""
    return GUIDE_LIST_MARKER in file.content_string


def _in_nav(src_uri: str) -> bool:
    """Each guide is reached from the guide index and the questionnaire (a short nav
    keeps every page small: Material renders the whole nav on every page); the map
    from About and CONTRIBUTING.md; the embed is framed by other sites and linked from
    the embed guide; a language's translation status from its About page; each
    questionnaire step from the step before it (the questionnaire's first page is in
    the nav; a nav page per step would cost every page: DESIGN.md)."""
    if src_uri.startswith("guides/"):
        return src_uri == "guides/index.md"
    if src_uri.startswith(("questionnaire/", "embed/")):
        return False
    return src_uri not in ("map.md", "embed.md", "translation-status.md")


def _with_tool_pages(nav: list | None) -> list | None:
    """mkdocs.yml names the tools' index; each tool's page follows it in the nav, from
    the one list of tools (generator/tools/__init__.py)."""
    if not nav:
        return nav
    pages = [TOOLS_INDEX] + [f"tools/{tool.page}.md" for tool in TOOLS]
    result = []
    for item in nav:
        if isinstance(item, dict) and list(item.values()) == [TOOLS_INDEX]:
            item = {next(iter(item)): pages}
        result.append(item)
    return result


def _edit_url(config: MkDocsConfig, source: str, line: int) -> str | None:
    """Where a contributor edits a page's text: the file on the repository host, at a
    line. GitHub's edit view (/edit/) ignores line anchors, so a data file opens in
    the file view (/blob/...#L12), which highlights the line and has the pencil
    button; a written page opens in the editor. The branch is edit_uri's
    (edit/BRANCH/content/ in mkdocs.yml)."""
    if not config.repo_url or not config.edit_uri:
        return None
    parts = config.edit_uri.strip("/").split("/")
    branch = parts[1] if len(parts) > 1 else "main"
    view = "edit" if source.endswith(".md") else "blob"  # a data file: at its line
    url = f"{config.repo_url.rstrip('/')}/{view}/{branch}/{source}"
    return f"{url}#L{line}" if line else url


def _embed_markers(page: Page, config: MkDocsConfig, renderer: Renderer) -> dict[str, str]:
    """Each embed marker's HTML on this page: the snippet to copy, and the live preview."""
    lang_prefix = prefix(renderer.locale.lang)
    title = renderer.locale.t("embed_frame_title")
    site = config.site_url or "/"
    to_root = "../" * page.url.count("/")  # the page's address to the site's root
    code = embed.snippet(f"{site}{lang_prefix}embed/", f"{site}{embed.HOST_SCRIPT}", title)
    live = embed.snippet(f"{to_root}{lang_prefix}embed/", f"{to_root}{embed.HOST_SCRIPT}",
                         title)
    return {EMBED_SNIPPET_MARKER: embed.snippet_block(code), EMBED_PREVIEW_MARKER: live}
