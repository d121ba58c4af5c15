"""The translation status pages' lists are kept for the next build (render.py,
Renderer.translation_status, build_cache.KeptTexts): a list taken from the cache
folder is the one Jinja writes, and one whose items or English marks changed is
written anew."""

from __future__ import annotations

import pytest

from generator import render
from generator.pipeline import check_site
from generator.render import Renderer


@pytest.fixture(scope="module")
def site():
    checked = check_site()
    assert checked.errors == []
    return checked.site


def _status(site, lang: str) -> tuple[str, ...]:
    render._kept_lists.cache_clear()  # as a new process: the folder read again
    return Renderer(site, lang).translation_status().slots


def test_a_kept_list_is_the_written_one(site, tmp_path, monkeypatch):
    lang = sorted(site.translations)[0]
    monkeypatch.setenv("PARCEL_HELP_CACHE", "off")
    written = _status(site, lang)
    monkeypatch.delenv("PARCEL_HELP_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _status(site, lang) == written  # written, and kept when the process ends
    render._kept_lists().save()
    assert (tmp_path / "parcel-help" / "status-lists.json").is_file()
    assert _status(site, lang) == written  # from the folder
    render._kept_lists.cache_clear()


def test_a_list_whose_marks_changed_is_written_anew(site, tmp_path, monkeypatch):
    """An item's key or file shown in English is marked (Renderer.marked): a text that
    becomes a fallback changes the list, and the kept one is not used."""
    lang = sorted(site.translations)[0]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    before = _status(site, lang)
    render._kept_lists().save()
    item = site.translations[lang][0]
    renderer = Renderer(site, lang)
    renderer.fallbacks = renderer.fallbacks | {render.translate.dotted(item.unit.key)}
    render._kept_lists.cache_clear()
    after = renderer.translation_status().slots
    assert after != before and 'class="untranslated"' in "".join(after)
    render._kept_lists.cache_clear()
