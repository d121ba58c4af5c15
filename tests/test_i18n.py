"""Every translated language (languages.yaml): every text of the tree and every
template string has a translation, a changed English text makes its translation stale
(with the right line), the translators' helper adds what is missing and touches nothing
else, and figures and dates read as the language writes them (CLDR, through Babel, is
the oracle: no wording is pinned here)."""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from babel.dates import format_date
from babel.units import format_unit

from generator.i18n import check_locale, locale
from generator.loader import load_file
from generator.markup import fill_template
from generator.model import Fact
from generator.pipeline import check_site
from generator.pipeline import text_units, tools_path
from generator.translate import check, fingerprint, states

from conftest import ROOT
from site_data import SITE
from site_languages import ENGLISH, TRANSLATED

TREE_FILE = ROOT / "decision_tree.yaml"
# CLDR's own names for the units it has (working days are the locale file's own).
CLDR_UNITS = {"days": "duration-day", "hours": "duration-hour", "months": "duration-month"}
each_language = pytest.mark.parametrize("lang", TRANSLATED)


def translation_file(lang: str) -> Path:
    return ROOT / "translations" / f"{lang}.yaml"


@pytest.fixture(scope="module")
def trees():
    assert SITE.warnings == ()
    return SITE.trees


@each_language
def test_every_node_guide_and_fact_is_translated_or_is_marked_english(trees, lang):
    """A pull request in English only passes: its new texts are shown in English,
    marked (Tree.fallbacks); every other text is in the language."""
    english, translated = trees[ENGLISH], trees[lang]

    def translated_or_marked(ours: str, theirs: str) -> bool:
        return ours != theirs or theirs in translated.fallbacks

    assert list(translated.nodes) == list(english.nodes)  # the same ids, in the same order
    for node_id, node in english.nodes.items():
        ours = translated.nodes[node_id]
        assert [a.next for a in ours.answers] == [a.next for a in node.answers]
        assert translated_or_marked(ours.title, node.title), node_id
        for answer, theirs in zip(ours.answers, node.answers):
            assert translated_or_marked(answer.label, theirs.label), node_id
    for slug, guide in english.guides.items():
        assert translated_or_marked(translated.guides[slug].title, guide.title)
        for section, theirs in zip(translated.guides[slug].sections, guide.sections):
            assert translated_or_marked(section.heading, theirs.heading), slug
    for name, fact in english.facts.items():
        assert translated_or_marked(translated.facts[name].label, fact.label)
        assert (translated.facts[name].value, translated.facts[name].max) == (fact.value, fact.max)


def test_the_real_translation_has_no_errors():
    """Texts not yet translated are warnings (the status page lists them); a release
    checks them with --strict-translations."""
    checked = check_site(TREE_FILE)
    assert [e.format() for e in checked.errors] == []
    assert [w.format() for w in checked.warnings] == []


def _copy_project(tmp_path: Path) -> Path:
    """The tree and its translations in a scratch folder, to break on purpose."""
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    shutil.copy(TREE_FILE, tmp_path / "decision_tree.yaml")
    return tmp_path / "decision_tree.yaml"


def _validate(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "validate", str(tree)],
                          cwd=ROOT, capture_output=True, text=True)


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


@each_language
def test_changed_english_makes_the_translation_stale_at_its_line(tmp_path, lang):
    """A warning, not an error: English work is never blocked by a translation. (The
    first question's title, whatever it is now: a pull request may have changed it.)"""
    tree = _copy_project(tmp_path)
    start = SITE.tree.start
    old = SITE.tree.nodes[start].title
    tree.write_text(tree.read_text().replace(f"title: {old}\n", "title: A new title\n", 1))
    result = _validate(tree)
    assert result.returncode == 0
    translation = tmp_path / "translations" / f"{lang}.yaml"
    hash_at = load_file(translation).where(("nodes", start, "title", "source_hash"))
    expected = (f"{translation}:{hash_at[0]}:{hash_at[1]}: warning: stale: the English of "
                f"nodes.{start}.title changed since it was translated "
                f"({tree}:{_line_of(tree, 'title: A new title')}; the {lang} page shows the "
                f"English); re-translate it and set source_hash: {fingerprint('A new title')}")
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


@each_language
def test_missing_translation_points_at_the_english_line(tmp_path, lang):
    tree = _copy_project(tmp_path)
    translation = tmp_path / "translations" / f"{lang}.yaml"
    data = yaml.safe_load(translation.read_text())
    del data["nodes"]["closed-how"]["title"]
    translation.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    result = _validate(tree)
    assert result.returncode == 0
    line = _line_of(tree, f"title: {SITE.tree.nodes['closed-how'].title}")
    assert (f"{tree}:{line}:12: warning: nodes.closed-how.title has no {lang} text in "
            f"{translation} (the {lang} page shows the English); `make translations` adds it"
            ) in result.stderr


def _a_guide_title(path: Path) -> tuple[int, int]:
    """A guide's translated title written plainly on its line: its line and column."""
    loaded, lines = load_file(path), path.read_text(encoding="utf-8").splitlines()
    for slug, guide in loaded.data["guides"].items():
        text = guide.get("title", {}).get("text")
        line, column = loaded.where(("guides", slug, "title", "text"))
        if text and lines[line - 1][column - 1:] == text:
            return line, column
    raise AssertionError("no guide title is written on one plain line")


@pytest.mark.build
@each_language
def test_a_broken_translation_stops_the_build_with_its_line(tmp_path, lang):
    """A translation is contributor text too: no raw HTML, the same facts. (A guide's
    title, taken from the translation file, gets an HTML tag around its first word.)"""
    from conftest import build_site

    tree = _copy_project(tmp_path)
    shutil.copy(ROOT / "tools.yaml", tmp_path / "tools.yaml")
    translation = tmp_path / "translations" / f"{lang}.yaml"
    line, column = _a_guide_title(translation)
    lines = translation.read_text(encoding="utf-8").splitlines(keepends=True)
    title = lines[line - 1][column - 1:].rstrip("\n")
    first, rest = title.split(" ", 1) if " " in title else (title, "")
    lines[line - 1] = lines[line - 1][:column - 1] + f"<b>{first}</b> {rest}".rstrip() + "\n"
    translation.write_text("".join(lines), encoding="utf-8")
    result = build_site(tmp_path / "site", tree=tree)
    assert result.returncode == 1
    assert f"{translation}:{line}:{column}: raw HTML is not allowed in text" in \
        result.stdout + result.stderr


@each_language
def test_update_adds_missing_texts_as_todo_and_keeps_stale_ones(tmp_path, lang):
    tree = _copy_project(tmp_path)
    translation = tmp_path / "translations" / f"{lang}.yaml"
    text = tree.read_text()
    start = SITE.tree.nodes[SITE.tree.start]  # its title reworded; its translation goes stale
    text = text.replace(f"title: {start.title}\n", f"title: {start.title} (reworded)\n", 1)
    last = SITE.tree.nodes["protection-left"].answers[-1]  # an answer added after it
    ended = f"      - label: {last.label}\n        next: {last.next}\n"
    assert ended in text
    text = text.replace(ended, ended + "      - label: I do not know\n"
                                       f"        next: {last.next}\n", 1)
    tree.write_text(text)
    index = len(SITE.tree.nodes["protection-left"].answers)
    before = yaml.safe_load(translation.read_text())["nodes"][start.id]["title"]
    old_lines = translation.read_text().splitlines()
    result = subprocess.run([sys.executable, "-m", "generator", "translations",
                             str(tree), "--update", "--lang", lang], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0  # it did what was asked; what is left is listed
    assert f"added (todo): nodes.protection-left.answers[{index}].label" in result.stdout
    assert f"stale, re-translate: nodes.{start.id}.title" in result.stdout
    data = yaml.safe_load(translation.read_text())
    assert data["nodes"][start.id]["title"] == before  # nothing refreshed
    # Every line that was there is still there, in order: the diff only adds.
    changes = difflib.ndiff(old_lines, translation.read_text().splitlines())
    assert [line for line in changes if line.startswith("- ")] == []
    added = data["nodes"]["protection-left"]["answers"][index]["label"]
    assert added == {"source_hash": fingerprint("I do not know"), "todo": True,
                     "text": "I do not know"}
    assert f"{translation}:{_line_of(translation, 'text: I do not know') - 1}:" in result.stderr


@each_language
def test_update_on_an_up_to_date_file_leaves_it_byte_identical(tmp_path, lang):
    """A translator's diff is only what they changed: once every text has an entry,
    `make translations` rewrites nothing (no re-wrapping, no re-quoting)."""
    tree = _copy_project(tmp_path)
    translation = tmp_path / "translations" / f"{lang}.yaml"
    command = [sys.executable, "-m", "generator", "translations", str(tree), "--update",
               "--lang", lang]
    first = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    if "added (todo)" not in first.stdout:  # the project's own file, as committed
        assert translation.read_bytes() == translation_file(lang).read_bytes()
    settled = translation.read_bytes()
    second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert second.returncode == 0 and "added (todo)" not in second.stdout
    assert translation.read_bytes() == settled


@each_language
def test_leftover_translations_are_reported(tmp_path, lang):
    tree = _copy_project(tmp_path)
    translation = tmp_path / "translations" / f"{lang}.yaml"
    found = text_units(load_file(tree), load_file(tools_path(tree)))

    def warnings_of(path: Path) -> list[str]:
        loaded = load_file(path)
        errors, warnings = check(states(found, loaded), loaded, lang, SITE.tree.facts)
        assert errors == []
        return [w.message for w in warnings]

    before = warnings_of(translation)
    old_text = next(iter(SITE.trees[lang].nodes.values())).title  # any text of the language
    translation.write_text(translation.read_text() + "retired:\n  title:\n"
                           f"    source_hash: '00000000'\n    text: {old_text}\n")
    retired = "retired.title is not in the English any more; delete it"
    assert warnings_of(translation) == before + [retired]
    # Any other warning is what an English-only pull request leaves: a text not yet
    # translated, or an entry whose English is gone.
    assert all(f"the {lang} page shows the English" in w or
               w.endswith("is not in the English any more; delete it") for w in before)


@each_language
def test_every_english_template_string_is_translated(lang):
    assert [p.format() for p in check_locale(lang)] == []
    english, translated = locale(ENGLISH).data, locale(lang).data
    assert set(english["strings"]) <= set(translated["strings"])
    assert set(english["units"]) <= set(translated["units"])
    for case in translated.get("cases", {}).values():  # a language that inflects its units
        assert set(translated["units"]) <= set(case)


def _fact(value: int, unit: str = "days", high: int | None = None) -> Fact:
    return Fact("x", "label", value, unit, "source", date(2026, 11, 26), max=high)


FIGURES = (1, 2, 3, 5, 11, 21, 1500)  # one, few, many, and a thousands separator


@each_language
def test_figures_read_as_cldr_writes_them(lang):
    """The plain figure is CLDR's own text for the units CLDR has: its plural form
    (one, few, many...) and its number format (1 500, 1.500)."""
    words = locale(lang)
    for unit, cldr_unit in CLDR_UNITS.items():
        for n in FIGURES:
            assert words.fact_text(_fact(n, unit)) == \
                format_unit(n, cldr_unit, length="long", locale=lang), (unit, n)
    # Working days are no CLDR unit: the locale's form for CLDR's plural category.
    forms = words.data["units"]["working_days"]
    for n in FIGURES:
        assert words.fact_text(_fact(n, "working_days")) == \
            f"{words.number(n)} {words.plural(n, forms)}", n


@each_language
def test_ranges_read_as_the_language_writes_them(lang):
    """"from 1 to 10 days" in the language's words (the locale's `range`), the unit
    agreeing with the upper figure in the case the language uses after it (range_case)."""
    words = locale(lang)
    data = words.data
    for unit, low, high in (("working_days", 1, 10), ("days", 60, 90), ("days", 1, 21),
                            ("hours", 2, 3)):
        forms = data["cases"][data["range_case"]][unit] if data.get("range_case") \
            else data["units"][unit]
        span = fill_template(data["range"], {"low": words.number(low), "high": words.number(high)})
        assert words.fact_text(_fact(low, unit, high)) == \
            f"{span} {words.plural(high, forms)}", (unit, low, high)


@each_language
def test_dates_read_as_cldr_writes_them(lang):
    """The language's long date (month names in their grammatical case, as CLDR's
    format context gives them)."""
    for day in (date(2026, 11, 26), date(2027, 1, 4), date(2027, 5, 1)):
        cldr = format_date(day, "long", locale=lang)  # newer CLDR: a narrow no-break space
        assert locale(lang).date_text(day).split() == cldr.split()
    assert locale(ENGLISH).date_text(date(2026, 11, 26)) == "26 November 2026"


def test_every_text_unit_is_keyed_where_the_tree_holds_it():
    keys = {u.key for u in text_units(load_file(TREE_FILE), None)}
    assert ("nodes", "what-is-happening", "answers", 0, "label") in keys
    assert ("guides", "parcel-lost", "sections", 0, "text") in keys
    assert ("facts", "refund_working_days", "note") in keys
    assert not any(key[-1] in ("next", "type", "guide", "starts_at", "unit", "checked")
                   for key in keys)
