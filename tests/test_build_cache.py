"""What a build keeps for the next one (generator/build_cache.py) is what it would make
again: kept under everything it is made from, and made anew when any of it changes."""

from __future__ import annotations

import pytest

from generator import build_cache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("PARCEL_HELP_CACHE", raising=False)
    return tmp_path / "parcel-help"


def test_bytes_are_made_once_per_key_and_then_read_back(cache):
    made = []

    def make(text):
        made.append(text)
        return text.encode()
    assert build_cache.kept_bytes("kind", ("a", 1), lambda: make("a")) == b"a"
    assert build_cache.kept_bytes("kind", ("a", 1), lambda: make("other")) == b"a"
    assert build_cache.kept_bytes("kind", ("a", 2), lambda: make("b")) == b"b"
    assert made == ["a", "b"]


def test_nothing_is_kept_when_turned_off(cache, monkeypatch):
    monkeypatch.setenv("PARCEL_HELP_CACHE", "off")
    assert build_cache.kept_bytes("kind", ("a",), lambda: b"1") == b"1"
    assert build_cache.kept_bytes("kind", ("a",), lambda: b"2") == b"2"
    assert not cache.exists()


def test_texts_kept_by_one_process_are_read_by_the_next_of_the_same_version(cache):
    first = build_cache.KeptTexts("texts", ("v", 1))
    assert first.get("key", lambda: "made") == "made"
    first.save()
    assert build_cache.KeptTexts("texts", ("v", 1)).get("key", lambda: "again") == "made"
    assert build_cache.KeptTexts("texts", ("v", 2)).get("key", lambda: "again") == "again"


def test_only_the_newest_files_of_a_kind_are_kept(cache):
    for index in range(70):
        build_cache.kept_bytes("kind", (index,), lambda: b"x")
    assert len(list((cache / "kind").iterdir())) == 64


def test_a_change_to_the_generators_code_makes_everything_anew(cache, monkeypatch):
    """A kept text's HTML depends on more modules than the one that makes it."""
    assert build_cache.kept_bytes("kind", ("a",), lambda: b"old") == b"old"
    texts = build_cache.KeptTexts("texts", ("v",))
    texts.get("key", lambda: "old")
    texts.save()
    monkeypatch.setattr(build_cache, "code_version", lambda: "another generator")
    assert build_cache.kept_bytes("kind", ("a",), lambda: b"new") == b"new"
    assert build_cache.KeptTexts("texts", ("v",)).get("key", lambda: "new") == "new"
