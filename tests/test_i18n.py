"""Russian: every text of the tree and every template string has a translation, a
changed English text makes its translation stale (with the right line), the
translators' helper adds what is missing and touches nothing else, and figures and
dates read as Russian does."""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.i18n import check_locale, locale
from generator.loader import load_file
from generator.model import Fact
from generator.pipeline import check_site
from generator.pipeline import text_units, tools_path
from generator.translate import check, fingerprint, states

from conftest import ROOT
from site_data import SITE

TREE_FILE = ROOT / "decision_tree.yaml"
RU_FILE = ROOT / "translations" / "ru.yaml"


@pytest.fixture(scope="module")
def trees():
    assert SITE.warnings == ()
    return SITE.trees


def test_every_node_guide_and_fact_has_russian_text_or_is_marked_english(trees):
    """A pull request in English only passes: its new texts are shown in English,
    marked (Tree.fallbacks); every other text is Russian."""
    english, russian = trees["en"], trees["ru"]

    def russian_or_marked(ours: str, theirs: str) -> bool:
        return ours != theirs or theirs in russian.fallbacks

    assert list(russian.nodes) == list(english.nodes)  # the same ids, in the same order
    for node_id, node in english.nodes.items():
        translated = russian.nodes[node_id]
        assert [a.next for a in translated.answers] == [a.next for a in node.answers]
        assert russian_or_marked(translated.title, node.title), node_id
        for ours, theirs in zip(translated.answers, node.answers):
            assert russian_or_marked(ours.label, theirs.label), node_id
    for slug, guide in english.guides.items():
        assert russian_or_marked(russian.guides[slug].title, guide.title)
        for ours, theirs in zip(russian.guides[slug].sections, guide.sections):
            assert russian_or_marked(ours.heading, theirs.heading), slug
    for name, fact in english.facts.items():
        assert russian_or_marked(russian.facts[name].label, fact.label)
        assert (russian.facts[name].value, russian.facts[name].max) == (fact.value, fact.max)


def test_the_real_translation_has_no_errors():
    """Texts not yet translated are warnings (the status page lists them); a release
    checks them with --strict-translations."""
    checked = check_site(TREE_FILE)
    assert [e.format() for e in checked.errors] == []
    assert [w.format() for w in checked.warnings] == []


def _copy_project(tmp_path: Path) -> Path:
    """The tree and its translation in a scratch folder, to break on purpose."""
    (tmp_path / "translations").mkdir()
    shutil.copy(TREE_FILE, tmp_path / "decision_tree.yaml")
    shutil.copy(RU_FILE, tmp_path / "translations" / "ru.yaml")
    return tmp_path / "decision_tree.yaml"


def _validate(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "validate", str(tree)],
                          cwd=ROOT, capture_output=True, text=True)


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


def test_changed_english_makes_the_translation_stale_at_its_line(tmp_path):
    """A warning, not an error: English work is never blocked by a translation. (The
    first question's title, whatever it is now: a pull request may have changed it.)"""
    tree = _copy_project(tmp_path)
    start = SITE.tree.start
    old = SITE.tree.nodes[start].title
    tree.write_text(tree.read_text().replace(f"title: {old}\n", "title: A new title\n", 1))
    result = _validate(tree)
    assert result.returncode == 0
    ru = tmp_path / "translations" / "ru.yaml"
    hash_at = load_file(ru).where(("nodes", start, "title", "source_hash"))
    expected = (f"{ru}:{hash_at[0]}:{hash_at[1]}: warning: stale: the English of "
                f"nodes.{start}.title changed since it was translated "
                f"({tree}:{_line_of(tree, 'title: A new title')}; the ru page shows the "
                f"English); re-translate it and set source_hash: {fingerprint('A new title')}")
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_translation_points_at_the_english_line(tmp_path):
    tree = _copy_project(tmp_path)
    ru = tmp_path / "translations" / "ru.yaml"
    data = yaml.safe_load(ru.read_text())
    del data["nodes"]["closed-how"]["title"]
    ru.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    result = _validate(tree)
    assert result.returncode == 0
    line = _line_of(tree, f"title: {SITE.tree.nodes['closed-how'].title}")
    assert (f"{tree}:{line}:12: warning: nodes.closed-how.title has no ru text in {ru} "
            "(the ru page shows the English); `make translations` adds it") in result.stderr


@pytest.mark.build
def test_a_broken_translation_stops_the_build_with_its_line(tmp_path):
    """Russian text is contributor text too: no raw HTML, the same facts."""
    from conftest import build_site

    tree = _copy_project(tmp_path)
    shutil.copy(ROOT / "tools.yaml", tmp_path / "tools.yaml")
    ru = tmp_path / "translations" / "ru.yaml"
    text = ru.read_text()
    ru.write_text(text.replace("Посылка пришла пустой", "<b>Посылка</b> пришла пустой", 1))
    result = build_site(tmp_path / "site", tree=tree)
    assert result.returncode == 1
    line = _line_of(ru, "<b>Посылка</b>")
    assert f"{ru}:{line}:13: raw HTML is not allowed in text" in result.stdout + result.stderr


def test_update_adds_missing_texts_as_todo_and_keeps_stale_ones(tmp_path):
    tree = _copy_project(tmp_path)
    ru = tmp_path / "translations" / "ru.yaml"
    text = tree.read_text()
    start = SITE.tree.nodes[SITE.tree.start]  # its title reworded; its Russian goes stale
    text = text.replace(f"title: {start.title}\n", f"title: {start.title} (reworded)\n", 1)
    last = SITE.tree.nodes["protection-left"].answers[-1]  # an answer added after it
    ended = f"      - label: {last.label}\n        next: {last.next}\n"
    assert ended in text
    text = text.replace(ended, ended + "      - label: I do not know\n"
                                       f"        next: {last.next}\n", 1)
    tree.write_text(text)
    index = len(SITE.tree.nodes["protection-left"].answers)
    before = yaml.safe_load(ru.read_text())["nodes"][start.id]["title"]
    old_lines = ru.read_text().splitlines()
    result = subprocess.run([sys.executable, "-m", "generator", "translations",
                             str(tree), "--update", "--lang", "ru"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0  # it did what was asked; what is left is listed
    assert f"added (todo): nodes.protection-left.answers[{index}].label" in result.stdout
    assert f"stale, re-translate: nodes.{start.id}.title" in result.stdout
    data = yaml.safe_load(ru.read_text())
    assert data["nodes"][start.id]["title"] == before  # nothing refreshed
    # Every line that was there is still there, in order: the diff only adds.
    changes = difflib.ndiff(old_lines, ru.read_text().splitlines())
    assert [line for line in changes if line.startswith("- ")] == []
    added = data["nodes"]["protection-left"]["answers"][index]["label"]
    assert added == {"source_hash": fingerprint("I do not know"), "todo": True,
                     "text": "I do not know"}
    assert f"{ru}:{_line_of(ru, 'text: I do not know') - 1}:" in result.stderr


def test_update_on_an_up_to_date_file_leaves_it_byte_identical(tmp_path):
    """A translator's diff is only what they changed: once every text has an entry,
    `make translations` rewrites nothing (no re-wrapping, no re-quoting)."""
    tree = _copy_project(tmp_path)
    ru = tmp_path / "translations" / "ru.yaml"
    command = [sys.executable, "-m", "generator", "translations", str(tree), "--update", "--lang", "ru"]
    first = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    if "added (todo)" not in first.stdout:  # the project's own file, as committed
        assert ru.read_bytes() == (ROOT / "translations" / "ru.yaml").read_bytes()
    settled = ru.read_bytes()
    second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert second.returncode == 0 and "added (todo)" not in second.stdout
    assert ru.read_bytes() == settled


def test_leftover_translations_are_reported(tmp_path):
    tree = _copy_project(tmp_path)
    ru = tmp_path / "translations" / "ru.yaml"
    ru.write_text(ru.read_text() + "retired:\n  title:\n    source_hash: '00000000'\n"
                                   "    text: Старый текст\n")
    found = text_units(load_file(tree), load_file(tools_path(tree)))
    errors, warnings = check(states(found, load_file(ru)), load_file(ru), "ru", SITE.tree.facts)
    assert errors == []
    retired = "retired.title is not in the English any more; delete it"
    assert retired in [w.message for w in warnings]
    # Any other warning is a text not yet translated (an English-only pull request).
    assert all("the ru page shows the English" in w.message for w in warnings
               if w.message != retired)


def test_every_english_template_string_has_russian():
    assert [p.format() for p in check_locale("ru")] == []
    english, russian = locale("en").data, locale("ru").data
    assert set(english["strings"]) <= set(russian["strings"])
    assert set(english["units"]) <= set(russian["units"]) <= set(russian["range_units"])


def _fact(value: int, unit: str = "days", high: int | None = None) -> Fact:
    return Fact("x", "label", value, unit, "source", date(2026, 11, 26), max=high)


@pytest.mark.parametrize(("fact", "text"), [
    (_fact(1), "1 день"), (_fact(3), "3 дня"), (_fact(5), "5 дней"), (_fact(11), "11 дней"),
    (_fact(21), "21 день"), (_fact(5, "working_days"), "5 рабочих дней"),
    (_fact(3, "months"), "3 месяца"), (_fact(1500), "1\u00a0500 дней"),
    (_fact(1, "working_days", 10), "от 1 до 10 рабочих дней"),
    (_fact(60, high=90), "от 60 до 90 дней"), (_fact(1, high=21), "от 1 до 21 дня"),
    (_fact(2, "hours", 3), "от 2 до 3 часов"),
])
def test_russian_figures_read_as_russian(fact, text):
    assert locale("ru").fact_text(fact) == text


def test_russian_dates_use_the_genitive():
    assert locale("ru").date_text(date(2026, 11, 26)) == "26 ноября 2026 г."
    assert locale("en").date_text(date(2026, 11, 26)) == "26 November 2026"


def test_every_text_unit_is_keyed_where_the_tree_holds_it():
    keys = {u.key for u in text_units(load_file(TREE_FILE), None)}
    assert ("nodes", "what-is-happening", "answers", 0, "label") in keys
    assert ("guides", "parcel-lost", "sections", 0, "text") in keys
    assert ("facts", "refund_working_days", "note") in keys
    assert not any(key[-1] in ("next", "type", "guide", "starts_at", "unit", "checked")
                   for key in keys)
