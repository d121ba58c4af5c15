"""JSON Schema errors in plain words, for every data file a contributor edits.

The words for a rule live in the schema beside the rule, in the keywords editors
already show (VS Code and the YAML language server read them too):
- `patternErrorMessage`: what a `pattern` asks for ("use lower-case letters ...");
- `errorMessage`: what a `oneOf`/`not`/`minItems` failure means for that field;
- `title` on a `propertyNames` schema: what the key is ("node id", "fact name").
Each file names its places its own way (`Describe`): "node 'x' field 'title'" in the
tree, "tracking carrier 2 field 'example'" in tools.yaml.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import json
import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from .build_cache import KeptTexts
from .errors import Problem, shown
from .loader import Loaded, Location
from .stamps import stamp

if TYPE_CHECKING:
    import jsonschema

# Problem.rank: the order a contributor should read problems in.
NAMES_THE_FIX, IN_PLACE, CONSEQUENCE = 0, 1, 2

Describe = Callable[[Location], str]


def load_schema(path: Path) -> dict:
    """A schema shipped with the project (not contributor data: read as plain JSON);
    kept while the file is the same (stamps.py: `make serve` checks with an edited one)."""
    return _load_schema(Path(path), stamp(path))


@lru_cache(maxsize=16)
def _load_schema(path: Path, version: tuple) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _whole_pattern(validator, pattern: str, instance: Any, schema: dict):
    """`pattern` as JSON Schema (ECMA-262) means it: `$` is the end of the text. Python's
    re.search lets `$` match before a final line break, so "id\n" would pass `^[a-z]+$`."""
    import jsonschema

    if isinstance(instance, str) and not re.search(_ecma_end(pattern), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=None)
def _ecma_end(pattern: str) -> str:
    # Our schemas use `$` only as an anchor (never escaped or inside a class).
    return re.sub(r"(?<!\\)\$", r"\\Z", pattern)


def _is_whole_number(checker, instance: Any) -> bool:
    """JSON Schema counts 90.0 as an integer; a fact written 90.0 (max 1.0) then slipped
    past every check that asks for int. A whole number here is written as one."""
    return isinstance(instance, int) and not isinstance(instance, bool)


@lru_cache(maxsize=None)
def _validator_class() -> type:
    """Made on first use: a build whose data was found valid before (_known_valid)
    never imports jsonschema (a twentieth of a build's CPU)."""
    import jsonschema

    return jsonschema.validators.extend(
        jsonschema.Draft202012Validator, {"pattern": _whole_pattern},
        type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
            "integer", _is_whole_number))


def _validator(path: Path) -> jsonschema.Draft202012Validator:
    return _compiled(Path(path), stamp(path))


@lru_cache(maxsize=16)
def _compiled(path: Path, version: tuple) -> jsonschema.Draft202012Validator:
    return _validator_class()(_load_schema(path, version))


def schema_problems(loaded: Loaded, schema_path: Path, describe: Describe) -> list[Problem]:
    """Every schema error in loaded, explained; an error that only restates another at
    the same place (an if/then's `const`) is dropped. Data found valid before against
    the same schema is not checked again (_known_valid)."""
    root = load_schema(schema_path)
    key = hashlib.sha256(repr((loaded.data, _digest(root))).encode(
        "utf-8", "surrogatepass")).hexdigest()
    if _known_valid().find(key) is not None:
        return []
    problems = _schema_problems(loaded, schema_path, describe, root)
    if not problems:
        _known_valid().keep(key, "")
    return problems


_digests: dict[int, tuple[dict, str]] = {}


def _digest(schema: dict) -> str:
    """Once per schema loaded (load_schema keeps each; none is changed in place)."""
    known = _digests.get(id(schema))
    if known is None or known[0] is not schema:
        known = _digests[id(schema)] = (schema, hashlib.sha256(repr(schema).encode()).hexdigest())
    return known[1]


@lru_cache(maxsize=None)
def _known_valid() -> KeptTexts:
    """Hashes of data a schema found valid (the data and the schema in the hash), kept
    in the cache folder (build_cache.py) for the next process: validating the tree and
    tools.yaml was a sixth of reading the site's data. The check's result depends on
    nothing else (jsonschema's version and the generator's code are in the kept file's
    version); a file with errors is checked every time, its messages made anew."""
    return KeptTexts("valid-data", (metadata.version("jsonschema"),))


def _schema_problems(loaded: Loaded, schema_path: Path, describe: Describe,
                     root: dict) -> list[Problem]:
    problems: list[tuple[str, Location, Problem]] = []
    for error in _validator(schema_path).iter_errors(loaded.data):
        for leaf in _leaf_errors(error):
            problems += [(leaf.validator, tuple(leaf.absolute_path), p)
                         for p in _explain(loaded, leaf, describe, root)]
    places = {at for kind, at, _ in problems if kind != "const"}
    return [p for kind, at, p in problems if kind != "const" or at not in places]


def did_you_mean(word: str, options) -> str:
    """'; did you mean 'x'?' for a close, well-formed option, else ''."""
    options = sorted(o for o in options if isinstance(o, str) and re.fullmatch(r"[a-z0-9_-]+", o))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def rank(hint: str) -> int:
    return NAMES_THE_FIX if hint else IN_PLACE


def _leaf_errors(error: jsonschema.ValidationError) -> Iterator[jsonschema.ValidationError]:
    """For if/then and allOf, the errors inside say more than the wrapper; a oneOf
    speaks for itself (its branches' errors would contradict one another)."""
    if error.context and error.validator not in ("oneOf", "anyOf"):
        for sub in error.context:
            yield from _leaf_errors(sub)
    else:
        yield error


def _custom(err: jsonschema.ValidationError) -> str | None:
    words = err.schema.get("errorMessage") if isinstance(err.schema, dict) else None
    if isinstance(words, dict):
        return words.get(err.validator)
    return words


def _explain(loaded: Loaded, err: jsonschema.ValidationError, describe: Describe,
             root: dict) -> Iterator[Problem]:
    location = tuple(err.absolute_path)
    name = describe(location)
    if "propertyNames" in err.absolute_schema_path:
        yield _bad_key(loaded, err, location, str(err.instance), root)
    elif err.validator == "additionalProperties" and isinstance(err.instance, dict):
        allowed = set(err.schema.get("properties", {}))
        for key in err.instance:
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                yield loaded.problem(location + (key,),
                                     f"unknown field {shown(key)} in {name}{hint}",
                                     key=True, rank=rank(hint))
    elif _custom(err):
        yield loaded.problem(location, f"{name}: {_custom(err)}", key=err.validator == "not")
    else:
        words = _WORDS.get(err.validator, lambda e, n: (f"{n}: {e.message}", ""))
        message, hint = words(err, name)
        yield loaded.problem(location, message + hint, key=err.validator == "required",
                             rank=NAMES_THE_FIX if err.validator == "pattern" else rank(hint))


def _type(err, name):
    value, instance = err.validator_value, err.instance
    hint = ""
    if value == "string" and isinstance(instance, (bool, int, float)):
        hint = "; put it in quotes, e.g. \"Yes\" (YAML reads yes, no, on, off as true/false)"
    if value == "integer" and isinstance(instance, float):
        whole = f"; write {int(instance)}" if instance.is_integer() else ""
        return f"{name} must be a whole number, not {instance!r}{whole}", ""
    return f"{name} must be {_type_words(value)}, not {_type_words(_json_type(instance))}", hint


def _required(err, name):
    # One error per missing key; the message names it: "'title' is a required property".
    missing = ast.literal_eval(err.message.rsplit(" is a required property", 1)[0])
    return f"{name} is missing the required field '{missing}'", ""


def _pattern(err, name):
    rule = err.schema.get("patternErrorMessage", f"it must match {err.validator_value}")
    return f"{name} {shown(err.instance)} is not valid: {rule}", ""


def _bound(err, name):
    bound = "at least" if err.validator == "minimum" else "at most"
    return f"{name} must be {bound} {err.validator_value:,} (found {err.instance})", ""


# Each schema keyword's failure in words: (message, hint that names the fix or "").
_WORDS = {
    "required": _required,
    "minItems": lambda e, n: (f"{n} is empty; give at least one item or remove it", ""),
    "maxItems": lambda e, n: (f"{n} has {len(e.instance)} items; the limit is "
                              f"{e.validator_value}", ""),
    "type": _type,
    "const": lambda e, n: (f"{n} must be {e.validator_value!r} (found {shown(e.instance)})", ""),
    "enum": lambda e, n: (f"{n} must be one of: {', '.join(map(str, e.validator_value))} "
                          f"(found {shown(e.instance)})", did_you_mean(str(e.instance),
                                                                  e.validator_value)),
    "pattern": _pattern,
    "maxLength": lambda e, n: (f"{n} is too long ({len(e.instance):,} characters; the limit "
                               f"is {e.validator_value:,})", ""),
    "minLength": lambda e, n: (f"{n} is empty", ""),
    "minimum": _bound,
    "maximum": _bound,
}


def _bad_key(loaded: Loaded, err: jsonschema.ValidationError, location: Location,
             bad: str, root: dict) -> Problem:
    """A key that breaks its mapping's propertyNames rule: the rule's title says what
    the key is (the propertyNames schema's own, else the rule's), its
    patternErrorMessage what it must look like."""
    names = err.schema if isinstance(err.schema, dict) else {}
    what = _property_names_schema(root, err).get("title") or names.get("title") or "name"
    rule = names.get("patternErrorMessage") or _custom(err) or err.message
    if err.validator in ("minLength", "maxLength") and not names.get("patternErrorMessage"):
        rule = f"use {err.validator_value} character" + ("s" if err.validator_value != 1 else "")
    return loaded.problem(location + (bad,), f"{what} {shown(bad)} is not valid: {rule}",
                          key=True, rank=NAMES_THE_FIX)


def _property_names_schema(root: dict, err: jsonschema.ValidationError) -> dict:
    """The propertyNames schema an error came through, read along its schema path."""
    schema: dict = root
    for part in err.absolute_schema_path:
        if not isinstance(schema, dict):
            return {}
        schema = schema.get(part, {}) if isinstance(part, str) else schema[part]
        if part == "propertyNames":
            return schema if isinstance(schema, dict) else {}
    return {}


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
