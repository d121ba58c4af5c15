"""Validator: start from a valid tree, break one thing, assert the exact message,
line and column (in the style of Treenee's validator tests)."""

from __future__ import annotations

import jsonschema
import pytest

from generator.errors import TreeError
from generator.loader import load_bytes, load_file
from generator.validate import schema, validate

from conftest import ROOT

def problems(text: str) -> tuple[list[str], list[str]]:
    try:
        loaded = load_bytes(text.encode("utf-8"), "t.yaml")
    except TreeError as error:
        return [p.format() for p in error.problems], []
    errors, warnings = validate(loaded)
    return [p.format() for p in errors], [p.format() for p in warnings]


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once in the fixture"
    return text.replace(old, new)


def test_valid_tree_has_no_problems(valid_text):
    assert problems(valid_text) == ([], [])


def schema_accepts(text: str) -> bool:
    return jsonschema.Draft202012Validator(schema()).is_valid(
        load_bytes(text.encode("utf-8"), "t.yaml").data)


# One fixture per rule of decision_tree.schema.json: the schema itself rejects each.
SCHEMA_BROKEN = {
    "unknown field, with a suggestion": (
        ("    title: Open a dispute\n", "    titel: Open a dispute\n"),
        ["t.yaml:101:5: unknown field 'titel' in node 'open-dispute'; did you mean 'title'?",
         "t.yaml:99:3: node 'open-dispute' is missing the required field 'title'"]),
    "unknown top-level field": (
        ("start: start\n", "start: start\nversion: 2\n"),
        ["t.yaml:3:1: unknown field 'version' in the file"]),
    "outcome with answers": (
        ("    guide: empty-parcel\n", "    guide: empty-parcel\n    answers:\n"
                                     "      - label: Again\n        next: start\n"),
        ["t.yaml:122:5: node 'empty' field 'answers': only questions have answers "
         "(make it a question, or remove the answers)"]),
    "missing required top-level key": (
        ("start: start\n", ""),
        ["t.yaml:2:1: the file is missing the required field 'start'"]),
    "fact without a source": (
        ("    source: AliExpress help\n    checked: \"2026-11-01\"\n  refund_days:",
         "    checked: \"2026-11-01\"\n  refund_days:"),
        ["t.yaml:4:3: fact 'seller_response_days' is missing the required field 'source'"]),
    "answer without next": (
        ("      - label: It came empty\n        next: empty\n", "      - label: It came empty\n"),
        ["t.yaml:89:9: node 'start' field 'answers' item 2 is missing the required field "
         "'next'"]),
    "invalid node id": (
        ("  empty:\n    type: outcome\n", "  Empty_Box:\n    type: outcome\n"),
        ["t.yaml:110:3: node id 'Empty_Box' is not valid: use lower-case letters and digits, "
         "words joined by hyphens",
         "t.yaml:90:15: no node 'empty'",
         "t.yaml:98:15: no node 'empty'",
         "t.yaml:110:3: node 'Empty_Box' cannot be reached from the start 'start': "
         "no answer leads to it"]),
    "invalid fact name": (
        ("  refund_days:\n", "  Refund-Days:\n"),
        ["t.yaml:10:3: fact name 'Refund-Days' is not valid: use lower-case letters, digits "
         "and underscores, starting with a letter",
         "t.yaml:106:15: unknown fact 'refund_days'"]),
    "invalid guide slug": (
        ("  parcel-lost:\n    title", "  Parcel_Lost:\n    title"),
        ["t.yaml:18:3: guide slug 'Parcel_Lost' is not valid: use lower-case letters and "
         "digits, words joined by hyphens",
         "t.yaml:17:1: required guide 'parcel-lost' is missing",
         "t.yaml:107:12: no guide 'parcel-lost'"]),
    "answer naming an invalid id": (
        ("        next: lost\n", "        next: Lost\n"),
        ["t.yaml:88:15: no node 'Lost'; did you mean 'lost'?",
         "t.yaml:88:15: node 'start' field 'answers' item 1 field 'next' 'Lost' is not valid: "
         "use lower-case letters and digits, words joined by hyphens",
         "t.yaml:91:3: node 'lost' cannot be reached from the start 'start': no answer leads "
         "to it",
         "t.yaml:99:3: node 'open-dispute' cannot be reached from the start 'start': "
         "no answer leads to it"]),
    "question with no answers": (
        ("    answers:\n      - label: Not yet\n        next: open-dispute\n"
         "      - label: \"Yes\"\n        next: empty\n", "    answers: []\n"),
        ["t.yaml:94:14: node 'lost' field 'answers': a question needs at least one answer",
         "t.yaml:95:3: node 'open-dispute' cannot be reached from the start 'start': "
         "no answer leads to it"]),
    "empty list": (
        ("    steps:\n      - Ask for a report.\n", "    steps: []\n"),
        ["t.yaml:114:12: node 'empty' field 'steps' is empty; give at least one item or "
         "remove it"]),
    "wrong type, with a quoting hint": (
        ("      - label: \"Yes\"", "      - label: Yes"),
        ["t.yaml:97:16: node 'lost' field 'answers' item 2 field 'label' must be text, not true "
         "or false; put it in quotes, e.g. \"Yes\" (YAML reads yes, no, on, off as true/false)"]),
    "text where a list belongs": (
        ("    steps:\n      - Ask for a report.\n", "    steps: Ask for a report.\n"),
        ["t.yaml:114:12: node 'empty' field 'steps' must be a list, not text"]),
    "text where a number belongs": (
        ("    value: 5\n", "    value: five\n"),
        ["t.yaml:6:12: fact 'seller_response_days' field 'value' must be a whole number, "
         "not text"]),
    "node that is not a set of fields": (
        ("  lost:\n    type: question\n    title: Has the protection timer ended?\n"
         "    answers:\n      - label: Not yet\n        next: open-dispute\n"
         "      - label: \"Yes\"\n        next: empty\n", "  lost: Has the timer ended?\n"),
        ["t.yaml:91:9: node 'lost' must be a set of fields, not text",
         "t.yaml:92:3: node 'open-dispute' cannot be reached from the start 'start': "
         "no answer leads to it"]),
    "unknown node type": (
        ("  empty:\n    type: outcome\n", "  empty:\n    type: advice\n"),
        ["t.yaml:111:11: node 'empty' field 'type' must be one of: question, outcome "
         "(found 'advice')"]),
    "unknown unit": (
        ("    unit: days\n", "    unit: weeks\n"),
        ["t.yaml:7:11: fact 'seller_response_days' field 'unit' must be one of: days, "
         "working_days, hours, months (found 'weeks')"]),
    "date in another form": (
        ("    checked: \"2026-11-01\"\n  refund_days:", "    checked: 1 Nov 2026\n  refund_days:"),
        ["t.yaml:9:14: fact 'seller_response_days' field 'checked' '1 Nov 2026' is not valid: "
         "write the date as YYYY-MM-DD, e.g. \"2026-11-01\""]),
    "source link that is not https": (
        ("    unit: days\n", "    unit: days\n    url: http://example.com/help\n"),
        ["t.yaml:8:10: fact 'seller_response_days' field 'url' 'http://example.com/help' "
         "is not valid: a link must start with https://"]),
    "title too long": (
        ("    title: Go to the post office\n", "    title: " + "Go to the post office " * 10 + "\n"),
        ["t.yaml:112:12: node 'empty' field 'title' is too long (219 characters; the limit "
         "is 200)"]),
    "empty title": (
        ("    title: Go to the post office\n", "    title: ''\n"),
        ["t.yaml:112:12: node 'empty' field 'title' is empty"]),
    "figure out of range": (
        ("    value: 5\n", "    value: 20000\n"),
        ["t.yaml:6:12: fact 'seller_response_days' field 'value' must be at most 10,000 "
         "(found 20000)"]),
    "negative figure": (
        ("    value: 5\n", "    value: -1\n"),
        ["t.yaml:6:12: fact 'seller_response_days' field 'value' must be at least 0 "
         "(found -1)"]),
    "source with a title but no link": (
        ("    guide: parcel-lost\n    sources:\n      - AliExpress help\n",
         "    guide: parcel-lost\n    sources:\n      - title: AliExpress help\n"),
        ["t.yaml:109:9: node 'open-dispute' field 'sources' item 1: give a source name, or a "
         "title with an https url"]),
}

# One fixture per rule beyond the schema (graph, references, text): the schema passes
# each, the validator's own rules catch it.
GRAPH_BROKEN = {
    "answer to a missing node, with a suggestion": (
        ("        next: open-dispute", "        next: open-dispte"),
        ["t.yaml:96:15: no node 'open-dispte'; did you mean 'open-dispute'?",
         "t.yaml:99:3: node 'open-dispute' cannot be reached from the start 'start': "
         "no answer leads to it"]),
    "unreachable node": (
        ("        next: lost\n", "        next: empty\n"),
        ["t.yaml:91:3: node 'lost' cannot be reached from the start 'start': no answer leads to it",
         "t.yaml:99:3: node 'open-dispute' cannot be reached from the start 'start': "
         "no answer leads to it"]),
    "cycle": (
        ("        next: open-dispute", "        next: start"),
        ["t.yaml:96:15: answers lead in a loop: start -> lost -> start",
         "t.yaml:99:3: node 'open-dispute' cannot be reached from the start 'start': "
         "no answer leads to it"]),
    "unknown fact, with a suggestion": (
        ("facts.refund_days }}.", "facts.refund_day }}."),
        ["t.yaml:106:15: unknown fact 'refund_day'; did you mean 'refund_days'?"]),
    "placeholder that is not a fact": (
        ("facts.refund_days }}.", "refund_days }}."),
        ["t.yaml:106:15: unknown placeholder {{ refund_days }}; insert a fact as {{ facts.NAME }}"]),
    "missing required guide": (
        ("  empty-parcel:\n    title: Guide empty-parcel", "  empty-box:\n    title: Guide empty-parcel"),
        ["t.yaml:17:1: required guide 'empty-parcel' is missing",
         "t.yaml:121:12: no guide 'empty-parcel'"]),
    "outcome pointing to a missing guide": (
        ("    guide: parcel-lost\n", "    guide: parcel-lots\n"),
        ["t.yaml:107:12: no guide 'parcel-lots'; did you mean 'parcel-lost'?"]),
    "guide starting at a missing node": (
        ("  parcel-lost:\n    title: Guide parcel-lost\n    summary: A short summary.\n"
         "    starts_at: start\n", "  parcel-lost:\n    title: Guide parcel-lost\n"
         "    summary: A short summary.\n    starts_at: strat\n"),
        ["t.yaml:21:16: no node 'strat'; did you mean 'start'?"]),
    "start naming a missing node": (
        ("start: start\n", "start: begin\n"),
        ["t.yaml:2:8: start names 'begin', which is not a node"]),
    "raw HTML in text": (
        ("    summary: Weigh the parcel.", "    summary: Weigh the <b onclick=x>parcel</b>."),
        ["t.yaml:113:14: raw HTML is not allowed in text ('<b onclick=x>'); use Markdown, "
         "and write links as [text](https://...)"]),
    "javascript link": (
        ("    summary: Weigh the parcel.", "    summary: Weigh the [parcel](javascript:alert(1))."),
        ["t.yaml:113:14: link to 'javascript:alert(1' is not allowed; links must start "
         "with https:// or mailto:"]),
    "entity-encoded javascript link": (
        ("    summary: Weigh the parcel.", "    summary: '[x](&#106;avascript:alert(1))'"),
        ["t.yaml:113:14: link to '&#106;avascript:alert(1' is not allowed; links must start "
         "with https:// or mailto:"]),
    "fact range upside down": (
        ("    max: 10\n", "    max: 0\n"),
        ["t.yaml:13:10: fact 'refund_days': max (0) is smaller than value (1)"]),
    "date that does not exist": (
        ("    checked: \"2026-11-01\"\n  refund_days:", "    checked: \"2026-02-30\"\n  refund_days:"),
        ["t.yaml:9:14: fact 'seller_response_days': '2026-02-30' is not a real date (YYYY-MM-DD)"]),
}


@pytest.mark.parametrize("change, expected", SCHEMA_BROKEN.values(), ids=SCHEMA_BROKEN.keys())
def test_schema_rule(valid_text, change, expected):
    broken = replace_once(valid_text, *change)
    assert not schema_accepts(broken)
    assert problems(broken)[0] == expected


@pytest.mark.parametrize("change, expected", GRAPH_BROKEN.values(), ids=GRAPH_BROKEN.keys())
def test_rule_beyond_the_schema(valid_text, change, expected):
    broken = replace_once(valid_text, *change)
    assert schema_accepts(broken)
    assert problems(broken)[0] == expected


def test_duplicate_id(valid_text):
    broken = replace_once(valid_text, "  empty:\n    type: outcome\n", "  lost:\n    type: outcome\n")
    assert problems(broken)[0] == [
        "t.yaml:110:3: duplicate key 'lost' (first defined on line 91); "
        "YAML would silently keep only the last one"]


def test_every_error_is_reported_at_once(valid_text):
    text = replace_once(valid_text, "facts.refund_days }}.", "facts.nope }}.")
    text = replace_once(text, "    guide: parcel-lost\n", "    guide: nowhere\n")
    errors, _ = problems(text)
    assert errors == ["t.yaml:106:15: unknown fact 'nope'",
                      "t.yaml:107:12: no guide 'nowhere'"]


def test_most_useful_first(valid_text):
    """A suggested fix comes first, then problems in place, then what follows from them,
    each group in file order."""
    text = replace_once(valid_text, "        next: open-dispute", "        next: open-dispte")
    text = replace_once(text, "    max: 10\n", "    max: 0\n")
    text = replace_once(text, "    guide: empty-parcel\n", "    guide: empty-parcle\n")
    errors, _ = problems(text)
    assert errors == [
        "t.yaml:96:15: no node 'open-dispte'; did you mean 'open-dispute'?",
        "t.yaml:121:12: no guide 'empty-parcle'; did you mean 'empty-parcel'?",
        "t.yaml:13:10: fact 'refund_days': max (0) is smaller than value (1)",
        "t.yaml:99:3: node 'open-dispute' cannot be reached from the start 'start': "
        "no answer leads to it"]


def test_schema_accepts_the_real_tree():
    assert schema_accepts((ROOT / "decision_tree.yaml").read_text(encoding="utf-8"))


def test_real_tree_is_valid_without_warnings():
    """How old a fact's check is never counts here (test_facts_report.py)."""
    loaded = load_file(ROOT / "decision_tree.yaml")
    errors, warnings = validate(loaded)
    assert [p.format() for p in errors + warnings] == []


def test_the_tree_names_its_schema_for_editors():
    first_line = (ROOT / "decision_tree.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./decision_tree.schema.json"


def _parts(node, where="schema"):
    """Every field, definition and list item in the schema, at any depth:
    (where, its schema, whether it is a field a contributor writes)."""
    children = [(f"{where}.{name}", sub, True) for name, sub in node.get("properties", {}).items()]
    children += [(f"{where}.$defs.{name}", sub, False) for name, sub in node.get("$defs", {}).items()]
    children += [(f"{where}[{key}]", node[key], False) for key in ("items", "additionalProperties")
                 if isinstance(node.get(key), dict)]
    children += [(f"{where}.oneOf[{i}]", sub, False) for i, sub in enumerate(node.get("oneOf", []))]
    for place, sub, is_field in children:
        yield place, sub, is_field
        yield from _parts(sub, place)


def test_schema_describes_every_field():
    """Editors show a field's description when a contributor hovers it. Every field
    and definition carries its own; a list item that is only {"$ref": ...} shows its
    definition's."""
    parts = list(_parts(schema()))
    assert len(parts) > 50
    undescribed = [place for place, sub, is_field in parts if not sub.get("description")
                   and (is_field or set(sub) != {"$ref"})]
    assert undescribed == []


def test_control_characters_in_a_name_are_shown_escaped(valid_text):
    """YAML can spell a line break or control character as an escape inside quotes;
    quoted back in a message it would break the one-problem-per-line output."""
    text = replace_once(valid_text, "  empty:\n    type: outcome\n",
                        '  "em\\x85pty\\x17":\n    type: outcome\n')
    errors, _ = problems(text)
    # refused by the loader, before any rule reads the name (issue 10)
    assert errors[0] == ("t.yaml:110:3: key 'em\\x85pty\\x17': character U+0085 at position 3 "
                         "is a control character, which text may not hold; remove it")
    assert all(len(error.splitlines()) == 1 for error in errors)


# --- aliases: old ids that keep working ----------------------------------------------

def with_aliases(valid_text: str, entries: str) -> str:
    return replace_once(valid_text, "start: start\n", "start: start\naliases:\n" + entries)


def test_an_alias_to_an_existing_node_is_valid(valid_text):
    assert problems(with_aliases(valid_text, "  old-lost: lost\n")) == ([], [])


ALIAS_BROKEN = {
    "alias that shadows a node": (
        "  lost: empty\n",
        ["t.yaml:4:3: alias 'lost' shadows the node 'lost'; an alias must be an id no node "
         "uses any more"]),
    "alias to a node that does not exist": (
        "  old-lost: lots\n",
        ["t.yaml:4:13: no node 'lots'; did you mean 'lost'?"]),
    "alias that is not a valid id": (
        "  Old_Lost: lost\n",
        ["t.yaml:4:3: alias 'Old_Lost' is not valid: use lower-case letters and digits, "
         "words joined by hyphens"]),
}


@pytest.mark.parametrize("case", list(ALIAS_BROKEN))
def test_broken_alias_is_reported_with_its_line(valid_text, case):
    entries, expected = ALIAS_BROKEN[case]
    assert problems(with_aliases(valid_text, entries))[0] == expected
