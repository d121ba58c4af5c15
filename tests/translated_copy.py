"""A copy of the site's data with every translation current, for the tests of the
release commands (`validate --strict-translations`, `STRICT_TRANSLATIONS=true make build`)
and of what an English-only change leaves behind.

The working tree may hold stale or missing translations (an English-only pull request
does: that is allowed). A test that needs a fully translated tree makes one here rather
than counting the working tree's stale texts, so it passes for any honest pull request.
A text without a current translation gets its English as its "translation": the copy is
complete as far as the checker can tell, and the English shows where it is read."""

from __future__ import annotations

import functools
import shutil
import tempfile
from pathlib import Path

from generator import languages, loader, translate
from generator.pipeline import text_units, tools_path
from generator.translation_file import _place, dump
from generator.written_translations import HASHES, PAGE_HASH, _as_text, _entries

from site_languages import TRANSLATED  # noqa: E402  every language besides English
DATA_FILES = ("decision_tree.yaml", "tools.yaml",
              *(f"translations/{lang}.yaml" for lang in TRANSLATED))


def units_of(tree_data, tools_data) -> list[translate.Unit]:
    """Every text of the tree's and tools.yaml's data that a translation holds."""
    return text_units(loader.Loaded(tree_data, "decision_tree.yaml"),
                      loader.Loaded(tools_data, "tools.yaml"))


def completed(english: loader.Loaded, translation: dict,
              tools: loader.Loaded | None = None) -> dict:
    """A translation's data with an entry, current, for every text of the tree and
    tools.yaml (the project's, unless given)."""
    tools = tools or loader.load_file(tools_path(Path(english.path)))
    done: dict = {}
    for unit in text_units(english, tools):
        entry = translate.lookup(translation, unit.key)
        if translate.is_entry(entry) and not entry.get("todo") and \
                entry["source_hash"] == translate.fingerprint(unit.english):
            kept = entry
        else:
            kept = {"source_hash": translate.fingerprint(unit.english), "text": unit.english}
        _place(done, unit.key, kept)  # leftovers are not carried over
    return done


def complete_translations(tree: Path) -> None:
    """Bring tree's translations/*.yaml up to date with it, in place; in a project copy
    (tests/project_copy.py) its locales' source_hashes and its pages' source_hash too."""
    english = loader.load_file(tree)
    for lang in languages.translated(tree.parent):
        path = translate.translation_path(tree, lang)
        if path.is_file():
            done = completed(english, loader.load_file(path).data)
            path.write_text(dump(done), encoding="utf-8")
        locales = tree.parent / "generator" / "locales"
        if (locales / f"{lang}.yaml").is_file() and not locales.is_symlink():
            _complete_locale(locales / "en.yaml", locales / f"{lang}.yaml")
        for page in sorted((tree.parent / "content" / lang).glob("*.md")):
            _complete_page(tree.parent / "content" / page.name, page)


def _complete_locale(english: Path, other: Path) -> None:
    """Record every English text of the locale as the one its translation is from."""
    hashes = {key: translate.fingerprint(_as_text(value))
              for key, _, value in _entries(loader.load_file(english))}
    text = other.read_text(encoding="utf-8")
    text = text[:text.index(f"\n{HASHES}:")] if f"\n{HASHES}:" in text else text
    other.write_text(text.rstrip("\n") + f"\n{HASHES}:\n" + "".join(
        f"  {key}: '{value}'\n" for key, value in hashes.items()), encoding="utf-8")


def _complete_page(english: Path, page: Path) -> None:
    if not english.is_file():
        return
    text, wanted = page.read_text(encoding="utf-8"), translate.fingerprint(
        english.read_text(encoding="utf-8"))
    line = f"source_hash: {wanted}"
    if PAGE_HASH.search(text):
        text = PAGE_HASH.sub(line, text, count=1)
    else:
        text = "---\n" + line + "\n" + text.removeprefix("---\n")
    page.write_text(text, encoding="utf-8")


def translated_copy(source: Path, dest: Path) -> Path:
    """The data files of the project at source, copied into dest and completed; returns
    the copy's tree."""
    for name, data in _completed_files(source, _stamp(source)).items():
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / name).write_bytes(data)
    return dest / DATA_FILES[0]


def _stamp(source: Path) -> tuple:
    return tuple((name, (source / name).stat().st_mtime_ns, (source / name).stat().st_size)
                 for name in DATA_FILES)


@functools.lru_cache(maxsize=None)
def _completed_files(source: Path, stamp: tuple) -> dict[str, bytes]:
    """The completed files' bytes, made once per process for the same sources (stamp:
    their times and sizes): completing them (loading, checking every text's
    fingerprint, writing YAML) was about a second of every test that asks for a copy."""
    with tempfile.TemporaryDirectory() as folder:
        for name in DATA_FILES:
            (Path(folder) / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source / name, Path(folder) / name)
        complete_translations(Path(folder) / DATA_FILES[0])
        return {name: (Path(folder) / name).read_bytes() for name in DATA_FILES}
