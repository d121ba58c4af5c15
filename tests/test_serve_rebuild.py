"""What `make serve` keeps between rebuilds to make them fast (generator/mkdocs_adapter/
serve.py): the theme's file list, while its folders stay the same, and Python's cycle
collector's work, done between rebuilds; each gives what mkdocs alone would give."""

from __future__ import annotations

import gc
import time
import weakref
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

from generator.mkdocs_adapter import serve, theme
from generator.mkdocs_adapter.serve import Collector, ThemeFiles


def theme_config(tmp_path: Path):
    """A small site on mkdocs's own theme with a custom_dir of its own."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "theme" / "js").mkdir(parents=True)
    (tmp_path / "theme" / "js" / "one.js").write_text("1")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: mkdocs\n  custom_dir: theme\n", encoding="utf-8")
    return load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))


def listing(files: Files) -> list[tuple[str, str | None]]:
    return sorted((file.src_uri, file.abs_src_path) for file in files)


def counted_theme_walks():
    """mkdocs's own listing of the theme, and a list that grows by one per walk."""
    walks = []

    def mkdocs_own(files, env, config):
        walks.append(1)
        Files.add_files_from_theme(files, env, config)
    return walks, mkdocs_own


def test_the_theme_is_walked_again_only_when_a_folder_changed(tmp_path):
    config = theme_config(tmp_path)
    env = config.theme.get_env()
    walks, mkdocs_own = counted_theme_walks()
    kept = ThemeFiles(mkdocs_own)

    def both():
        ours, theirs = Files([]), Files([])
        kept.add(ours, env, config)
        Files.add_files_from_theme(theirs, env, config)
        assert listing(ours) == listing(theirs)
        return listing(ours)

    first = both()
    assert ("js/one.js", str(tmp_path / "theme" / "js" / "one.js")) in first
    assert both() == first and len(walks) == 1  # nothing changed: not walked again
    (tmp_path / "theme" / "js" / "one.js").write_text("changed")  # bytes only: mkdocs copies it
    assert both() == first and len(walks) == 1
    (tmp_path / "theme" / "js" / "two.js").write_text("2")
    assert ("js/two.js", str(tmp_path / "theme" / "js" / "two.js")) in both()
    (tmp_path / "theme" / "js" / "one.js").unlink()
    assert "js/one.js" not in [path for path, _ in both()]
    assert len(walks) == 3
    # a docs file of the same path wins over the theme's, as in mkdocs
    (tmp_path / "docs" / "js").mkdir()
    (tmp_path / "docs" / "js" / "two.js").write_text("docs")
    ours = Files([File("js/two.js", config.docs_dir, config.site_dir, config.use_directory_urls)])
    kept.add(ours, env, config)
    assert [f.abs_src_path for f in ours if f.src_uri == "js/two.js"] == \
        [str(tmp_path / "docs" / "js" / "two.js")]


def test_a_template_edited_while_serving_renders_anew(tmp_path, monkeypatch):
    """Compiled templates are kept for every environment (theme.templates_kept), each
    checked against its source: an edit shows at the next build."""
    from mkdocs.theme import Theme

    monkeypatch.setattr(Theme, "get_env", Theme.get_env)  # undone after the test
    theme.templates_kept()
    config = theme_config(tmp_path)
    template = tmp_path / "theme" / "words.html"
    template.write_text("one {{ 1 + 1 }}")
    assert config.theme.get_env().get_template("words.html").render() == "one 2"
    assert config.theme.get_env().bytecode_cache.first is serve.TEMPLATE_CACHE
    template.write_text("two {{ 2 + 2 }}")
    assert config.theme.get_env().get_template("words.html").render() == "two 4"


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_what_a_rebuild_drops_is_collected_once_the_server_is_idle(monkeypatch):
    monkeypatch.setattr(Collector, "IDLE_SECONDS", 0.05)
    collector = Collector()
    try:
        kept = Cycle()
        collector.building()
        collector.built()  # the first build: collected and frozen at once
        assert gc.get_freeze_count() > 0
        dropped = weakref.ref(kept)
        del kept
        gc.collect()
        assert dropped() is not None  # frozen: the rebuilds' collections pass it by
        collector.building()
        collector.built()
        collector.building()  # a rebuild before the server was idle: nothing collected
        time.sleep(0.3)
        assert dropped() is not None
        collector.built()
        deadline = time.monotonic() + 10
        while dropped() is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert dropped() is None  # idle: unfrozen and collected
    finally:
        gc.unfreeze()
