"""A pseudo-language made from data alone, in a copy of the project: the one line in
languages.yaml, translations/CODE.yaml (every text of the tree and tools.yaml), the
locale generator/locales/CODE.yaml and the pages content/CODE/, each text marked
"⟦…⟧" so a page shows which texts came from it. No code knows the language.

Its code is a language the site does not have yet that CLDR (Babel) and the search's
stemmers know, written left to right: chosen from what is installed, so no test names
a language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import material
import yaml
from babel import Locale

from generator import languages, loader, translate
from generator.pipeline import text_units
from generator.translation_file import _place, dump
from generator.written_translations import HASHES, _as_text, _entries

STEMMERS = Path(material.__file__).parent / "templates/assets/javascripts/lunr/min"
SLOT = re.compile(r"\{[a-z_]+\}|\{\{ *facts\.\w+ *\}\}")


def pseudo_code() -> str:
    """A language the site does not have: known to Babel and to the search, left to right."""
    taken = set(languages.codes())
    for stemmer in sorted(STEMMERS.glob("lunr.??.min.js")):
        code = stemmer.name.split(".")[1]
        try:
            ltr = Locale.parse(code).character_order == "left-to-right"
        except (ValueError, LookupError):
            continue
        if code not in taken and ltr:
            return code
    raise LookupError("no language left to pretend with")


def marked(text: str) -> str:
    """The text, marked: ⟦ before and ⟧ after each line, slots left as they are."""
    return "\n".join(f"⟦{line}⟧" if line.strip() and not line.lstrip().startswith(("-", "#", "|", "<"))
                     else line for line in text.split("\n"))


def add_language(project: Path) -> str:
    """Add the pseudo-language to the project copy; returns its code."""
    code = pseudo_code()
    with open(project / "languages.yaml", "a", encoding="utf-8") as config:
        config.write(f"- {{code: {code}, locale: {code}_{code.upper()}}}\n")
    # the tree's and tools.yaml's texts
    tree = loader.load_file(project / "decision_tree.yaml")
    tools = loader.load_file(project / "tools.yaml")
    done: dict = {}
    for unit in text_units(tree, tools):
        _place(done, unit.key, {"source_hash": translate.fingerprint(unit.english),
                                "text": marked(unit.english) if unit.key[0] != "sources"
                                else unit.english})
    (project / "translations" / f"{code}.yaml").write_text(dump(done), encoding="utf-8")
    # the site's own words
    locales = project / "generator" / "locales"
    english = loader.load_file(locales / "en.yaml")
    words = json.loads(json.dumps(english.data))
    words["lang"], words["name"] = code, Locale.parse(code).get_display_name(code)
    words["strings"] = {key: marked(text) for key, text in words["strings"].items()}
    words[HASHES] = {key: translate.fingerprint(_as_text(value))
                     for key, _, value in _entries(english)}
    (locales / f"{code}.yaml").write_text(dump(words), encoding="utf-8")
    # the hand-written pages
    (project / "content" / code).mkdir()
    for page in sorted((project / "content").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        front, body = text[4:].split("\n---\n", 1)
        matter = yaml.safe_load(front) or {}
        matter["source_hash"] = translate.fingerprint(text)
        for key in ("title", "description"):
            if key in matter:
                matter[key] = marked(matter[key])
        (project / "content" / code / page.name).write_text(
            "---\n" + yaml.safe_dump(matter, allow_unicode=True, sort_keys=False) + "---\n" + body,
            encoding="utf-8")
    return code
