"""The embed (/embed/, other sites' iframes): its page's inlined assets and the
snippet embedders copy. Plain Python; the mkdocs adapter wires it in."""

from __future__ import annotations

import html
from pathlib import PurePosixPath

from generator.minify import minified

HOST_SCRIPT = "assets/javascripts/embed-host.js"
FRAME_HEIGHT = "40rem"  # without the host script the frame keeps this height, and scrolls
# What the embed's page inlines (site_overrides/embed.html), in order: embed.js first,
# it passes ?start= to questionnaire.js.
STYLES = ("assets/stylesheets/questionnaire.css", "assets/stylesheets/embed.css")
SCRIPTS = ("assets/javascripts/embed.js", "assets/javascripts/questionnaire.js")
# Files no page of the site loads (the worker does not cache them, offline.py): the
# embed's own, which its page inlines, and the script of the page that frames it.
EMBED_ONLY = frozenset({HOST_SCRIPT} | {path for path in STYLES + SCRIPTS
                                        if PurePosixPath(path).stem == "embed"})
# The frame's only inline style: the policy allows this one value (csp.py).
FRAME_STYLE = f"width: 100%; height: {FRAME_HEIGHT}; border: 0"


def minify(path: str, text: str) -> str:
    """Our own JS or CSS, minified (minify.py), to inline in the embed's page."""
    small = minified(path, text)
    if "</" in small:  # would end the <script> or <style> element early
        raise ValueError(f"{path}: '</' cannot be inlined")
    return small


def snippet(embed_url: str, host_script_url: str, title: str) -> str:
    """The HTML an embedder pastes: the frame, and our script that sizes it."""
    return (f'<iframe src="{html.escape(embed_url)}"\n'
            f'        title="{html.escape(title)}"\n'
            f'        data-parcel-help style="{FRAME_STYLE}">'
            f'</iframe>\n<script src="{html.escape(host_script_url)}" async></script>')


def snippet_block(code: str) -> str:
    """The snippet shown on the guide page; Material adds a copy button to <pre class="copy">."""
    return f'<pre class="copy"><code>{html.escape(code)}</code></pre>'
