"""The embed (/embed/, other sites' iframes): its page's inlined assets and the
snippet embedders copy. Plain Python; the mkdocs adapter wires it in."""

from __future__ import annotations

import html
from functools import lru_cache

import rcssmin
import rjsmin

HOST_SCRIPT = "assets/javascripts/embed-host.js"
FRAME_HEIGHT = "40rem"  # without the host script the frame keeps this height, and scrolls
# The frame's only inline style: the policy allows this one value (csp.py).
FRAME_STYLE = f"width: 100%; height: {FRAME_HEIGHT}; border: 0"


@lru_cache(maxsize=64)
def minify(path: str, text: str) -> str:
    """Our own JS (rjsmin) and CSS (rcssmin), small enough to inline in the embed's page
    (kept: every step's page of the embed inlines the same files)."""
    small = rjsmin.jsmin(text) if path.endswith(".js") else rcssmin.cssmin(text)
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
