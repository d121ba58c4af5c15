"""Pages in several languages: English at the root, each other language in its own
folder (LANG/) with the same pages. One rule gives a page's language; the rest is what
Material needs per language: its nav with each page's counterpart, the links of the
language menu, and one search index per language."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from generator.i18n import locale
from generator import languages

ENGLISH = languages.SOURCE


def page_language(src_uri: str) -> str:
    """The one rule for a page's language: its first folder, if that names one of the
    configured languages (languages.yaml)."""
    first = src_uri.split("/")[0]
    return first if first in languages.translated() else ENGLISH


def counterpart(src_uri: str, lang: str) -> str:
    """The same page in another language: about.md <-> LANG/about.md."""
    own = page_language(src_uri)
    english = src_uri if own == ENGLISH else src_uri[len(own) + 1:]
    return english if lang == ENGLISH else f"{lang}/{english}"


def prefix(lang: str) -> str:
    return "" if lang == ENGLISH else f"{lang}/"


def translated_nav(nav: Navigation, lang: str, files: Files) -> Navigation:
    """mkdocs.yml's nav with each page's counterpart in lang, titled from
    locales/LANG.yaml `nav:`; a page not translated is left out."""
    titles = locale(lang).data.get("nav", {})
    items = _translated_items(nav.items, lang, files, titles)
    _set_parents(items, None)
    translated = Navigation(items, _pages_of(items))
    home = files.get_file_from_path(f"{lang}/index.md")
    translated.homepage = home.page if home else None  # the logo's link
    return translated


class Overlay:
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


def url_in(files: Files, lang: str, page: Page) -> str:
    """This page in another language, or that language's home page when it has none.
    (A path from the site's root; Material's templates make it relative.)"""
    file = files.get_file_from_path(counterpart(page.file.src_uri, lang))
    if file is None or file.page is None:
        return "./" if lang == ENGLISH else f"{lang}/"
    return file.url or "./"


# Not worth a search result per step: the questionnaire's answers trail (a heading on
# every step's page, empty until questionnaire.js fills it), and the words of a step's
# page outside the step (its buttons'): the step's heading, with its text, is the
# step's result and opens its page (the page's entry stays, without text: the search
# shows a heading's result under its page's).
TRAIL_HEADING = "#pq-trail-title"
# lunr's pipeline functions, all of them: trim punctuation, drop stop words, stem.
STEMMING_PIPELINE = ("stemmer", "stopWordFilter", "trimmer")
STEP_PAGE = re.compile(r"^(?:[a-z]{2}/)?questionnaire/[^/#]+/$")


def split_search_index(site: Path, languages: list[str]) -> None:
    """Split the search plugin's one index into one per language, each in its own
    folder with locations relative to it (see base_url in on_page_context)."""
    index_file = site / "search" / "search_index.json"
    if len(languages) < 2 or not index_file.is_file():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    docs: dict[str, list] = {lang: [] for lang in languages}
    for doc in index["docs"]:
        if doc["location"].endswith(TRAIL_HEADING):
            continue
        if STEP_PAGE.match(doc["location"]):
            doc["text"] = ""
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
        if lang != ENGLISH:
            # Material's default pipeline (its English one) leaves stemming out, so
            # "retenidos" would not find "retenido": each other language stems its words
            # (the worker removes from lunr's pipeline what is not listed here).
            config_part["pipeline"] = list(STEMMING_PIPELINE)
        target.write_text(json.dumps({"config": config_part, "docs": found},
                                     ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
