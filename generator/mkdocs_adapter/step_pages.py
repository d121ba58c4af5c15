"""The questionnaire's and the embed's step pages (/questionnaire/<id>/, /embed/<id>/,
in every language: most of the site's pages). Their Markdown is the same text on every
step of a language: the title, the step's HTML as a slot token (render.py), the share
buttons; only the slots differ. Markdown converts that text once per language and
folder; each other step page gets a copy of the result (the same HTML, table of
contents and anchors mkdocs's own conversion gives it), then its slots as any page."""

from __future__ import annotations

import copy
import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

STEP_FOLDERS = ("questionnaire", "embed")


def is_step_page(src_uri: str) -> bool:
    """src_uri: a generated page's, without its language's folder."""
    return posixpath.dirname(src_uri) in STEP_FOLDERS and src_uri.endswith(".md")


class StepPage(Page):
    """A step's page, whose Markdown is converted once for all steps holding the same
    text at the same depth (converted: one build's results, shared by its step pages).
    The text holds no Markdown link (the step's links are in its slot, checked by
    tests/test_gates_links.py), so the same depth gives the same HTML."""

    def __init__(self, file: File, config: MkDocsConfig, converted: dict) -> None:
        super().__init__(None, file, config)
        self._converted = converted

    def render(self, config: MkDocsConfig, files: Files) -> None:
        key = (self.markdown, self.file.dest_uri.count("/"))
        done = self._converted.get(key)
        if done is None:
            super().render(config, files)
            self._converted[key] = (self.content, copy.deepcopy(self.toc),
                                    self._title_from_render, set(self.present_anchor_ids),
                                    copy.copy(self.links_to_anchors))
            return
        content, toc, title, anchors, links = done
        self.content = content
        self.toc = copy.deepcopy(toc)  # with_slots fills each page's own titles in
        self._title_from_render = title
        self.present_anchor_ids = set(anchors)
        self.links_to_anchors = copy.copy(links)  # None unless mkdocs checks anchors


def _toc_key(items) -> tuple:
    return tuple((item.title, item.url, item.level, _toc_key(item.children))
                 for item in items)


def drawn_once():
    """A template function, {% call drawn_once(page, "name") %}...{% endcall %}: the
    block's HTML drawn on the first step page of each language and folder and reused
    on the others. Material's sidebars (the nav and the TOC) depend only on the page's
    place in the nav (step pages are in none), its depth, its language, its front
    matter's hide and its TOC: the same on every step page of one template, which the
    key checks. Other pages draw the block as usual. One per build: a nav changes."""
    drawn: dict[tuple, str] = {}

    def draw(page, name: str, caller) -> str:
        if not isinstance(page, StepPage):
            return caller()
        key = (name, posixpath.dirname(page.url.rstrip("/")),
               tuple(page.meta.get("hide") or ()), _toc_key(page.toc))
        if key not in drawn:
            drawn[key] = caller()
        return drawn[key]
    return draw
