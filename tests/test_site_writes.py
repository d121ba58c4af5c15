"""A build writes only the files whose bytes changed and removes what it did not write
(generator/mkdocs_adapter/site_writes.py): mkdocs's own clean, write and copy, called
as mkdocs.commands.build calls them, leave the same folder as a clean build would,
and a file whose bytes did not change is not touched. (test_kept_build.py builds the
real site into a folder an earlier build filled.)"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from mkdocs import utils
from mkdocs.structure.files import File

from generator.mkdocs_adapter.site_writes import WRITES, written_only_changed

LONG_AGO = 1_600_000_000  # an earlier build's files: written long before this one


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None), by path."""
    return {path.relative_to(folder).as_posix(): None if path.is_dir() else path.read_bytes()
            for path in sorted(folder.rglob("*"))}


def _last_build(site: Path) -> None:
    """What an earlier build left: pages, a step's data, a folder where this build puts
    a file and a file where it puts a folder, hidden entries at the top and below."""
    for name, text in {"index.html": "<p>home</p>", "kept/index.html": "<p>same</p>",
                       "steps/a.json": '{"a": 1}', "changed/index.html": "<p>old</p>",
                       "gone/index.html": "<p>a page since removed</p>",
                       "assets/old.css": "p{}", "about": "a file, now a folder",
                       "news.html/index.html": "a folder, now a file",
                       ".hidden/keep": "hidden", "assets/.map": "hidden below the top"}.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for path in site.rglob("*"):
        os.utime(path, (LONG_AGO, LONG_AGO))


def _build(site: Path, docs: Path) -> None:
    """A build's writes, in mkdocs's order: clean, the static files, the pages; then
    the plugin's end of build."""
    WRITES.begin(str(site))
    utils.clean_directory(str(site))
    (docs / "style.css").write_text("p{color:red}", encoding="utf-8")
    File("style.css", str(docs), str(site), True).copy_file()
    step = File("steps/a.json", None, str(site), True)  # a generated file, as pages.py adds
    step.content_string = '{"a": 1}'
    step.copy_file()
    for name, text in {"index.html": "<p>home</p>", "kept/index.html": "<p>same</p>",
                       "changed/index.html": "<p>new</p>", "about/index.html": "<p>about</p>",
                       "news.html": "<p>news</p>"}.items():
        utils.write_file(text.encode(), str(site / name))
    WRITES.sweep()
    WRITES.flush()
    WRITES.end()


@pytest.fixture
def patched():
    written_only_changed()
    yield
    WRITES.end()


def test_a_build_over_an_earlier_one_leaves_what_a_clean_build_leaves(tmp_path, patched):
    docs, reused, clean = tmp_path / "docs", tmp_path / "reused", tmp_path / "clean"
    docs.mkdir()
    _last_build(reused)
    clean.mkdir()
    (clean / ".hidden").mkdir()
    (clean / ".hidden" / "keep").write_text("hidden", encoding="utf-8")
    _build(reused, docs)
    WRITES.begin(str(tmp_path / "elsewhere"))  # mkdocs's own clean for another folder
    WRITES.end()
    utils.clean_directory(str(clean))
    for name, text in {"style.css": "p{color:red}", "steps/a.json": '{"a": 1}',
                       "index.html": "<p>home</p>", "kept/index.html": "<p>same</p>",
                       "changed/index.html": "<p>new</p>", "about/index.html": "<p>about</p>",
                       "news.html": "<p>news</p>"}.items():
        utils.write_file(text.encode(), str(clean / name))  # not a build: written as is
    assert _tree(reused) == _tree(clean)
    assert not (reused / "gone").exists() and not (reused / "assets").exists()
    assert (reused / ".hidden" / "keep").read_text(encoding="utf-8") == "hidden"


def test_a_file_whose_bytes_did_not_change_is_not_written_again(tmp_path, patched):
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    _last_build(site)
    before = {name: (site / name).stat() for name in ("index.html", "kept/index.html",
                                                      "steps/a.json", "changed/index.html")}
    _build(site, docs)
    for name in ("index.html", "kept/index.html", "steps/a.json"):
        after = (site / name).stat()
        assert (after.st_ino, after.st_mtime_ns) == (before[name].st_ino,
                                                      before[name].st_mtime_ns), name
    assert (site / "changed/index.html").stat().st_mtime_ns != before[
        "changed/index.html"].st_mtime_ns
    assert (site / "changed/index.html").read_text(encoding="utf-8") == "<p>new</p>"


def test_a_file_written_by_other_means_during_the_build_stays(tmp_path, patched):
    """mkdocs writes sitemap.xml.gz with open(), not write_file."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    _last_build(site)
    WRITES.begin(str(site))
    utils.clean_directory(str(site))
    (site / "sitemap.xml.gz").write_bytes(b"packed")
    ahead = time.time() + 3600  # an earlier build's file dated ahead (unpacked so)
    os.utime(site / "gone" / "index.html", (ahead, ahead))
    WRITES.sweep()
    WRITES.end()
    assert (site / "sitemap.xml.gz").read_bytes() == b"packed"
    assert not (site / "index.html").exists() and not (site / "gone").exists()


def test_outside_a_build_mkdocs_cleans_and_writes_as_its_own(tmp_path, patched):
    site = tmp_path / "site"
    _last_build(site)
    utils.clean_directory(str(site))
    assert sorted(path.name for path in site.iterdir()) == [".hidden"]
    utils.write_file(b"<p>x</p>", str(site / "page" / "index.html"))
    assert (site / "page" / "index.html").read_bytes() == b"<p>x</p>"


def test_a_changed_file_is_a_new_file(tmp_path, patched):
    """A copy of the last site made with hard links keeps its bytes."""
    docs, site, copy = tmp_path / "docs", tmp_path / "site", tmp_path / "copy"
    docs.mkdir()
    _last_build(site)
    copy.mkdir()
    os.link(site / "changed" / "index.html", copy / "changed.html")
    _build(site, docs)
    assert (copy / "changed.html").read_text(encoding="utf-8") == "<p>old</p>"
    assert (site / "changed" / "index.html").read_text(encoding="utf-8") == "<p>new</p>"
