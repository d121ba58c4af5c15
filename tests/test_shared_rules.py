"""Each rule that both the build and the pages' scripts apply is defined once, in
Python (markup.SLOT_PATTERN, tools/shared_rules.py), and reaches the scripts as page
data: the data carries it, and no script holds a copy of its own."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from generator.markup import SLOT_PATTERN
from generator.render import Renderer
from generator.tools import shared_rules
from generator.tools.pages import calculator_dates, deadline_data, message_data, tracking_data
from site_data import SITE

SCRIPTS = ROOT / "site_overrides/assets/javascripts"


def script(name: str) -> str:
    return (SCRIPTS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", SITE.languages)
def test_the_page_data_carries_the_rules(lang):
    renderer = Renderer(SITE, lang)
    tracking, message = tracking_data(renderer), message_data(renderer)
    assert tracking["s10"] == {"format": shared_rules.S10, "weights": shared_rules.S10_WEIGHTS}
    assert message["plainAscii"] == shared_rules.PLAIN_ASCII
    for data in (tracking, message, deadline_data(renderer), calculator_dates(renderer)):
        assert data["slotPattern"] == SLOT_PATTERN


def test_no_page_script_fills_slots_its_own_way():
    """Every script that fills {slots} does it with slots.js: none holds a slot regular
    expression or replaces a "{name}" by hand."""
    own_way = re.compile(r"""\\\{\(|\.replace\(\s*["']\{""")
    scripts = sorted(SCRIPTS.rglob("*.js"))
    assert [path.name for path in scripts if own_way.search(path.read_text(encoding="utf-8"))] == []


def test_the_scripts_hold_no_s10_shape_weights_or_ascii_range_of_their_own():
    checker, builder = script("tools/tracking-checker.js"), script("tools/dispute-message.js")
    weights = r"\D{1,4}".join(map(str, shared_rules.S10_WEIGHTS))
    assert not re.search(weights, checker)
    assert not re.search(r"\{8\}|\{2\}|\[A-Z\]", checker)  # no S10 pattern
    assert not re.search(r" -~|\\x7[eE]|\\u007[eE]|126", builder)  # no ASCII range


def test_the_plain_ascii_rule_is_a_line_break_and_the_printable_characters():
    assert [c for c in map(chr, range(0x80)) if shared_rules.is_plain(c)] == \
        ["\n"] + [chr(c) for c in range(0x20, 0x7F)]
    assert shared_rules.first_not_plain("Hello\tworld") == 5
    assert shared_rules.first_not_plain("plain text\n") is None
