"""Translations never block English work: a text without a current translation is a
warning, the translated page shows the English marked lang="en" with a visible note,
the status page lists it with the line to edit, and a release can ask for
--strict-translations."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.translation_file import dump
from generator.i18n import locale
from generator.loader import load_file
from generator.markup import placeholders
from generator.pipeline import check_site
from generator.render import Renderer

from conftest import ROOT, build_site

from site_data import TREE
from translated_copy import translated_copy
from site_languages import TRANSLATED

LANG = TRANSLATED[0]  # a translated language

# What the test changes, chosen by place, never by today's wording: the first question's
# title is reworded in English (its translation goes stale), and another question's
# translated title is deleted (missing).
STALE_ID = TREE.start
MISSING_ID = next(q.id for q in TREE.questions() if q.id != STALE_ID)
OLD_TITLE = TREE.nodes[STALE_ID].title
NEW_TITLE = OLD_TITLE + " (reworded)"
MISSING = TREE.nodes[MISSING_ID].title


@pytest.fixture
def project(tmp_path) -> Path:
    """The project's data, every translation current (whatever the working tree's state),
    then one English title changed (its translation now stale) and one translated entry
    deleted:
    what an English-only pull request leaves behind."""
    tree = translated_copy(ROOT, tmp_path)
    text = tree.read_text("utf-8")
    assert text.count(f"title: {OLD_TITLE}\n") >= 1
    start = text.index(f"\n  {STALE_ID}:\n")
    at = text.index(f"title: {OLD_TITLE}\n", start)
    tree.write_text(text[:at] + f"title: {NEW_TITLE}\n" + text[at + len(f"title: {OLD_TITLE}\n"):],
                    encoding="utf-8")
    translation = tmp_path / "translations" / f"{LANG}.yaml"
    data = yaml.safe_load(translation.read_text("utf-8"))
    del data["nodes"][MISSING_ID]["title"]
    translation.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tree


def test_missing_and_stale_texts_are_warnings_and_stay_english(project):
    checked = check_site(project)
    assert checked.errors == []
    ours = [p for p in checked.translation_warnings  # the other languages' go stale too
            if Path(p.path).name == f"{LANG}.yaml" or f"has no {LANG} text" in p.message]
    assert len(ours) == 2 and len(checked.translation_warnings) == len(TRANSLATED) + 1
    translated = checked.site.trees[LANG]
    assert translated.nodes[STALE_ID].title == NEW_TITLE
    assert translated.nodes[MISSING_ID].title == MISSING
    assert {NEW_TITLE, MISSING} <= translated.fallbacks
    # Everything else is still translated, and nothing translated is marked.
    assert translated.nodes[STALE_ID].answers[0].label not in translated.fallbacks
    assert all(text not in translated.fallbacks for text in
               (n.title for n in translated.nodes.values()) if text not in (NEW_TITLE, MISSING))
    assert checked.site.trees["en"].fallbacks == frozenset()


def test_strict_translations_makes_them_errors(project):
    checked = check_site(project, strict_translations=True)
    assert checked.site is None
    ours = [p for p in checked.errors
            if Path(p.path).name == f"{LANG}.yaml" or f"has no {LANG} text" in p.message]
    assert sorted(p.severity for p in ours) == ["error", "error"]
    errors = len(TRANSLATED) + 1  # the reworded title in every language, and the missing one
    assert len(checked.errors) == errors
    result = subprocess.run([sys.executable, "-m", "generator", "validate", str(project),
                             "--strict-translations"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.endswith(f"{project}: {errors} error(s), 0 warning(s)\n")


def test_an_english_text_on_a_translated_page_is_marked(project):
    site = check_site(project).site
    ours, english = Renderer(site, LANG), Renderer(site, "en")
    note = locale(LANG).t("untranslated_note")
    assert ours.marked(NEW_TITLE) == (f'<span lang="en" class="untranslated">{NEW_TITLE}'
                                      f'</span> <small class="untranslated-note">{note}</small>')
    assert english.marked(NEW_TITLE) == NEW_TITLE
    translated = site.trees[LANG].nodes[STALE_ID].answers[0].label
    assert ours.plain(translated) == translated


@pytest.mark.build
def test_the_build_passes_and_readers_see_the_english_marked(project, tmp_path):
    result = build_site(tmp_path / "site", tree=project)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / LANG / "questionnaire" / "index.html").read_text("utf-8")
    assert (f'tabindex="-1"><span lang="en" class="untranslated">{NEW_TITLE}</span> '
            f'<small class="untranslated-note">{locale(LANG).t("untranslated_note")}</small></h2>') in page
    assert f'<span lang="en" class="untranslated">{MISSING}</span>' in page

    # The status page lists both, each linked to where a translator edits it.
    status = (tmp_path / "site" / LANG / "translation-status" / "index.html").read_text("utf-8")
    translation = project.parent / "translations" / f"{LANG}.yaml"
    stale_line = load_file(translation).where(("nodes", STALE_ID, "title"), key=True)[0]
    # (This tree is outside the project: the links name it by its whole path.)
    stale = status.split('id="stale"')[1].split("<h2")[0]
    assert re.search(
        rf'<code>nodes\.{re.escape(STALE_ID)}\.title</code>: <span lang="en">' + re.escape(NEW_TITLE) +
        r'</span> \(<a href="https://github\.com/parcel-help/parcel-help/blob/main/\S*'
        rf'translations/{LANG}\.yaml#L{stale_line}" rel="noopener">\S*translations/{LANG}\.yaml:'
        rf'{stale_line}</a>\)', stale), stale
    missing = status.split('id="missing"')[1].split("<h2")[0]
    assert re.search(rf'<code>nodes\.{re.escape(MISSING_ID)}\.title</code>: .*href="https://'
                     rf'github\.com/parcel-help/parcel-help/blob/main/\S*translations/{LANG}\.yaml"', missing)


@pytest.mark.build
def test_a_release_build_fails_on_them(project, tmp_path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PARCEL_HELP_TREE=str(project),
               STRICT_TRANSLATIONS="true")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir",
                             str(tmp_path / "site")], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert f"stale: the English of nodes.{STALE_ID}.title" in result.stdout + result.stderr


def test_an_english_text_on_a_translated_page_is_english_throughout(tmp_path):
    """Its figures and units too: "You can leave feedback for 30 days", never the
    translated language's "30 days" inside the English sentence."""
    tree = translated_copy(ROOT, tmp_path)
    data = yaml.safe_load(tree.read_text("utf-8"))
    node_id, name = next((i, name) for i, n in data["nodes"].items() if n["type"] == "outcome"
                         for _, name in placeholders(n["deadline"]))
    data["nodes"][node_id]["deadline"] += " (reworded)"
    tree.write_text(dump(data), encoding="utf-8")
    site = check_site(tree).site
    english = site.trees[LANG].nodes[node_id].deadline
    assert english in site.trees[LANG].fallbacks
    fact = site.trees[LANG].facts[name]
    shown = str(Renderer(site, LANG).html(english))
    assert locale("en").fact_text(fact) in shown
    assert locale(LANG).fact_text(fact) not in shown
    assert locale("en").fact_text(fact) != locale(LANG).fact_text(fact)
    # A text that is not a fallback keeps the language's own figure.
    assert locale(LANG).fact_text(fact) in str(Renderer(site, LANG).html(
        "{{ facts.%s }}" % name))
