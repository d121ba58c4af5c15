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

from generator.i18n import locale
from generator.pipeline import check_site
from generator.render import Renderer

from conftest import ROOT, build_site

OLD_TITLE = "What is happening with your order?"
NEW_TITLE = "What happened to your order?"
MISSING = "How did the dispute end?"  # nodes.closed-how.title, removed from ru.yaml


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


@pytest.fixture
def project(tmp_path) -> Path:
    """The project's data with one English title changed (its Russian now stale) and
    one Russian entry deleted: what an English-only pull request leaves behind."""
    (tmp_path / "translations").mkdir()
    for name in ("decision_tree.yaml", "tools.yaml", "translations/ru.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    tree = tmp_path / "decision_tree.yaml"
    tree.write_text(tree.read_text("utf-8").replace(OLD_TITLE, NEW_TITLE), encoding="utf-8")
    ru = tmp_path / "translations" / "ru.yaml"
    data = yaml.safe_load(ru.read_text("utf-8"))
    del data["nodes"]["closed-how"]["title"]
    ru.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tree


def test_missing_and_stale_texts_are_warnings_and_stay_english(project):
    checked = check_site(project)
    assert checked.errors == []
    assert len(checked.translation_warnings) == 2
    russian = checked.site.trees["ru"]
    assert russian.nodes["what-is-happening"].title == NEW_TITLE
    assert russian.nodes["closed-how"].title == MISSING
    assert {NEW_TITLE, MISSING} <= russian.fallbacks
    # Everything else is still Russian, and nothing Russian is marked.
    assert russian.nodes["what-is-happening"].answers[0].label not in russian.fallbacks
    assert all(text not in russian.fallbacks for text in
               (n.title for n in russian.nodes.values()) if text not in (NEW_TITLE, MISSING))
    assert checked.site.trees["en"].fallbacks == frozenset()


def test_strict_translations_makes_them_errors(project):
    checked = check_site(project, strict_translations=True)
    assert checked.site is None
    assert sorted(p.severity for p in checked.errors) == ["error", "error"]
    result = subprocess.run([sys.executable, "-m", "generator", "validate", str(project),
                             "--strict-translations"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.endswith(f"{project}: 2 error(s), 0 warning(s)\n")


def test_an_english_text_on_a_russian_page_is_marked(project):
    site = check_site(project).site
    russian, english = Renderer(site, "ru"), Renderer(site, "en")
    note = locale("ru").t("untranslated_note")
    assert note == "(ещё не переведено)"
    assert russian.marked(NEW_TITLE) == (f'<span lang="en" class="untranslated">{NEW_TITLE}'
                                        f'</span> <small class="untranslated-note">{note}</small>')
    assert english.marked(NEW_TITLE) == NEW_TITLE
    translated = site.trees["ru"].nodes["what-is-happening"].answers[0].label
    assert russian.plain(translated) == translated


def test_the_build_passes_and_readers_see_the_english_marked(project, tmp_path):
    result = build_site(tmp_path / "site", tree=project)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "ru" / "questionnaire" / "index.html").read_text("utf-8")
    assert (f'tabindex="-1"><span lang="en" class="untranslated">{NEW_TITLE}</span> '
            '<small class="untranslated-note">(ещё не переведено)</small></h2>') in page
    assert f'<span lang="en" class="untranslated">{MISSING}</span>' in page

    # The status page lists both, each linked to where a translator edits it.
    status = (tmp_path / "site" / "ru" / "translation-status" / "index.html").read_text("utf-8")
    ru = project.parent / "translations" / "ru.yaml"
    stale_line = _line_of(ru, "Что происходит с вашим заказом?") - 2  # the entry's key
    # (This tree is outside the project: the links name it by its whole path.)
    stale = status.split('id="stale"')[1].split("<h2")[0]
    assert re.search(
        r'<code>nodes\.what-is-happening\.title</code>: <span lang="en">' + re.escape(NEW_TITLE) +
        r'</span> \(<a href="https://github\.com/parcel-help/parcel-help/blob/main/\S*'
        rf'translations/ru\.yaml#L{stale_line}" rel="noopener">\S*translations/ru\.yaml:'
        rf'{stale_line}</a>\)', stale), stale
    missing = status.split('id="missing"')[1].split("<h2")[0]
    assert re.search(r'<code>nodes\.closed-how\.title</code>: .*href="https://github\.com/'
                     r'parcel-help/parcel-help/blob/main/\S*translations/ru\.yaml"', missing)


def test_a_release_build_fails_on_them(project, tmp_path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PARCEL_HELP_TREE=str(project),
               STRICT_TRANSLATIONS="true")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir",
                             str(tmp_path / "site")], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "stale: the English of nodes.what-is-happening.title" in result.stdout + result.stderr
