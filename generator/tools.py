"""The buyer tools' data (tools.yaml): load it with line numbers, check it against its
schema and the tree, and turn it into what the tool pages and their scripts need.

The scripts under site_overrides/assets/javascripts/tools/ hold no formats, figures
or words of their own: each page carries them in a <script type="application/json">
block rendered from tools.yaml, the tree's facts and the locale.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import jsonschema
from babel import Locale as BabelLocale
from markupsafe import Markup

from .errors import Problem, TreeError
from .loader import Loaded, load_file, walk
from .model import Tree
from .validate import _explain as explain_schema_error  # the tree's wording, reused
from .translate import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "tools.schema.json"
# Beside the tree. Another tree without one (tests, benchmarks) gets the project's,
# with its links to steps and facts that tree lacks left out.
TOOLS_FILE = "tools.yaml"

PLACEHOLDERS = {"order", "tracking", "date"}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# Carrier patterns run in Python here and in JavaScript in the browser: allow only
# the syntax both read the same way.
PORTABLE_PATTERN = re.compile(r"[A-Z0-9\[\]{},\-|()?+*]+")
S10_SHAPE = re.compile(r"[A-Z]{2}[0-9]{9}[A-Z]{2}")
DAY_UNITS = {"days", "working_days"}
# ISO 3166 codes that name no country (user-assigned, groupings): shown as the code.
NOT_COUNTRIES = re.compile(r"AA|Q[M-Z]|X[A-Z]|ZZ|EU|EZ|UN")

TOOLS = ("tracking-checker", "deadline-calculator", "dispute-message")
# Each tool's page, under tools/ in the site.
TOOL_PAGES = {"tracking-checker": "tracking", "deadline-calculator": "deadlines",
              "dispute-message": "message"}


@lru_cache(maxsize=None)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def tools_path(tree: Tree) -> Path:
    return Path(tree.path).parent / TOOLS_FILE


def tools_for(tree: Tree) -> dict:
    """The tools' data for a tree: its own tools.yaml, checked against it, or else the
    project's, checked on its own."""
    path = tools_path(tree)
    return load_tools(path, tree) if path.exists() else load_tools(ROOT / TOOLS_FILE, None)


def load_tools(path: str | Path, tree: Tree | None) -> dict:
    """Load and check tools.yaml against its schema and (unless None) the tree it
    goes with; raise TreeError."""
    loaded = load_file(path)
    validator = jsonschema.Draft202012Validator(schema())
    problems = [p for error in validator.iter_errors(loaded.data)
                for p in explain_schema_error(loaded, error)]
    if not problems:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        problems = list(_rule_problems(loaded, tree, lines))
    if problems:
        raise TreeError(sorted(set(problems)))
    return loaded.data


def _in_text(loaded: Loaded, lines: list[str], location: tuple, offset: int,
             message: str) -> Problem:
    """A problem at a character of a text; inside a block (|) at its own line."""
    line, column = loaded.where(location)
    text = loaded.data
    for key in location:
        text = text[key]
    if lines[line - 1][column - 1:column] == "|":
        before = text[:offset]
        line += 1 + before.count("\n")
        indent = len(lines[line - 1]) - len(lines[line - 1].lstrip())
        column = indent + 1 + len(before.rsplit("\n", 1)[-1])
    return Problem(line, column, message, loaded.path)


def _rule_problems(loaded: Loaded, tree: Tree | None, lines: list[str]) -> Iterator[Problem]:
    data = loaded.data

    def node(location: tuple, node_id: str) -> Iterator[Problem]:
        if tree is not None and node_id not in tree.nodes:
            yield loaded.problem(location, f"node '{node_id}' is not in {Path(tree.path).name}")

    for tool, ids in data["offered_on"].items():
        for i, node_id in enumerate(ids):
            yield from node(("offered_on", tool, i), node_id)

    tracking = data["tracking"]
    for key in ("bad_check_digit_step", "unknown_step"):
        yield from node(("tracking", key), tracking[key])
    owner: dict[str, str] = {}
    for family, service in tracking["services"].items():
        yield from node(("tracking", "services", family, "step"), service["step"])
        for i, letter in enumerate(service["letters"]):
            if letter in owner:
                yield loaded.problem(("tracking", "services", family, "letters", i),
                                     f"letter {letter} is already in service '{owner[letter]}'")
            owner[letter] = family
    for i, carrier in enumerate(tracking["carriers"]):
        where = ("tracking", "carriers", i)
        yield from node(where + ("step",), carrier["step"])
        yield from _pattern_problems(loaded, where, carrier)

    for i, deadline in enumerate(data["deadlines"] if tree is not None else ()):
        fact = tree.facts.get(deadline["fact"])
        where = ("deadlines", i, "fact")
        if fact is None:
            yield loaded.problem(where, f"fact '{deadline['fact']}' is not in the tree's facts")
        elif fact.unit not in DAY_UNITS:
            yield loaded.problem(where, f"fact '{fact.name}' counts {fact.unit}; the calculator "
                                        "counts days or working days only")

    yield from _missing_translations(loaded)

    seen: set[str] = set()
    for i, message in enumerate(data["messages"]):
        where = ("messages", i)
        if message["id"] in seen:
            yield loaded.problem(where + ("id",), f"message id '{message['id']}' is used twice")
        seen.add(message["id"])
        for j, node_id in enumerate(message["steps"]):
            yield from node(where + ("steps", j), node_id)
        text = message["text"]
        for found in PLACEHOLDER.finditer(text):
            if found.group(1) not in PLACEHOLDERS:
                yield _in_text(loaded, lines, where + ("text",), found.start(),
                               f"unknown placeholder {found.group()}; use "
                               + ", ".join(f"{{{p}}}" for p in sorted(PLACEHOLDERS)))
        odd = re.search(r"[^\n -~]", text)
        if odd:
            yield _in_text(loaded, lines, where + ("text",), odd.start(),
                           f"character {odd.group()!r} (U+{ord(odd.group()):04X}) may be "
                           "garbled by a translator; messages use plain ASCII only")
        yield from _meaning_problems(loaded, where, message)


def _meaning_problems(loaded: Loaded, where, message: dict) -> Iterator[Problem]:
    """Each site language shows what the English message means, with the same slots,
    so a reader who does not read English knows what they send."""
    slots = sorted(set(PLACEHOLDER.findall(message["text"])))
    meaning = message.get("meaning") or {}
    for lang in LANGUAGES:
        if not meaning.get(lang):
            yield loaded.problem(where + ("text",), f"message '{message['id']}' has no {lang} "
                                                   f"meaning: add `meaning: {{{lang}: ...}}`")
        elif sorted(set(PLACEHOLDER.findall(meaning[lang]))) != slots:
            yield loaded.problem(where + ("meaning", lang),
                                 f"the {lang} meaning of message '{message['id']}' must have "
                                 "the same slots as its text: "
                                 + ", ".join(f"{{{p}}}" for p in slots))


def _missing_translations(loaded: Loaded) -> Iterator[Problem]:
    """Every reader-facing text ({en: ...}) has each site language beside it."""
    for where, value in walk(loaded.data):
        if isinstance(value, dict) and isinstance(value.get("en"), str):
            for lang in LANGUAGES:
                if not value.get(lang):
                    yield loaded.problem(where + ("en",), f"no {lang} text: add `{lang}:` "
                                                          "beside `en:` (the site is built in both)")


def _pattern_problems(loaded: Loaded, where: tuple, carrier: dict) -> Iterator[Problem]:
    pattern = carrier["pattern"]
    if not PORTABLE_PATTERN.fullmatch(pattern):
        yield loaded.problem(where + ("pattern",), "a pattern may use only A-Z, 0-9 and "
                             "[ ] { } , - | ( ) ? + * (it must read the same in JavaScript)")
        return
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        yield loaded.problem(where + ("pattern",), f"pattern is not a valid regular expression: "
                             f"{exc.msg}")
        return
    if not compiled.fullmatch(carrier["example"]):
        yield loaded.problem(where + ("example",), f"example {carrier['example']} does not "
                             f"match the pattern {pattern}")
    elif S10_SHAPE.fullmatch(carrier["example"]):
        yield loaded.problem(where + ("example",), "example has the shape of a postal (S10) "
                             "number; a carrier pattern must not claim those")


# --- what the pages get ------------------------------------------------------------

def localized(text: dict, lang: str) -> str:
    """A per-language text from tools.yaml, in English where no translation exists."""
    return text.get(lang) or text["en"]


def country_names(lang: str) -> dict[str, str]:
    """ISO 3166 alpha-2 code -> country name in the reader's language (CLDR via Babel)."""
    names = BabelLocale.parse(lang).territories
    return {code: name for code, name in sorted(names.items())
            if len(code) == 2 and code.isalpha() and not NOT_COUNTRIES.fullmatch(code)}


def json_block(data: Any) -> Markup:
    """JSON safe inside <script type="application/json">: no '<' can end the block."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e")
                  .replace("&", "\\u0026"))


def available(renderer) -> bool:
    """Tools are built in a language once its locale has their words."""
    return "tools_title" in renderer.locale.data["strings"]


def offers(renderer) -> dict[str, list[tuple[str, str, str]]]:
    """Node id -> [(tool, page path inside tools/, link text)]: the questionnaire's links."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    if not available(renderer):
        return found
    data, t = renderer.tools, renderer.locale.t
    for tool, ids in data["offered_on"].items():
        for node_id in filter(renderer.tree.nodes.__contains__, ids):
            found.setdefault(node_id, []).append(
                (tool, f"{TOOL_PAGES[tool]}/", t(f"tools_offer_{tool}")))
    for message in data["messages"]:
        situation = localized(message["situation"], renderer.locale.lang)
        for node_id in filter(renderer.tree.nodes.__contains__, message["steps"]):
            found.setdefault(node_id, []).append(
                ("dispute-message", f"{TOOL_PAGES['dispute-message']}/#{message['id']}",
                 t("tools_offer_dispute-message", situation=situation)))
    return found


def step_link(renderer, node_id: str) -> dict | None:
    """A questionnaire step as the tool scripts link to it from /tools/NAME/."""
    if node_id not in renderer.tree.nodes:
        return None
    return {"href": f"../../questionnaire/#{node_id}",
            "text": renderer.locale.t("tools_next_step", title=renderer.tree.nodes[node_id].title)}


def _strings(renderer, prefix: str) -> dict[str, str]:
    """The locale strings a tool's script uses (keys tools_PREFIX_*, prefix removed)."""
    start = f"tools_{prefix}_"
    return {key[len(start):]: text for key, text in renderer.locale.data["strings"].items()
            if key.startswith(start)}


def _source(renderer, fact) -> str:
    return (renderer.locale.t("tools_source", source=fact.source) + ", "
            + renderer.locale.t("tools_checked", date=renderer.locale.date_text(fact.checked)))


def tracking_data(renderer) -> dict:
    lang, tracking = renderer.locale.lang, renderer.tools["tracking"]
    services = {
        family: {"letters": s["letters"], "meaning": localized(s["meaning"], lang),
                 "step": step_link(renderer, s["step"])}
        for family, s in tracking["services"].items()}
    carriers = [{"name": c["name"], "pattern": c["pattern"],
                 "meaning": localized(c["meaning"], lang),
                 "trackAt": localized(c["track_at"], lang), "step": step_link(renderer, c["step"])}
                for c in tracking["carriers"]]
    return {"strings": _strings(renderer, "tc"), "services": services, "carriers": carriers,
            "lookalikes": tracking["lookalikes"], "countries": country_names(lang),
            "s10TrackAt": localized(tracking["s10_track_at"], lang),
            "badStep": step_link(renderer, tracking["bad_check_digit_step"]),
            "unknownStep": step_link(renderer, tracking["unknown_step"])}


def deadline_rows(renderer) -> list[dict]:
    """Each deadline with its fact, figure, label, rule and source, for page and script."""
    lang, rows = renderer.locale.lang, []
    for d in renderer.tools["deadlines"]:
        fact = renderer.tree.facts.get(d["fact"])
        if fact is None or fact.unit not in DAY_UNITS:
            continue  # another tree (tests, benchmarks) without this fact
        rows.append({"fact": fact.name, "from": d["from"], "direction": d["direction"],
                     "days": fact.max if fact.max is not None else fact.value,
                     "working": fact.unit == "working_days",
                     "label": localized(d["label"], lang),
                     "rule": localized(d["rule"], lang).format(fact=renderer.locale.fact_text(fact)),
                     "source": _source(renderer, fact)})
    return rows


def deadline_data(renderer) -> dict:
    data = renderer.locale.data
    return {"strings": _strings(renderer, "dc"), "deadlines": deadline_rows(renderer),
            "months": data["months"], "dateFormat": data["date_format"],
            "uidHost": "parcel-help"}


def message_data(renderer) -> dict:
    lang = renderer.locale.lang
    messages = [{"id": m["id"], "situation": localized(m["situation"], lang),
                 "dateLabel": localized(m["date_label"], lang), "text": m["text"],
                 "meaning": (m.get("meaning") or {}).get(lang)}
                for m in renderer.tools["messages"]]
    return {"strings": _strings(renderer, "dm"), "messages": messages,
            "replacements": renderer.tools["replacements"]}


def pages(renderer) -> dict[str, str]:
    """The tools' pages, {src_uri: markdown}."""
    if not available(renderer):
        return {}
    tracking = renderer.tools["tracking"]
    return {
        "tools/index.md": renderer.render("tools_index.md.j2"),
        "tools/tracking.md": renderer.render(
            "tool_tracking.md.j2", data=json_block(tracking_data(renderer)), tracking=tracking,
            localized=localized),
        "tools/deadlines.md": renderer.render(
            "tool_deadlines.md.j2", data=json_block(deadline_data(renderer)),
            rows=deadline_rows(renderer)),
        "tools/message.md": renderer.render(
            "tool_message.md.j2", data=json_block(message_data(renderer)),
            messages=message_data(renderer)["messages"]),
    }
