"""Site search finds questionnaire steps: the built index of each language has an entry
for a step, whose address opens that step (the step's heading, inside its section)."""

from __future__ import annotations

import json

import pytest

from site_data import TREES

# (language, index file, word a reader types, step it must find)
CASES = [
    ("en", "search/search_index.json", "customs", "customs-held"),
    ("en", "search/search_index.json", "customs", "customs-fee"),
    ("en", "search/search_index.json", "locker", "pickup-no-notice"),
    ("ru", "ru/search/search_index.json", "таможня", "customs-held"),
    ("ru", "ru/search/search_index.json", "постамат", "pickup-no-notice"),
]


def step_entries(site_dir, index: str) -> dict[str, dict]:
    docs = json.loads((site_dir / index).read_text(encoding="utf-8"))["docs"]
    return {doc["location"]: doc for doc in docs if doc["location"].startswith("questionnaire/")}


@pytest.mark.parametrize("lang, index, word, step", CASES)
def test_the_index_holds_the_step_itself(site_dir, lang, index, word, step):
    entries = step_entries(site_dir, index)
    # The theme indexes each heading; a step's heading is STEP-title, on the step's
    # own page, so the address opens that step.
    entry = entries.get(f"questionnaire/{step}/#{step}-title")
    assert entry is not None, sorted(entries)
    assert entry["title"] == TREES[lang].nodes[step].title
    assert word in (entry["title"] + " " + entry["text"]).lower()
