"""A site trimmed with the stylesheets kept by an earlier build (trim.py, build_cache.py)
is the site trimmed anew: the same files, and a page or script that names another class
keeps its rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.mkdocs_adapter import trim

CSS = ".md-typeset{a:1}.md-tabbed{a:2}.kept-by-script{a:3}.later{a:4}"
PALETTE = "[data-md-color-scheme=slate]{b:1}[data-md-color-scheme=pink]{b:2}"


def _site(where: Path, page_class: str = "md-typeset") -> Path:
    (where / "assets" / "stylesheets").mkdir(parents=True)
    (where / "assets" / "javascripts").mkdir(parents=True)
    (where / "assets" / "stylesheets" / "main.0123abcd.min.css").write_text(CSS)
    (where / "assets" / "stylesheets" / "palette.89abcdef.min.css").write_text(PALETTE)
    (where / "assets" / "javascripts" / "app.js").write_text('add("kept-by-script")')
    for page in ("index.html", "ru/index.html"):
        (where / page).parent.mkdir(parents=True, exist_ok=True)
        (where / page).write_text(
            '<link href="assets/stylesheets/main.0123abcd.min.css">'
            '<link href="assets/stylesheets/palette.89abcdef.min.css">'
            f'<main class="{page_class}" data-md-color-scheme="slate"></main>')
    return where


def _trimmed(where: Path, **site) -> dict[str, str]:
    trim.trim_site(_site(where, **site), [])
    return {path.relative_to(where).as_posix(): path.read_text()
            for path in sorted(where.rglob("*")) if path.is_file()}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("PARCEL_HELP_CACHE", raising=False)
    return tmp_path / "cache" / "parcel-help" / "trimmed-css"


def test_a_site_trimmed_from_kept_stylesheets_is_the_site_trimmed_anew(cache, tmp_path,
                                                                       monkeypatch):
    first = _trimmed(tmp_path / "first")
    assert len(list(cache.iterdir())) == 1
    assert "md-tabbed" not in str(first) and ".md-typeset" in str(first)
    assert _trimmed(tmp_path / "again") == first  # from the cache folder
    assert len(list(cache.iterdir())) == 1
    monkeypatch.setenv("PARCEL_HELP_CACHE", "off")
    assert _trimmed(tmp_path / "off") == first


def test_a_page_that_names_another_class_keeps_its_rule(cache, tmp_path, monkeypatch):
    _trimmed(tmp_path / "first")
    later = _trimmed(tmp_path / "later", page_class="md-typeset later")
    assert ".later{a:4}" in "".join(later.values())
    assert len(list(cache.iterdir())) == 2
    monkeypatch.setenv("PARCEL_HELP_CACHE", "off")
    assert _trimmed(tmp_path / "off", page_class="md-typeset later") == later
