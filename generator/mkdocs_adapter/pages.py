"""The pages: the generated ones added as virtual files (never written into docs_dir,
which would make `mkdocs serve` rebuild in a loop), the markers hand-written pages may
hold, and contributor text put in each page as slots (render.py): once, after the
page's Markdown is rendered, never through Markdown."""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator import embed
from generator.markup import text_html
from generator.render import GeneratedPage, Renderer, slot_token, tokens_to_html

from .languages import ENGLISH, page_language, prefix
from .links import in_nav
from .site_build import SiteBuild
from .step_pages import StepPage, is_step_page

GUIDE_LIST_MARKER = "<!-- parcel-help:guide-list -->"
# The "Embed the questionnaire" page: the snippet to copy, and the embed live.
EMBED_SNIPPET_MARKER = "<!-- parcel-help:embed-snippet -->"
EMBED_PREVIEW_MARKER = "<!-- parcel-help:embed-preview -->"
ANCHOR_ID = re.compile(r'\bid="([^"]+)"')


def add_generated(files: Files, config: MkDocsConfig, build: SiteBuild) -> Files:
    """The generated pages of every language, added; a hand-written page in a language
    this build has no tree for, removed (a tree without translations, in tests and
    benchmarks, is built in English only: those pages would link to pages not built)."""
    for file in list(files):
        if page_language(file.src_uri) not in build.renderers:
            files.remove(file)
    converted: dict = {}  # the step pages' Markdown, converted once (step_pages.py)
    for lang, renderer in build.renderers.items():
        for src_uri, page in renderer.pages().items():
            uri = prefix(lang) + src_uri
            build.generated[uri] = page
            file = File.generated(config, uri, content=page.markdown)
            if not in_nav(src_uri):
                file.inclusion = InclusionLevel.NOT_IN_NAV
            if is_step_page(src_uri):
                StepPage(file, config, converted)
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


def lists_guides(file: File) -> bool:
    """The one marker whose text comes from the tree (the embed's come from mkdocs.yml)."""
    return GUIDE_LIST_MARKER in file.content_string


def page_markdown(markdown: str, page: Page, config: MkDocsConfig, build: SiteBuild) -> str:
    """A generated page's title; a hand-written page's markers (the list of guides,
    the embed's snippet and preview) replaced by slots."""
    set_title(page, build)
    src_uri = page.file.src_uri
    renderer = build.renderer_for(src_uri)
    if GUIDE_LIST_MARKER in markdown:
        lang = renderer.locale.lang
        depth = src_uri[len(prefix(lang)):].count("/")
        listing, slots = renderer.guide_list("../" * depth + "guides/")
        build.slots[src_uri] = slots
        markdown = markdown.replace(GUIDE_LIST_MARKER, listing)
    markers = EMBED_SNIPPET_MARKER in markdown or EMBED_PREVIEW_MARKER in markdown
    for marker, fragment in (_embed_markers(page, config, renderer) if markers else {}).items():
        if marker in markdown:
            # a slot: the site's own HTML goes in after the page's Markdown is checked
            slots = build.slots.get(src_uri, ())
            build.slots[src_uri] = (*slots, fragment)
            markdown = markdown.replace(marker, slot_token(len(slots), block=True))
    return markdown


def set_title(page: Page, build: SiteBuild) -> None:
    """A generated page's title and description come from Python, as plain text,
    never from front matter. Material writes page.title and page.meta.description
    into HTML as they are (its Jinja does not escape), so they hold the text
    escaped once (the description: by page_context); main.html's htmltitle and
    site_meta blocks undo Material's striptags decoding."""
    generated = build.generated.get(page.file.src_uri)
    if generated is None:
        return
    build.slots[page.file.src_uri] = generated.slots
    page.meta["title"] = page_title(generated)
    if generated.description:  # plain: page_context escapes it, once
        page.meta["description"] = " ".join(generated.description.split())


def page_title(generated: GeneratedPage) -> str:
    return str(text_html(generated.title))


def with_slots(html_text: str, page: Page, build: SiteBuild) -> str:
    """Each slot's token in the rendered page becomes its HTML, in one pass; the
    table of contents (and so the search index) gets the same text."""
    slots = build.slots.get(page.file.src_uri)
    if not slots:
        return html_text
    items = list(page.toc)
    while items:  # iterative: a TOC is shallow, but no recursion is needed
        item = items.pop()
        item.title = tokens_to_html(item.title, slots)
        items.extend(item.children)
    # links to ids inside slots (questionnaire steps) are checked like any other
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= {found for slot in slots
                                    for found in ANCHOR_ID.findall(slot)}
    return tokens_to_html(html_text, slots)


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
