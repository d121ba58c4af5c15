"""Reader-facing words that do not come from the tree: template strings, units,
dates. One YAML file per language in locales/, with the same keys. The pipeline reads
them once per build and installs them here (install()); locale() reads a file itself
only for a caller outside a build (a test)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Mapping

from babel import Locale as BabelLocale
from babel.numbers import format_decimal

from . import phrases
from .errors import Problem, TreeError
from .languages import SOURCE
from .markup import SLOT, fill_template
from .model import Fact
from .stamps import stamp

LOCALES = Path(__file__).parent / "locales"


@dataclass(frozen=True)
class Locale:
    """A language's words (locales/LANG.yaml) and what CLDR knows of it (Babel):
    plural rules, number formats, month names."""

    lang: str
    data: Mapping
    loaded: Any = field(default=None, compare=False, repr=False)  # its file, as read

    @cached_property
    def cldr(self) -> BabelLocale:
        return BabelLocale.parse(self.lang)

    def t(self, key: str, **values: str) -> str:
        text = self.data["strings"][key]
        return fill_template(text, values)

    def plural(self, n: int, forms: Mapping[str, str]) -> str:
        """The form for n, by CLDR plural category (one, few, many, other)."""
        return forms.get(self.cldr.plural_form(n)) or forms["other"]

    def number(self, n: int) -> str:
        """1,000 in English, 1 000 in Russian (a no-break space)."""
        return format_decimal(n, locale=self.cldr)

    @property
    def months(self) -> list[str]:
        """Month names as a date writes them (Russian: genitive, "1 ноября")."""
        wide = self.cldr.months["format"]["wide"]
        return [wide[month] for month in range(1, 13)]

    def fact_text(self, fact: Fact, phrase: str | None = None) -> str:
        """A fact as readers see it: '5 days', '1 to 10 working days';
        '5 дней', 'от 1 до 10 рабочих дней'; with a phrase of this language,
        'в течение 3–7 дней' (phrases.py)."""
        return phrases.figure(self.data, self.cldr.plural_form, self.number,
                              fact.value, fact.max, fact.unit, phrase)

    def date_text(self, day: date) -> str:
        """The same pattern the deadline calculator's script fills in (date_format)."""
        return fill_template(self.data["date_format"], {
            "day": day.day, "month": self.months[day.month - 1], "year": day.year})


def string_source(lang: str, key: str) -> tuple[str, int]:
    """The locale file and line that hold one of its strings: where a contributor edits
    a page whose words are the locale's (a tool page's heading and introduction)."""
    loaded = locale(lang).loaded
    return loaded.path, loaded.where(("strings", key), key=True)[0]


_installed: dict[str, Locale] = {}


def install(locales: Mapping[str, Locale]) -> None:
    """The locales of this build (a new build's replace the last's: `make serve` shows
    an edit)."""
    _installed.update(locales)


def read_locale(lang: str, load: Callable[[Path], Any] | None = None) -> Any:
    """A locale file, loaded with its lines (loader.Loaded), named as a reader types it.
    load: how the file is read (by default, loader.load_file)."""
    from .loader import load_file  # the loader gives line numbers
    loaded = (load or load_file)(LOCALES / f"{lang}.yaml")
    loaded.path = _shown(LOCALES / f"{lang}.yaml")
    return loaded


def locale(lang: str) -> Locale:
    if lang not in _installed:
        loaded = read_locale(lang)
        _installed[lang] = Locale(lang, loaded.data, loaded)
    return _installed[lang]


def with_fallback(lang: str, loaded: Any, english: Mapping, shown_in_english: set) -> Locale:
    """A language's locale where each text in shown_in_english (keys `strings.KEY`,
    `range`, ...), missing or stale, is the English."""
    data = {key: dict(value) if isinstance(value, dict) else value
            for key, value in loaded.data.items()}
    for dotted in shown_in_english:
        section, _, key = dotted.partition(".")
        if key:
            data.setdefault(section, {})[key] = english[section][key]
        else:
            data[section] = english[section]
    return Locale(lang, data, loaded)


def locales_version() -> tuple:
    """Changes whenever a locale file does."""
    paths = sorted(LOCALES.glob("*.yaml"))
    return tuple(zip((path.name for path in paths), stamp(*paths)))


# --- the check: every English string has a translation -------------------------------

def _shown(path: Path) -> str:
    """A path as a reader types it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def check_locale(lang: str, english: Any = None, other: Any = None) -> list[Problem]:
    """A value of LANG.yaml has the same {placeholders} as the English, and the plural
    forms its language needs (a missing one is a warning: written_translations.py).
    english, other: the files as read (loader.Loaded), or read here."""
    try:
        english = english or read_locale(SOURCE)
        other = other or read_locale(lang)
    except TreeError as error:
        return list(error.problems)
    problems = []
    for section in ("strings", "units"):
        ours, theirs = english.data.get(section) or {}, other.data.get(section) or {}
        for key, text in ours.items():
            if key not in theirs:
                continue  # a warning: the page shows the English
            if isinstance(text, str) and isinstance(theirs[key], str) and \
                    set(SLOT.findall(text)) != set(SLOT.findall(theirs[key])):
                problems.append(other.problem(
                    (section, key), f"{section}.{key} must use the same {{placeholders}} as "
                                    f"the English: {', '.join(sorted(SLOT.findall(text)))}"))
    for unit, forms in (other.data.get("units") or {}).items():
        wanted = set(BabelLocale.parse(lang).plural_form.tags) - {"other"}
        if isinstance(forms, dict) and not wanted <= set(forms) and "other" not in forms:
            problems.append(other.problem(("units", unit), f"units.{unit} needs the forms "
                                                           f"{', '.join(sorted(wanted))}"))
    for loaded in (english, other):
        problems += [loaded.problem(at, message)
                     for at, message in phrases.locale_problems(loaded.data)]
    return problems
