"""A build that takes everything from a cache folder an earlier build filled
(generator/build_cache.py: the data's parses and checks, the rendered Markdown, the
search sections, the trimmed stylesheets, the pictures, the offline packs, the
compiled templates) writes the same site as the shared build, and makes nothing anew."""

from __future__ import annotations

import pytest

from conftest import SITE_EPOCH, build_site


def _files(site) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def _kept(folder) -> dict[str, int]:
    return {path.relative_to(folder).as_posix(): path.stat().st_mtime_ns
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.build
def test_a_site_built_from_a_filled_cache_folder_is_the_shared_one(tmp_path, site_dir):
    cache = tmp_path / "cache"
    filled = {}
    for name in ("filling", "from-the-cache"):
        result = build_site(tmp_path / name, SOURCE_DATE_EPOCH=SITE_EPOCH,
                            XDG_CACHE_HOME=str(cache))
        assert result.returncode == 0, result.stderr
        filled[name] = _kept(cache / "parcel-help")
    assert len(filled["filling"]) > 20
    assert filled["from-the-cache"] == filled["filling"]  # nothing made anew, or added
    shared, warm = _files(site_dir), _files(tmp_path / "from-the-cache")
    assert sorted(warm) == sorted(shared)
    assert [name for name in warm if warm[name] != shared[name]] == []
