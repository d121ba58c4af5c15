"""A data file read through the cache folder (loader.load_file_kept, what a build uses)
is what the loader makes of it: the same data and positions when read anew or taken
back, the new content after an edit, and a file with problems always refused with the
same messages, never kept."""

from __future__ import annotations

import dataclasses

import pytest

from generator import build_cache, loader
from generator.errors import TreeError

from conftest import FIXTURES


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("PARCEL_HELP_CACHE", raising=False)
    return tmp_path / "cache" / "parcel-help" / "loaded"


def _fields(loaded: loader.Loaded) -> dict:
    return dataclasses.asdict(loaded) | {"positions": loaded.positions,
                                         "key_positions": loaded.key_positions}


def test_a_kept_file_is_what_the_loader_makes(cache, tmp_path):
    path = tmp_path / "tree.yaml"
    path.write_bytes((FIXTURES / "valid_tree.yaml").read_bytes())
    fresh = _fields(loader.load_file(path))
    assert _fields(loader.load_file_kept(path)) == fresh
    assert len(list(cache.iterdir())) == 1
    assert _fields(loader.load_file_kept(path)) == fresh  # taken back
    assert len(list(cache.iterdir())) == 1

    path.write_text(path.read_text(encoding="utf-8").replace("title:", "title: ", 1),
                    encoding="utf-8")
    edited = loader.load_file(path)
    assert _fields(edited) != fresh
    assert _fields(loader.load_file_kept(path)) == _fields(edited)


def test_a_file_with_problems_is_refused_each_time_and_never_kept(cache, tmp_path):
    path = tmp_path / "tree.yaml"
    path.write_bytes(b"nodes:\n  a: 1\n  a: 2\n")
    with pytest.raises(TreeError) as plain:
        loader.load_file(path)
    for _ in range(2):
        with pytest.raises(TreeError) as kept:
            loader.load_file_kept(path)
        assert kept.value.problems == plain.value.problems
    assert not cache.exists() or not list(cache.iterdir())


def test_nothing_is_kept_with_the_cache_off(cache, tmp_path, monkeypatch):
    monkeypatch.setenv("PARCEL_HELP_CACHE", "off")
    path = tmp_path / "tree.yaml"
    path.write_bytes((FIXTURES / "valid_tree.yaml").read_bytes())
    assert _fields(loader.load_file_kept(path)) == _fields(loader.load_file(path))
    assert not cache.exists()
    assert build_cache.folder() is None
