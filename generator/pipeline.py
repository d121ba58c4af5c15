"""The one way in: every file a contributor edits is read here, once, and checked
with the same machinery; the result is one immutable SiteData.

    decision_tree.yaml --load--> --validate.py--> --build.py--> Tree (English)
    translations/LANG.yaml --load--> --translate.check--> --translate.localize--> Tree (LANG)
    tools.yaml --load--> --tools/check.py--> --tools/model.py--> Tools

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
from typing import Mapping

from . import kinds, loader, translate
from .build import build_tree
from .errors import Problem, TreeError
from .i18n import check_locale
from .model import Tree
from .readonly import freeze
from .tools import check as tools_check
from .tools.model import Tools, build_tools
from .validate import schema as tree_schema
from .validate import validate

ROOT = Path(__file__).resolve().parent.parent
TREE_FILE = "decision_tree.yaml"
# Beside the tree. Another tree without one (tests, benchmarks) gets the project's,
# with its links to steps and facts that tree lacks left out.
TOOLS_FILE = "tools.yaml"


@dataclass(frozen=True)
class SiteData:
    """Everything the site is built from, checked."""

    trees: Mapping[str, Tree]  # "en" first, then each translated language
    tools: Tools
    warnings: tuple[Problem, ...] = ()
    # Texts shown in English for want of a current translation: never a failure.
    translation_warnings: tuple[Problem, ...] = ()
    files: tuple[str, ...] = ()  # every data file read, for `watch` and messages
    # Per translated language: where each text stands (the translation status page).
    translations: Mapping[str, tuple[translate.State, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Read-only all the way down: the trees freeze themselves (model.Tree), the tools
        # are frozen when built; each translation state's raw entry is frozen here.
        object.__setattr__(self, "trees", freeze(self.trees))
        object.__setattr__(self, "translations", freeze({
            lang: tuple(replace(state, entry=freeze(state.entry)) for state in found)
            for lang, found in self.translations.items()}))
        for name in ("warnings", "translation_warnings", "files"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    @property
    def tree(self) -> Tree:
        return self.trees["en"]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.trees)


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

    @property
    def all_warnings(self) -> list[Problem]:
        """Every warning, as the command line reports them (in file order)."""
        return self.warnings + self.translation_warnings


def tools_path(tree_path: Path) -> Path:
    own = tree_path.parent / TOOLS_FILE
    return own if own.is_file() else ROOT / TOOLS_FILE


def check_site(tree_path: str | Path = TREE_FILE, *,
               strict_translations: bool = False) -> Checked:
    """Read and check the tree, its translations and tools.yaml. Later files are
    checked against the tree only when the tree itself is sound. A text without a
    current translation is a warning (its page shows the English), an error with
    strict_translations (for a release)."""
    tree_path = Path(tree_path)
    result = Checked(None)

    def read(path: Path) -> loader.Loaded | None:
        result.files.append(str(path))
        try:
            return loader.load_file(path)
        except TreeError as error:
            result.errors.extend(error.problems)
            return None

    loaded_tree = read(tree_path)
    if loaded_tree is None:
        return result
    errors, warnings = validate(loaded_tree)
    result.errors += errors
    result.warnings += warnings
    if errors:
        return result
    english = result.tree = build_tree(loaded_tree)

    translations: dict[str, loader.Loaded] = {}
    known: dict[str, list[translate.State]] = {}
    for lang in translate.languages(tree_path):
        loaded = read(translate.translation_path(tree_path, lang))
        if loaded is not None:
            known[lang] = translate.states(loaded_tree, loaded)  # one walk, used 3 times
            found, warned = translate.check(loaded_tree, loaded, lang, known[lang])
            result.errors += found + check_locale(lang)
            result.errors += kinds.check_translation(loaded_tree, loaded, tree_schema(),
                                                     translate.key_of)
            if strict_translations:
                result.errors += [replace(w, severity="error") for w in warned]
            else:
                result.translation_warnings += warned
            translations[lang] = loaded

    own_tools = tree_path.parent / TOOLS_FILE
    loaded_tools = read(tools_path(tree_path))
    if loaded_tools is not None:
        # A tree without its own tools.yaml borrows the project's, unchecked against it.
        result.errors += tools_check.check(loaded_tools, english if own_tools.is_file() else None)

    if not result.errors:
        trees = {"en": english}
        trees.update((lang, translate.localize(loaded_tree, loaded, known[lang]))
                     for lang, loaded in translations.items())
        result.site = SiteData(
            trees=trees, tools=build_tools(loaded_tools),
            warnings=tuple(result.warnings),
            translation_warnings=tuple(result.translation_warnings), files=tuple(result.files),
            translations={lang: tuple(found) for lang, found in known.items()})
    return result


def load_site(tree_path: str | Path = TREE_FILE, *,
              strict_translations: bool = False) -> SiteData:
    """The checked site data, or TreeError listing every problem found. Nothing in it
    depends on today's date (freshness.py reports how old each fact's check is)."""
    checked = check_site(tree_path, strict_translations=strict_translations)
    if checked.site is None:
        raise TreeError(checked.errors)
    return checked.site
