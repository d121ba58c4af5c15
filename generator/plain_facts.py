"""Facts in plain-text fields (titles, answer labels): filled in when the tree is built
for a language, so every place that shows such a text (the step, the trail of answers,
the map, search) shows "Fewer than 5 working days", never the placeholder. Markdown
fields keep their placeholders: they are filled as they are rendered (render.py)."""

from __future__ import annotations

import copy
from typing import Any

from . import kinds, markup
from .i18n import Locale, locale
from .languages import SOURCE
from .model import Fact


def filled(data: Any, schema: dict, facts: dict[str, Fact], words: Locale,
           fallbacks: frozenset[str] = frozenset()) -> tuple[Any, frozenset[str]]:
    """(data with each plain-text fact placeholder written out in words' language,
    fallbacks with the filled form of each English text left in English). A text left
    in English gets English figures, as a Markdown one does."""
    places = [(at, text) for at, kind, _ in kinds.fields(schema, data)
              if kind == "plain_text" and "{{" in (text := kinds.value_at(data, at))]
    if not places:
        return data, fallbacks
    data, shown_english = copy.deepcopy(data), set()
    for at, text in places:
        english = text in fallbacks
        language = locale(SOURCE) if english else words
        new = markup.fill_facts(text, lambda name, phrase: language.fact_text(facts[name], phrase))
        parent = kinds.value_at(data, at[:-1])
        parent[at[-1]] = new
        if english:
            shown_english.add(new)
    return data, fallbacks | shown_english
