"""A fact's figure in each configured language's own grammar (generator/phrases.py):
the unit's form follows CLDR's plural category (Babel is the oracle, not wording
pinned here), bare or inside each phrase the language's locale file defines."""

import re
import shutil
from datetime import date

import pytest
import yaml
from babel.units import format_unit

from generator import i18n, phrases
from generator.i18n import check_locale, locale
from generator.pipeline import check_site
from generator.model import Fact

from conftest import ROOT
from site_data import SITE

TREE_FILE = ROOT / "decision_tree.yaml"

LANGS = sorted(path.stem for path in i18n.LOCALES.glob("*.yaml"))
# CLDR's own names for the units it has: the plain form must read as CLDR writes it.
CLDR_UNITS = {"days": "duration-day", "hours": "duration-hour", "months": "duration-month"}
FIGURES = (1, 2, 5, 21)


def _fact(value, unit, high=None):
    return Fact("x", "label", value, unit, "source", date(2026, 11, 26), max=high)


def _form(words, unit, case, n):
    forms = phrases.unit_forms(words.data, unit, case)
    return forms.get(words.cldr.plural_form(n)) or forms["other"]


def _phrases(lang):
    return [None] + phrases.phrase_names(locale(lang).data)


@pytest.mark.parametrize("lang", LANGS)
def test_plain_figures_read_as_cldr_writes_them(lang):
    words = locale(lang)
    for unit, cldr_unit in CLDR_UNITS.items():
        for n in FIGURES:
            assert words.fact_text(_fact(n, unit)) == \
                format_unit(n, cldr_unit, length="long", locale=lang), (unit, n)


@pytest.mark.parametrize("lang", LANGS)
def test_each_phrase_inflects_its_unit_by_the_plural_category(lang):
    words = locale(lang)
    for phrase in _phrases(lang):
        case = words.data["phrases"][phrase].get("case") if phrase else None
        for unit in words.data["units"]:
            for n in FIGURES:
                text = words.fact_text(_fact(n, unit), phrase)
                assert text.endswith(f"{words.number(n)} {_form(words, unit, case, n)}"), text
            # 1 and 21 share a category in some languages, 5 and 21 in others: the
            # forms differ exactly where Babel's categories do.
            for a, b in ((1, 2), (2, 5), (5, 21), (1, 21)):
                same = words.cldr.plural_form(a) == words.cldr.plural_form(b)
                ends = [words.fact_text(_fact(n, unit), phrase).rsplit(str(n), 1)[1]
                        for n in (a, b)]
                assert (ends[0] == ends[1]) == same or \
                    _form(words, unit, case, a) == _form(words, unit, case, b), (phrase, a, b)


@pytest.mark.parametrize("lang", LANGS)
def test_a_range_agrees_with_its_upper_end(lang):
    words = locale(lang)
    for phrase in _phrases(lang):
        spec = words.data["phrases"][phrase] if phrase else {}
        case = spec.get("case") if phrase else words.data.get("range_case")
        for low, high in ((3, 7), (1, 21), (60, 90)):
            text = words.fact_text(_fact(low, "days", high), phrase)
            assert words.number(low) in text and words.number(high) in text
            assert text.endswith(f"{words.number(high)} {_form(words, 'days', case, high)}")
            if phrase:  # the phrase's own words surround the range, once
                assert text.startswith(spec["range"].split("{")[0])


@pytest.mark.parametrize("lang", LANGS)
def test_locale_phrases_are_well_formed(lang):
    if lang != "en":
        assert [p.format() for p in check_locale(lang)] == []
    assert list(phrases.locale_problems(locale(lang).data)) == []


def test_a_phrase_without_its_figure_is_reported():
    data = {"units": {"days": {"other": "days"}}, "cases": {},
            "phrases": {"within": {"single": "within {unit}", "range": "{low}-{high} {unit}",
                                   "case": "dative"}}}
    assert list(phrases.locale_problems(data)) == [
        (("phrases", "within", "single"), "phrases.within.single must use exactly {n}, {unit}"),
        (("phrases", "within", "case"), "phrases.within: case 'dative' is not one of the 'cases'"),
    ]


def test_a_case_must_give_every_unit():
    data = {"units": {"days": {}, "hours": {}}, "cases": {"genitive": {"days": {}}}}
    assert list(phrases.locale_problems(data)) == [
        (("cases", "genitive"), "case 'genitive' needs forms for every unit: hours")]


def test_an_unknown_phrase_in_the_tree_is_reported_at_its_line(valid_text):
    from test_validate import problems, replace_once

    known = ", ".join(phrases.phrase_names(locale("en").data))
    broken = replace_once(valid_text, "facts.refund_days }}.", "facts.refund_days | nope }}.")
    assert problems(broken)[0] == [
        f"t.yaml:106:15: unknown phrase '| nope': the phrases in locales/en.yaml are "
        f"{known} (or write {{{{ facts.NAME }}}} for the bare figure)"]
    for phrase in phrases.phrase_names(locale("en").data):
        fine = replace_once(valid_text, "facts.refund_days }}.",
                            f"facts.refund_days|{phrase} }}}}.")
        assert problems(fine) == ([], [])


@pytest.mark.parametrize("lang", [lang for lang in SITE.languages if lang != "en"])
def test_an_unknown_phrase_in_a_translation_is_reported_at_its_line(lang, tmp_path):
    """A translation may use only its own language's phrases."""
    source = ROOT / "translations" / f"{lang}.yaml"
    text = source.read_text(encoding="utf-8")
    found = re.search(r"\{\{ facts\.([a-z_]+)", text)
    at, name = found.start(), found.group(1)
    (tmp_path / "translations").mkdir()
    shutil.copy(TREE_FILE, tmp_path / "decision_tree.yaml")
    copy = tmp_path / "translations" / source.name
    copy.write_text(text[:at] + f"{{{{ facts.{name} | nonesuch" +
                    text[at + len(f"{{{{ facts.{name}"):], encoding="utf-8")
    errors = [e.format() for e in check_site(tmp_path / "decision_tree.yaml").errors]
    wrong = [e for e in errors if "unknown phrase '| nonesuch'" in e]
    assert len(wrong) == 1, errors
    line = text[:at].count("\n") + 1
    assert wrong[0].startswith(f"{copy}:")
    assert int(wrong[0].split(":")[1]) <= line  # the text's line, or its key's above it


def _plain_texts(tree):
    for node in tree.nodes.values():
        yield node.title
        for answer in node.answers:
            yield answer.label


@pytest.mark.parametrize("lang", SITE.languages)
def test_plain_texts_show_figures_not_placeholders(lang):
    """Answer labels and titles are plain text: their facts are written out when the
    tree is built, so the step, the trail of answers and the map all show the figure."""
    tree = SITE.trees[lang]
    assert [text for text in _plain_texts(tree) if "{{" in text] == []
    english = SITE.trees["en"]
    with_facts = [(node_id, i) for node_id, node in english.nodes.items()
                  for i, answer in enumerate(node.answers) if any(
                      locale("en").fact_text(fact) in answer.label
                      for fact in english.facts.values())]
    assert with_facts, "no answer label names a figure any more"
    for node_id, i in with_facts:
        label = tree.nodes[node_id].answers[i].label
        assert any(char.isdigit() for char in label), (lang, node_id, label)


def test_a_plain_text_left_in_english_gets_english_figures_and_is_marked(tmp_path):
    lang = next(lang for lang in SITE.languages if lang != "en")
    english = SITE.trees["en"]
    node_id, i = next((node_id, i) for node_id, node in english.nodes.items()
                      for i, answer in enumerate(node.answers)
                      if any(char.isdigit() for char in answer.label))
    (tmp_path / "translations").mkdir()
    shutil.copy(TREE_FILE, tmp_path / "decision_tree.yaml")
    data = yaml.safe_load((ROOT / "translations" / f"{lang}.yaml").read_text(encoding="utf-8"))
    del data["nodes"][node_id]["answers"][i]["label"]
    (tmp_path / "translations" / f"{lang}.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = check_site(tmp_path / "decision_tree.yaml").site
    shown = site.trees[lang].nodes[node_id].answers[i].label
    assert shown == english.nodes[node_id].answers[i].label
    assert shown in site.trees[lang].fallbacks
