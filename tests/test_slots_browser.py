"""Filling {slots}: the build's markup.fill_template and the pages' slots.js, with the
one slot pattern the build gives the scripts (markup.SLOT_PATTERN), give the same text
for the same template and values, run side by side (slots.js in headless Chromium)."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from generator.markup import SLOT_PATTERN, fill_template

SCRIPT = ROOT / "site_overrides/assets/javascripts/slots.js"

CASES = [
    ("{day} {month} {year}", {"day": 29, "month": "February", "year": 2024}),
    ("{fact} and {fact}", {"fact": "{fact} {0}"}),  # one pass: a value is not read again
    ("{missing} stays, {x} goes", {"x": "X"}),
    ("{Upper} {with-dash} {digit1} {two words} {} {{name}}", {"Upper": 1, "with-dash": 2,
                                                            "digit1": 3, "name": "N"}),
    ("{__proto__} {constructor} {toString}", {}),
    ("$& $1 {a}", {"a": "$& $' $`"}),  # replacement patterns are text, in both
    ("no slots at all", {"a": "b"}),
    ("{a}{b}{a}", {"a": "", "b": "ß—😀"}),
]


@pytest.fixture
def fill_in_browser(browser):
    context = browser.new_context()
    page = context.new_page()
    page.add_script_tag(content=SCRIPT.read_text(encoding="utf-8"))
    yield lambda template, values: page.evaluate(
        "([pattern, template, values]) => window.parcelSlots(pattern)(template, values)",
        [SLOT_PATTERN, template, json.loads(json.dumps(values))])
    context.close()


@pytest.mark.parametrize("template, values", CASES)
def test_the_script_fills_slots_as_the_build_does(fill_in_browser, template, values):
    assert fill_in_browser(template, values) == fill_template(template, values)


def test_the_script_has_no_slot_pattern_of_its_own():
    script = SCRIPT.read_text(encoding="utf-8")
    assert "a-z" not in script and "\\w" not in script

