"""One search index per language: the search plugin writes one for the whole site;
this splits it, after the build, into one per language folder, with locations
relative to it (page_context.py points Material's search at the page's language)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .languages import ENGLISH, page_language

# Not worth a search result per step: the questionnaire's answers trail (a heading on
# every step's page, empty until questionnaire.js fills it), and the words of a step's
# page outside the step (its buttons'): the step's heading, with its text, is the
# step's result and opens its page (the page's entry stays, without text: the search
# shows a heading's result under its page's).
TRAIL_HEADING = "#pq-trail-title"
# lunr's pipeline functions, all of them: trim punctuation, drop stop words, stem.
STEMMING_PIPELINE = ("stemmer", "stopWordFilter", "trimmer")
STEP_PAGE = re.compile(r"^(?:[a-z]{2}/)?questionnaire/[^/#]+/$")


def split_search_index(site: Path, languages: list[str]) -> None:
    """Split the search plugin's one index into one per language, each in its own
    folder with locations relative to it (see base_url in on_page_context)."""
    index_file = site / "search" / "search_index.json"
    if len(languages) < 2 or not index_file.is_file():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    docs: dict[str, list] = {lang: [] for lang in languages}
    for doc in index["docs"]:
        if doc["location"].endswith(TRAIL_HEADING):
            continue
        if STEP_PAGE.match(doc["location"]):
            doc["text"] = ""
        lang = page_language(doc["location"])
        if lang != ENGLISH:
            doc["location"] = doc["location"][len(lang) + 1:]
        docs[lang].append(doc)
    for lang, found in docs.items():
        target = index_file if lang == ENGLISH else site / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        # Each index names its language first, for the search worker's stemmer; English
        # too, for the English words in every page (AliExpress, messages to sellers).
        config_part = dict(index["config"], lang=list(dict.fromkeys([lang, ENGLISH])))
        if lang != ENGLISH:
            # Material's default pipeline (its English one) leaves stemming out, so
            # "retenidos" would not find "retenido": each other language stems its words
            # (the worker removes from lunr's pipeline what is not listed here).
            config_part["pipeline"] = list(STEMMING_PIPELINE)
        target.write_text(json.dumps({"config": config_part, "docs": found},
                                     ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
