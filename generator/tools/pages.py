"""The buyer tools' pages and the data their scripts read.

The scripts under site_overrides/assets/javascripts/tools/ hold no formats, figures
or words of their own: each page carries them in a <script type="application/json">
block rendered from tools.yaml, the tree's facts and the locale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Mapping

from babel import Locale as BabelLocale

from ..i18n import Locale, locale, string_source
from ..languages import SOURCE
from ..markup import fill_slots
from . import BY_NAME, TOOLS
from ..schema_check import load_schema
from ..model import Tree
from .check import DAY_UNITS, SCHEMA_PATH
from .model import Tools

BACK_FROM = "step"  # /tools/deadlines/?step=NODE-ID: the step the reader came from
# The day buyer protection ends: the calculator's first date, the reader's own (no fact);
# named in the address like the facts, by its name in tools.yaml (deadlines: from:).
PROTECTION_END = "protection_end"

# ISO 3166 codes that name no country (user-assigned, groupings): shown as the code.
NOT_COUNTRIES = re.compile(r"AA|Q[M-Z]|X[A-Z]|ZZ|EU|EZ|UN")


def country_names(lang: str) -> dict[str, str]:
    """ISO 3166 alpha-2 code -> country name in the reader's language (CLDR via Babel)."""
    names = BabelLocale.parse(lang).territories
    return {code: name for code, name in sorted(names.items())
            if len(code) == 2 and code.isalpha() and not NOT_COUNTRIES.fullmatch(code)}


def plain(value: Any) -> Any:
    """What JSON cannot write by itself: tools.yaml's read-only mappings."""
    if isinstance(value, MappingProxyType):
        return dict(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


@dataclass(frozen=True)
class ToolInput:
    """What the tool pages are made from, in one language (the Renderer has the same
    fields, and passes itself)."""

    tools: Tools  # in this language
    tree: Tree  # in this language
    locale: Locale
    address: Callable[[str], str]  # a step's address inside the questionnaire
    fallbacks: frozenset[str]  # texts shown in English for want of a translation


@dataclass(frozen=True)
class ToolPage:
    """A page to write: its template (tool_PAGE.md.j2), its heading and where a
    contributor edits it, and what its template gets. The renderer writes it."""

    uri: str
    template: str
    title: str
    source: str
    line: int
    description: str = ""
    context: Mapping[str, Any] = field(default_factory=dict)


def available(words: ToolInput) -> bool:
    """Tools are built in a language once its locale has their words."""
    return "tools_title" in words.locale.data["strings"]


def offers(words: ToolInput) -> dict[str, list[tuple[str, str, str]]]:
    """Node id -> [(tool, page path inside tools/, link text)]: the questionnaire's links."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    if not available(words):
        return found
    data, t = words.tools, words.locale.t
    for tool, ids in data.offered_on.items():
        for node_id in filter(words.tree.nodes.__contains__, ids):
            # the calculator links back to the step, with the reader's dates (BACK_FROM)
            query = f"?{BACK_FROM}={node_id}" if tool == CALCULATOR else ""
            found.setdefault(node_id, []).append(
                (tool, f"{BY_NAME[tool].page}/{query}", t(f"tools_offer_{tool}")))
    for message in data.messages:
        for node_id in filter(words.tree.nodes.__contains__, message.steps):
            found.setdefault(node_id, []).append(
                (MESSAGES, f"{BY_NAME[MESSAGES].page}/#{message.id}",
                 t(f"tools_offer_{MESSAGES}", situation=message.situation)))
    return found


QUESTIONNAIRE = "../../questionnaire/"  # from /tools/NAME/


def step_link(words: ToolInput, node_id: str) -> dict | None:
    """A questionnaire step as the tool scripts link to it from /tools/NAME/."""
    if node_id not in words.tree.nodes:
        return None
    return {"href": QUESTIONNAIRE + words.address(node_id),
            "text": words.locale.t("tools_next_step", title=words.tree.nodes[node_id].title)}


def _strings(words: ToolInput, tool: str) -> dict[str, str]:
    """The locale strings a tool's script uses (keys tools_WORDS_*, prefix removed)."""
    start = f"tools_{BY_NAME[tool].words}_"
    return {key[len(start):]: text for key, text in words.locale.data["strings"].items()
            if key.startswith(start)}


def _source(words: ToolInput, fact) -> str:
    return (words.locale.t("tools_source", source=fact.source) + ", "
            + words.locale.t("tools_checked", date=words.locale.date_text(fact.checked)))


def tracking_data(words: ToolInput) -> dict:
    tracking = words.tools.tracking
    services = {
        family: {"letters": s.letters, "meaning": s.meaning, "step": step_link(words, s.step)}
        for family, s in tracking.services.items()}
    carriers = [{"name": c.name, "format": c.format, "meaning": c.meaning,
                 "trackAt": c.track_at, "step": step_link(words, c.step)}
                for c in tracking.carriers]
    return {"strings": _strings(words, CHECKER), "services": services, "carriers": carriers,
            "lookalikes": tracking.lookalikes, "countries": country_names(words.locale.lang),
            "s10TrackAt": tracking.s10_track_at,
            "badStep": step_link(words, tracking.bad_check_digit_step),
            "unknownStep": step_link(words, tracking.unknown_step)}


def deadline_rows(words: ToolInput) -> list[dict]:
    """Each deadline with its fact, figure, label, rule and source, for page and script."""
    rows = []
    for d in words.tools.deadlines:
        fact = words.tree.facts.get(d.fact)
        if fact is None or fact.unit not in DAY_UNITS:
            continue  # another tree (tests, benchmarks) without this fact
        english = d.rule in words.fallbacks
        rows.append({"fact": fact.name, "from": d.start, "direction": d.direction,
                     "days": fact.max if fact.max is not None else fact.value,
                     "working": fact.unit == "working_days", "label": d.label,
                     # a rule left in English is English throughout, its figure too
                     "rule": fill_slots(d.rule, {"fact": (
                         locale(SOURCE) if english else words.locale).fact_text(fact)}),
                     "english": english, "source": _source(words, fact)})
    return rows


def back_links(words: ToolInput) -> dict:
    """Where the calculator links back to (?step=NODE-ID names one of these steps):
    the questionnaire, and each step that offers the calculator with its link's text.
    The script adds the dates as ?KEY=YYYY-MM-DD (calculator_dates)."""
    t, nodes = words.locale.t, words.tree.nodes
    ids = words.tools.offered_on.get(CALCULATOR, ())
    return {"href": QUESTIONNAIRE, "start": words.tree.start,
            "steps": {node_id: t("tools_dates_back", title=nodes[node_id].title)
                      for node_id in ids if node_id in nodes}}


def date_words(words: ToolInput) -> dict:
    """How a date is written in this language (dates.js `readable`), for both pages
    that write the calculator's dates: the calculator and the questionnaire."""
    return {"months": words.locale.months, "dateFormat": words.locale.data["date_format"]}


def deadline_data(words: ToolInput) -> dict:
    rows = [{key: value for key, value in row.items() if key != "english"}
            for row in deadline_rows(words)]
    return {"strings": _strings(words, CALCULATOR), "deadlines": rows,
            **date_words(words), "uidHost": "parcel-help", "back": back_links(words)}


def calculator_dates(words: ToolInput) -> dict | None:
    """What the questionnaire needs to show the calculator's dates on an outcome
    (outcome-dates.js): each date's key in the address, with the calculator's own
    label, in the calculator's order, and how the calculator writes a date. The
    address brings only keys and days; every word comes from here."""
    if not available(words):
        return None
    t = words.locale.t
    dates = [[PROTECTION_END, t("tools_dc_protection_end")]]
    dates += [[row["fact"], row["label"]] for row in deadline_rows(words)]
    return {"title": t("dates_from_calculator"), "dates": dates, **date_words(words)}


def message_data(words: ToolInput) -> dict:
    messages = [{"id": m.id, "situation": m.situation, "dateLabel": m.date_label,
                 "text": m.text, "meaning": m.meaning} for m in words.tools.messages]
    return {"strings": _strings(words, MESSAGES), "messages": messages,
            "replacements": words.tools.replacements, "slots": message_slots()}


def message_slots() -> list[str]:
    """The slots a message may use: the schema's list, which the build checks too."""
    text = load_schema(SCHEMA_PATH)["properties"]["messages"]["items"]["properties"]["text"]
    return text["x-slots"]


# Each tool's page: its template (tool_PAGE.md.j2) gets its script's data and what
# the page's rules need to say everything without JavaScript.
def _tracking_context(words: ToolInput) -> dict:
    return {"data": tracking_data(words), "tracking": words.tools.tracking}


def _deadline_context(words: ToolInput) -> dict:
    return {"data": deadline_data(words), "rows": deadline_rows(words)}


def _message_context(words: ToolInput) -> dict:
    messages = message_data(words)
    return {"data": messages, "messages": messages["messages"]}


CHECKER, CALCULATOR, MESSAGES = (tool.name for tool in TOOLS)
CONTEXT = {CHECKER: _tracking_context, CALCULATOR: _deadline_context,
           MESSAGES: _message_context}


def pages(words: ToolInput) -> list[ToolPage]:
    """The tools' pages, as data: the renderer writes them."""
    if not available(words):
        return []
    t, lang = words.locale.t, words.locale.lang
    # Each page's edit link opens its heading's line in the locale file (the page's
    # words); the figures and formats behind a tool are in tools.yaml, which it names.
    found = [ToolPage("tools/index.md", "tools_index.md.j2", t("tools_title"),
                      *string_source(lang, "tools_title"), context={"tools": TOOLS})]
    for tool in TOOLS:
        key = f"tools_{tool.words}_"
        found.append(ToolPage(f"tools/{tool.page}.md", f"tool_{tool.page}.md.j2",
                              t(key + "title"), *string_source(lang, key + "title"),
                              description=t(key + "summary"),
                              context={"tool": tool, **CONTEXT[tool.name](words)}))
    return found
