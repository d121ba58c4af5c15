"""The one minifier of the site's own scripts and styles: rjsmin for JS, rcssmin for
CSS. The embed inlines them (embed.py), every page loads them (trim.py), and Material's
trimmed stylesheets come out of it too."""

from __future__ import annotations

from functools import lru_cache

import rcssmin
import rjsmin


@lru_cache(maxsize=64)  # every step's page of the embed inlines the same files
def minified(path: str, text: str) -> str:
    """text, the file path's (.js: JavaScript, else CSS), without comments and spaces."""
    return rjsmin.jsmin(text) if path.endswith(".js") else rcssmin.cssmin(text)
