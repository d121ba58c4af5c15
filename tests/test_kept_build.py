"""A build that takes everything from a cache folder an earlier build filled
(generator/build_cache.py: the data's parses and checks, the rendered Markdown, the
search sections, the trimmed stylesheets, the pictures, the offline packs, the
compiled templates) writes the same site as the shared build, and makes nothing anew.
It builds into the earlier build's folder, as `make build` and `make bench` do, and
writes only the files whose bytes changed (mkdocs_adapter/site_writes.py)."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import SITE_EPOCH, build_site


def _files(site) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def _last_build_changed(site) -> dict[str, tuple[int, int]]:
    """What else an earlier build may have left: a page since removed, a file where a
    folder now goes and a folder where a file goes, a page with other bytes, a hidden
    file below the top (test_site_writes.py: those at the top are kept, as mkdocs's
    clean keeps them). Returns the inode and time of the files left as they were."""
    about = next(path for path in sorted(site.glob("*/index.html")))
    pages = [path for path in sorted(site.rglob("*.html"))
             if about.parent not in path.parents and path.name != "404.html"]
    untouched = [pages[0], next(site.rglob("*.json")), next(site.rglob("*.png"))]
    shutil.rmtree(about.parent)
    about.parent.write_text("a file, now a folder", encoding="utf-8")
    (site / "404.html").unlink()
    (site / "404.html").mkdir()
    (site / "404.html" / "index.html").write_text("a folder, now a file", encoding="utf-8")
    (site / "gone" / "page").mkdir(parents=True)
    (site / "gone" / "page" / "index.html").write_text("a page since removed", encoding="utf-8")
    (site / "assets" / ".hidden").write_text("hidden below the top", encoding="utf-8")
    pages[-1].write_text("other bytes", encoding="utf-8")
    old = 1_600_000_000  # the earlier build's, long before this one
    for path in site.rglob("*"):
        os.utime(path, (old, old), follow_symlinks=False)
    return {path.relative_to(site).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in untouched}


def _kept(folder) -> dict[str, int]:
    return {path.relative_to(folder).as_posix(): path.stat().st_mtime_ns
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.build
def test_a_site_built_from_a_filled_cache_folder_is_the_shared_one(tmp_path, site_dir):
    cache, site = tmp_path / "cache", tmp_path / "site"
    filled, untouched = {}, {}
    for name in ("filling", "from-the-cache"):
        if name == "from-the-cache":
            untouched = _last_build_changed(site)
        result = build_site(site, SOURCE_DATE_EPOCH=SITE_EPOCH, XDG_CACHE_HOME=str(cache))
        assert result.returncode == 0, result.stderr
        filled[name] = _kept(cache / "parcel-help")
    assert len(filled["filling"]) > 20
    assert filled["from-the-cache"] == filled["filling"]  # nothing made anew, or added
    shared, warm = _files(site_dir), _files(site)
    assert sorted(warm) == sorted(shared)
    assert [name for name in warm if warm[name] != shared[name]] == []
    assert {name: ((site / name).stat().st_ino, (site / name).stat().st_mtime_ns)
            for name in untouched} == untouched  # the same bytes: not written again
