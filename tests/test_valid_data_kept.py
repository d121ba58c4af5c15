"""Data a schema found valid is not checked again by the next process (schema_check.py,
_known_valid): a valid tree stays valid without the check, a broken one gets its exact
messages every time, and another schema checks the same data anew."""

from __future__ import annotations

import json

import pytest

from generator import schema_check
from generator.loader import load_bytes
from generator.validate import SCHEMA_PATH, describe


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("PARCEL_HELP_CACHE", raising=False)
    schema_check._known_valid.cache_clear()
    yield
    schema_check._known_valid.cache_clear()


def _new_process() -> None:
    schema_check._known_valid().save()
    schema_check._known_valid.cache_clear()


def _checks(monkeypatch) -> list[int]:
    """How many times the schema is applied from now on."""
    made: list[int] = []
    check = schema_check._schema_problems

    def counted(*args):
        made.append(1)
        return check(*args)
    monkeypatch.setattr(schema_check, "_schema_problems", counted)
    return made


def test_valid_data_is_not_checked_again(cache, monkeypatch, valid_text):
    loaded = load_bytes(valid_text.encode(), "t.yaml")
    assert schema_check.schema_problems(loaded, SCHEMA_PATH, describe) == []
    _new_process()
    made = _checks(monkeypatch)
    assert schema_check.schema_problems(loaded, SCHEMA_PATH, describe) == []
    assert made == []


def test_invalid_data_gets_its_messages_every_time(cache, monkeypatch, valid_text):
    broken = load_bytes(valid_text.replace("nodes:", "nodez:", 1).encode(), "t.yaml")
    first = schema_check.schema_problems(broken, SCHEMA_PATH, describe)
    assert first
    _new_process()
    made = _checks(monkeypatch)
    assert schema_check.schema_problems(broken, SCHEMA_PATH, describe) == first
    assert made == [1]


def test_another_schema_checks_the_same_data_anew(cache, monkeypatch, tmp_path, valid_text):
    loaded = load_bytes(valid_text.encode(), "t.yaml")
    assert schema_check.schema_problems(loaded, SCHEMA_PATH, describe) == []
    stricter = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    stricter["required"] = [*stricter.get("required", []), "no-such-section"]
    other = tmp_path / "stricter.schema.json"
    other.write_text(json.dumps(stricter), encoding="utf-8")
    _new_process()
    made = _checks(monkeypatch)
    assert schema_check.schema_problems(loaded, other, describe) != []
    assert made == [1]


def test_kinds_of_fields_from_kept_answers_are_jsonschemas(cache, monkeypatch, valid_text):
    """kinds.fields walks a node by the branch of the schema's if/then that describes
    it; the answers kept for the next process give the same kinds as jsonschema."""
    from generator import kinds
    from generator.validate import schema

    loaded = load_bytes(valid_text.encode(), "t.yaml")
    monkeypatch.setenv("PARCEL_HELP_CACHE", "off")
    kinds._kept_answers.cache_clear()
    fresh = list(kinds.fields(schema(), loaded.data))
    assert {kind for _, kind, _ in fresh} >= {"plain_text", "markdown", "id"}
    monkeypatch.delenv("PARCEL_HELP_CACHE")
    kinds._kept_answers.cache_clear()
    assert list(kinds.fields(schema(), loaded.data)) == fresh  # answered and kept
    kinds._kept_answers().save()
    kinds._kept_answers.cache_clear()
    assert list(kinds.fields(schema(), loaded.data)) == fresh  # taken back
    assert kinds._kept_answers().texts and not kinds._kept_answers().added
    kinds._kept_answers.cache_clear()
