"""The Content-Security-Policy put in each page as mkdocs writes it (csp.py makes it):
any inline code the project did not inline itself stops the build, naming the file a
contributor edits; `mkdocs serve` (no policy there) shows it and goes on."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.pages import Page

from generator import csp

log = logging.getLogger("mkdocs.plugins.generator.mkdocs_adapter")


def source_of(page: Page, config: MkDocsConfig) -> str:
    """The file a page is made from, as contributors name it: content/about.md."""
    if not page.file.abs_src_path:
        return f"{page.file.src_uri} (generated from the data files)"
    path = Path(page.file.abs_src_path).resolve()
    root = Path(config.config_file_path).parent.resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def refuse(source: str, problems: list[str], serving: bool) -> None:
    if not problems:
        return
    messages = [f"{source}: {problem}" for problem in problems]
    if not serving:
        raise Abort("\n".join(messages))
    for message in messages:
        log.warning(message)


def with_policy(output: str, source: str, inlined: csp.Inlined, serving: bool,
                code: csp.InlineCode | None = None) -> str:
    """Not under `mkdocs serve`: the server adds its live-reload script to each page
    as it sends it, after this, so no hash can name it (and 'unsafe-inline' is ignored
    beside hashes). code: the page's inline code, when known (a step page written from
    its shell: step_pages.py)."""
    if code is None:
        code = csp.inline_code(output)  # read once: the check and the policy both need it
    refuse(source, csp.refusals(output, inlined, code), serving)
    return output if serving else csp.with_policy(output, inlined, code)
