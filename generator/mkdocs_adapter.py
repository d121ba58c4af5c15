"""The only place the generator meets mkdocs (the `parcel-help` plugin in mkdocs.yml).

on_config reads and checks every data file once (pipeline.py) and keeps this build's
state in one object, SiteBuild. The rest adds the rendered pages as virtual files
(never written into docs_dir, which would make `mkdocs serve` rebuild in a loop) and
gives every page, generated or hand-written, its language and its source:

- English is at the root; each other language is a folder (ru/) with the same pages:
  generated ones (the translated tree) and hand-written ones (content/ru/);
- each page gets Material's words and <html lang> in its language, the nav in its
  language, a language menu linking to the same page in each language, and a search
  index with the pages of its own language only (split in on_post_build);
- each page's edit link opens the file and line that holds its text.

Why not mkdocs-static-i18n: it builds the site once per language around our own
generator, its language switcher does not keep the questionnaire's step, and its
search mixes languages unless configured. Here the pages of each language already
exist; only these per-page settings were missing.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from pymdownx.slugs import slugify

from generator import csp, embed, offline, social
from generator.errors import TreeError
from generator.i18n import locale
from generator.markup import text_html
from generator.pipeline import TREE_FILE, SiteData, load_site
from generator.render import Page as GeneratedPage
from generator.render import Renderer, fill_slots
from generator.tools import TOOLS
from generator.translate import LANGUAGES

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

ENGLISH = "en"
GUIDE_LIST_MARKER = "<!-- parcel-help:guide-list -->"
# The "Embed the questionnaire" page: the snippet to copy, and the embed live.
EMBED_SNIPPET_MARKER = "<!-- parcel-help:embed-snippet -->"
EMBED_PREVIEW_MARKER = "<!-- parcel-help:embed-preview -->"
TOOLS_INDEX = "tools/index.md"
ANCHOR_ID = re.compile(r'\bid="([^"]+)"')


def page_language(src_uri: str) -> str:
    """The one rule for a page's language: its first folder, if that names one."""
    first = src_uri.split("/")[0]
    return first if first in LANGUAGES else ENGLISH


def counterpart(src_uri: str, lang: str) -> str:
    """The same page in another language: about.md <-> ru/about.md."""
    own = page_language(src_uri)
    english = src_uri if own == ENGLISH else src_uri[len(own) + 1:]
    return english if lang == ENGLISH else f"{lang}/{english}"


def prefix(lang: str) -> str:
    return "" if lang == ENGLISH else f"{lang}/"


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
            return self._relative(generated.source), generated.line
        return self._relative(file.abs_src_path or file.src_uri), 0

    def _relative(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()


class ParcelHelpPlugin(BasePlugin):
    build: SiteBuild | None = None
    serving = False  # `mkdocs serve`: the service worker caches nothing

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # --- reading the data ---------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        # PARCEL_HELP_TREE builds the site from another tree (tests, benchmarks).
        tree_path = root / os.environ.get("PARCEL_HELP_TREE", TREE_FILE)
        try:
            site = load_site(tree_path)
        except TreeError as error:
            raise Abort(f"the site's data has errors:\n{error}")
        for warning in site.warnings:
            log.warning(warning.format())
        renderers = {lang: Renderer(site, lang) for lang in site.languages}
        self.build = SiteBuild(site, root.resolve(), renderers)
        # Heading ids that keep Cyrillic letters (#почему-посылки-теряются, not #_1);
        # the same ids as before for English. Set here: mkdocs.yml stays plain YAML.
        config.mdx_configs.setdefault("toc", {})["slugify"] = slugify(case="lower")
        config.nav = _with_tool_pages(config.nav)
        return config

    # --- the pages ------------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = self.build
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
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        build = self.build
        build.navs.clear()
        for lang in build.languages[1:]:
            titles = locale(lang).data.get("nav", {})
            items = _translated_items(nav.items, lang, files, titles)
            _set_parents(items, None)
            translated = Navigation(items, _pages_of(items))
            home = files.get_file_from_path(f"{lang}/index.md")
            translated.homepage = home.page if home else None  # the logo's link
            build.navs[lang] = translated
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """The embed's page template inlines the site's own CSS and JS files."""
        def inline_asset(path: str):
            return embed.inline(path, files.get_file_from_path(path).content_string)
        env.globals["inline_asset"] = inline_asset
        return env

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """Hand-written pages may ask for the list of guides, or the embed's snippet and
        preview, with a marker line."""
        self._set_title(page)
        renderer = self.build.renderer_for(page.file.src_uri)
        if EMBED_SNIPPET_MARKER in markdown or EMBED_PREVIEW_MARKER in markdown:
            markdown = _embed_markers(markdown, page, config, renderer)
        if GUIDE_LIST_MARKER in markdown:
            lang = renderer.locale.lang
            depth = page.file.src_uri[len(prefix(lang)):].count("/")
            listing, slots = renderer.guide_list("../" * depth + "guides/")
            self.build.slots[page.file.src_uri] = slots
            markdown = markdown.replace(GUIDE_LIST_MARKER, listing)
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
        slots = self.build.slots.get(page.file.src_uri)
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
        return csp.with_policy(output)

    @event_priority(-100)
    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """The theme's own pages (404.html) carry the policy too."""
        return csp.with_policy(output) if template_name.endswith(".html") else output

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict:
        build = self.build
        lang = page_language(page.file.src_uri)
        page.edit_url = _edit_url(config, *build.source(page.file))
        strings = locale(lang).data["strings"]
        changes: dict[str, Any] = {
            "site_name": strings["site_name"],
            "site_description": strings["site_description"],
            "theme": _Overlay(config.theme, language=lang),
        }
        if len(build.languages) > 1:
            # true, not a list: Material shows its language menu (our
            # partials/alternate.html) but writes no <link rel="alternate">, for which its
            # script would fetch a sitemap.xml under each link (it expects one root per
            # language, not pages).
            changes["extra"] = _Overlay(config.extra, alternate=True, languages=[
                {"name": locale(other).data["name"], "lang": other,
                 "link": _url_in(build.files, other, page), "current": other == lang}
                for other in build.languages])
        context["config"] = _Overlay(config, **changes)
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
        """Search per language; then each language's preview image and manifest, and the
        service worker, which caches all of it (so it comes last: its version is a hash
        of every file it caches, search indexes included)."""
        site, languages = Path(config.site_dir), self.build.languages
        _split_search_index(site, languages)
        strings = {lang: locale(lang).data["strings"] for lang in languages}
        social.write_images(site, languages, strings, urlsplit(config.site_url or "").netloc,
                            offline.THEME_COLOUR)
        offline.write(site, languages, strings, caching=not self.serving)


# --- helpers ------------------------------------------------------------------------

def _in_nav(src_uri: str) -> bool:
    """Each guide is reached from the guide index and the questionnaire (a short nav
    keeps every page small: Material renders the whole nav on every page); the map from About and CONTRIBUTING.md; the
    embed is framed by other sites and linked from the embed guide."""
    if src_uri.startswith("guides/"):
        return src_uri == "guides/index.md"
    return src_uri not in ("map.md", "embed.md")


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


def _embed_markers(markdown: str, page: Page, config: MkDocsConfig,
                   renderer: Renderer) -> str:
    lang_prefix = prefix(renderer.locale.lang)
    title = renderer.locale.t("embed_frame_title")
    site = config.site_url or "/"
    to_root = "../" * page.url.count("/")  # the page's address to the site's root
    code = embed.snippet(f"{site}{lang_prefix}embed/", f"{site}{embed.HOST_SCRIPT}", title)
    live = embed.snippet(f"{to_root}{lang_prefix}embed/", f"{to_root}{embed.HOST_SCRIPT}",
                         title)
    return (markdown.replace(EMBED_SNIPPET_MARKER, embed.snippet_block(code))
            .replace(EMBED_PREVIEW_MARKER, live))


class _Overlay:
    """A config object as one page's templates see it: the same, with a few values
    changed. Jinja reads `a.b` as an attribute, then as an item; both are covered."""

    def __init__(self, base: Any, **changes: Any):
        self._base, self._changes = base, changes

    def __getattr__(self, name: str) -> Any:
        if name in self._changes:
            return self._changes[name]
        return getattr(self._base, name)

    def __getitem__(self, key: str) -> Any:
        return self._changes[key] if key in self._changes else self._base[key]

    def __contains__(self, key: str) -> bool:
        return key in self._changes or key in self._base

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default


def _translated_items(items: list, lang: str, files: Files, titles: dict) -> list:
    result: list = []
    for item in items:
        if isinstance(item, Page):
            file = files.get_file_from_path(counterpart(item.file.src_uri, lang))
            if file is None or file.page is None:
                continue  # not translated: left out of this language's nav
            if item.title in titles:
                file.page.title = titles[item.title]
            result.append(file.page)
        elif isinstance(item, Section):
            children = _translated_items(item.children, lang, files, titles)
            if children:
                result.append(Section(titles.get(item.title, item.title), children))
        elif isinstance(item, Link):
            result.append(Link(titles.get(item.title, item.title), item.url))
    return result


def _set_parents(items: list, parent: Section | None) -> None:
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _set_parents(item.children, item)


def _pages_of(items: list) -> list[Page]:
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Section):
            pages += _pages_of(item.children)
    return pages


def _url_in(files: Files, lang: str, page: Page) -> str:
    """This page in another language, or that language's home page when it has none.
    (A path from the site's root; Material's templates make it relative.)"""
    file = files.get_file_from_path(counterpart(page.file.src_uri, lang))
    if file is None or file.page is None:
        return "./" if lang == ENGLISH else f"{lang}/"
    return file.url or "./"


def _split_search_index(site: Path, languages: list[str]) -> None:
    """Split the search plugin's one index into one per language, each in its own
    folder with locations relative to it (see base_url in on_page_context)."""
    index_file = site / "search" / "search_index.json"
    if len(languages) < 2 or not index_file.is_file():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    docs: dict[str, list] = {lang: [] for lang in languages}
    for doc in index["docs"]:
        lang = page_language(doc["location"])
        if lang != ENGLISH:
            doc["location"] = doc["location"][len(lang) + 1:]
        docs[lang].append(doc)
    for lang, found in docs.items():
        target = index_file if lang == ENGLISH else site / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        # Each index names its language first, for the search worker's stemmer; English
        # too, for the English words in every page (AliExpress, messages to sellers).
        config_part = dict(index["config"], lang=list(dict.fromkeys([lang, ENGLISH])))
        target.write_text(json.dumps({"config": config_part, "docs": found},
                                     ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
