"""Render the tree into site pages through the Jinja templates in templates/.

Renderer(site, lang).pages() returns {path inside the docs folder: Page}; the mkdocs
adapter adds them as virtual files. Plain text is escaped, contributor Markdown is rendered
by markup.to_html (sanitised); templates never see raw contributor HTML.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

import jinja2
from markupsafe import Markup, escape

from . import drawing, markup, translate
from .i18n import Locale, locale
from .model import Outcome, Question, Tree
from .pipeline import SiteData
from .tools import pages as tool_pages

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markup.markdown_escape
    # A JSON string is a valid YAML string: safe for front matter whatever it holds.
    env.filters["yamlstr"] = lambda text: Markup(json.dumps(str(text), ensure_ascii=False))
    # tojson writes the tools' data into <script type="application/json">: Jinja escapes
    # <, >, & and ' as \u003c..., so no text can end the element.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":"),
                                         "default": tool_pages.plain}
    return env


@lru_cache(maxsize=50_000)
def _to_html(text: str, inline: bool) -> Markup:
    """Converting Markdown is most of a render; under `mkdocs serve` one edit changes a
    few texts, so the others' HTML is kept from the last build."""
    return markup.to_html(text, inline=inline)


@dataclass(frozen=True)
class Page:
    """A generated page: its Markdown, and the data file and line a contributor edits
    to change it (edit links)."""

    markdown: str
    source: str
    line: int = 0


class Renderer:
    """Everything a template needs: the tree in one language, the tools, text helpers."""

    def __init__(self, site: SiteData, lang: str = "en",
                 edit_link: Callable[[str, int], str | None] | None = None):
        self.site = site
        self.tree: Tree = site.trees[lang]
        self.locale: Locale = locale(lang)
        # (data file, line) -> the address where a contributor edits it (the adapter's)
        self.edit_link = edit_link or (lambda path, line: None)

    def html(self, text: str | None, inline: bool = False) -> Markup:
        if not text:
            return Markup("")
        filled = markup.fill_facts(text, lambda name: self.locale.fact_text(self.tree.facts[name]))
        return self.mark_untranslated(text, _to_html(filled, inline), inline)

    def plain(self, text: str) -> Markup:
        """Plain text (a title, an answer) for HTML, marked if left in English."""
        return self.mark_untranslated(text, escape(text), inline=True)

    def mark_untranslated(self, text: str, rendered: Markup, inline: bool) -> Markup:
        """The one place a text shown in English on a translated page is marked: it
        carries lang="en" (screen readers switch voice) and a visible note."""
        if text not in self.tree.fallbacks:
            return rendered
        tag = "span" if inline else "div"
        note = escape(self.locale.t("untranslated_note"))
        return Markup(f'<{tag} lang="en" class="untranslated">{rendered}</{tag}>'
                      f' <small class="untranslated-note">{note}</small>')

    def render(self, template: str, **context) -> str:
        return environment().get_template(template).render(
            tree=self.tree, t=self.locale.t, html=self.html, plain=self.plain,
            locale=self.locale,
            fact_text=self.locale.fact_text, **context)

    def steps_html(self, guide_base: str, full_advice_base: str | None = None) -> str:
        """The questionnaire's steps: shared by the site's page and the embed (which
        passes full_advice_base, the site's questionnaire, where its outcomes link to)."""
        return self.render("steps.html.j2", guide_base=guide_base,
                           full_advice_base=full_advice_base,
                           # the buyer tools offered in steps: beside guides/
                           tool_offers=tool_pages.offers(self),
                           tools_base=guide_base.rsplit("guides/", 1)[0] + "tools/")

    def pages(self) -> dict[str, Page]:
        tree, tree_file = self.tree, self.tree.path
        start_line = tree.nodes[tree.start].line
        pages = {
            "questionnaire.md": Page(self.render(
                "questionnaire.md.j2",
                steps=Markup(self.steps_html("../guides/"))), tree_file, start_line),
            "guides/index.md": Page(self.render("guides_index.md.j2"), tree_file),
            "facts.md": Page(self.render("facts.md.j2", used_in=fact_usage(tree)), tree_file),
            "map.md": Page(self.map_page(), tree_file, start_line),
            # The questionnaire alone, for other sites' iframes (site_overrides/embed.html).
            "embed.md": Page(self.render("embed.md.j2", steps=Markup(self.steps_html(
                "../guides/", full_advice_base="../questionnaire/"))), tree_file, start_line),
            # The embed's outcomes' "what to do now", fetched once on reaching one.
            "embed/outcomes.json": Page(self.embed_steps(), tree_file),
        }
        for slug, guide in tree.guides.items():
            pages[f"guides/{slug}.md"] = Page(self.render(
                "guide.md.j2", guide=guide, outcomes=tree.outcomes_for_guide(slug),
                related=[tree.guides[s] for s in tree.related_guides(slug)]),
                tree_file, guide.line)
        tools_file = self.site.tools.path
        pages.update((uri, Page(text, tools_file))
                     for uri, text in tool_pages.pages(self).items())
        if self.locale.lang in self.site.translations:
            pages["translation-status.md"] = Page(self.translation_status(), tree_file)
        return pages

    def embed_steps(self) -> str:
        """{outcome id: its steps as <li> items}, as JSON: what the embed's outcomes
        load on reaching one (site_overrides/assets/javascripts/embed.js). The same
        sanitised HTML as the site's page (html()), written as JSON strings."""
        steps = {node.id: "".join(Markup("<li>{}</li>").format(self.html(step, inline=True))
                                  for step in node.steps)
                 for node in self.tree.outcomes()}
        return json.dumps(steps, ensure_ascii=False, separators=(",", ":")) + "\n"

    def translation_status(self) -> str:
        """Where each text of this language stands, linked to the line to edit (a
        missing text: the file, where `make translations` adds it)."""
        groups: dict[str, list[dict]] = {"stale": [], "todo": [], "missing": [],
                                         "translated": []}
        path = self.tree.path  # the translation file
        for item in self.site.translations[self.locale.lang]:
            english = " ".join(item.unit.english.split())
            groups[item.state].append({
                "key": translate.dotted(item.unit.key),
                "english": english if len(english) <= 80 else english[:79] + "…",
                "where": f"{path}:{item.line}" if item.line else path,
                "link": self.edit_link(path, item.line) or "#"})
        return self.render("translation_status.md.j2", groups=groups)

    def map_page(self) -> str:
        """The map of the tree: a picture laid out at build time and a nested list."""
        questions = sum(1 for _ in self.tree.questions())
        return self.render("map.md.j2", layout=drawing.layout(self.tree),
                           items=drawing.outline(self.tree),
                           box_width=drawing.BOX_WIDTH, box_height=drawing.BOX_HEIGHT,
                           counts={"questions": questions,
                                   "outcomes": len(self.tree.nodes) - questions})

    def guide_list(self, base: str) -> str:
        """Markdown list of every guide, for hand-written pages (the home page)."""
        return self.render("guide_list.md.j2", base=base)


def node_texts(tree: Tree) -> Iterator[tuple[str, str]]:
    """(where, text) for every Markdown text in the tree; where is a node id or
    'guides/slug'."""
    for node in tree.nodes.values():
        if isinstance(node, Question):
            yield node.id, node.text or ""
        elif isinstance(node, Outcome):
            for text in (node.summary, node.deadline, node.note or "", *node.steps,
                         *node.evidence, *node.avoid):
                yield node.id, text
    for guide in tree.guides.values():
        for text in (guide.summary, *(s.text for s in guide.sections)):
            yield f"guides/{guide.slug}", text


def fact_usage(tree: Tree) -> dict[str, list[str]]:
    """For each fact, the nodes and guides whose text uses it (in tree order)."""
    used: dict[str, list[str]] = {name: [] for name in tree.facts}
    for where, text in node_texts(tree):
        for _, name in markup.placeholders(text):
            if name in used and where not in used[name]:
                used[name].append(where)
    return used
