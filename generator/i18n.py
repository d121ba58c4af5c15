"""Reader-facing words that do not come from the tree: template strings, units,
dates. One YAML file per language in locales/, with the same keys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import yaml

from .model import Fact

LOCALES = Path(__file__).parent / "locales"


def _plural_en(n: int) -> int:
    return 0 if n == 1 else 1


def _plural_ru(n: int) -> int:
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


PLURAL_RULES = {"en": _plural_en, "ru": _plural_ru}


@dataclass(frozen=True)
class Locale:
    lang: str
    data: Mapping

    def t(self, key: str, **values: str) -> str:
        text = self.data["strings"][key]
        return text.format(**values) if values else text

    def plural(self, n: int, forms: list[str]) -> str:
        return forms[PLURAL_RULES[self.data["plural"]](n)]

    def fact_text(self, fact: Fact) -> str:
        """A fact as readers see it: '5 days', '1 to 10 working days'."""
        forms = self.data["units"][fact.unit]
        if fact.max is None:
            return f"{fact.value} {self.plural(fact.value, forms)}"
        span = self.data["range"].format(low=fact.value, high=fact.max)
        return f"{span} {self.plural(fact.max, forms)}"

    def date_text(self, day: date) -> str:
        return self.data["date_format"].format(
            day=day.day, month=self.data["months"][day.month - 1], year=day.year)


@lru_cache(maxsize=None)
def locale(lang: str) -> Locale:
    with open(LOCALES / f"{lang}.yaml", encoding="utf-8") as handle:
        return Locale(lang, yaml.safe_load(handle))
