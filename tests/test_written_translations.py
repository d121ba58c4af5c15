"""The site's own words (generator/locales/LANG.yaml) and the hand-written pages
(content/LANG/*.md) get the data files' staleness check: each translated text records
the fingerprint of its English (`source_hashes:` in a locale, `source_hash:` in a page's
front matter); a missing or stale one warns at its FILE:LINE, is listed on the status
page and shows the English (a locale text); an error only under --strict-translations."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from generator import i18n
from generator.loader import load_file
from generator.render import Renderer
from generator.translate import fingerprint

from conftest import ROOT
from kept_loading import check_site  # unchanged files are not parsed again
from translated_copy import TRANSLATED, complete_translations, translated_copy

KEY = "start_again"  # a locale string


@pytest.fixture(params=TRANSLATED)
def copy(request, tmp_path, monkeypatch):
    """A fully translated copy of the data, the pages and the locales; a language."""
    tree = translated_copy(ROOT, tmp_path)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(i18n.LOCALES, tmp_path / "generator" / "locales")
    monkeypatch.setattr(i18n, "LOCALES", tmp_path / "generator" / "locales")
    yield tree, request.param
    i18n._installed.clear()  # the next check installs the project's own again


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_completed_copy_passes_strict_translations(copy):
    """What the release commands are tested on (tests/translated_copy.py): with the
    English of a locale string and of a page changed, completing the copy records
    them, and --strict-translations passes."""
    tree, lang = copy
    edit(tree.parent / "generator" / "locales" / "en.yaml", "  start_again: ", "  start_again: Now ")
    page = tree.parent / "content" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert check_site(tree, strict_translations=True).site is None
    complete_translations(tree)
    assert check_site(tree, strict_translations=True).errors == []


def test_an_english_only_locale_edit_warns_at_its_hash_and_shows_the_english(copy):
    tree, lang = copy
    locales = tree.parent / "generator" / "locales"
    english_file, other_file = locales / "en.yaml", locales / f"{lang}.yaml"
    old = load_file(english_file).data["strings"][KEY]
    edit(english_file, f"  {KEY}: {old}\n", f"  {KEY}: {old} now\n")
    checked = check_site(tree)
    assert checked.errors == [] and checked.site is not None
    line = load_file(other_file).where(("source_hashes", f"strings.{KEY}"), key=True)[0]
    found = [p for p in checked.translation_warnings
             if f"strings.{KEY}" in p.message and p.path == str(other_file)]  # each language warns
    assert len(found) == 1 and found[0].severity == "warning"
    assert (found[0].path, found[0].line) == (str(other_file), line)
    assert fingerprint(f"{old} now") in found[0].message
    assert Renderer(checked.site, lang).locale.t(KEY) == f"{old} now"  # the English, for now
    states = {s.unit.key: s.state for s in checked.site.translations[lang]}
    assert states[("locale", f"strings.{KEY}")] == "stale"
    strict = check_site(tree, strict_translations=True)
    assert strict.site is None and replace(found[0], severity="error") in strict.errors


def test_a_missing_locale_text_warns_at_the_english_line(copy):
    tree, lang = copy
    locales = tree.parent / "generator" / "locales"
    english_file, other_file = locales / "en.yaml", locales / f"{lang}.yaml"
    translated = load_file(other_file).data["strings"][KEY]
    text = other_file.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith(f"  {KEY}:")]
    other_file.write_text("".join(lines), encoding="utf-8")
    assert translated not in other_file.read_text(encoding="utf-8")
    checked = check_site(tree)
    assert checked.errors == []
    line = load_file(english_file).where(("strings", KEY), key=True)[0]
    assert [(p.path, p.line) for p in checked.translation_warnings] == [(str(english_file), line)]
    english = load_file(english_file).data["strings"][KEY]
    assert Renderer(checked.site, lang).locale.t(KEY) == english


def test_an_english_page_edit_makes_its_translation_stale(copy):
    tree, lang = copy
    page = tree.parent / "content" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    translated = tree.parent / "content" / lang / "about.md"
    line = translated.read_text(encoding="utf-8").splitlines().index(
        next(l for l in translated.read_text(encoding="utf-8").splitlines()
             if l.startswith("source_hash:"))) + 1
    checked = check_site(tree)
    assert checked.errors == []
    assert [p.format() for p in checked.translation_warnings
            if p.path == str(translated)] == [  # each language's page warns
        f"{translated}:{line}:1: warning: stale: {translated} was translated from an older "
        f"English page; bring it up to date with content/about.md, then set source_hash: "
        f"{fingerprint(page.read_text(encoding='utf-8'))} in its front matter"]
    status = Renderer(checked.site, lang).translation_status()
    assert f"{translated}:{line}" in status.fill(status.markdown)
