"""The only place the generator meets mkdocs: load and check the tree when the build
starts, then add the rendered pages as virtual files (never written into docs_dir,
which would make `mkdocs serve` rebuild in a loop).

mkdocs.yml names this file under `hooks:`; `watch:` lists the tree, generator/ and
site_overrides/ so edits to any of them rebuild the site.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator import embed
from generator.errors import TreeError
from generator.render import Renderer
from generator.tools import TOOLS_FILE, tools_for
from generator.translate import LANGUAGES, load_all

log = logging.getLogger(f"mkdocs.hooks.{__name__}")

# PARCEL_HELP_TREE builds the site from another tree (tests, benchmarks).
TREE_FILE = os.environ.get("PARCEL_HELP_TREE", "decision_tree.yaml")
GUIDE_LIST_MARKER = "<!-- parcel-help:guide-list -->"
# The "Embed the questionnaire" page: the snippet to copy, and the embed live.
EMBED_SNIPPET_MARKER = "<!-- parcel-help:embed-snippet -->"
EMBED_PREVIEW_MARKER = "<!-- parcel-help:embed-preview -->"
# The tree on the repository host, next to mkdocs.yml's repo_url (branch as in edit_uri).
TREE_VIEW_URI = "blob/main/decision_tree.yaml"

_renderers: dict[str, Renderer] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    path = Path(config.config_file_path).parent / TREE_FILE  # an absolute TREE_FILE wins
    try:
        # The tree, and the tree in each language of translations/ (generator/translate.py).
        trees, warnings = load_all(path)
    except TreeError as error:
        raise Abort(f"{TREE_FILE} or its translations have errors:\n{error}")
    for warning in warnings:
        log.warning(warning.format())
    try:  # the buyer tools' data (issue 5), checked against the tree
        tools_for(trees["en"])
    except TreeError as error:
        raise Abort(f"{TOOLS_FILE} has errors:\n{error}")
    _renderers.clear()
    _renderers[""] = Renderer(trees.pop("en"), "en", edit_url=tree_edit_url(config))
    for lang, tree in trees.items():  # Russian under ru/
        _renderers[f"{lang}/"] = Renderer(tree, lang, edit_url=tree_edit_url(config))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # A tree without translations (tests, benchmarks) is built in English only; the
    # hand-written pages of the other languages would link to pages not built.
    for file in list(files):
        lang = file.src_uri.split("/")[0]
        if lang in LANGUAGES and f"{lang}/" not in _renderers:
            files.remove(file)
    for prefix, renderer in _renderers.items():
        for src_uri, content in renderer.pages().items():
            file = File.generated(config, prefix + src_uri, content=content)
            if not _in_nav(src_uri):
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
    return files


def _in_nav(src_uri: str) -> bool:
    """Each guide is reached from the guide index and the questionnaire (a short nav
    keeps every page small, DESIGN.md); the map from About and CONTRIBUTING.md; the
    embed is framed by other sites and linked from the embed guide."""
    if src_uri.startswith("guides/"):
        return src_uri == "guides/index.md"
    return src_uri not in ("map.md", "embed.md")


def on_env(env, config: MkDocsConfig, files: Files):
    """The embed's page template inlines the site's own CSS and JS files."""
    def inline_asset(path: str):
        return embed.inline(path, files.get_file_from_path(path).content_string)
    env.globals["inline_asset"] = inline_asset
    return env


def tree_edit_url(config: MkDocsConfig, line: int | None = None) -> str | None:
    """Where a contributor edits the tree: the file on the repository host, at a line.
    GitHub's edit view (/edit/) ignores line anchors, so this opens the file view
    (/blob/...#L12), which highlights the line and has the pencil button."""
    if not config.repo_url:
        return None
    url = f"{config.repo_url.rstrip('/')}/{TREE_VIEW_URI}"
    return f"{url}#L{line}" if line else url


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    """Pages built from the tree are edited in the tree, not in content/ (where
    Material's edit link would point): guides at their own line."""
    if page.file.generated_by is not None:
        page.edit_url = tree_edit_url(config, page.meta.get("tree_line"))
    return context


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages may ask for the list of guides, or the embed's snippet and
    preview, with a marker line."""
    markdown = _embed_markers(markdown, page, config)
    if GUIDE_LIST_MARKER not in markdown:
        return markdown
    prefix = _language_prefix(page)
    depth = page.file.src_uri[len(prefix):].count("/")
    base = "../" * depth + "guides/"
    return markdown.replace(GUIDE_LIST_MARKER, _renderers[prefix].guide_list(base))


def _language_prefix(page: Page) -> str:
    return next((p for p in sorted(_renderers, key=len, reverse=True)
                 if page.file.src_uri.startswith(p)), "")


def _embed_markers(markdown: str, page: Page, config: MkDocsConfig) -> str:
    if EMBED_SNIPPET_MARKER not in markdown and EMBED_PREVIEW_MARKER not in markdown:
        return markdown
    prefix = _language_prefix(page)
    title = _renderers[prefix].locale.t("embed_frame_title")
    site = config.site_url or "/"
    to_root = "../" * page.url.count("/")  # the page's address to the site's root
    code = embed.snippet(f"{site}{prefix}embed/", f"{site}{embed.HOST_SCRIPT}", title)
    live = embed.snippet(f"{to_root}{prefix}embed/", f"{to_root}{embed.HOST_SCRIPT}", title)
    return (markdown.replace(EMBED_SNIPPET_MARKER, embed.snippet_block(code))
            .replace(EMBED_PREVIEW_MARKER, live))
