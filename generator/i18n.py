"""Reader-facing words that do not come from the tree: template strings, units,
dates. One YAML file per language in locales/, with the same keys."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import yaml

from .errors import Problem, TreeError
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


def _genitive_ru(n: int) -> int:
    """After "до" (up to) Russian wants the genitive: "до 21 дня", "до 10 дней"."""
    return 0 if n % 10 == 1 and n % 100 != 11 else 1


PLURAL_RULES = {"en": _plural_en, "ru": _plural_ru, "ru_genitive": _genitive_ru}


@dataclass(frozen=True)
class Locale:
    lang: str
    data: Mapping

    def t(self, key: str, **values: str) -> str:
        text = self.data["strings"][key]
        return text.format(**values) if values else text

    def plural(self, n: int, forms: list[str]) -> str:
        return forms[PLURAL_RULES[self.data["plural"]](n)]

    def number(self, n: int) -> str:
        """1,000 in English, 1 000 in Russian (a no-break space)."""
        return f"{n:,}".replace(",", self.data.get("thousands", ","))

    def fact_text(self, fact: Fact) -> str:
        """A fact as readers see it: '5 days', '1 to 10 working days';
        '5 дней', 'от 1 до 10 рабочих дней'."""
        if fact.max is None:
            forms = self.data["units"][fact.unit]
            return f"{self.number(fact.value)} {self.plural(fact.value, forms)}"
        span = self.data["range"].format(low=self.number(fact.value), high=self.number(fact.max))
        # A language may inflect the unit after a range differently (range_units).
        forms = self.data.get("range_units", self.data["units"])[fact.unit]
        rule = PLURAL_RULES[self.data.get("range_plural", self.data["plural"])]
        return f"{span} {forms[rule(fact.max)]}"

    def date_text(self, day: date) -> str:
        return self.data["date_format"].format(
            day=day.day, month=self.data["months"][day.month - 1], year=day.year)


@lru_cache(maxsize=None)
def locale(lang: str) -> Locale:
    with open(LOCALES / f"{lang}.yaml", encoding="utf-8") as handle:
        return Locale(lang, yaml.safe_load(handle))


# --- the check: every English string has a translation -------------------------------

_FIELD = re.compile(r"\{(\w+)\}")


def _shown(path: Path) -> str:
    """A path as a reader types it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def check_locale(lang: str) -> list[Problem]:
    """Every key of en.yaml has a value in LANG.yaml, with the same {placeholders}.
    A missing key points at its English line; a wrong value at its own line."""
    from .loader import load_file  # the loader gives line numbers

    english_path, other_path = LOCALES / "en.yaml", LOCALES / f"{lang}.yaml"
    try:
        english = load_file(english_path)
        other = load_file(other_path)
    except TreeError as error:
        return list(error.problems)
    english.path, other.path = _shown(english_path), _shown(other_path)
    problems = []
    for section in ("strings", "units", "months", "range", "date_format", "plural"):
        theirs = other.data.get(section)
        if theirs is None:
            problems.append(english.problem((section,), f"'{section}' has no {lang} value in "
                                                        f"{other.path}", key=True))
    for section in ("strings", "units"):
        ours, theirs = english.data.get(section) or {}, other.data.get(section) or {}
        for key, text in ours.items():
            if key not in theirs:
                problems.append(english.problem(
                    (section, key), f"{section}.{key} has no {lang} text in {other.path}",
                    key=True))
            elif isinstance(text, str) and isinstance(theirs[key], str) and \
                    set(_FIELD.findall(text)) != set(_FIELD.findall(theirs[key])):
                problems.append(other.problem(
                    (section, key), f"{section}.{key} must use the same {{placeholders}} as "
                                    f"the English: {', '.join(sorted(_FIELD.findall(text)))}"))
    if len(other.data.get("months") or ()) != 12:
        problems.append(other.problem(("months",), "months must name all 12 months"))
    return problems
