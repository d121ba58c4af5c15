"""The site's languages, as tests name them: from languages.yaml, never by hand, so a
language added as data is tested like the others."""

from __future__ import annotations

from generator import languages

ENGLISH = languages.SOURCE
TRANSLATED = languages.translated()  # every language besides English
LANGUAGES = (ENGLISH, *TRANSLATED)


def prefix(lang: str) -> str:
    """Where a language's pages are: English at the root, the others in LANG/."""
    return "" if lang == ENGLISH else f"{lang}/"


PREFIXES = tuple(prefix(lang) for lang in LANGUAGES)
PREFIXED = tuple((prefix(lang), lang) for lang in LANGUAGES)  # ("", "en"), ("xx/", "xx"), ...


def reader_words() -> dict:
    """tests/fixtures/reader_words.yaml: the words readers type, by language."""
    import yaml
    from pathlib import Path

    path = Path(__file__).parent / "fixtures" / "reader_words.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


READER_WORDS = reader_words()
