"""Contributor text as inert Markdown, for what GitHub renders (a pull request's job
summary, the facts report): one code span per text. Inside a code span nothing is
live: no @mention, #123 reference, ~~strike~~, $math$, link, HTML or emphasis."""

from __future__ import annotations

import re

_TICKS = re.compile(r"`+")


def code_span(text: str) -> str:
    """text as one CommonMark code span. Line breaks and other characters that are not
    printable (bidirectional controls, zero-width spaces) are shown as escapes, so the
    span can neither end early nor reorder what is around it; the fence is one
    backtick longer than the longest run inside."""
    shown = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
    fence = "`" * (1 + max((len(run) for run in _TICKS.findall(shown)), default=0))
    # a space inside each end keeps a backtick at either end out of the fence (and
    # is removed again by the renderer)
    pad = " " if shown.startswith(("`", " ")) or shown.endswith(("`", " ")) or not shown \
        else ""
    return f"{fence}{pad}{shown}{pad}{fence}"
