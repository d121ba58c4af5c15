"""tools.yaml holds English only; its texts' translations stand beside the tree's in
translations/LANG.yaml under `tools:`, with the same fingerprints and rules: an
English-only edit warns at its translation's line and passes; a missing entry warns at
the English line; the page shows the English, marked; translated text is checked as
its English field's kind (a message's meaning keeps the message's slots)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator import translate
from generator.loader import load_file
from generator.pipeline import text_units
from generator.render import Renderer

from conftest import ROOT
from kept_loading import check_site  # unchanged files are not parsed again
from translated_copy import TRANSLATED, translated_copy

LABEL = ("deadlines", 0, "label")  # a plain text of tools.yaml
MESSAGE = ("messages", 0, "text")  # a message: its translation is its meaning


def english(location: tuple) -> str:
    data = load_file(ROOT / "tools.yaml").data
    for part in location:
        data = data[part]
    return data


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(params=TRANSLATED)
def copy(request, tmp_path):
    """A fully translated copy of the data, and one of its languages."""
    return translated_copy(ROOT, tmp_path), request.param


def test_an_english_only_edit_warns_at_its_translations_line_and_passes(copy):
    tree, lang = copy
    old = english(LABEL)
    edit(tree.parent / "tools.yaml", f"label: {old}", f"label: {old}, today")
    translation = tree.parent / "translations" / f"{lang}.yaml"
    line, column = load_file(translation).where(("tools",) + LABEL + ("source_hash",))
    checked = check_site(tree)
    assert checked.errors == [] and checked.site is not None
    stale = [p.format() for p in checked.translation_warnings]
    assert [p for p in stale if "tools.deadlines[0].label" in p and  # each language warns
            p.startswith(f"{translation}:")] == [
        f"{translation}:{line}:{column}: warning: stale: the English of tools.deadlines[0].label changed "
        f"since it was translated ({tree.parent / 'tools.yaml'}:"
        f"{load_file(tree.parent / 'tools.yaml').where(LABEL)[0]}; the {lang} page shows the "
        f"English); re-translate it and set source_hash: {translate.fingerprint(old + ', today')}"]
    # the page shows the English, marked, and the status page lists it as stale
    renderer = Renderer(checked.site, lang)
    page = renderer.pages()["tools/deadlines.md"]
    shown = page.fill(page.markdown)
    assert f'<span lang="en" class="untranslated">{old}, today</span>' in shown
    states = {translate.dotted(s.unit.key): s.state for s in checked.site.translations[lang]}
    assert states["tools.deadlines[0].label"] == translate.STALE
    # a release makes it an error
    strict = check_site(tree, strict_translations=True)
    assert strict.site is None
    assert [replace(p, severity="warning") for p in strict.errors] == \
        checked.translation_warnings


def test_a_missing_entry_warns_at_the_english_line(copy):
    tree, lang = copy
    translation = tree.parent / "translations" / f"{lang}.yaml"
    data = load_file(translation).data
    del data["tools"]["deadlines"][0]["label"]
    from generator.translation_file import dump
    translation.write_text(dump(data), encoding="utf-8")
    checked = check_site(tree)
    assert checked.errors == []
    line, column = load_file(tree.parent / "tools.yaml").where(LABEL)
    assert [p.format() for p in checked.translation_warnings] == [
        f"{tree.parent / 'tools.yaml'}:{line}:{column}: warning: tools.deadlines[0].label has no {lang} "
        f"text in {translation} (the {lang} page shows the English); `make translations` adds it"]


@pytest.mark.parametrize("change, message", [
    (("{order}", "{date}"), "use the same slots as the English: {date}, {order}, {tracking}"),
    (("{order}", "{orderr}"), "unknown slot {orderr}; the slots are {order}, {tracking}, {date}"),
])
def test_a_meaning_keeps_its_messages_slots(copy, change, message):
    tree, lang = copy
    translation = tree.parent / "translations" / f"{lang}.yaml"
    data = load_file(translation).data
    entry = data["tools"]["messages"][0]["text"]
    assert change[0] in entry["text"]
    entry["text"] = entry["text"].replace(change[0], change[1], 1)
    from generator.translation_file import dump
    translation.write_text(dump(data), encoding="utf-8")
    checked = check_site(tree)
    found = [p.format() for p in checked.errors]
    assert len(found) == 1 and found[0].startswith(f"{translation}:") and message in found[0], found
    assert checked.site is None


def test_a_message_stays_english_with_its_meaning_beside_it(copy):
    tree, lang = copy
    site = check_site(tree).site
    tools = site.tools_in(lang)
    assert tools.messages[0].text == english(MESSAGE)
    translation = load_file(tree.parent / "translations" / f"{lang}.yaml").data
    assert tools.messages[0].meaning == translation["tools"]["messages"][0]["text"]["text"]
    assert site.tools.messages[0].meaning is None  # English needs none


def test_a_new_text_field_in_a_schema_is_translated_or_reported_missing(copy):
    """Which fields are translated is the schemas' x-kind: a field added to a copy of the
    tree's schema (a question's `hint`) is reported missing, then translated, with no
    change to the code."""
    import copy as copying

    from generator.validate import schema as tree_schema

    tree, lang = copy
    schema = copying.deepcopy(tree_schema())
    schema["$defs"]["question"]["properties"]["hint"] = {"$ref": "#/$defs/plain_text"}
    english = load_file(tree)
    node = english.data["start"]
    english.data["nodes"][node]["hint"] = "Look at the order page first."
    translation = load_file(tree.parent / "translations" / f"{lang}.yaml")
    units = translate.units(english, schema) + text_units(None, load_file(tree.parent / "tools.yaml"))
    key = ("nodes", node, "hint")
    assert [u.key for u in units if u.key[-1] == "hint"] == [key]
    found = translate.states(units, translation)
    errors, warnings = translate.check(found, translation, lang, {})
    assert errors == [] and [w.message for w in warnings] == [
        f"nodes.{node}.hint has no {lang} text in {translation.path} (the {lang} page shows "
        "the English); `make translations` adds it"]
    translation.data["nodes"][node]["hint"] = {
        "source_hash": translate.fingerprint("Look at the order page first."), "text": "[hint]"}
    data, fallbacks = translate.localize(english, translate.states(units, translation))
    assert data["nodes"][node]["hint"] == "[hint]" and "Look at the order page first." not in fallbacks
