"""Check a loaded tree: the JSON Schema first, then the rules a schema cannot say
(links between nodes, reachability, cycles, facts, safe text). Every problem is
collected, so a contributor sees them all at once, each with its line and column."""

from __future__ import annotations

import difflib
import json
import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import jsonschema

from . import markup
from .errors import Problem, TreeError
from .loader import Loaded, Location, load_file, walk

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "decision_tree.schema.json"

# The situations the site promises a guide for; contributors may add, never drop.
REQUIRED_GUIDES = (
    "parcel-lost", "wrong-city-or-stranger", "empty-parcel", "someone-elses-parcel",
    "no-tracking-number", "invalid-tracking-number", "buyer-protection-and-disputes",
)
FACT_MAX_AGE = timedelta(days=365)
PHONE_TEXT_LIMIT = 600  # characters: about one phone screen of reading
PHONE_TITLE_LIMIT = 90


@lru_cache(maxsize=None)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


# What each of the schema's patterns asks for, in words.
ID_RULE = "use lower-case letters and digits, words joined by hyphens"
FACT_NAME_RULE = "use lower-case letters, digits and underscores, starting with a letter"
PATTERN_RULES = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": ID_RULE,
    "^[a-z][a-z0-9_]*$": FACT_NAME_RULE,
    "^https://": "a link must start with https://",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": 'write the date as YYYY-MM-DD, e.g. "2026-11-01"',
}

# Problem.rank: the order a contributor should read problems in.
NAMES_THE_FIX, IN_PLACE, CONSEQUENCE = 0, 1, 2


def validate(loaded: Loaded, today: date | None = None) -> tuple[list[Problem], list[Problem]]:
    """Return (errors, warnings), most useful first: problems that name their own fix,
    then problems in place, then likely consequences; by place in the file within each."""
    errors = list(_schema_problems(loaded))
    errors += _RuleCheck(loaded).run()
    warnings = list(_warnings(loaded, today or date.today()))
    return _dedupe(errors), _dedupe(warnings)


def load_and_validate(path: str | Path, today: date | None = None):
    """Load and check a tree file; return (Tree, warnings) or raise TreeError."""
    from .build import build_tree  # build needs a valid tree; import here to avoid a cycle

    loaded = load_file(path)
    errors, warnings = validate(loaded, today)
    if errors:
        raise TreeError(errors)
    return build_tree(loaded), warnings


def _dedupe(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.rank, p.line, p.column, p.message))


def _rank(hint: str) -> int:
    return NAMES_THE_FIX if hint else IN_PLACE


# --- the schema --------------------------------------------------------------------

@lru_cache(maxsize=None)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def _schema_problems(loaded: Loaded) -> Iterator[Problem]:
    for error in _validator().iter_errors(loaded.data):
        yield from _explain(loaded, error)


def _leaf_errors(error: jsonschema.ValidationError) -> Iterator[jsonschema.ValidationError]:
    """For if/then and oneOf, the errors inside say more than the wrapper."""
    if error.context and error.validator != "oneOf":
        for sub in error.context:
            yield from _leaf_errors(sub)
    else:
        yield error


def _explain(loaded: Loaded, error: jsonschema.ValidationError) -> Iterator[Problem]:
    for err in _leaf_errors(error):
        location = tuple(err.absolute_path)
        name = _describe(location)
        kind, instance = err.validator, err.instance
        if "propertyNames" in err.absolute_schema_path:
            yield _bad_name(loaded, location, str(instance))
        elif kind == "additionalProperties" and isinstance(instance, dict):
            allowed = set(err.schema.get("properties", {}))
            for key in instance:
                if key in allowed:
                    continue
                hint = ""
                if key == "answers" and instance.get("type") == "outcome":
                    message = (f"outcome '{location[-1]}' has answers; only questions have "
                               "answers (make it a question, or remove the answers)")
                else:
                    hint = _did_you_mean(key, allowed)
                    message = f"unknown field '{key}' in {name}{hint}"
                yield loaded.problem(location + (key,), message, key=True, rank=_rank(hint))
        elif kind == "required":
            missing = err.message.split("'")[1]
            yield loaded.problem(location, f"{name} is missing the required field '{missing}'",
                                 key=True)
        elif kind == "minItems" and location[-1:] == ("answers",):
            yield loaded.problem(location, f"question '{location[1]}' has no answers; "
                                           "a question needs at least one")
        elif kind == "minItems":
            yield loaded.problem(location, f"{name} is empty; give at least one item or remove it")
        elif kind == "type":
            hint = ""
            if err.validator_value == "string" and isinstance(instance, (bool, int, float)):
                hint = "; put it in quotes, e.g. \"Yes\" (YAML reads yes, no, on, off as true/false)"
            yield loaded.problem(location, f"{name} must be {_type_words(err.validator_value)}, "
                                           f"not {_type_words(_json_type(instance))}{hint}",
                                 rank=_rank(hint))
        elif kind == "const":
            continue  # only the node schema's if/then/else restating 'type'; enum says it
        elif kind == "enum":
            yield loaded.problem(location, f"{name} must be one of: "
                                           f"{', '.join(map(str, err.validator_value))} "
                                           f"(found {instance!r})")
        elif kind == "pattern":
            rule = PATTERN_RULES.get(err.validator_value, f"it must match {err.validator_value}")
            yield loaded.problem(location, f"{name} {instance!r} is not valid: {rule}",
                                 rank=NAMES_THE_FIX)
        elif kind == "maxLength":
            yield loaded.problem(location, f"{name} is too long ({len(instance):,} characters; "
                                           f"the limit is {err.validator_value:,})")
        elif kind == "minLength":
            yield loaded.problem(location, f"{name} is empty")
        elif kind in ("minimum", "maximum"):
            yield loaded.problem(location, f"{name} must be between 0 and 10000 (found {instance})")
        elif kind == "oneOf":
            yield loaded.problem(location, f"{name} must be a source name, or a title with an "
                                           "https url")
        else:
            yield loaded.problem(location, f"{name}: {err.message}")


def _bad_name(loaded: Loaded, location: Location, bad: str) -> Problem:
    what = {"facts": "fact name", "guides": "guide slug", "nodes": "node id",
            "aliases": "alias"}.get(
        location[0] if location else "", "name")
    rule = FACT_NAME_RULE if what == "fact name" else ID_RULE
    return loaded.problem(location + (bad,), f"{what} '{bad}' is not valid: {rule}",
                          key=True, rank=NAMES_THE_FIX)


def _describe(location: Location) -> str:
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


def _type_words(kind: Any) -> str:
    words = {"object": "a set of fields", "array": "a list", "string": "text",
             "integer": "a whole number", "number": "a number", "boolean": "true or false",
             "null": "empty"}
    if isinstance(kind, list):
        return " or ".join(words.get(k, k) for k in kind)
    return words.get(kind, str(kind))


def _json_type(value: Any) -> str:
    for kind, python in (("boolean", bool), ("integer", int), ("number", float), ("string", str),
                         ("array", list), ("object", dict)):
        if isinstance(value, python):
            return kind
    return "null"


def _did_you_mean(word: str, options) -> str:
    # Only well-formed names are worth suggesting: a misspelt id is reported by itself.
    options = sorted(o for o in options if isinstance(o, str) and re.fullmatch(r"[a-z0-9_-]+", o))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


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
        self.problems: list[Problem] = []

    def add(self, location: Location, message: str, key: bool = False,
            rank: int = IN_PLACE) -> None:
        self.problems.append(self.loaded.problem(location, message, key, rank=rank))

    def add_missing(self, location: Location, what: str, name: str, known) -> None:
        """A reference to something that does not exist, with a suggestion if one is close."""
        hint = _did_you_mean(name, known)
        self.add(location, f"no {what} '{name}'{hint}", rank=_rank(hint))

    def run(self) -> list[Problem]:
        self.check_links()
        if isinstance(self.start, str) and self.start in self.nodes:
            self.check_reachable()
            self.check_cycles()
        self.check_guides()
        self.check_text()
        return self.problems

    def check_links(self) -> None:
        if isinstance(self.start, str) and self.start not in self.nodes:
            hint = _did_you_mean(self.start, self.nodes)
            self.add(("start",), f"start names '{self.start}', which is not a node{hint}",
                     rank=_rank(hint))
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
        seen, stack = {self.start}, [self.start]
        while stack:
            for _, target in _answers(self.nodes[stack.pop()]):
                if target in self.nodes and target not in seen:
                    seen.add(target)
                    stack.append(target)
        for node_id in self.nodes:
            if node_id not in seen:
                self.add(("nodes", node_id), f"node '{node_id}' cannot be reached from the "
                                             f"start '{self.start}': no answer leads to it",
                         key=True, rank=CONSEQUENCE)

    def check_cycles(self) -> None:
        """Depth-first search; an answer that leads back to a node on the current path
        closes a loop, which would trap the reader."""
        state: dict[str, int] = {}  # 1: on the path, 2: done
        path: list[str] = []

        def visit(node_id: str) -> None:
            state[node_id] = 1
            path.append(node_id)
            for index, target in _answers(self.nodes[node_id]):
                if target not in self.nodes:
                    continue
                if state.get(target) == 1:
                    loop = path[path.index(target):] + [target]
                    self.add(("nodes", node_id, "answers", index, "next"),
                             "answers lead in a loop: " + " -> ".join(loop))
                elif target not in state:
                    visit(target)
            path.pop()
            state[node_id] = 2

        visit(self.start)

    def check_guides(self) -> None:
        if "guides" not in _mapping(self.loaded.data):
            return
        for slug in REQUIRED_GUIDES:
            if slug not in self.guides:
                self.add(("guides",), f"required guide '{slug}' is missing", key=True)

    def check_text(self) -> None:
        for location, text in _texts(self.loaded.data):
            for written, fact in markup.placeholders(text):
                if fact is None:
                    self.add(location, f"unknown placeholder {written}; "
                                       "insert a fact as {{ facts.NAME }}")
                elif fact not in self.facts:
                    hint = _did_you_mean(fact, self.facts)
                    self.add(location, f"unknown fact '{fact}'{hint}", rank=_rank(hint))
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


def _texts(data: Any, location: Location = ()) -> Iterator[tuple[Location, str]]:
    """Every string in the tree that readers see, with its location."""
    return ((at, value) for at, value in walk(data, location) if isinstance(value, str))


def _parse_date(text: Any) -> date | None:
    if not isinstance(text, str):
        return None  # a wrong type is the schema's error
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


# --- warnings: worth fixing, not worth failing the build ---------------------------

def _warnings(loaded: Loaded, today: date) -> Iterator[Problem]:
    def warn(location: Location, message: str, key: bool = False) -> Problem:
        return loaded.problem(location, message, key, severity="warning")

    data = _mapping(loaded.data)
    facts = _mapping(data.get("facts"))
    used = {fact for _, text in _texts({k: v for k, v in data.items() if k != "facts"})
            for _, fact in markup.placeholders(text)}
    used |= {fact for _, text in _texts(facts) for _, fact in markup.placeholders(text)}
    for name, fact in facts.items():
        checked = _parse_date(fact.get("checked", "")) if isinstance(fact, dict) else None
        if checked and today - checked > FACT_MAX_AGE:
            yield warn(("facts", name, "checked"), f"fact '{name}' was last checked on "
                                                   f"{checked}, more than 12 months ago; "
                                                   "check it against its source")
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
        for location, text in _texts(node, ("nodes", node_id)):
            if len(text) > PHONE_TEXT_LIMIT:
                yield warn(location, f"node '{node_id}': this text has {len(text)} characters, "
                                     f"too long to read on a phone (keep it under "
                                     f"{PHONE_TEXT_LIMIT}); split it or move detail to the guide")
