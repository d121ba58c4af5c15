"""Render the tree into site pages through the Jinja templates in templates/.

Renderer(site, lang).pages() returns {path inside the docs folder: GeneratedPage}; the mkdocs
adapter adds them as virtual files.

Contributor text never enters the Markdown that mkdocs renders. A page's Markdown holds
our own structure (headings and words from the locale, links between our pages, which
`mkdocs build --strict` checks); each piece of contributor text is turned into HTML
once, for its kind (markup.text_html for plain text, markup.to_html for Markdown,
an escaped attribute for a link), kept in the page's `slots`, and stands in the
Markdown as an opaque token (slot_token: `htmlslot`, this build's key, the slot's
number and `inline` or `block`; letters and digits, which no Markdown rule reads, and a
key no text can know in advance). The adapter swaps the tokens for the HTML after
mkdocs has rendered the page (tokens_to_html), in one pass, so no slot's HTML is read
again. The page's title and description are
plain text, given to the adapter apart from the Markdown (never front matter).
"""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import re
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable

import jinja2
from markdown.extensions import toc
from markupsafe import Markup

from . import build_cache, drawing, feedback, legacy, markup, reserved, translate, tree_texts
from .i18n import Locale, locale
from .languages import SOURCE
from .model import Outcome, Tree
from .pipeline import SiteData
from .tools import pages as tool_pages
from .tools.model import Tools

TEMPLATES = Path(__file__).parent / "templates"
# Drawn afresh by each process: a text that writes a token cannot guess it, so a token
# in a page can only be one the renderer put there. Never written out (see tokens_to_html).
SLOT_KEY = secrets.token_hex(8)
# A slot's token; a block's stands alone in a paragraph, which goes with it.
SLOT_TOKEN = re.compile(rf"<p>htmlslot{SLOT_KEY}n([0-9]+)block</p>"
                        rf"|htmlslot{SLOT_KEY}n([0-9]+)(?:block|inline)")


def slot_token(index: int, block: bool = False) -> str:
    """What stands in a page's Markdown for its slot number index."""
    return f"htmlslot{SLOT_KEY}n{index}{'block' if block else 'inline'}"
_slug = reserved.heading_slug  # the toc extension's (mkdocs_adapter.on_config)


@lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # compiled once, kept for the next build (build_cache.py)
        bytecode_cache=build_cache.Layered(),
    )
    env.filters["md"] = markup.markdown_escape
    env.globals["report_url"] = feedback.report_url  # report_link.html.j2
    # tojson writes the tools' data into <script type="application/json">: Jinja escapes
    # <, >, & and ' as \u003c..., so no text can end the element.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":"),
                                         "default": tool_pages.plain}
    return env


@lru_cache(maxsize=50_000)
def _to_html(text: str, inline: bool) -> Markup:
    """Converting Markdown is most of a render; under `mkdocs serve` one edit changes a
    few texts, so the others' HTML is kept from the last build, and from the last
    process's (build_cache.py: a third of a new process's render)."""
    return Markup(_kept_html().get(f"{'i' if inline else 'b'}{text}",
                                   lambda: str(markup.to_html(text, inline=inline))))


@lru_cache(maxsize=None)
def _kept_html() -> build_cache.KeptTexts:
    """Each text's HTML, kept under all it is made from: the versions of Python-Markdown
    and nh3 (build_cache adds the generator's own code to every key)."""
    return build_cache.KeptTexts("markdown-html", (metadata.version("markdown"),
                                                   metadata.version("nh3")))


@lru_cache(maxsize=None)
def _kept_lists() -> build_cache.KeptTexts:
    """The translation status pages' lists (Renderer.translation_status), kept: Jinja
    wrote their thousand items each build, a sixth of the generator's pages. Their
    texts' HTML is Python-Markdown's and nh3's, the list Jinja's: their versions."""
    return build_cache.KeptTexts("status-lists", (metadata.version("markdown"),
                                                  metadata.version("nh3"),
                                                  metadata.version("jinja2")), limit=64)


@dataclass(frozen=True)
class GeneratedPage:
    """A generated page: its Markdown, the HTML of its slots (see above), its title
    and description as plain text, and the data file and line a contributor edits to
    change it (edit links)."""

    markdown: str
    source: str
    line: int = 0
    title: str = ""
    description: str = ""
    slots: tuple[str, ...] = field(default=(), repr=False)

    def fill(self, rendered: str) -> str:
        """rendered (HTML mkdocs made from markdown, or a TOC title) with every token
        replaced by its slot's HTML."""
        return tokens_to_html(rendered, self.slots)


def tokens_to_html(rendered: str, slots: tuple[str, ...]) -> str:
    """rendered with each slot's token replaced by the slot's HTML, in one pass."""
    if not slots:
        return rendered
    def replace(found: re.Match) -> str:
        index = int(found.group(1) or found.group(2))
        return slots[index] if index < len(slots) else found.group()
    return SLOT_TOKEN.sub(replace, rendered)


class Renderer:
    """Everything a template needs: the tree in one language, the tools, text helpers."""

    def __init__(self, site: SiteData, lang: str = SOURCE,
                 edit_link: Callable[[str, int], str | None] | None = None):
        self.site = site
        self.tree: Tree = site.trees[lang]
        self.tools: Tools = site.tools_in(lang)
        # the texts shown in English on this language's pages, for want of a translation
        self.fallbacks = self.tree.fallbacks | self.tools.fallbacks
        self.locale: Locale = locale(lang)
        # (data file, line) -> the address where a contributor edits it (the adapter's)
        self.edit_link = edit_link or (lambda path, line: None)
        self._slots: list[str] = []
        self._offers: dict | None = None  # the buyer tools offered in steps (tools.yaml)

    # --- contributor text, one function per kind; each returns a slot's token -------

    def slot(self, fragment: Markup | str, block: bool = False) -> Markup:
        """Keep fragment (HTML, already safe) for after mkdocs; its token stands in.
        block: the fragment is a block of its own (a paragraph of just the token)."""
        self._slots.append(str(fragment))
        return Markup(slot_token(len(self._slots) - 1, block))

    def text(self, text: str | None, mark: bool = True, english: bool = False) -> Markup:
        """Plain text, escaped once (and marked if left in English, unless mark is
        false: the translation status page lists English texts as such; english: it
        is, though filled in from a text left in English)."""
        text = text or ""
        if english:
            return self.slot(self.mark_untranslated(text, markup.text_html(text), True, True))
        return self.slot(self.marked(text) if mark else markup.text_html(text))

    def marked(self, text: str) -> Markup:
        """Plain text as HTML, for an HTML template (steps.html.j2): escaped once, and
        marked if left in English."""
        return self.mark_untranslated(text, markup.text_html(text), inline=True)

    def mark_untranslated(self, text: str, rendered: Markup, inline: bool,
                          english: bool = False) -> Markup:
        """The one place a text shown in English on a translated page is marked: it
        carries lang="en" (screen readers switch voice) and a visible note."""
        if not english and text not in self.fallbacks:
            return rendered
        tag = "span" if inline else "div"
        note = markup.text_html(self.locale.t("untranslated_note"))
        return Markup(f'<{tag} lang="{SOURCE}" class="untranslated">{rendered}</{tag}>'
                      f' <small class="untranslated-note">{note}</small>')

    def block(self, fragment: Markup) -> Markup:
        return self.slot(fragment, block=True)

    def link(self, title: str, url: str | None) -> Markup:
        """A source: its title, linked to its (checked) https address when it has one."""
        if not url:
            return self.text(title)
        return self.slot(Markup('<a href="{}" rel="noopener">{}</a>').format(url, title))

    def plain(self, text: str | None) -> str:
        """Contributor Markdown as the plain text a reader sees (for descriptions)."""
        return html_lib.unescape(re.sub(r"<[^>]*>", "", str(self._html(text, inline=True))))

    def html(self, text: str | None, inline: bool = False) -> Markup:
        """Contributor Markdown as sanitised HTML (marked if left in English)."""
        if not text:
            return Markup("")
        return self.mark_untranslated(text, self._html(text, inline), inline)

    def _html(self, text: str | None, inline: bool) -> Markup:
        if not text:
            return Markup("")
        # A text shown in English on a translated page is English throughout: its
        # figures and units too ("30 days", not "30 дней" inside an English sentence).
        words = locale(SOURCE) if text in self.fallbacks else self.locale

        def figure(name: str, phrase: str | None) -> str:
            return words.fact_text(self.tree.facts[name], phrase)
        return _to_html(markup.fill_facts(text, figure), inline)

    def render(self, template: str, **context) -> str:
        return environment().get_template(template).render(
            tree=self.tree, t=self.locale.t, html=self.html, locale=self.locale,
            fact_text=self.locale.fact_text, text=self.text, slot=self.slot,
            link=self.link, block=self.block, marked=self.marked,
            step_source=self.step_source, **context)

    def page(self, template: str, title: str, source: str, line: int = 0,
             description: str = "", **context) -> GeneratedPage:
        """One page from a Markdown template, with its own slots."""
        self._slots = []
        markdown_text = self.render(template, **context)
        page = GeneratedPage(markdown_text, source, line, title, description, tuple(self._slots))
        self._slots = []
        return page

    def heading_ids(self, headings: list[str], taken: set[str]) -> list[str]:
        """Ids for headings whose text is a slot (the toc extension would slug the
        token): the toc extension's slugs of the text, made unique on the page by its
        own rule (toc.unique: _1, _2...)."""
        return [toc.unique(_slug(heading, "-") or f"section-{index + 1}", taken)
                for index, heading in enumerate(headings)]

    # --- the questionnaire: a page per step (steps.html.j2) ---------------------------

    def address(self, node_id: str) -> str:
        """A step's page from the questionnaire's first page: the start is the first
        page itself."""
        return "" if node_id == self.tree.start else f"{node_id}/"

    def step_source(self, node_id: str) -> str:
        """A step's page in the docs folder, for Markdown links (strict mode checks them)."""
        return "questionnaire.md" if node_id == self.tree.start else f"questionnaire/{node_id}.md"

    def step_html(self, node, first: bool, embedded: bool = False) -> Markup:
        """One step's <section> as on its own page: the first page's (first) or a step's
        page one folder down, the site's or the embed's."""
        return Markup(self.render(
            "steps.html.j2", node=node, root="" if first else "../",
            site_root="../" if first else "../../", embedded=embedded, address=self.address,
            tool_offers=self._tool_offers()))

    def _tool_offers(self):
        if self._offers is None:
            self._offers = tool_pages.offers(self)
        return self._offers

    def moved_steps(self) -> list[tuple[str, str]]:
        """(old fragment id, step) for the first page's links from addresses of the
        one-page questionnaire (legacy.py): #ID and #ID-title (its heading, which the
        search linked to), for each old id that still leads to a step but the first."""
        tree, moved = self.tree, []
        for old in sorted(legacy.FRAGMENT_IDS):
            target = tree.aliases.get(old, old)
            if target in tree.nodes and target != tree.start:
                moved += [(old, target), (f"{old}-title", target)]
        return moved

    def questionnaire_pages(self, folder: str, embedded: bool) -> dict[str, GeneratedPage]:
        """The questionnaire (folder "questionnaire") or the embed ("embed"): the first
        page, a page per other step and per old id (alias: the step that replaced it,
        at the old address), and each one's data, steps/<id>.json: the step's <section>
        as on its page and the page's title (an old id's: the step it leads to), which
        questionnaire.js fetches ahead and swaps in."""
        tree, t = self.tree, self.locale.t
        template = "embed.md.j2" if embedded else "questionnaire.md.j2"
        dates = None if embedded else tool_pages.calculator_dates(self)
        site_name, first_title = t("site_name"), t("questionnaire_title")
        moved = [] if embedded else self.moved_steps()
        pages: dict[str, GeneratedPage] = {}
        data: dict[str, str] = {}

        def step_page(node, first: bool, source_id: str | None = None) -> GeneratedPage:
            section = self.step_html(node, first, embedded)
            root = self.render("questionnaire_root.html.j2", node=node, step=section,
                               root="" if first else "../", embedded=embedded,
                               address=self.address, moved=moved if first else ())
            title = first_title if first else node.title
            if embedded:
                title = f"{title} - {site_name}" if first else f"{title} - {first_title} - {site_name}"
            description = ""
            if not first and not embedded:
                description = self.plain(node.summary if isinstance(node, Outcome)
                                         else node.text) or node.title
            page = self.page(template, title, *tree.node_source(node.id), description=description,
                             questionnaire=Markup(root), first=first,
                             site_root="../" if first else "../../",
                             calculator_dates=dates)
            if source_id is None:
                shown = title if embedded else f"{title} - {site_name}"
                data[node.id] = json.dumps({"title": shown, "html": str(section)},
                                           ensure_ascii=False, separators=(",", ":"))
            return page

        pages[f"{folder}.md"] = step_page(tree.nodes[tree.start], first=True)
        for node in tree.nodes.values():
            if node.id != tree.start:
                pages[f"{folder}/{node.id}.md"] = step_page(node, first=False)
        for old, target in tree.aliases.items():
            pages[f"{folder}/{old}.md"] = step_page(tree.nodes[target], first=False,
                                                   source_id=old)
            data[old] = json.dumps({"redirect": target}, separators=(",", ":"))
        for node_id, text in data.items():
            pages[f"{folder}/{reserved.STEP_DATA_FOLDER}/{node_id}.json"] = GeneratedPage(
                text + "\n", tree.path)
        return pages

    def pages(self) -> dict[str, GeneratedPage]:
        tree, tree_file, t = self.tree, self.tree.path, self.locale.t
        pages = {
            f"guides/{reserved.GUIDES_INDEX}.md": self.page(
                "guides_index.md.j2", t("guides_title"), tree_file,
                tree.section_lines.get("guides", 0)),
            "facts.md": self.page("facts.md.j2", t("facts_title"), tree_file,
                                  tree.section_lines.get("facts", 0), used_in=tree_texts.fact_usage(tree)),
            "map.md": self.map_page(),
        }
        pages.update(self.questionnaire_pages("questionnaire", embedded=False))
        # The questionnaire alone, for other sites' iframes (site_overrides/embed.html).
        pages.update(self.questionnaire_pages("embed", embedded=True))
        for slug, guide in tree.guides.items():
            pages[f"guides/{slug}.md"] = self.page(
                "guide.md.j2", guide.title, tree_file, guide.line,
                description=self.plain(guide.summary), guide=guide,
                outcomes=tree.outcomes_for_guide(slug),
                related=[tree.guides[s] for s in tree.related_guides(slug)],
                heading_ids=self.heading_ids(
                    [guide.title, *(s.heading for s in guide.sections)],
                    {_slug(t(key), "-") for key in ("guide_outcomes", "related_guides",
                                                     "sources")}))
        for tool_page in tool_pages.pages(self):  # the Renderer is their ToolInput
            pages[tool_page.uri] = self.page(
                tool_page.template, tool_page.title, tool_page.source, tool_page.line,
                description=tool_page.description, **tool_page.context)
        if self.locale.lang in self.site.translations:
            pages["translation-status.md"] = self.translation_status()
        return pages

    def _status_list_key(self, items: list[dict]) -> str:
        """All a status list's HTML is made from: its items, which of their texts are
        marked as English (marked()) and the mark's words, the template."""
        marks = [[item[name] in self.fallbacks for name in ("key", "where")] for item in items]
        return hashlib.sha256(json.dumps([
            items, marks, self.locale.t("untranslated_note"),
            (TEMPLATES / "translation_status_list.html.j2").read_text(encoding="utf-8")],
            ensure_ascii=False).encode()).hexdigest()

    def translation_status(self) -> GeneratedPage:
        """Where each text of this language stands, linked to the line to edit (a
        missing text: the file, where `make translations` adds it)."""
        groups: dict[str, list[dict]] = {"stale": [], "todo": [], "missing": [],
                                         "translated": []}
        for item in self.site.translations[self.locale.lang]:
            english = " ".join(item.unit.english.split())
            path = item.file or self.tree.path  # the translation file, a locale, a page
            groups[item.state].append({
                "key": translate.dotted(item.unit.key),
                "english": english if len(english) <= 80 else english[:79] + "…",
                "where": f"{path}:{item.line}" if item.line else path,
                "link": self.edit_link(path, item.line) or "#"})
        def status_list(items: list[dict]) -> Markup:  # translation_status_list.html.j2
            return Markup(_kept_lists().get(self._status_list_key(items), lambda: self.render(
                "translation_status_list.html.j2", items=items,
                text_html=markup.text_html).rstrip("\n")))
        return self.page("translation_status.md.j2", self.locale.t("status_title"),
                         self.tree.path, groups=groups, status_list=status_list)

    def map_page(self) -> GeneratedPage:
        """The map of the tree: a picture laid out at build time and a nested list."""
        tree = self.tree
        questions = sum(1 for _ in tree.questions())
        picture = self.render("map.html.j2", layout=drawing.layout(tree), address=self.address,
                              box_width=drawing.BOX_WIDTH, box_height=drawing.BOX_HEIGHT)
        return self.page("map.md.j2", self.locale.t("map_title"), tree.path,
                         tree.nodes[tree.start].line, picture=Markup(picture),
                         outline=self.outline_html(drawing.outline(tree)),
                         counts={"questions": questions,
                                 "outcomes": len(tree.nodes) - questions})

    def outline_html(self, items) -> Markup:
        """The map's nested list as HTML, written in one loop (no recursion: a chain
        of any length the validator accepts renders)."""
        t, out, depth = self.locale.t, [], -1
        for item in items:
            if item.depth > depth:
                out.append("<ul>" * (item.depth - depth))
            else:
                out.append("</li></ul>" * (depth - item.depth) + "</li>")
            depth = item.depth
            answer = (Markup("{} → ").format(item.answer) if item.answer else "")
            after = (f" {t('map_shown_above')}" if item.repeated else
                     f" ({t('map_key_outcome')})" if item.node.kind == "outcome" else "")
            out.append(Markup('<li>{}<a href="../questionnaire/{}">{}</a>{}').format(
                answer, self.address(item.node.id), item.node.title, after))
        out.append("</li></ul>" * (depth + 1))
        return Markup("".join(out))

    def guide_list(self, base: str) -> tuple[str, tuple[str, ...]]:
        """Markdown list of every guide, with its slots, for hand-written pages (the
        home page)."""
        page = self.page("guide_list.md.j2", "", "", base=base)
        return page.markdown, page.slots
