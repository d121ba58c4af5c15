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

from generator.errors import TreeError
from generator.render import Renderer
from generator.validate import load_and_validate

log = logging.getLogger(f"mkdocs.hooks.{__name__}")

# PARCEL_HELP_TREE builds the site from another tree (tests, benchmarks).
TREE_FILE = os.environ.get("PARCEL_HELP_TREE", "decision_tree.yaml")
GUIDE_LIST_MARKER = "<!-- parcel-help:guide-list -->"

_renderers: dict[str, Renderer] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    path = Path(config.config_file_path).parent / TREE_FILE  # an absolute TREE_FILE wins
    try:
        tree, warnings = load_and_validate(path)
    except TreeError as error:
        raise Abort(f"{TREE_FILE} has errors:\n{error}")
    for warning in warnings:
        log.warning(warning.format())
    _renderers.clear()
    _renderers[""] = Renderer(tree, "en")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for prefix, renderer in _renderers.items():
        for src_uri, content in renderer.pages().items():
            file = File.generated(config, prefix + src_uri, content=content)
            # Step pages and guides are reached from the questionnaire and the guide
            # index; keeping them out of the nav keeps every page small (DESIGN.md).
            if src_uri.startswith("guides/") and src_uri != "guides/index.md":
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages may ask for the list of guides with a marker line."""
    if GUIDE_LIST_MARKER not in markdown:
        return markdown
    prefix = next((p for p in sorted(_renderers, key=len, reverse=True)
                   if page.file.src_uri.startswith(p)), "")
    depth = page.file.src_uri[len(prefix):].count("/")
    base = "../" * depth + "guides/"
    return markdown.replace(GUIDE_LIST_MARKER, _renderers[prefix].guide_list(base))
