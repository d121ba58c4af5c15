"""Material's search parses every page's HTML into sections (a heading's id, title and
text) with Python's HTMLParser: about a tenth of a full build's CPU, 521 pages. The
sections are made from the page's HTML alone, by Material's parser, so they are kept
in the cache folder (generator/build_cache.py) under a hash of that HTML, Material's
version and the generator's code; each entry is still made by Material from them,
with the page's own address, table of contents and title. With the cache off, nothing
here is used: Material's own code indexes each page (tests/test_search_sections.py:
the same entries either way)."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import metadata

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from generator import build_cache

SEARCH = "material/search"


def keep_sections(config: MkDocsConfig) -> None:
    """From on_env (after Material's on_config made its index): the index takes each
    page's sections from the cache folder, parsing only pages it has not seen."""
    search = config.plugins.get(SEARCH)
    index = getattr(search, "search_index", None)
    if index is None or build_cache.folder() is None:
        return
    index.add_entry_from_context = lambda page: add_entry(index, page)


def add_entry(index, page: Page) -> None:
    """Material's SearchIndex.add_entry_from_context, the parse kept."""
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return
    for section in page_sections(_kept(), page.content):
        index.create_entry_for_section(section, page.toc, page.url, page)


@lru_cache(maxsize=None)
def _kept() -> build_cache.KeptTexts:
    """One per process (`mkdocs serve` rebuilds use the same)."""
    # A page's sections are 2 KB on average, all read at each build's start: room for
    # the real site's 521 pages, edits, and a 1,000-node site's (make bench).
    return build_cache.KeptTexts("search-sections", (metadata.version("mkdocs-material"),),
                                 limit=4_000)


def page_sections(kept: build_cache.KeptTexts, html: str) -> list:
    """The page's sections that are not excluded, as Material's parser makes them."""
    from material.plugins.search.plugin import Element, Section

    key = hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()
    sections = []
    for tag, depth, section_id, title, text in json.loads(kept.get(key, lambda: parsed(html))):
        section = Section(Element(tag), depth)
        section.id, section.title, section.text = section_id, title, text
        sections.append(section)
    return sections


def parsed(html: str) -> str:
    """The sections Material's parser finds in the HTML, those it indexes, as JSON: a
    title's and a text's parts joined (Material joins them; an empty title stays empty,
    as Material then uses the page's)."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(html)
    parser.close()
    return json.dumps([[section.el.tag, section.depth, section.id,
                        ["".join(section.title)] if section.title else [],
                        ["".join(section.text)]]
                       for section in parser.data if not section.is_excluded()],
                      ensure_ascii=False, separators=(",", ":"))
