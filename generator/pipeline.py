"""The one way in: every file a contributor edits is read here, once, and checked
with the same machinery; the result is one immutable SiteData.

    decision_tree.yaml --load--> --validate.py--> --build.py--> Tree (English)
    tools.yaml --load--> --tools/check.py--> --tools/model.py--> Tools (English)
    translations/LANG.yaml --load--> --translate.check--> --translate.localize-->
        Tree and Tools (LANG), for each language of languages.yaml that has one

The CLI, the mkdocs adapter, the renderer, the benchmark and the tests take what
check_site() or load_site() return, read-only all the way down, and read none of these
files again. Two readers stand apart: the interface strings (generator/locales/LANG.yaml),
checked here but read again by i18n.py for the pages (their words, and the lines edit
links open); and `translations --update`, which reads the tree and one translation file
afresh to rewrite that file, then checks again through here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Mapping

from . import i18n, languages, loader, plain_facts, translate
from . import written_translations as written
from .build import build_tree
from .errors import Problem, TreeError
from .i18n import check_locale, locale
from .model import Tree
from .readonly import freeze
from .schema_check import load_schema
from .tools import check as tools_check
from .tools.model import Tools, build_tools
from .validate import schema as tree_schema
from .validate import validate

ROOT = Path(__file__).resolve().parent.parent
TREE_FILE = "decision_tree.yaml"
# Beside the tree. Another tree without one (tests, benchmarks) gets the project's,
# with its links to steps and facts that tree lacks left out.
TOOLS_FILE = "tools.yaml"
TOOLS_KEY = ("tools",)  # where tools.yaml's texts stand in a translation file
CONTENT = "content"  # the hand-written pages, beside the tree: content/LANG/ per language
Load = Callable[[Path], loader.Loaded]  # reads and parses one data file


@dataclass(frozen=True)
class SiteData:
    """Everything the site is built from, checked."""

    trees: Mapping[str, Tree]  # "en" first, then each translated language
    tools: Tools  # in English
    warnings: tuple[Problem, ...] = ()
    # Texts shown in English for want of a current translation: never a failure.
    translation_warnings: tuple[Problem, ...] = ()
    files: tuple[str, ...] = ()  # every data file read, for `watch` and messages
    # Per translated language: where each text stands (the translation status page).
    translations: Mapping[str, tuple[translate.State, ...]] = field(default_factory=dict)
    # Per translated language: tools.yaml's texts in it (English where not translated).
    translated_tools: Mapping[str, Tools] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Read-only all the way down: the trees freeze themselves (model.Tree), the tools
        # are frozen when built; each translation state's raw entry is frozen here, and
        # its unit keeps its place and text but not the English file it was checked
        # against (the check is done; the status page needs only lines and words).
        object.__setattr__(self, "trees", freeze(self.trees))
        object.__setattr__(self, "translated_tools", freeze(self.translated_tools))
        object.__setattr__(self, "translations", freeze({
            lang: tuple(replace(state, entry=freeze(state.entry), unit=replace(
                state.unit, source=None, schema=freeze(state.unit.schema)))
                for state in found)
            for lang, found in self.translations.items()}))
        for name in ("warnings", "translation_warnings", "files"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    @property
    def tree(self) -> Tree:
        return self.trees[languages.SOURCE]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.trees)

    def tools_in(self, lang: str) -> Tools:
        return self.translated_tools.get(lang, self.tools)


@dataclass
class Checked:
    """What check_site found: the site when there are no errors."""

    site: SiteData | None
    tree: Tree | None = None  # the English tree, when the tree file itself is sound
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # texts shown in English for want of a current translation: never a failure
    translation_warnings: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    # for `translations --update`: every English text to translate, and each configured
    # language's translation file as read (None: there is none yet)
    units: list[translate.Unit] = field(default_factory=list)
    translation_files: dict[str, loader.Loaded | None] = field(default_factory=dict)

    @property
    def all_warnings(self) -> list[Problem]:
        """Every warning, as the command line reports them (in file order)."""
        return self.warnings + self.translation_warnings


def _read_locale(lang: str, result: Checked, load: Load) -> loader.Loaded | None:
    try:
        return i18n.read_locale(lang, load)
    except TreeError as error:
        result.errors.extend(error.problems)
        return None


def _page_states(content: Path, lang: str) -> list[translate.State]:
    """Where each hand-written page stands in lang (none: a tree without pages)."""
    if not content.is_dir():
        return []
    read = lambda path: written.PageText(str(path), path.read_text(encoding="utf-8"))
    return written.page_states([read(p) for p in sorted(content.glob("*.md"))],
                               {p.name: read(p) for p in sorted((content / lang).glob("*.md"))},
                               lang)


def text_units(tree: loader.Loaded | None,
               tools: loader.Loaded | None) -> list[translate.Unit]:
    """Every text of the tree and of tools.yaml that a translation file holds."""
    found = translate.units(tree, tree_schema()) if tree is not None else []
    if tools is not None:
        found += translate.units(tools, load_schema(tools_check.SCHEMA_PATH), TOOLS_KEY)
    return found


def tools_path(tree_path: Path) -> Path:
    own = tree_path.parent / TOOLS_FILE
    return own if own.is_file() else ROOT / TOOLS_FILE


def check_site(tree_path: str | Path = TREE_FILE, *, strict_translations: bool = False,
               load: Load = loader.load_file) -> Checked:
    """Read and check the tree, its translations and tools.yaml. Later files are
    checked against the tree only when the tree itself is sound. A text without a
    current translation is a warning (its page shows the English), an error with
    strict_translations (for a release). load reads each file (`mkdocs serve`: one
    that keeps the files that did not change, parsed_files.py)."""
    tree_path = Path(tree_path)
    result = Checked(None)

    def read(path: Path) -> loader.Loaded | None:
        result.files.append(str(path))
        try:
            return load(path)
        except TreeError as error:
            result.errors.extend(error.problems)
            return None

    loaded_tree = read(tree_path)
    if loaded_tree is None:
        return result
    # The locales first: the checks below use their words (reserved heading ids, facts'
    # phrases); each file is read once here and installed for them.
    english_locale = _read_locale(languages.SOURCE, result, load)
    other_locales = {lang: _read_locale(lang, result, load)
                     for lang in languages.translated(tree_path.parent)
                     if english_locale and translate.translation_path(tree_path, lang).is_file()}
    locales = {lang: i18n.Locale(lang, loaded.data, loaded) for lang, loaded in
               [(languages.SOURCE, english_locale), *other_locales.items()] if loaded}
    i18n.install(locales)
    errors, warnings = validate(loaded_tree)
    result.errors += errors
    result.warnings += warnings
    if errors:
        return result
    english = result.tree = _with_plain_facts(build_tree(loaded_tree), loaded_tree,
                                              languages.SOURCE)

    own_tools = tree_path.parent / TOOLS_FILE
    loaded_tools = read(tools_path(tree_path))
    tool_units: list[translate.Unit] = []
    if loaded_tools is not None:
        # A tree without its own tools.yaml borrows the project's, unchecked against it.
        found = tools_check.check(loaded_tools, english if own_tools.is_file() else None)
        result.errors += found
        if not found:
            tool_units = text_units(None, loaded_tools)
    all_units = result.units = text_units(loaded_tree, None) + tool_units

    translations: dict[str, loader.Loaded] = {}
    known: dict[str, list[translate.State]] = {}
    for lang in languages.translated(tree_path.parent):
        path = translate.translation_path(tree_path, lang)
        loaded = result.translation_files[lang] = read(path) if path.is_file() else None
        if loaded is None:
            continue
        known[lang] = translate.states(all_units, loaded)  # one walk, used 3 times
        found, warned = translate.check(known[lang], loaded, lang,
                                        loaded_tree.data.get("facts", {}))
        result.errors += found
        other = other_locales.get(lang)
        if other is not None:
            result.errors += check_locale(lang, english_locale, other)
            words = written.locale_states(english_locale, other)
            pages = _page_states(tree_path.parent / CONTENT, lang)
            warned += written.locale_warnings(words, other, lang) + \
                written.page_warnings(pages, lang)
            known[lang] += words + pages
            locales[lang] = i18n.with_fallback(lang, other, english_locale.data, {
                item.unit.key[1] for item in words if item.shown_in_english})
        if strict_translations:
            result.errors += [replace(w, severity="error") for w in warned]
        else:
            result.translation_warnings += warned
        translations[lang] = loaded
    i18n.install(locales)

    if not result.errors:
        trees = {"en": english}
        tools = {}
        for lang, loaded in translations.items():
            trees[lang] = _localized_tree(loaded_tree, loaded, known[lang], lang, english)
            data, fallbacks = translate.localize(loaded_tools, known[lang])
            tools[lang] = build_tools(replace(loaded_tools, data=data), fallbacks)
        result.site = SiteData(
            trees=trees, tools=build_tools(loaded_tools),
            warnings=tuple(result.warnings),
            translation_warnings=tuple(result.translation_warnings), files=tuple(result.files),
            translations={lang: tuple(found) for lang, found in known.items()},
            translated_tools=tools)
    return result


def _localized_tree(tree: loader.Loaded, translation: loader.Loaded,
                    found: list[translate.State], lang: str, english: Tree) -> Tree:
    """The tree in a language. Its path and lines are the translation file's: edit links
    open the translated text."""
    data, fallbacks = translate.localize(tree, found)
    data, fallbacks = plain_facts.filled(data, tree_schema(), english.facts, locale(lang),
                                         fallbacks)
    localized = build_tree(loader.Loaded(data, translation.path, translation.positions,
                                         translation.key_positions, translation.lines))
    return replace(localized, fallbacks=fallbacks)


def _with_plain_facts(tree: Tree, loaded: loader.Loaded, lang: str) -> Tree:
    """The tree with facts in its plain-text fields written out (plain_facts.py)."""
    data, _ = plain_facts.filled(loaded.data, tree_schema(), tree.facts, locale(lang))
    if data is loaded.data:
        return tree
    return build_tree(replace(loaded, data=data))


def load_site(tree_path: str | Path = TREE_FILE, *, strict_translations: bool = False,
              load: Load = loader.load_file) -> SiteData:
    """The checked site data, or TreeError listing every problem found. Nothing in it
    depends on today's date (freshness.py reports how old each fact's check is)."""
    checked = check_site(tree_path, strict_translations=strict_translations, load=load)
    if checked.site is None:
        raise TreeError(checked.errors)
    return checked.site
