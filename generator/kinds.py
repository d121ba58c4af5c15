"""What each text in a data file is, and the checks that go with it.

Every string field's schema names its kind with `"x-kind"` (an annotation JSON Schema
tools ignore). The kinds, and where each ends up:

- plain_text: one line of text; HTML-escaped where it is shown (markup.text_html);
- markdown: Markdown without raw HTML; rendered once, sanitised (markup.to_html);
- https_url: an https address; parsed here, written as an escaped attribute;
- id: a name matched whole by its schema pattern (node ids, fact names, letters);
- template: text with named slots from a fixed list (`x-slots`), filled by plain
  replacement (markup.fill_template), never by str.format;
- date, and words from a fixed list: matched whole by their schema pattern;
- character: one character (look-alike letters, replacements in messages).
A tracking number's format is not text at all: a list of parts (tools/formats.py).

fields() walks the schema beside the data, so a new field is checked (and covered by
tests/test_payloads.py) as soon as its schema names its kind. Characters no text may
hold (controls, surrogates, non-characters, invisible and bidi characters) are refused
for every file by the loader; names the site keeps for itself by validate.py
(reserved.py). A translation is held to its English field's length (length_problems).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib import metadata
from typing import Any, Iterator
from urllib.parse import urlsplit

from .build_cache import KeptTexts
from .errors import Problem, shown
from .loader import Loaded, Location
from .markup import SLOT, host_problem

KINDS = ("plain_text", "markdown", "https_url", "id", "template", "date", "character")

# A slot is {name} (markup.SLOT); any other brace in a template is a mistake.
BRACE = re.compile(r"[{}]")
URL_FORBIDDEN = re.compile(r"[\s\"'<>`\\^{}|]")


def _resolve(root: dict, schema: Any) -> Any:
    """Follow $ref inside one schema file."""
    while isinstance(schema, dict) and "$ref" in schema:
        extra = {k: v for k, v in schema.items() if k != "$ref"}
        target = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        schema = {**target, **extra}
    return schema


def _branch(root: dict, schema: dict, value: Any) -> dict:
    """The branch of an if/then/else or oneOf that describes value."""
    if "if" in schema:
        matches = _matches(root, schema["if"], value)
        chosen = schema.get("then" if matches else "else", {})
        return _resolve(root, {**{k: v for k, v in schema.items()
                                  if k not in ("if", "then", "else")}, **_resolve(root, chosen)})
    for key in ("oneOf", "anyOf"):
        if key in schema:
            options = [_resolve(root, option) for option in schema[key]]
            for option in options:
                kind = option.get("type")
                if (kind == "string" and isinstance(value, str)) or \
                        (kind == "object" and isinstance(value, dict)) or \
                        (kind == "array" and isinstance(value, list)):
                    return option
    return schema


def _matches(root: dict, condition: dict, value: Any) -> bool:
    """Whether value meets an if/then's condition. The answers are kept in the cache
    folder (build_cache.py) under a hash of the condition (with the schema's $defs) and
    the value, as JSON Schema gives one answer for them: a build whose data was found
    valid before (schema_check._known_valid) never imports jsonschema (a twentieth of
    a build's CPU)."""
    key = hashlib.sha256(repr((_condition_digest(root, condition), value)).encode(
        "utf-8", "surrogatepass")).hexdigest()
    kept = _kept_answers().find(key)
    if kept is not None:
        return kept == "yes"
    import jsonschema

    answer = jsonschema.Draft202012Validator(
        {**condition, "$defs": root.get("$defs", {})}).is_valid(value)
    _kept_answers().keep(key, "yes" if answer else "no")
    return answer


_conditions: dict[tuple[int, int], tuple[dict, dict, str]] = {}


def _condition_digest(root: dict, condition: dict) -> str:
    """Once per schema loaded (schemas are loaded once and never changed in place)."""
    known = _conditions.get((id(root), id(condition)))
    if known is None or known[0] is not root or known[1] is not condition:
        digest = hashlib.sha256(repr((condition, root.get("$defs", {}))).encode()).hexdigest()
        known = _conditions[(id(root), id(condition))] = (root, condition, digest)
    return known[2]


@lru_cache(maxsize=None)
def _kept_answers() -> KeptTexts:
    return KeptTexts("schema-conditions", (metadata.version("jsonschema"),))


def fields(root: dict, data: Any, location: Location = (),
           schema: Any = None) -> Iterator[tuple[Location, str, dict]]:
    """(location, kind, schema) for every string value in data, and for every mapping
    key whose propertyNames names a kind (location ends with the key, kind 'key:...')."""
    schema = _branch(root, _resolve(root, root if schema is None else schema), data)
    if not isinstance(schema, dict):
        return
    if isinstance(data, str):
        yield location, schema.get("x-kind", ""), schema
    elif isinstance(data, dict):
        names = _resolve(root, schema.get("propertyNames", {}))
        properties = schema.get("properties", {})
        for key, value in data.items():
            if names.get("x-kind"):
                yield location + (key,), "key:" + names["x-kind"], names
            if key in properties:
                yield from fields(root, value, location + (key,), properties[key])
            elif isinstance(schema.get("additionalProperties"), dict):
                yield from fields(root, value, location + (key,),
                                  schema["additionalProperties"])
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for index, value in enumerate(data):
            yield from fields(root, value, location + (index,), schema["items"])


def value_at(data: Any, location: Location) -> Any:
    for part in location:
        data = data[part]
    return data


# --- checks per kind ------------------------------------------------------------------

def url_problem(url: str) -> str | None:
    """Why url cannot be a link on the site, or None."""
    if URL_FORBIDDEN.search(url):
        return "a link may not hold spaces, quotes, < > ` \\ ^ { } | or line breaks"
    try:
        parts = urlsplit(url)
        parts.port  # a port out of range raises here
    except ValueError as error:
        return f"it is not a valid address ({error})"
    if parts.scheme != "https":
        return "a link must start with https://"
    host = host_problem(url)
    if host:
        return host
    if url.count("(") != url.count(")") or url.count("[") != url.count("]"):
        return "a link's brackets ( ) [ ] must come in pairs"
    return None


def template_problem(text: str, slots: list[str]) -> tuple[int, str] | None:
    """(offset, why) for the first bad slot or stray brace in a template, or None."""
    allowed = ", ".join(f"{{{s}}}" for s in slots)
    position = 0
    while True:
        brace = BRACE.search(text, position)
        if brace is None:
            return None
        slot = SLOT.match(text, brace.start())
        if slot is None:
            return brace.start(), (f"a brace that is not a slot; the slots are {allowed} "
                                   "(write other text without { })")
        if slot.group(1) not in slots:
            return brace.start(), f"unknown slot {slot.group()}; the slots are {allowed}"
        position = slot.end()


def check(loaded: Loaded, schema: dict) -> list[Problem]:
    """The checks of each field's kind that a JSON Schema cannot say."""
    problems = []
    for location, kind, field_schema in fields(schema, loaded.data):
        if kind.startswith("key:"):
            continue  # keys are checked by their propertyNames pattern
        problems += field_problems(loaded, location, kind, field_schema,
                                   value_at(loaded.data, location))
    return problems


def field_problems(loaded: Loaded, location: Location, kind: str, field_schema: dict,
                   text: str) -> list[Problem]:
    if kind in ("plain_text", "https_url", "id", "date", "character") and "\n" in text:
        return [loaded.problem(location, "a line break is not allowed here; write it on one line")]
    if kind == "https_url" and text.startswith("https://"):  # else the schema's error
        why = url_problem(text)
        if why:
            return [loaded.problem(location, f"link {shown(text)} is not allowed: {why}")]
    if kind == "template":
        found = template_problem(text, field_schema.get("x-slots", []))
        if found:
            return [text_problem(loaded, location, found[0], found[1])]
    return []


def text_problem(loaded: Loaded, location: Location, offset: int, message: str) -> Problem:
    """A problem at a character of a text; inside a block (|) at its own line."""
    lines = loaded.text.splitlines()
    line, column = loaded.where(location)
    text = value_at(loaded.data, location)
    if 0 < line <= len(lines) and lines[line - 1][column - 1:column] == "|":
        before = text[:offset]
        line += 1 + before.count("\n")
        if line <= len(lines):
            indent = len(lines[line - 1]) - len(lines[line - 1].lstrip())
            column = indent + 1 + len(before.rsplit("\n", 1)[-1])
    return Problem(line, column, message, loaded.path)


def check_translation(tree: Loaded, translation: Loaded, schema: dict,
                      key_of) -> list[Problem]:
    """A translated text has the kind of the English it translates. key_of(location,
    text) is where the translation file keeps it (translate.py), or None."""
    problems = []
    for location, kind, field_schema in fields(schema, tree.data):
        if kind.startswith("key:"):
            continue
        key = key_of(location, value_at(tree.data, location))
        try:
            text = value_at(translation.data, key + ("text",)) if key else None
        except (KeyError, IndexError, TypeError):
            continue  # missing: translate.check says so
        if isinstance(text, str):
            problems += length_problems(translation, key + ("text",), field_schema, text)
            problems += field_problems(translation, key + ("text",), kind, field_schema, text)
    return problems


def length_problems(loaded: Loaded, location: Location, field_schema: dict,
                    text: str) -> list[Problem]:
    """A translation is held to its English field's limit (the schema's maxLength for
    that kind): a 300 KB label is no more welcome in Russian."""
    limit = field_schema.get("maxLength")
    if isinstance(limit, int) and len(text) > limit:
        return [loaded.problem(location, f"this translation is too long ({len(text):,} "
                                         f"characters; the limit is {limit:,}, as in English)")]
    return []
