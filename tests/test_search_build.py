"""Site search finds questionnaire steps: the built index of each language has an entry
for a step, whose address opens that step (the step's heading, inside its section)."""

from __future__ import annotations

import json

import pytest

from site_data import TREES
from site_languages import LANGUAGES, READER_WORDS, prefix

# (language, index file, word a reader types, step it must find): from the readers'
# words of each language (tests/fixtures/reader_words.yaml)
CASES = [(lang, f"{prefix(lang)}search/search_index.json", found["word"], found["step"])
         for lang in LANGUAGES for found in READER_WORDS.get(lang, {}).get("find", [])]


def test_reader_words_cover_every_language():
    missing = [lang for lang in LANGUAGES
               if not READER_WORDS.get(lang, {}).get("find")
               or not READER_WORDS[lang].get("common")
               or (lang != LANGUAGES[0] and not READER_WORDS[lang].get("stems"))]
    assert not missing, ("tests/fixtures/reader_words.yaml needs words for "
                         f"{', '.join(missing)} (see its header)")


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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_translation_status_is_not_searchable(site_dir, lang):
    """A translators' page that lists every text of the tree: each would be a false hit
    for readers (as the embed, it is left out of the index)."""
    index = json.loads((site_dir / prefix(lang) / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and not [doc["location"] for doc in index["docs"]
                                  if doc["location"].startswith("translation-status/")]
    if lang != LANGUAGES[0]:
        assert (site_dir / lang / "translation-status" / "index.html").is_file()
