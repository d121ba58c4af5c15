"""mkdocs's Markdown of a page (Page.render: its HTML, table of contents, title, anchors
and links to other pages' anchors), kept in the cache folder (generator/build_cache.py)
for the next build: the 83 pages that are not steps took a tenth of a full build's CPU.

Kept under all a render is made from: the page's Markdown as mkdocs renders it (after
every page_markdown hook), its source and address, every file of the site with its
address (links resolve against them), the Markdown extensions and their settings, the
link checks' levels, the versions of mkdocs and Python-Markdown, and the generator's
code. A render that logged anything (a broken link, say) is never kept, so its message
comes again in every build and a strict build still fails. With the cache off, mkdocs
renders every page itself (tests/test_kept_render.py: the same page either way).
An extension that reads other files while rendering (pymdownx.snippets, say) would put
their bytes outside the key: mkdocs.yml has none; adding one needs them in the key."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from functools import lru_cache
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from generator import build_cache
from generator.render import SLOT_KEY

_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")
_STANDS_FOR_KEY = "kEpTsLoTkEy"  # not hexadecimal: no slot key is ever this


def keep_render(page: Page) -> None:
    """From on_page_markdown, the last step before mkdocs renders the page: this page's
    render goes through the cache folder. Step pages have their own (step_pages.py:
    one conversion per language and folder)."""
    if type(page).render is Page.render and build_cache.folder() is not None:
        page.render = lambda config, files: render(page, config, files)


def render(page: Page, config: MkDocsConfig, files: Files) -> None:
    if _STANDS_FOR_KEY in page.markdown:
        Page.render(page, config, files)  # would read as a slot's token once taken back
        return
    # mkdocs records links to anchors only above DEBUG (not with --verbose)
    anchors_checked = _PAGES_LOG.getEffectiveLevel() > logging.DEBUG
    key = hashlib.sha256(repr((_keyless(page.markdown), page.file.src_uri, page.file.url,
                               page.file.inclusion.name, _build_digest(config, files),
                               anchors_checked)).encode("utf-8", "surrogatepass")).hexdigest()
    kept = _kept().find(key)
    if kept is None:
        with _Logged() as logged:
            Page.render(page, config, files)
        made = json.dumps(_made(page), ensure_ascii=False, separators=(",", ":"))
        if not logged.records and _STANDS_FOR_KEY not in made:
            _kept().keep(key, _keyless(made))
        return
    made = json.loads(kept.replace(_STANDS_FOR_KEY, SLOT_KEY))
    page.content = made["content"]
    page.toc = get_toc(made["toc"])
    page._title_from_render = made["title"]
    page.present_anchor_ids = set(made["anchors"])
    if anchors_checked:
        page.links_to_anchors = {files.src_uris[src_uri]: links
                                 for src_uri, links in made["links"].items()}


def _keyless(text: str) -> str:
    """The text with this process's slot key (render.SLOT_KEY, drawn afresh by each
    process: a generated page's Markdown holds it in its slots' tokens) written as a
    stand-in: kept under it, and taken back with the next process's key. A page whose
    Markdown or render holds the stand-in itself is neither kept nor taken back."""
    return text.replace(SLOT_KEY, _STANDS_FOR_KEY)


def _made(page: Page) -> dict[str, Any]:
    return {"content": page.content, "toc": [_token(item) for item in page.toc],
            "title": page._title_from_render, "anchors": sorted(page.present_anchor_ids),
            "links": {file.src_uri: links for file, links in (page.links_to_anchors or {}).items()}}


def _token(item: AnchorLink) -> dict[str, Any]:
    """An entry of the table of contents as the toc extension gave it (get_toc's input)."""
    return {"level": item.level, "id": item.id, "name": item.title,
            "children": [_token(child) for child in item.children]}


_digests: dict[tuple[int, int], tuple[MkDocsConfig, Files, str]] = {}


def _build_digest(config: MkDocsConfig, files: Files) -> str:
    """The settings and every file of the site with its address, once per build (each
    build has its own config and Files, complete before the pages are rendered)."""
    known = _digests.get((id(config), id(files)))
    if known is not None and known[0] is config and known[1] is files:
        return known[2]
    listed = "\n".join(f"{file.src_uri}\0{file.dest_uri}\0{file.url}\0{file.inclusion.name}"
                       for file in files)
    digest = hashlib.sha256((_settings(config) + listed).encode("utf-8", "surrogatepass"))
    _digests.clear()
    _digests[(id(config), id(files))] = (config, files, digest.hexdigest())
    return digest.hexdigest()


def _settings(config: MkDocsConfig) -> str:
    return repr((_named(config["markdown_extensions"]), _named(config["mdx_configs"]),
                 config.use_directory_urls, dict(config.validation.links), _versions()))


@lru_cache(maxsize=None)
def _versions() -> tuple[str, ...]:
    """The engine by its own name (ProperDocs answers to `mkdocs` and has no mkdocs
    package metadata) and version, Python-Markdown's and pymdownx's."""
    import markdown
    import mkdocs
    import pymdownx

    return (mkdocs.__name__, mkdocs.__version__, markdown.__version__, pymdownx.__version__)


def _named(value: Any) -> Any:
    """Settings with each function by its name (its code is the generator's or a
    library's, in the key by hash or version)."""
    if isinstance(value, dict):
        return {key: _named(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_named(item) for item in value]
    if isinstance(value, functools.partial):
        return ("partial", _named(value.func), _named(value.args), _named(value.keywords))
    if callable(value):
        return f"{value.__module__}.{value.__qualname__}"
    return value


@lru_cache(maxsize=None)
def _kept() -> build_cache.KeptTexts:
    # Each render is a page's HTML (20 KB on average), all read at each build's start:
    # room for the site's 77 pages and a few edits of each.
    return build_cache.KeptTexts("page-renders", (), limit=400)


class _Logged(logging.Handler):
    """What is logged while a page renders (mkdocs logs link problems there)."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []
        self.loggers = [logging.getLogger(), logging.getLogger("mkdocs")]

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def __enter__(self) -> _Logged:
        for logger in self.loggers:
            logger.addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        for logger in self.loggers:
            logger.removeHandler(self)
