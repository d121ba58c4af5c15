"""Names the site keeps for itself, which a contributor's names must not take.

A guide slug is a page under guides/, a node id an element id on the questionnaire
and the embed, a guide heading an element id on its page. Where one of them equals a
name the site makes itself, one of the two is lost: a guide `index` replaced the list
of guides; a node `start-title` took the start question's heading id, so without
JavaScript answering it showed the start again; a heading `__config` duplicated the
theme's configuration script, and search never started.

The renderer takes the page names and the heading slug from here; tests/test_refused.py
holds this list to every id the built pages carry.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from pymdownx.slugs import slugify

# The slug the toc extension gives a heading (mkdocs_adapter.on_config sets the same);
# the renderer gives guide headings their ids with it.
heading_slug = slugify(case="lower")

# Pages the generator writes under guides/ besides one per guide (render.py).
GUIDES_INDEX = "index"
GUIDE_PAGES = (GUIDES_INDEX,)

# Ids steps.html.j2 writes on the questionnaire and the embed besides the nodes' own
# (a section per node, its aliases' markers, and each node's heading, STEP_TITLE);
# the pages' title (questionnaire.md.j2, embed.md.j2) has the id of its words' slug in
# each language (step_page_ids).
STEP_PAGE_IDS = ("pq-trail-title",)
# Names render.questionnaire_pages gives under questionnaire/ and embed/ besides one page
# per node and alias: `index` would be the first page's own file, `steps` the folder of
# each step's data (steps/ID.json).
STEP_DATA_FOLDER = "steps"
STEP_FOLDER_NAMES = ("index", STEP_DATA_FOLDER)
STEP_TITLE_SUFFIX = "-title"
PAGE_TITLE_KEY = "questionnaire_title"

# Ids tool_message.md.j2 writes on the message page besides the messages' own, and
# the locale words of its headings (their slugs are ids too).
MESSAGE_PAGE_IDS = ("dm-situation", "dm-order", "dm-tracking", "dm-date", "dm-date-label",
                    "dm-message", "dm-flags")
MESSAGE_PAGE_HEADINGS = ("tools_dm_title", "tools_dm_templates_title",
                         "tools_dm_rules_chars_title")

# Material's own ids all start with two underscores: __config (its configuration
# script), __search, __drawer, __toc, __palette_0, __nav_5_label, __skip, __consent,
# __code_0, __tabbed_1_1 ... A heading slug may not start so.
THEME_PREFIX = "__"


def step_title_id(node_id: str) -> str:
    return node_id + STEP_TITLE_SUFFIX


@lru_cache(maxsize=16)
def _heading_ids(keys: tuple[str, ...], version: tuple) -> frozenset[str]:
    """The ids of headings whose words come from the locale, in every language (kept
    while the locale files' version stays the same)."""
    from .i18n import LOCALES, locale
    return frozenset(heading_slug(locale(path.stem).t(key), "-")
                     for path in sorted(LOCALES.glob("*.yaml")) for key in keys)


def step_page_ids() -> frozenset[str]:
    """Every id of the questionnaire page's own: STEP_PAGE_IDS and its title's."""
    return frozenset(STEP_PAGE_IDS) | _heading_ids((PAGE_TITLE_KEY,), _locales_version())


def message_page_ids() -> frozenset[str]:
    return frozenset(MESSAGE_PAGE_IDS) | _heading_ids(MESSAGE_PAGE_HEADINGS,
                                                      _locales_version())


def _locales_version() -> tuple:
    from .i18n import locales_version
    return locales_version()


def guide_slug_problem(slug: str) -> str | None:
    if slug in GUIDE_PAGES:
        return (f"guide slug '{slug}' is the page that lists the guides (guides/{slug}.md, "
                "/guides/); choose another")
    return None


def step_id_problem(name: str, node_ids: Iterable[str], what: str = "node id") -> str | None:
    """Why a node id or alias would take an id the questionnaire page already has."""
    if name in STEP_FOLDER_NAMES:
        return (f"{what} '{name}' is a name the questionnaire keeps for its own files "
                f"(questionnaire/{name}/); choose another")
    if name in step_page_ids():
        return (f"{what} '{name}' is an id the questionnaire page uses for itself; "
                "choose another")
    if name.endswith(STEP_TITLE_SUFFIX):
        owner = name[: -len(STEP_TITLE_SUFFIX)]
        if owner in node_ids:
            return (f"{what} '{name}' is the id of node '{owner}''s heading on the "
                    "questionnaire page; choose another")
    return None


def heading_problem(heading: str) -> str | None:
    """Why a guide heading's id would take one of the theme's."""
    slug = heading_slug(heading, "-")
    if slug.startswith(THEME_PREFIX):
        shown = slug if len(slug) <= 40 else slug[:40] + "…"
        return (f"this heading's id would be '{shown}', and ids starting with "
                f"{THEME_PREFIX} belong to the theme (its configuration, search, menus); "
                "reword the start of the heading")
    return None


def message_id_problem(message_id: str) -> str | None:
    if message_id in message_page_ids():
        return (f"message id '{message_id}' is an id the message page uses for itself; "
                "choose another")
    return None
