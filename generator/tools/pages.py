"""The buyer tools' pages and the data their scripts read.

The scripts under site_overrides/assets/javascripts/tools/ hold no formats, figures
or words of their own: each page carries them in a <script type="application/json">
block rendered from tools.yaml, the tree's facts and the locale.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any

from babel import Locale as BabelLocale

from ..i18n import locale, string_source
from ..languages import SOURCE
from ..markup import fill_slots
from . import BY_NAME, TOOLS
from ..schema_check import load_schema
from .check import DAY_UNITS, SCHEMA_PATH

CALCULATOR = "deadline-calculator"
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


def available(renderer) -> bool:
    """Tools are built in a language once its locale has their words."""
    return "tools_title" in renderer.locale.data["strings"]


def offers(renderer) -> dict[str, list[tuple[str, str, str]]]:
    """Node id -> [(tool, page path inside tools/, link text)]: the questionnaire's links."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    if not available(renderer):
        return found
    data, t = renderer.tools, renderer.locale.t
    for tool, ids in data.offered_on.items():
        for node_id in filter(renderer.tree.nodes.__contains__, ids):
            # the calculator links back to the step, with the reader's dates (BACK_FROM)
            query = f"?{BACK_FROM}={node_id}" if tool == CALCULATOR else ""
            found.setdefault(node_id, []).append(
                (tool, f"{BY_NAME[tool].page}/{query}", t(f"tools_offer_{tool}")))
    for message in data.messages:
        situation = message["situation"]
        for node_id in filter(renderer.tree.nodes.__contains__, message["steps"]):
            found.setdefault(node_id, []).append(
                ("dispute-message", f"{BY_NAME['dispute-message'].page}/#{message['id']}",
                 t("tools_offer_dispute-message", situation=situation)))
    return found


QUESTIONNAIRE = "../../questionnaire/"  # from /tools/NAME/


def step_link(renderer, node_id: str) -> dict | None:
    """A questionnaire step as the tool scripts link to it from /tools/NAME/."""
    if node_id not in renderer.tree.nodes:
        return None
    return {"href": QUESTIONNAIRE + renderer.address(node_id),
            "text": renderer.locale.t("tools_next_step", title=renderer.tree.nodes[node_id].title)}


def _strings(renderer, tool: str) -> dict[str, str]:
    """The locale strings a tool's script uses (keys tools_WORDS_*, prefix removed)."""
    start = f"tools_{BY_NAME[tool].words}_"
    return {key[len(start):]: text for key, text in renderer.locale.data["strings"].items()
            if key.startswith(start)}


def _source(renderer, fact) -> str:
    return (renderer.locale.t("tools_source", source=fact.source) + ", "
            + renderer.locale.t("tools_checked", date=renderer.locale.date_text(fact.checked)))


def tracking_data(renderer) -> dict:
    lang, tracking = renderer.locale.lang, renderer.tools.tracking
    services = {
        family: {"letters": s["letters"], "meaning": s["meaning"],
                 "step": step_link(renderer, s["step"])}
        for family, s in tracking["services"].items()}
    carriers = [{"name": c["name"], "format": c["format"],
                 "meaning": c["meaning"],
                 "trackAt": c["track_at"], "step": step_link(renderer, c["step"])}
                for c in tracking["carriers"]]
    return {"strings": _strings(renderer, "tracking-checker"), "services": services, "carriers": carriers,
            "lookalikes": tracking["lookalikes"], "countries": country_names(lang),
            "s10TrackAt": tracking["s10_track_at"],
            "badStep": step_link(renderer, tracking["bad_check_digit_step"]),
            "unknownStep": step_link(renderer, tracking["unknown_step"])}


def deadline_rows(renderer) -> list[dict]:
    """Each deadline with its fact, figure, label, rule and source, for page and script."""
    rows = []
    for d in renderer.tools.deadlines:
        fact = renderer.tree.facts.get(d["fact"])
        if fact is None or fact.unit not in DAY_UNITS:
            continue  # another tree (tests, benchmarks) without this fact
        english = d["rule"] in renderer.fallbacks
        rows.append({"fact": fact.name, "from": d["from"], "direction": d["direction"],
                     "days": fact.max if fact.max is not None else fact.value,
                     "working": fact.unit == "working_days",
                     "label": d["label"],
                     # a rule left in English is English throughout, its figure too
                     "rule": fill_slots(d["rule"], {"fact": (
                         locale(SOURCE) if english else renderer.locale).fact_text(fact)}),
                     "english": english,
                     "source": _source(renderer, fact)})
    return rows


def back_links(renderer) -> dict:
    """Where the calculator links back to (?step=NODE-ID names one of these steps):
    the questionnaire, and each step that offers the calculator with its link's text.
    The script adds the dates as ?KEY=YYYY-MM-DD (calculator_dates)."""
    t, nodes = renderer.locale.t, renderer.tree.nodes
    ids = renderer.tools.offered_on.get(CALCULATOR, ())
    return {"href": QUESTIONNAIRE, "start": renderer.tree.start,
            "steps": {node_id: t("tools_dates_back", title=nodes[node_id].title)
                      for node_id in ids if node_id in nodes}}


def date_words(renderer) -> dict:
    """How a date is written in this language (dates.js `readable`), for both pages
    that write the calculator's dates: the calculator and the questionnaire."""
    return {"months": renderer.locale.months, "dateFormat": renderer.locale.data["date_format"]}


def deadline_data(renderer) -> dict:
    rows = [{key: value for key, value in row.items() if key != "english"}
            for row in deadline_rows(renderer)]
    return {"strings": _strings(renderer, "deadline-calculator"), "deadlines": rows,
            **date_words(renderer), "uidHost": "parcel-help", "back": back_links(renderer)}


def calculator_dates(renderer) -> dict | None:
    """What the questionnaire needs to show the calculator's dates on an outcome
    (outcome-dates.js): each date's key in the address, with the calculator's own
    label, in the calculator's order, and how the calculator writes a date. The
    address brings only keys and days; every word comes from here."""
    if not available(renderer):
        return None
    t = renderer.locale.t
    dates = [[PROTECTION_END, t("tools_dc_protection_end")]]
    dates += [[row["fact"], row["label"]] for row in deadline_rows(renderer)]
    return {"title": t("dates_from_calculator"), "dates": dates, **date_words(renderer)}


def message_data(renderer) -> dict:
    messages = [{"id": m["id"], "situation": m["situation"],
                 "dateLabel": m["date_label"], "text": m["text"], "meaning": m.get("meaning")}
                for m in renderer.tools.messages]
    return {"strings": _strings(renderer, "dispute-message"), "messages": messages,
            "replacements": renderer.tools.replacements, "slots": message_slots()}


def message_slots() -> list[str]:
    """The slots a message may use: the schema's list, which the build checks too."""
    text = load_schema(SCHEMA_PATH)["properties"]["messages"]["items"]["properties"]["text"]
    return text["x-slots"]


# Each tool's page: its template (tool_PAGE.md.j2) gets its script's data and what
# the page's rules need to say everything without JavaScript.
def _page_context(renderer, tool) -> dict:
    if tool.name == "tracking-checker":
        return {"data": tracking_data(renderer),
                "tracking": renderer.tools.tracking}
    if tool.name == "deadline-calculator":
        return {"data": deadline_data(renderer), "rows": deadline_rows(renderer)}
    messages = message_data(renderer)
    return {"data": messages, "messages": messages["messages"]}


def pages(renderer) -> dict:
    """The tools' pages, {src_uri: render.Page}."""
    if not available(renderer):
        return {}
    t, lang = renderer.locale.t, renderer.locale.lang
    # Each page's edit link opens its heading's line in the locale file (the page's
    # words); the figures and formats behind a tool are in tools.yaml, which it names.
    found = {"tools/index.md": renderer.page("tools_index.md.j2", t("tools_title"),
                                             *string_source(lang, "tools_title"), tools=TOOLS)}
    for tool in TOOLS:
        words = f"tools_{tool.words}_"
        found[f"tools/{tool.page}.md"] = renderer.page(
            f"tool_{tool.page}.md.j2", t(words + "title"), *string_source(lang, words + "title"),
            description=t(words + "summary"), tool=tool, **_page_context(renderer, tool))
    return found
