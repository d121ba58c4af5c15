"""The theme's file list is kept for the next build's process (serve.ThemeFiles with
build_cache.KeptTexts): a new process lists the theme again only when one of its
folders changed, and its list is the one mkdocs makes."""

from __future__ import annotations

from mkdocs.structure.files import Files

from generator import build_cache
from generator.mkdocs_adapter.serve import ThemeFiles
from test_serve_rebuild import counted_theme_walks, listing, theme_config


def test_a_new_process_starts_from_the_last_ones_list(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("PARCEL_HELP_CACHE", raising=False)
    config = theme_config(tmp_path)
    env = config.theme.get_env()
    walks, mkdocs_own = counted_theme_walks()

    def a_process() -> list:
        kept = build_cache.KeptTexts("theme-files", (), limit=8)
        ours, theirs = Files([]), Files([])
        ThemeFiles(mkdocs_own, kept).add(ours, env, config)
        kept.save()  # as when the process ends
        Files.add_files_from_theme(theirs, env, config)
        assert listing(ours) == listing(theirs)
        return listing(ours)

    first = a_process()
    assert a_process() == first and len(walks) == 1  # the last process's list
    (tmp_path / "theme" / "js" / "two.js").write_text("2")
    assert ("js/two.js", str(tmp_path / "theme" / "js" / "two.js")) in a_process()
    assert len(walks) == 2
    assert a_process() != first and len(walks) == 2
