"""Validator: start from a valid tree, break one thing, assert the exact message,
line and column (in the style of Treenee's validator tests)."""

from __future__ import annotations

from datetime import date

import pytest

from generator.errors import TreeError
from generator.loader import load_bytes
from generator.validate import validate

TODAY = date(2026, 11, 26)


def problems(text: str) -> tuple[list[str], list[str]]:
    try:
        loaded = load_bytes(text.encode("utf-8"), "t.yaml")
    except TreeError as error:
        return [p.format() for p in error.problems], []
    errors, warnings = validate(loaded, TODAY)
    return [p.format() for p in errors], [p.format() for p in warnings]


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once in the fixture"
    return text.replace(old, new)


def test_valid_tree_has_no_problems(valid_text):
    assert problems(valid_text) == ([], [])


BROKEN = {
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
    "question with no answers": (
        ("    answers:\n      - label: Not yet\n        next: open-dispute\n"
         "      - label: \"Yes\"\n        next: empty\n", "    answers: []\n"),
        ["t.yaml:94:14: question 'lost' has no answers; a question needs at least one",
         "t.yaml:95:3: node 'open-dispute' cannot be reached from the start 'start': "
         "no answer leads to it"]),
    "outcome with answers": (
        ("    guide: empty-parcel\n", "    guide: empty-parcel\n    answers:\n"
                                     "      - label: Again\n        next: start\n"),
        ["t.yaml:122:5: outcome 'empty' has answers; only questions have answers "
         "(make it a question, or remove the answers)"]),
    "duplicate id": (
        ("  empty:\n    type: outcome\n", "  lost:\n    type: outcome\n"),
        ["t.yaml:110:3: duplicate key 'lost' (first defined on line 91); "
         "YAML would silently keep only the last one"]),
    "unknown field, with a suggestion": (
        ("    title: Open a dispute\n", "    titel: Open a dispute\n"),
        ["t.yaml:99:3: node 'open-dispute' is missing the required field 'title'",
         "t.yaml:101:5: unknown field 'titel' in node 'open-dispute'; did you mean 'title'?"]),
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
         "with https://, http:// or mailto:"]),
    "entity-encoded javascript link": (
        ("    summary: Weigh the parcel.", "    summary: '[x](&#106;avascript:alert(1))'"),
        ["t.yaml:113:14: link to '&#106;avascript:alert(1' is not allowed; links must start "
         "with https://, http:// or mailto:"]),
    "invalid node id": (
        ("  empty:\n    type: outcome\n", "  Empty_Box:\n    type: outcome\n"),
        ["t.yaml:90:15: no node 'empty'",
         "t.yaml:98:15: no node 'empty'",
         "t.yaml:110:3: node 'Empty_Box' cannot be reached from the start 'start': "
         "no answer leads to it",
         "t.yaml:110:3: node id 'Empty_Box' is not valid: use lower-case letters and digits, "
         "words joined by hyphens"]),
    "wrong type, with a quoting hint": (
        ("      - label: \"Yes\"", "      - label: Yes"),
        ["t.yaml:97:16: node 'lost' field 'answers' item 2 field 'label' must be text, not true "
         "or false; put it in quotes, e.g. \"Yes\" (YAML reads yes, no, on, off as true/false)"]),
    "unknown node type": (
        ("  empty:\n    type: outcome\n", "  empty:\n    type: advice\n"),
        ["t.yaml:111:11: node 'empty' field 'type' must be one of: question, outcome "
         "(found 'advice')"]),
    "fact range upside down": (
        ("    max: 10\n", "    max: 0\n"),
        ["t.yaml:13:10: fact 'refund_days': max (0) is smaller than value (1)"]),
    "missing required top-level key": (
        ("start: start\n", ""),
        ["t.yaml:2:1: the file is missing the required field 'start'"]),
}


@pytest.mark.parametrize("change, expected", BROKEN.values(), ids=BROKEN.keys())
def test_one_broken_thing(valid_text, change, expected):
    errors, _ = problems(replace_once(valid_text, *change))
    assert errors == expected


def test_every_error_is_reported_at_once(valid_text):
    text = replace_once(valid_text, "facts.refund_days }}.", "facts.nope }}.")
    text = replace_once(text, "    guide: parcel-lost\n", "    guide: nowhere\n")
    errors, _ = problems(text)
    assert errors == ["t.yaml:106:15: unknown fact 'nope'",
                      "t.yaml:107:12: no guide 'nowhere'"]


WARNINGS = {
    "fact checked over a year ago": (
        ("    checked: \"2026-11-01\"\n  refund_days:", "    checked: \"2025-01-01\"\n  refund_days:"),
        ["t.yaml:9:14: warning: fact 'seller_response_days' was last checked on 2025-01-01, "
         "more than 12 months ago; check it against its source"]),
    "outcome without a source": (
        ("    guide: empty-parcel\n    sources:\n      - AliExpress help\n", "    guide: empty-parcel\n"),
        ["t.yaml:110:3: warning: outcome 'empty' names no sources"]),
    "text too long for a phone": (
        ("    summary: Weigh the parcel.", "    summary: " + "Weigh the parcel. " * 40),
        ["t.yaml:113:14: warning: node 'empty': this text has 719 characters, too long to "
         "read on a phone (keep it under 600); split it or move detail to the guide"]),
    "fact not used": (
        ("Act within {{ facts.seller_response_days }}.", "Act soon."),
        []),
}


@pytest.mark.parametrize("change, expected", WARNINGS.values(), ids=WARNINGS.keys())
def test_warnings_do_not_fail(valid_text, change, expected):
    errors, warnings = problems(replace_once(valid_text, *change))
    assert errors == []
    assert warnings == expected


def test_unused_fact_warns(valid_text):
    text = replace_once(valid_text, "Refunds take {{ facts.refund_days }}.", "Refunds take time.")
    errors, warnings = problems(text)
    assert errors == []
    assert warnings == ["t.yaml:10:3: warning: fact 'refund_days' is not used in any text"]
