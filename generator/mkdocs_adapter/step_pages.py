"""The questionnaire's and the embed's step pages (/questionnaire/<id>/, /embed/<id>/,
in every language: most of the site's pages). Their Markdown is the same text on every
step of a language: the title, the step's HTML as a slot token (render.py), the share
buttons; only the slots differ. Markdown converts that text once per language and
folder; each other step page gets a copy of the result (the same HTML, table of
contents and anchors mkdocs's own conversion gives it), then its slots as any page.
Their HTML is then written from one shell per language and folder (Shells), not by
Material's template for each page: most of what a full build cost."""

from __future__ import annotations

import copy
import logging
import posixpath
import re
import secrets
from dataclasses import dataclass
from typing import Any, Callable

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator import csp, inline_scan

from .languages import Overlay

log = logging.getLogger("mkdocs.plugins.generator.mkdocs_adapter")

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
        self.template = "main.html"  # its own (front matter's); mkdocs renders the shell's
        self.inline_code: csp.InlineCode | None = None  # when written from a shell

    def read_source(self, config: MkDocsConfig) -> None:
        super().read_source(config)
        self.template = self.meta.get("template", self.template)
        self.meta["template"] = SHELL_TEMPLATE  # Shells.page_html renders self.template

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


# --- the step pages' shell -------------------------------------------------------------

# The template mkdocs renders for a step page (StepPage.read_source): one call of
# step_page_html (Shells.page_html) with the page's context. Not a file: no theme has it.
SHELL_TEMPLATE = "parcel-help/step-page.html"
SHELL_SOURCE = "{{ step_page_html() }}"
# Drawn afresh by each process, as render.SLOT_KEY: no text can hold a token by chance.
_TOKEN_KEY = f"pqshell{secrets.token_hex(8)}"


class Shells:
    """Writes the step pages of one build from one rendered shell per template, depth
    and shape (below), in place of Material's template for each page.

    A step page's HTML differs from its neighbours' only in the values _values names
    (title, description, addresses, edit link, content, each alternate, link preview
    tag and language menu link): the shell is the page's
    template rendered once with a token in place of each, and each page is the shell
    with each token's place filled with the page's value, passed through the filter that
    place's template applies (raw, e, striptags|e, url: Jinja's and mkdocs's own filter
    functions, taken from the environment), so each value is escaped for its context by
    the function that escapes it there. A token holds an empty element, so a place
    that strips tags and one that writes the value raw give different forms: each
    form found names its filter; a token found in any other form stops the shell.

    Checked on every build, for each shell: its first page rendered by the template
    equals the shell filled with that page's values, and the second page's shell
    equals the first's (nothing else of the page reaches the template). A failed
    check is a warning (a strict build fails: a template now reads a value the shell
    does not know) and that shell's pages are rendered by the template as before."""

    def __init__(self, env: jinja2.Environment, enabled: bool = True) -> None:
        self.env = env
        self.enabled = enabled
        self.shells: dict[tuple, _Shell | None] = {}  # None: rendered by the template

    def page_html(self, context: jinja2.runtime.Context) -> str:
        page = context["page"]
        values = _values(page, context)
        template = self.env.get_template(page.template)
        variables = context.get_all()
        if not self.enabled:
            return template.render(variables)
        key = _shape(page, values, context)
        if key not in self.shells:  # the first page of this shape: checked
            html = template.render(variables)
            self.shells[key] = self._made(page, variables, values, html)
            return html
        shell = self.shells[key]
        if shell is None:
            return template.render(variables)
        if not shell.confirmed:  # the second page: nothing but the values may differ
            again = self._render_shell(page, variables, values)
            if again != shell.source:
                log.warning(f"{page.file.src_uri}: the step pages' shell differs from "
                            f"{shell.first}'s: a template reads a value of the page that "
                            "step_pages.Shells does not replace; rendering these pages "
                            "one by one")
                self.shells[key] = None
                return template.render(variables)
            shell.confirmed = True
        filled = shell.filled(self._forms(values, context))
        page.inline_code = shell.inline_code(filled)  # for its policy (policy.py)
        return shell.join(filled)

    def _made(self, page: Page, variables: dict, values: dict, html: str) -> _Shell | None:
        source = self._render_shell(page, variables, values)
        shell = _Shell.parse(source, self._token_forms(values, variables), page.file.src_uri)
        if shell is not None and shell.join(shell.filled(self._forms(values, variables))) == html:
            return shell
        log.warning(f"{page.file.src_uri}: its step page, written from the shell, would "
                    "differ from the template's: a template uses a value of the page in a "
                    "way step_pages.Shells does not know; rendering these pages one by one")
        return None

    def _render_shell(self, page: Page, variables: dict, values: dict) -> str:
        """The page's template with each value replaced by its token."""
        tokens = {name: _token(name, value) for name, value in values.items() if value}
        saved = (page.meta, page.canonical_url, page.edit_url, page.content)
        page.meta = dict(page.meta)
        for name in ("title", "description"):
            if name in tokens:
                page.meta[name] = tokens[name]
        page.canonical_url = tokens.get("canonical", page.canonical_url)
        page.edit_url = tokens.get("edit", page.edit_url)
        page.content = tokens.get("content", page.content)
        shown = dict(variables)
        shown["alternates"] = [(lang, tokens.get(f"alternate{i}", href)) for i, (lang, href)
                               in enumerate(variables.get("alternates") or ())]
        shown["social_tags"] = [(kind, name, tokens.get(f"social{i}", value))
                                for i, (kind, name, value)
                                in enumerate(variables.get("social_tags") or ())]
        languages = _languages(variables)
        if languages:
            config = variables["config"]
            shown["config"] = Overlay(config, extra=Overlay(config.extra, languages=[
                {**alt, "link": tokens.get(f"language{i}", alt["link"])}
                for i, alt in enumerate(languages)]))
        try:
            return self.env.get_template(page.template).render(shown)
        finally:
            page.meta, page.canonical_url, page.edit_url, page.content = saved

    def _filters(self, context) -> dict[str, Callable[[Any], str]]:
        """Each place's filter, as the templates apply it (Jinja's own functions)."""
        escape_, striptags, url = (self.env.filters[name] for name in ("e", "striptags", "url"))
        return {"raw": str, "e": lambda value: str(escape_(value)),
                "striptags|e": lambda value: str(escape_(striptags(value))),
                "url": lambda value: url(context, value)}

    def _token_forms(self, values: dict, context) -> dict[str, tuple[str, str]]:
        """Each token's form in the shell, for each filter it may pass: (value's name,
        filter). Only the language menu's links pass the url filter."""
        filters = self._filters(context)
        forms: dict[str, tuple[str, str]] = {}
        for name, value in values.items():
            kinds = ("url",) if name.startswith("language") else ("raw", "e", "striptags|e")
            for kind in kinds if value else ():
                forms.setdefault(filters[kind](_token(name, value)), (name, kind))
        return forms

    def _forms(self, values: dict, context) -> Callable[[str, str], str]:
        filters = self._filters(context)
        return lambda name, kind: filters[kind](values[name])


@dataclass
class _Shell:
    pieces: list[str]  # the text between the places
    places: list[tuple[str, str]]  # (value's name, filter) of each place
    first: str  # the page it was made from
    source: str  # as rendered, with the tokens
    code: csp.InlineCode  # the inline code of the source (no token holds any)
    in_text: list[bool]  # each place: between tags (else inside one)
    confirmed: bool = False

    @classmethod
    def parse(cls, source: str, forms: dict[str, tuple[str, str]], first: str) -> _Shell | None:
        """None when a token is left in a form no filter gives."""
        if not forms:
            return None
        found = re.compile("|".join(re.escape(form) for form in
                                    sorted(forms, key=len, reverse=True)))
        pieces, places, spans, start = [], [], [], 0
        for match in found.finditer(source):
            pieces.append(source[start:match.start()])
            places.append(forms[match.group()])
            spans.append(match.span())
            start = match.end()
        pieces.append(source[start:])
        if any(_TOKEN_KEY in piece for piece in pieces):
            return None
        markup = inline_scan.markup_spans(source)
        in_text = [not any(begin < edge < end for begin, end in markup for edge in span)
                   for span in spans]
        return cls(pieces, places, first, source, csp.inline_code(source), in_text)

    def filled(self, form: Callable[[str, str], str]) -> list[str]:
        """Each place's text on one page."""
        return [form(name, kind) for name, kind in self.places]

    def join(self, filled: list[str]) -> str:
        out = [self.pieces[0]]
        for text, piece in zip(filled, self.pieces[1:]):
            out += (text, piece)
        return "".join(out)

    def inline_code(self, filled: list[str]) -> csp.InlineCode | None:
        """The page's inline code, read from its places only: the shell's, and the data
        blocks of HTML placed between tags (the questionnaire's dates). None (the page
        is read whole) when a place could hold code or change how the shell reads:
        HTML with other code or left open, a value in a tag that could end it."""
        found = list(self.code.found)
        for text, in_text in zip(filled, self.in_text):
            if in_text and "<" in text:
                code = csp.text_code(text)
                if code is None or any(kind != "data" for kind, _ in code.found):
                    return None
                found += code.found
            elif not in_text and not csp.inert_in_tag(text):
                return None
        return csp.InlineCode(found)


def _token(name: str, value: Any) -> Any:
    """A value's token, of the value's type (str or Markup: the e filter escapes one,
    not the other). Its empty element sets striptags' form apart from the raw one; the
    content's is a heading, as the content's (Material tests for one)."""
    if name.startswith("language"):  # a path, as the url filter takes
        return f"{_TOKEN_KEY}{name}/"
    tag = "h1" if name == "content" else "i"
    text = f"{_TOKEN_KEY}{name}x<{tag}></{tag}>x"
    return type(value)(text) if isinstance(value, str) else text


def _languages(context) -> list[dict]:
    extra = context["config"].extra
    return list(extra["languages"]) if "languages" in extra else []


def _values(page: Page, context) -> dict[str, Any]:
    """What differs from one step page to the next, by name."""
    values = {"title": page.meta.get("title"), "description": page.meta.get("description"),
              "canonical": page.canonical_url, "edit": page.edit_url, "content": page.content}
    for i, (_, href) in enumerate(context.get("alternates") or ()):
        values[f"alternate{i}"] = href
    for i, (_, _, value) in enumerate(context.get("social_tags") or ()):
        values[f"social{i}"] = value
    for i, alt in enumerate(_languages(context)):
        values[f"language{i}"] = alt["link"]
    return values


def _shape(page: Page, values: dict, context) -> tuple:
    """What the pages of one shell have in common: the template, the folder (links are
    relative), the front matter and TOC, which values the page has (an empty one is
    not replaced: it is part of the shape) and of which type, the languages of its
    alternates and menu, its link preview tags, whether its content has a heading."""
    return (page.template,
            tuple(lang for lang, _ in context.get("alternates") or ()),
            tuple((kind, name) for kind, name, _ in context.get("social_tags") or ()),
            tuple((alt["name"], alt["lang"], alt["current"]) for alt in _languages(context)),
            posixpath.dirname(page.url.rstrip("/")),
            repr(sorted((k, v) for k, v in page.meta.items()
                        if k not in ("title", "description", "template"))),
            _toc_key(page.toc),
            tuple((name, type(value).__name__, value if not value else None)
                  for name, value in values.items()),
            "<h1" in (page.content or ""))
