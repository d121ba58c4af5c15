"""A fact's figure as a sentence in each language needs it: "5 days", "от 1 до 10
рабочих дней", "в течение 7 дней" ("within 7 days"), "de 3 a 7 días".

A text writes {{ facts.NAME }} for the bare figure, or {{ facts.NAME | PHRASE }} for
the figure inside a phrase of its own language (a preposition with the case it
governs). Each language's locale file (locales/LANG.yaml) holds its phrases, so a
translator picks the one their grammar needs without asking the English text:

    cases:            # unit forms in a grammatical case other than the plain one
      genitive:
        days: {one: дня, other: дней}
    range: "от {low} до {high}"   # the bare range ...
    range_case: genitive          # ... and the case of its unit ("до 21 дня")
    phrases:
      within:
        single: "в течение {n} {unit}"
        range: "в течение {low}–{high} {unit}"
        case: genitive

The unit's form follows CLDR's plural category (Babel) of the figure, or of the
upper end of a range.
"""

from __future__ import annotations

from typing import Callable, Iterator, Mapping

from .markup import SLOT, fill_template
# What each template must say and may say: a phrase without its figure is a mistake.
TEMPLATE_FIELDS = {"single": {"n", "unit"}, "range": {"low", "high", "unit"}}


def unit_forms(data: Mapping, unit: str, case: str | None) -> Mapping[str, str]:
    """The unit's forms by plural category in a case (None: the plain forms)."""
    return data["cases"][case][unit] if case else data["units"][unit]


def figure(data: Mapping, plural: Callable[[int], str], number: Callable[[int], str],
           value: int, high: int | None, unit: str, phrase: str | None = None) -> str:
    """The figure (value, or value to high) with its unit, bare or inside a phrase."""
    def form(n: int, case: str | None) -> str:
        forms = unit_forms(data, unit, case)
        return forms.get(plural(n)) or forms["other"]

    if phrase is None:
        if high is None:
            return f"{number(value)} {form(value, None)}"
        span = fill_template(data["range"], {"low": number(value), "high": number(high)})
        return f"{span} {form(high, data.get('range_case'))}"
    spec = data["phrases"][phrase]
    case = spec.get("case")
    if high is None:
        return fill_template(spec["single"], {"n": number(value), "unit": form(value, case)})
    return fill_template(spec["range"], {"low": number(value), "high": number(high),
                                         "unit": form(high, case)})


def phrase_names(data: Mapping) -> list[str]:
    return sorted((data.get("phrases") or {}).keys())


def unknown_phrase(phrase: str, data: Mapping, file: str) -> str:
    known = ", ".join(phrase_names(data)) or "none yet"
    return (f"unknown phrase '| {phrase}': the phrases in {file} are {known} "
            "(or write {{ facts.NAME }} for the bare figure)")


def locale_problems(data: Mapping) -> Iterator[tuple[tuple, str]]:
    """(location in the locale file, message) for each malformed case or phrase."""
    units = set((data.get("units") or {}).keys())
    cases = data.get("cases") or {}
    if not isinstance(cases, dict):
        yield ("cases",), "'cases' maps a case name to unit forms"
        cases = {}
    for case, forms in cases.items():
        missing = units - set(forms or {})
        if missing:
            yield ("cases", case), (f"case '{case}' needs forms for every unit: "
                                    f"{', '.join(sorted(missing))}")
    range_case = data.get("range_case")
    if range_case is not None and range_case not in cases:
        yield ("range_case",), f"range_case '{range_case}' is not one of the 'cases'"
    phrases = data.get("phrases") or {}
    if not isinstance(phrases, dict):
        yield ("phrases",), "'phrases' maps a phrase name to its single and range templates"
        return
    for name, spec in phrases.items():
        if not isinstance(spec, dict):
            yield ("phrases", name), f"phrase '{name}' needs 'single' and 'range' templates"
            continue
        for part, wanted in TEMPLATE_FIELDS.items():
            template = spec.get(part)
            if not isinstance(template, str):
                yield ("phrases", name), f"phrase '{name}' needs a '{part}' template"
            elif set(SLOT.findall(template)) != wanted:
                fields = ", ".join("{" + f + "}" for f in sorted(wanted))
                yield ("phrases", name, part), (f"phrases.{name}.{part} must use exactly "
                                                f"{fields}")
        case = spec.get("case")
        if case is not None and case not in cases:
            yield ("phrases", name, "case"), (f"phrases.{name}: case '{case}' is not one "
                                              "of the 'cases'")


def text_problems(text: str, lang: str) -> list[str]:
    """Each {{ facts.NAME | PHRASE }} in a text of one language names a phrase that
    language's locale file defines."""
    from . import i18n, markup  # i18n imports this module

    data = i18n.locale(lang).data
    return [unknown_phrase(phrase, data, f"locales/{lang}.yaml")
            for _, phrase in markup.fact_phrases(text)
            if phrase not in (data.get("phrases") or {})]
