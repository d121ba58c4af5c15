"""Check a loaded tree: the JSON Schema first, then the rules a schema cannot say
(links between nodes, reachability, loops, facts, safe text). Every problem is
collected, so a contributor sees them all at once, each with its line and column."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from . import graph, kinds, markup, phrases, reserved
from .errors import Problem
from .languages import SOURCE
from .loader import Loaded, Location, texts
from .schema_check import (CONSEQUENCE, IN_PLACE, did_you_mean, load_schema, rank,
                           schema_problems)

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "decision_tree.schema.json"

# The situations the site promises a guide for; contributors may add, never drop.
REQUIRED_GUIDES = (
    "parcel-lost", "wrong-city-or-stranger", "empty-parcel", "someone-elses-parcel",
    "no-tracking-number", "invalid-tracking-number", "buyer-protection-and-disputes",
)
PHONE_TEXT_LIMIT = 600  # characters: about one phone screen of reading
PHONE_TITLE_LIMIT = 90


def schema() -> dict:
    return load_schema(SCHEMA_PATH)


def validate(loaded: Loaded) -> tuple[list[Problem], list[Problem]]:
    """Return (errors, warnings), most useful first: problems that name their own fix,
    then problems in place, then likely consequences; by place in the file within each.
    No result depends on today's date: how old a fact's check is, is freshness.py's
    report, never a warning (warnings fail a strict build)."""
    errors = schema_problems(loaded, SCHEMA_PATH, describe)
    errors += kinds.check(loaded, schema())
    errors += _RuleCheck(loaded).run()
    warnings = list(_warnings(loaded))
    return _dedupe(errors), _dedupe(warnings)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.rank, p.line, p.column, p.message))


def describe(location: Location) -> str:
    """A readable name for a place in the tree: "node 'x' field 'title'"."""
    if not location:
        return "the file"
    parts = []
    section, rest = location[0], location[1:]
    singular = {"facts": "fact", "guides": "guide", "nodes": "node",
                "aliases": "alias"}.get(section)
    if singular and rest:
        parts.append(f"{singular} '{rest[0]}'")
        rest = rest[1:]
    else:
        parts.append(f"'{section}'")
    for item in rest:
        parts.append(f"item {item + 1}" if isinstance(item, int) else f"field '{item}'")
    return " ".join(parts)


# --- rules beyond the schema -------------------------------------------------------

def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _answers(node: Any) -> list[tuple[int, str]]:
    """(index, next) for each well-formed answer of a node."""
    if not isinstance(node, dict) or node.get("type") == "outcome":
        return []  # an outcome's answers are an error of their own; do not follow them
    answers = node.get("answers")
    if not isinstance(answers, list):
        return []
    return [(i, a["next"]) for i, a in enumerate(answers)
            if isinstance(a, dict) and isinstance(a.get("next"), str)]


def _targets(node: Any) -> list[str | None]:
    """Each answer's next, in order; None where the answer is malformed."""
    found = dict(_answers(node))
    answers = node.get("answers") if isinstance(node, dict) else None
    return [found.get(i) for i in range(len(answers))] if isinstance(answers, list) else []


class _RuleCheck:
    """Graph and text rules, written to survive a tree the schema already rejected."""

    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        data = _mapping(loaded.data)
        self.nodes = _mapping(data.get("nodes"))
        self.guides = _mapping(data.get("guides"))
        self.facts = _mapping(data.get("facts"))
        self.aliases = _mapping(data.get("aliases"))
        self.start = data.get("start")
        # Answers as graph.py walks them; an outcome's answers are an error of their own.
        self.edges = {node_id: _targets(node) for node_id, node in self.nodes.items()}
        self.problems: list[Problem] = []

    def add(self, location: Location, message: str, key: bool = False,
            rank: int = IN_PLACE) -> None:
        self.problems.append(self.loaded.problem(location, message, key, rank=rank))

    def add_missing(self, location: Location, what: str, name: str, known) -> None:
        """A reference to something that does not exist, with a suggestion if one is close."""
        hint = did_you_mean(name, known)
        self.add(location, f"no {what} '{name}'{hint}", rank=rank(hint))

    def run(self) -> list[Problem]:
        self.check_links()
        if isinstance(self.start, str) and self.start in self.nodes:
            self.check_reachable()
            self.check_cycles()
        self.check_guides()
        self.check_reserved()
        self.check_text()
        return self.problems

    def check_links(self) -> None:
        if isinstance(self.start, str) and self.start not in self.nodes:
            hint = did_you_mean(self.start, self.nodes)
            self.add(("start",), f"start names '{self.start}', which is not a node{hint}",
                     rank=rank(hint))
        for node_id, node in self.nodes.items():
            for index, target in _answers(node):
                if target not in self.nodes:
                    self.add_missing(("nodes", node_id, "answers", index, "next"), "node",
                                     target, self.nodes)
            guide = node.get("guide") if isinstance(node, dict) else None
            if isinstance(guide, str) and guide not in self.guides:
                self.add_missing(("nodes", node_id, "guide"), "guide", guide, self.guides)
        for slug, guide in self.guides.items():
            target = guide.get("starts_at") if isinstance(guide, dict) else None
            if isinstance(target, str) and target not in self.nodes:
                self.add_missing(("guides", slug, "starts_at"), "node", target, self.nodes)
        self.check_aliases()

    def check_aliases(self) -> None:
        """An alias is an old address: it must not hide a node that still has that id,
        and it must lead to a node."""
        for alias, target in self.aliases.items():
            if alias in self.nodes:
                self.add(("aliases", alias), f"alias '{alias}' shadows the node '{alias}'; "
                                             "an alias must be an id no node uses any more",
                         key=True)
            if isinstance(target, str) and target not in self.nodes:
                self.add_missing(("aliases", alias), "node", target, self.nodes)

    def check_reachable(self) -> None:
        seen = set(graph.reachable(self.edges, self.start))
        for node_id in self.nodes:
            if node_id not in seen:
                self.add(("nodes", node_id), f"node '{node_id}' cannot be reached from the "
                                             f"start '{self.start}': no answer leads to it",
                         key=True, rank=CONSEQUENCE)

    def check_cycles(self) -> None:
        """An answer that leads back to a node on the way to it traps the reader."""
        for node_id, index, loop in graph.loops(self.edges, self.start):
            self.add(("nodes", node_id, "answers", index, "next"),
                     "answers lead in a loop: " + " -> ".join(loop))

    def check_guides(self) -> None:
        if "guides" not in _mapping(self.loaded.data):
            return
        for slug in REQUIRED_GUIDES:
            if slug not in self.guides:
                self.add(("guides",), f"required guide '{slug}' is missing", key=True)

    def check_reserved(self) -> None:
        """Names the site makes itself (reserved.py): a contributor's may not take one."""
        for slug in self.guides:
            why = reserved.guide_slug_problem(slug)
            if why:
                self.add(("guides", slug), why, key=True)
        data = _mapping(self.loaded.data)
        # an old id's heading id stays on the first page too (legacy.py), so an alias
        # owns its -title as a node does
        owners = set(self.nodes) | set(_mapping(data.get("aliases")))
        for section, what in (("nodes", "node id"), ("aliases", "alias")):
            for name in _mapping(data.get(section)):
                why = reserved.step_id_problem(name, owners, what)
                if why:
                    self.add((section, name), why, key=True)
        for location in heading_places(self.loaded.data):
            text = _text_at(self.loaded.data, location)
            why = reserved.heading_problem(text) if isinstance(text, str) else None
            if why:
                self.add(location, why)

    def check_text(self) -> None:
        for location, text in texts(self.loaded.data):
            for written, fact in markup.placeholders(text):
                if fact is None:
                    self.add(location, f"unknown placeholder {written}; "
                                       "insert a fact as {{ facts.NAME }}")
                elif fact not in self.facts:
                    hint = did_you_mean(fact, self.facts)
                    self.add(location, f"unknown fact '{fact}'{hint}", rank=rank(hint))
            for message in phrases.text_problems(text, SOURCE):
                self.add(location, message)
            for message in markup.unsafe_parts(text):
                self.add(location, message)
        for name, fact in self.facts.items():
            if isinstance(fact, dict) and isinstance(fact.get("max"), int) and \
                    isinstance(fact.get("value"), int) and fact["max"] < fact["value"]:
                self.add(("facts", name, "max"), f"fact '{name}': max ({fact['max']}) is "
                                                 f"smaller than value ({fact['value']})")
            checked = fact.get("checked") if isinstance(fact, dict) else None
            # A date in the right form that is not a real day (the schema checks the form).
            if isinstance(checked, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", checked) \
                    and _parse_date(checked) is None:
                self.add(("facts", name, "checked"),
                         f"fact '{name}': {checked!r} is not a real date (YYYY-MM-DD)")


def heading_places(data: Any) -> Iterator[Location]:
    """Where the tree keeps each text that becomes a heading with an id of its slug:
    each guide's title and section headings."""
    for slug, guide in _mapping(_mapping(data).get("guides")).items():
        if isinstance(guide, dict):
            yield ("guides", slug, "title")
            sections = guide.get("sections")
            for index, section in enumerate(sections if isinstance(sections, list) else []):
                if isinstance(section, dict):
                    yield ("guides", slug, "sections", index, "heading")


def _text_at(data: Any, location: Location) -> Any:
    for part in location:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _parse_date(text: Any) -> date | None:
    if not isinstance(text, str):
        return None  # a wrong type is the schema's error
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


# --- warnings: worth fixing, not worth failing the build ---------------------------

def _warnings(loaded: Loaded) -> Iterator[Problem]:
    def warn(location: Location, message: str, key: bool = False) -> Problem:
        return loaded.problem(location, message, key, severity="warning")

    data = _mapping(loaded.data)
    facts = _mapping(data.get("facts"))
    used = {fact for _, text in texts({k: v for k, v in data.items() if k != "facts"})
            for _, fact in markup.placeholders(text)}
    used |= {fact for _, text in texts(facts) for _, fact in markup.placeholders(text)}
    for name, fact in facts.items():
        if name not in used:
            yield warn(("facts", name), f"fact '{name}' is not used in any text", key=True)
    for node_id, node in _mapping(data.get("nodes")).items():
        if not isinstance(node, dict):
            continue
        if node.get("type") == "outcome" and not node.get("sources"):
            yield warn(("nodes", node_id), f"outcome '{node_id}' names no sources", key=True)
        title = node.get("title")
        if isinstance(title, str) and len(title) > PHONE_TITLE_LIMIT:
            yield warn(("nodes", node_id, "title"), f"node '{node_id}': the title has "
                                                    f"{len(title)} characters; keep it under "
                                                    f"{PHONE_TITLE_LIMIT} to fit a phone")
        for location, text in texts(node, ("nodes", node_id)):
            if len(text) > PHONE_TEXT_LIMIT:
                yield warn(location, f"node '{node_id}': this text has {len(text)} characters, "
                                     f"too long to read on a phone (keep it under "
                                     f"{PHONE_TEXT_LIMIT}); split it or move detail to the guide")
