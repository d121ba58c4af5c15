"""Issue 19's reproducers for the data files (items 1-7): each attack, written by a
contributor with commit rights, is refused with FILE:LINE:COLUMN naming the value or
code point, never a traceback.

Tree rules start from the valid fixture and break one thing (test_validate.py's
helpers); translations and tools.yaml from a copy of the real files (data_copy.py).
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from html.parser import HTMLParser

import pytest

from data_copy import LETTER, ORIGINAL, TITLES, TRANSLATION, TOOLS, TREE, DataCopy, get_at
from generator import loader, reserved
from generator.errors import Problem
from generator.render import Renderer
from generator.tools import formats
from site_data import ROOT, SITE
from test_validate import problems, replace_once

from conftest import build_site
from site_languages import PREFIXES

# Attacks on the code, as test_security.py's: `make check` leaves them to `make test`.
pytestmark = pytest.mark.slow
GUIDE = ("guides", "parcel-lost")


# --- names the site makes itself ----------------------------------------------------

GUIDE_INDEX = ("  index:\n    title: Guide index\n    summary: A short summary.\n"
               "    starts_at: start\n    sections:\n      - heading: First\n"
               "        text: Some text.\n")
THEME_ID = ("and ids starting with __ belong to the theme (its configuration, search, menus); "
            "reword the start of the heading")


def rename_lost(text: str, new_id: str) -> str:
    text = replace_once(text, "        next: lost\n", f"        next: {new_id}\n")
    return replace_once(text, "  lost:\n    type: question", f"  {new_id}:\n    type: question")


RESERVED = {
    "guide slug index": (
        lambda text: replace_once(text, "guides:\n", "guides:\n" + GUIDE_INDEX),
        "t.yaml:18:3: guide slug 'index' is the page that lists the guides (guides/index.md, "
        "/guides/); choose another"),
    "node id of the start's heading": (
        lambda text: rename_lost(text, "start-title"),
        "t.yaml:91:3: node id 'start-title' is the id of node 'start''s heading on the "
        "questionnaire page; choose another"),
    "node id of the answers trail's heading": (
        lambda text: rename_lost(text, "pq-trail-title"),
        "t.yaml:91:3: node id 'pq-trail-title' is an id the questionnaire page uses for "
        "itself; choose another"),
    "node id of the first page's file": (
        lambda text: rename_lost(text, "index"),
        "t.yaml:91:3: node id 'index' is a name the questionnaire keeps for its own files "
        "(questionnaire/index/); choose another"),
    "node id of the steps' data folder": (
        lambda text: rename_lost(text, "steps"),
        "t.yaml:91:3: node id 'steps' is a name the questionnaire keeps for its own files "
        "(questionnaire/steps/); choose another"),
    "node id of the page's title": (
        lambda text: rename_lost(text, "what-to-do-about-your-parcel"),
        "t.yaml:91:3: node id 'what-to-do-about-your-parcel' is an id the questionnaire page "
        "uses for itself; choose another"),
    "node id of an old id's heading": (
        lambda text: replace_once(rename_lost(text, "old-step-title"), "start: start\n",
                                  "start: start\naliases:\n  old-step: old-step-title\n"),
        "t.yaml:93:3: node id 'old-step-title' is the id of node 'old-step''s heading on the "
        "questionnaire page; choose another"),
    "alias of a step's heading": (
        lambda text: replace_once(text, "start: start\n",
                                  "start: start\naliases:\n  start-title: lost\n"),
        "t.yaml:4:3: alias 'start-title' is the id of node 'start''s heading on the "
        "questionnaire page; choose another"),
    "guide title __config": (
        lambda text: replace_once(text, "    title: Guide parcel-lost\n", "    title: __config\n"),
        f"t.yaml:19:12: this heading's id would be '__config', {THEME_ID}"),
    "guide title that is JSON": (
        lambda text: replace_once(text, "    title: Guide parcel-lost\n",
                                  "    title: '{\"__config\": {\"base\": \"https://evil.example\"}}'\n"),
        f"t.yaml:19:12: this heading's id would be '__config-base-httpsevilexample', {THEME_ID}"),
    "section heading __Search": (
        lambda text: replace_once(text, "    summary: A short summary.\n    starts_at: start\n"
                                  "    sections:\n      - heading: First\n        text: Some text.\n"
                                  "    sources:\n      - AliExpress help\n  wrong-city",
                                  "    summary: A short summary.\n    starts_at: start\n"
                                  "    sections:\n      - heading: __Search\n        text: Some text.\n"
                                  "    sources:\n      - AliExpress help\n  wrong-city"),
        f"t.yaml:23:18: this heading's id would be '__search', {THEME_ID}"),
}


@pytest.mark.parametrize("case", list(RESERVED))
def test_a_name_the_site_makes_itself_is_refused(valid_text, case):
    change, expected = RESERVED[case]
    assert problems(change(valid_text)) == ([expected], [])


def test_a_translated_heading_is_held_to_the_same_rule(tmp_path):
    copy = DataCopy(tmp_path)
    location = GUIDE + ("sections", 0, "heading", "text")
    copy.set(TRANSLATION, location, "__palette_0")
    copy.assert_refused_at(TRANSLATION, location,
                           f"this heading's id would be '__palette_0', {THEME_ID}")


@pytest.mark.parametrize("message_id", ["dm-order", "the-messages"])
def test_a_message_id_the_message_page_uses_is_refused(tmp_path, message_id):
    copy = DataCopy(tmp_path)
    copy.set(TOOLS, ("messages", 0, "id"), message_id)
    copy.assert_refused_at(TOOLS, ("messages", 0, "id"),
                      f"message id '{message_id}' is an id the message page uses for itself; "
                      "choose another")


class _Ids(HTMLParser):
    def __init__(self, page: str):
        super().__init__()
        self.ids: list[tuple[str, str]] = []  # (tag, id)
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.ids += [(tag, value) for name, value in attrs if name == "id"]


@pytest.mark.parametrize("lang", PREFIXES)
def test_the_reserved_list_names_every_id_the_pages_make(site_dir, lang):
    """Every id on the questionnaire and the embed is a node's, an alias's, a step's
    heading or one reserved.py lists; on the message page, a message's, a heading's or
    a listed one. A template that adds an id fails here until reserved.py names it."""
    tree = SITE.trees[lang.rstrip("/") or "en"]
    named = set(tree.nodes) | set(tree.aliases)
    own = named | {reserved.step_title_id(n) for n in named}
    for page in ("questionnaire/index.html", "embed/index.html"):
        ids = _Ids((site_dir / lang / page).read_text(encoding="utf-8")).ids
        left = {i for _, i in ids if i not in own and not i.startswith(reserved.THEME_PREFIX)}
        assert left and left <= reserved.step_page_ids(), page
    ids = _Ids((site_dir / lang / "tools/message/index.html").read_text(encoding="utf-8")).ids
    messages = {m.id for m in SITE.tools.messages}
    left = {i for _, i in ids if i not in messages and not i.startswith(reserved.THEME_PREFIX)}
    assert left and left <= reserved.message_page_ids()


def test_the_only_page_under_guides_besides_the_guides_is_reserved():
    pages = Renderer(SITE).pages()
    under = {uri[len("guides/"):-len(".md")] for uri in pages if uri.startswith("guides/")}
    assert under - set(SITE.tree.guides) == set(reserved.GUIDE_PAGES)


# --- invisible and bidirectional characters -----------------------------------------

BIDI = "changes the direction of the text around it, so the file reads differently from the page; remove it"
HIDDEN = "is invisible, so the file reads differently from the page; remove it"


@pytest.mark.parametrize("change, expected", [
    (("      - label: It is lost\n", "      - label: It is lost\u202e\n"),
     [f"t.yaml:87:26: character U+202E (RIGHT-TO-LEFT OVERRIDE) {BIDI}"]),
    # escaped in double quotes: found in the value, at its position
    (("      - label: It is lost\n", "      - label: \"It is lost\\u2066\"\n"),
     [f"t.yaml:87:16: character U+2066 (LEFT-TO-RIGHT ISOLATE) at position 11 {BIDI}"]),
    (("    title: Go to the post office\n", "    title: Go to\u200bthe post office\n"),
     [f"t.yaml:112:17: character U+200B (ZERO WIDTH SPACE) {HIDDEN}"]),
    (("    title: Go to the post office\n", "    title: \ufeffGo to the post office\n"),
     [f"t.yaml:112:12: character U+FEFF (ZERO WIDTH NO-BREAK SPACE) {HIDDEN}"]),
    (("    title: Go to the post office\n", "    title: Go \u3164 office\n"),
     [f"t.yaml:112:15: character U+3164 (HANGUL FILLER) {HIDDEN}"]),
    (("    title: Go to the post office\n", "    title: Go\u115f office\n"),
     [f"t.yaml:112:14: character U+115F (HANGUL CHOSEONG FILLER) {HIDDEN}"]),
    (("    title: Go to the post office\n", "    title: Go\U000e0041\n"),
     [f"t.yaml:112:14: character U+E0041 (TAG LATIN CAPITAL LETTER A) {HIDDEN}"]),
    # a comment too: Trojan Source reorders the lines a reviewer reads
    (("start: start\n", "start: start  # \u2067 note\n"),
     [f"t.yaml:2:17: character U+2067 (RIGHT-TO-LEFT ISOLATE) {BIDI}"]),
    (("start: start\n", "\u202dstart: start\n"),
     [f"t.yaml:2:1: character U+202D (LEFT-TO-RIGHT OVERRIDE) {BIDI}"]),
    # a joiner is kept between two emoji only
    (("    title: Go to the post office\n", "    title: Go to the post\u200doffice\n"),
     [f"t.yaml:112:26: character U+200D (ZERO WIDTH JOINER) {HIDDEN} "
      "(U+200D is kept only between two emoji)"]),
])
def test_invisible_characters_are_refused_in_the_tree(valid_text, change, expected):
    assert problems(replace_once(valid_text, *change)) == (expected, [])


@pytest.mark.parametrize("text", ["Courier 👩\u200d💻 at the door", "Love ❤\ufe0f",
                                  "Flag 🏳\ufe0f\u200d🌈", "می\u200cخواهم"])
def test_emoji_and_scripts_keep_their_joiners(valid_text, text):
    changed = replace_once(valid_text, "    title: Go to the post office\n", f"    title: {text}\n")
    assert problems(changed) == ([], [])


def test_every_format_character_is_refused():
    """All of Unicode's format characters (category Cf) that this Python knows, and
    the variation selectors that can carry hidden bytes, between two Latin letters."""
    chars = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    chars += [chr(c) for c in range(0xE0100, 0xE01F0)] + ["\ufe00", "\u2028", "\u2029"]
    assert len(chars) > 170
    accepted = [f"U+{ord(c):04X}" for c in chars if loader.forbidden_character(f"a{c}b") is None]
    assert accepted == []


@pytest.mark.parametrize("name, location", [
    (TRANSLATION, ("nodes", "what-is-happening", "answers", 0, "label", "text")),
    (TRANSLATION, ("sources", next(iter(ORIGINAL[TRANSLATION]["sources"])))),
    (TOOLS, ("tracking", "carriers", 0, "meaning")),
    (TRANSLATION, ("tools", "tracking", "carriers", 0, "meaning")),
    (TRANSLATION, ("tools", "messages", 0, "situation")),
    (TRANSLATION, ("tools", "deadlines", 0, "rule")),
])
def test_invisible_characters_are_refused_in_translations_and_tools(tmp_path, name, location):
    copy = DataCopy(tmp_path)
    value = get_at(copy.data[name], location)
    if isinstance(value, dict):
        location += ("text",)
        value = value["text"]
    copy.set(name, location, "\u2066" + value)
    found = copy.refusals()
    where = copy.where(name, location)
    assert any(p.startswith(where.rsplit(":", 1)[0] + ":") and "U+2066 (LEFT-TO-RIGHT ISOLATE)"
               in p for p in found), (where, found)


def test_the_command_line_refuses_before_writing_any_path(tmp_path, valid_text):
    """`paths` and `diff` print the tree's texts a line each: with a U+202E in a label
    they never get to."""
    tree = tmp_path / "decision_tree.yaml"
    tree.write_text(replace_once(valid_text, "      - label: It is lost\n",
                                 "      - label: It is lost\u202e\n"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "paths", str(tree)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{tree}:87:26: character U+202E (RIGHT-TO-LEFT OVERRIDE)" in result.stderr
    assert "Traceback" not in result.stderr


# --- YAML 1.1 -----------------------------------------------------------------------

ODD_NUMBER = ("as a number, not as written (010 is 8, 0x10 is 16, 1:30 is 90); write a whole "
              "number in plain digits (at most 15), or put text in quotes")


@pytest.mark.parametrize("change, expected", [
    (("    title: Go to the post office\n", "    title: 0x" + "f" * 4000 + "\n"),
     "t.yaml:112:12: YAML 1.1 reads '0xffffffffffffffffffffffffffffffffffffff…' "
     f"(4,002 characters) {ODD_NUMBER}"),
    (("    title: Go to the post office\n", "    title: " + "9" * 5000 + "\n"),
     "t.yaml:112:12: YAML 1.1 reads '9999999999999999999999999999999999999999…' "
     f"(5,000 characters) {ODD_NUMBER}"),
    (("    value: 5\n", "    value: 010\n"), f"t.yaml:6:12: YAML 1.1 reads '010' {ODD_NUMBER}"),
    (("    value: 5\n", "    value: 1:30\n"), f"t.yaml:6:12: YAML 1.1 reads '1:30' {ODD_NUMBER}"),
    (("    value: 5\n", "    value: 1_000\n"), f"t.yaml:6:12: YAML 1.1 reads '1_000' {ODD_NUMBER}"),
    (("  empty:\n    type: outcome\n", "  010:\n    type: outcome\n"),
     "t.yaml:110:3: key '010' is a number to YAML, not text; names are text: put it in "
     "quotes ('010')"),
    (("  empty:\n    type: outcome\n", "  yes:\n    type: outcome\n"),
     "t.yaml:110:3: key 'yes' is true or false to YAML, not text; names are text: put it in "
     "quotes ('yes')"),
])
def test_yaml_1_1_numbers_and_keys_are_refused_as_written(valid_text, change, expected):
    errors, _ = problems(replace_once(valid_text, *change))
    assert errors == [expected]


def test_a_quoted_id_stays_as_written(valid_text):
    text = replace_once(valid_text, "        next: lost\n", "        next: '010'\n")
    text = replace_once(text, "  lost:\n    type: question", "  '010':\n    type: question")
    assert problems(text) == ([], [])


def test_no_message_prints_a_huge_value_in_full(valid_text):
    huge = "x" * 100_000
    text = replace_once(valid_text, "    unit: days\n", f"    unit: {huge}\n")
    text = replace_once(text, "    checked: \"2026-11-01\"\n  refund_days:",
                        f"    checked: {huge}\n  refund_days:")
    errors, _ = problems(text)
    assert len(errors) == 2 and all(len(e) < 400 for e in errors), errors
    assert Problem(1, 1, "y" * 100_000).format().endswith("… (100,000 characters, cut)")


def test_validate_and_build_stop_with_the_line_not_a_traceback(tmp_path, valid_text):
    tree = tmp_path / "decision_tree.yaml"
    tree.write_text(replace_once(valid_text, "    title: Go to the post office\n",
                                 "    title: 0x" + "f" * 4000 + "\n"), encoding="utf-8")
    validate = subprocess.run([sys.executable, "-m", "generator", "validate", str(tree)],
                              cwd=ROOT, capture_output=True, text=True)
    build = build_site(tmp_path / "site", tree)
    for result in (validate, build):
        output = result.stderr + result.stdout
        assert result.returncode != 0
        assert "decision_tree.yaml:112:12: YAML 1.1 reads '0xfff" in output
        assert "Traceback" not in output and len(output) < 5000


# --- links ---------------------------------------------------------------------------

NO_HOST = ("a link needs a host name with a dot, such as https://example.com/ (an "
           "international name in its xn-- form)")


@pytest.mark.parametrize("url, why", [
    ("https://help.aliexpress.com@evil.example/",
     "a link may not hold a user name before its host (user@host): it would go to "
     "'evil.example', whatever stands before the @"),
    ("https://:secret@help.aliexpress.com/",
     "a link may not hold a user name before its host (user@host): it would go to "
     "'help.aliexpress.com', whatever stands before the @"),
    ("https://intranet/help", NO_HOST),
    ("https://127.0.0.1/help", NO_HOST),
    ("https://-evil.example/", NO_HOST),
    ("https://аliexpress.com/", NO_HOST),  # a Cyrillic а
])
def test_a_fact_url_names_a_real_host(valid_text, url, why):
    text = replace_once(valid_text, "    unit: days\n", f"    unit: days\n    url: {url}\n")
    assert problems(text)[0] == [f"t.yaml:8:10: link {url!r} is not allowed: {why}"]


@pytest.mark.parametrize("target", ["https://help.aliexpress.com@evil.example/",
                                    "https://help.aliexpress.com&#64;evil.example/"])
def test_a_markdown_link_names_a_real_host(valid_text, target):
    text = replace_once(valid_text, "    summary: Weigh the parcel.",
                        f"    summary: See [help]({target}).")
    assert problems(text)[0] == [
        f"t.yaml:113:14: link to {target!r} is not allowed: a link may not hold a user name "
        "before its host (user@host): it would go to 'evil.example', whatever stands before the @"]


USERINFO = ("a link may not hold a user name before its host (user@host): it would go to "
            "'evil.example', whatever stands before the @")


def test_a_source_url_in_the_real_tree(tmp_path):
    copy = DataCopy(tmp_path)
    source = GUIDE + ("sources", 1)
    title = copy.data[TREE]["guides"]["parcel-lost"]["sources"][1]
    url = "https://help.aliexpress.com@evil.example/"
    copy.set(TREE, source, {"title": title, "url": url})
    copy.assert_refused_at(TREE, source + ("url",), f"link {url!r} is not allowed: {USERINFO}")


def test_a_link_in_a_translation(tmp_path):
    copy = DataCopy(tmp_path)
    url = "https://help.aliexpress.com@evil.example/"
    location = GUIDE + ("summary", "text")
    copy.set(TRANSLATION, location, f"{TITLES[0]} [{TITLES[1]}]({url}).")
    copy.assert_refused_at(TRANSLATION, location,
                           f"link to {url!r} is not allowed: {USERINFO}")


# --- numbers -------------------------------------------------------------------------

def test_a_fact_in_decimals_is_refused_and_the_range_holds(valid_text):
    text = replace_once(valid_text, "    value: 1\n    max: 10\n", "    value: 90.0\n    max: 1.0\n")
    assert problems(text)[0] == [
        "t.yaml:12:12: fact 'refund_days' field 'value' must be a whole number, not 90.0; write 90",
        "t.yaml:13:10: fact 'refund_days' field 'max' must be a whole number, not 1.0; write 1"]
    text = replace_once(valid_text, "    value: 1\n    max: 10\n", "    value: 90\n    max: 1\n")
    assert problems(text)[0] == ["t.yaml:13:10: fact 'refund_days': max (1) is smaller than "
                                 "value (90)"]


def test_a_count_in_decimals_is_refused_in_tools(tmp_path):
    copy = DataCopy(tmp_path)
    copy.set(TOOLS, ("tracking", "carriers", 3, "format", 1, "digits"), 16.0)
    assert any("give one of: text: LP, digits: 16" in p for p in copy.refusals())


# --- translations are held to the English limits ------------------------------------

def test_a_300_kb_translated_label_is_refused(tmp_path):
    copy = DataCopy(tmp_path)
    location = ("nodes", "what-is-happening", "answers", 0, "label", "text")
    copy.set(TRANSLATION, location, LETTER * 300_000)
    copy.assert_refused_at(TRANSLATION, location, "this translation is too long (300,000 "
                           "characters; the limit is 200, as in English)")


def test_a_translated_guide_text_has_the_markdown_limit(tmp_path):
    copy = DataCopy(tmp_path)
    location = GUIDE + ("sections", 0, "text", "text")
    copy.set(TRANSLATION, location, (LETTER * 5 + ". ") * 1000)
    copy.assert_refused_at(TRANSLATION, location, "this translation is too long (7,000 "
                           "characters; the limit is 5,000, as in English)")


def test_a_translated_tools_text_has_its_limit(tmp_path):
    copy = DataCopy(tmp_path)
    location = ("tools", "tracking", "carriers", 0, "meaning", "text")
    copy.set(TRANSLATION, location, LETTER * 300_000)
    found = copy.refusals()
    assert any(p.startswith(copy.where(TRANSLATION, location) + ":") and "(300,000 "
               "characters; the limit is 600" in p for p in found), found


# --- tracking data -------------------------------------------------------------------

@pytest.mark.parametrize("char", ["8", "B", "O"])
def test_lookalikes_may_not_map_what_numbers_are_made_of(tmp_path, char):
    copy = DataCopy(tmp_path)
    location = ("tracking", "lookalikes", char)
    latin = "E" if char == "B" else "B"
    copy.set(TOOLS, location, latin)
    found = copy.refusals()
    line = copy.positions(TOOLS).where(location, key=True)
    assert (f"{tmp_path / TOOLS}:{line[0]}:{line[1]}: look-alike '{char}' is a character "
            f"tracking numbers are made of: reading it as {latin} would change real numbers; "
            "list only characters that look like Latin capitals") in found, found


def _carrier(name: str, parts: list, example: str) -> dict:
    carriers = ORIGINAL[TOOLS]["tracking"]["carriers"]
    return dict(carriers[-1], name=name, format=parts, example=example)


def test_a_broad_format_listed_first_is_refused_with_both_names_and_lines(tmp_path):
    copy = DataCopy(tmp_path)
    carriers = copy.data[TOOLS]["tracking"]["carriers"]
    carriers.insert(0, _carrier("Anything", [{"letters": 2}, {"digits": [10, 20]}],
                                "AB1234567890"))
    found = copy.refusals()
    first = copy.positions(TOOLS).where(("tracking", "carriers", 0, "format"))[0]
    where = copy.where(TOOLS, ("tracking", "carriers", 1, "format"))
    assert (f"{where}: the format of carrier 2 (Cainiao (AliExpress logistics)) overlaps carrier "
            f"1 (Anything, line {first}): both take numbers such as LP000000000000, and the "
            "checker names the first; make the formats distinct") in found, found


def test_a_format_that_takes_s10_numbers_is_refused(tmp_path):
    copy = DataCopy(tmp_path)
    copy.data[TOOLS]["tracking"]["carriers"].append(
        _carrier("Broad", [{"letters": 2}, {"digits": [9, 12]}, {"letters": [0 + 1, 2]}],
                 "AB1234567890C"))
    found = copy.refusals()
    where = copy.where(TOOLS, ("tracking", "carriers", 4, "format"))
    assert (f"{where}: the format of carrier 5 (Broad) takes postal (S10) numbers such as "
            "AA000000000AA, which the checker reads as S10 first; make it narrower") in found


def test_overlap_finds_a_shared_number_or_proves_there_is_none():
    lp, cn = [{"text": "LP"}, {"digits": [12, 16]}], [{"text": "CN"}, {"digits": [12, 15]}]
    assert formats.overlap(lp, cn) is None
    assert formats.overlap([{"text": "CN"}, {"digits": [12, 15]}],
                           [{"text": "CNUSUP"}, {"digits": [8, 14]}]) is None
    both = formats.overlap([{"letters": [1, 3]}, {"digits": 4}], [{"text": "AB"}, {"digits": [2, 5]}])
    assert both == "AB0000"
    assert formats.match([{"letters": [1, 3]}, {"digits": 4}], both)


def test_a_translation_is_not_blamed_for_its_englishs_unknown_placeholder(tmp_path):
    """Braces in an English source name that name no fact: the English's own business
    (a name is shown as written), never 'the English uses {{ facts.None }}' said of its
    translation."""
    copy = DataCopy(tmp_path)
    copy.set(TOOLS, ("tracking", "source"), "UPU S10 {{ 7*7 }}")  # a source name
    checked = copy.check()
    assert not [p.format() for p in checked.errors if "facts.None" in p.format()]
