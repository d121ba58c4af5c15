"""Languages in the built site: the mkdocs side of generator/translate.py.

English is at the root; each other language is a folder (ru/) that holds the same
pages: generated ones (mkdocs_hook.py renders the translated tree there) and
hand-written ones (content/ru/). For every page this hook
- gives Material's templates the page's language: theme.language (Material's own UI
  strings and <html lang>), the site name and description, and the links of the
  language menu (site_overrides/partials/alternate.html) to the same page in each
  language;
- on pages of another language, swaps the nav for that language's: the nav of
  mkdocs.yml with each page's counterpart, titled from locales/LANG.yaml `nav:`;
- points Material's search at LANG/search/search_index.json, which on_post_build
  splits out of the one index the search plugin writes: search finds pages in the
  page's own language only.

Why not mkdocs-static-i18n: it builds the site once per language around our own
generator hook, its language switcher does not keep the questionnaire's step, and
its search mixes languages unless configured. Here the pages of each language
already exist; only these per-page settings were missing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from pymdownx.slugs import slugify

from generator import offline, social
from generator.i18n import locale
from generator.translate import LANGUAGES

ENGLISH = "en"
_built: list[str] = []  # languages with pages in this build, English first
_navs: dict[str, Navigation] = {}
_files: list[Files] = []  # this build's files, to find a page's counterpart


def page_language(src_uri: str) -> str:
    first = src_uri.split("/")[0]
    return first if first in LANGUAGES else ENGLISH


def counterpart(src_uri: str, lang: str) -> str:
    """The same page in another language: about.md <-> ru/about.md."""
    own = page_language(src_uri)
    english = src_uri if own == ENGLISH else src_uri[len(own) + 1:]
    return english if lang == ENGLISH else f"{lang}/{english}"


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


_serving: list[bool] = [False]  # `mkdocs serve`: the service worker caches nothing


def on_startup(*, command: str, dirty: bool) -> None:
    _serving[0] = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Heading ids that keep Cyrillic letters (#почему-посылки-теряются, not #_1); the
    # same ids as before for English. Set here: mkdocs.yml stays plain YAML for tools.
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify(case="lower")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Pages of other languages are in their own nav (on_nav), not in mkdocs.yml's."""
    _built[:] = [ENGLISH]
    _files[:] = [files]
    for file in files.documentation_pages():
        lang = page_language(file.src_uri)
        if lang != ENGLISH:
            file.inclusion = InclusionLevel.NOT_IN_NAV
            if lang not in _built:
                _built.append(lang)
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _navs.clear()
    for lang in _built[1:]:
        titles = locale(lang).data.get("nav", {})
        items = _translated_items(nav.items, lang, files, titles)
        _set_parents(items, None)
        translated = Navigation(items, _pages_of(items))
        home = files.get_file_from_path(f"{lang}/index.md")
        translated.homepage = home.page if home else None  # the logo's link
        _navs[lang] = translated
    return nav


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


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    lang = page_language(page.file.src_uri)
    strings = locale(lang).data["strings"]
    changes: dict[str, Any] = {
        "site_name": strings["site_name"],
        "site_description": strings["site_description"],
        "theme": _Overlay(config.theme, language=lang),
    }
    if len(_built) > 1:
        # true, not a list: Material shows its language menu (our partials/alternate.html)
        # but writes no <link rel="alternate">, for which its script would fetch a
        # sitemap.xml under each link (it expects one root per language, not pages).
        changes["extra"] = _Overlay(config.extra, alternate=True, languages=[
            {"name": locale(other).data["name"], "lang": other,
             "link": _url_in(other, page), "current": other == lang}
            for other in _built])
    context["config"] = _Overlay(config, **changes)
    # Link previews (generator/social.py, which escapes each value once).
    description = page.meta.get("description") or strings["site_description"]
    context["social_tags"] = social.tags(
        title=page.meta.get("title") or page.title or strings["site_name"],
        description=description, url=page.canonical_url or config.site_url,
        site_name=strings["site_name"], site_url=config.site_url, lang=lang)
    # Material writes page.meta.description into its <meta name="description"> as it
    # is: a guide's summary (contributor text) must arrive escaped, once.
    page.meta["description"] = escape(description)
    if lang != ENGLISH:
        context["nav"] = _navs.get(lang, nav)
        # Material loads the search index from its "base": this language's folder.
        context["base_url"] = get_relative_url(f"{lang}/", page.url).rstrip("/") or "."
    return context


def _url_in(lang: str, page: Page) -> str:
    """This page in another language, or that language's home page when it has none.
    (A path from the site's root; Material's templates make it relative.)"""
    file = _files[0].get_file_from_path(counterpart(page.file.src_uri, lang))
    if file is None or file.page is None:
        return "./" if lang == ENGLISH else f"{lang}/"
    return file.url or "./"


def on_post_build(config: MkDocsConfig) -> None:
    """Search per language; then each language's preview image and manifest, and the
    service worker, which caches all of it (generator/social.py, offline.py)."""
    site = Path(config.site_dir)
    _split_search_index(site)
    strings = {lang: locale(lang).data["strings"] for lang in _built}
    social.write_images(site, _built, strings, urlsplit(config.site_url or "").netloc,
                        offline.THEME_COLOUR)
    offline.write(site, _built, strings, caching=not _serving[0])


def _split_search_index(site: Path) -> None:
    """Split the search plugin's one index into one per language, each in its own
    folder with locations relative to it (see base_url in on_page_context)."""
    if len(_built) < 2:
        return
    index_file = site / "search" / "search_index.json"
    if not index_file.is_file():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    docs: dict[str, list] = {lang: [] for lang in _built}
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
