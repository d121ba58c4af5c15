"""The Content-Security-Policy every page carries, as a <meta> (a static host cannot be
trusted to send headers). The build escapes contributor text; the policy is the second
wall: markup that slipped through anyway cannot run a script, load from another host,
post a form or change the page's base address.

The policy allows only the inline code the project itself inlines, recorded from its
own files as the build inlines them (Inlined: the embed's scripts and styles, the embed
snippet's frame style), never whatever a finished page holds: a <script> in a
hand-written page would otherwise get its hash into the policy and run. The build
refuses any other inline script, <style>, style attribute or event-handler attribute,
naming the page's source file (refusals, markup_refusals). Data blocks (the theme's
config, our tools' JSON) are not run and need no hash. No 'unsafe-inline', no
'unsafe-eval', no host. frame-ancestors cannot be set from a <meta>; the embed is meant
to be framed anyway.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field

from generator import inline_scan

# Data blocks (our tools' JSON, Material's config) are not run.
DATA_TYPE = re.compile(r"application/(?:ld\+)?json", re.I)
HEAD = re.compile(r"<head\b[^>]*>\s*(<meta charset=[^>]*>)?", re.I)

FIXED = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    # the tools' forms are handled by their scripts and never sent anywhere
    "form-action": "'none'",
    # the service worker and web manifest (from the site's own files)
    "worker-src": "'self'",
    "manifest-src": "'self'",
}


@dataclass
class Inlined:
    """The inline code the project puts in its pages, each from one of its own files
    or constants, recorded as the build inlines it."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    style_attributes: set[str] = field(default_factory=set)

    def add(self, path: str, text: str) -> str:
        """text, inlined from the site's file path (.js: a script, else a style)."""
        (self.scripts if path.endswith(".js") else self.styles).add(text)
        return text


@dataclass
class InlineCode:
    """What one page holds inline: (kind, text) pairs, in page order. Kinds: script,
    data (a JSON block), style, style attribute, handler (an on*= attribute)."""

    found: list[tuple[str, str]] = field(default_factory=list)

    def of(self, kind: str) -> list[str]:
        return list(dict.fromkeys(text for k, text in self.found if k == kind))


def inline_code(page: str) -> InlineCode:
    return InlineCode(inline_scan.inline_code(page, DATA_TYPE))


# Text placed in a page's text: its code is its own only if the scanner reads what
# follows it as it would on its own (no comment, element or tag left open).
_PROBE = "<script>pq-probe</script>"


def text_code(fragment: str) -> InlineCode | None:
    """The inline code of HTML placed between a page's tags (text context), or None
    when it leaves something open, so that the page must be read whole."""
    found = inline_scan.inline_code(fragment + _PROBE, DATA_TYPE)
    if not found or found[-1] != ("script", "pq-probe"):
        return None
    return InlineCode(found[:-1])


def inert_in_tag(value: str) -> bool:
    """A value placed inside a tag (an attribute's value) that can neither end the
    value nor the tag, nor open one."""
    return not any(char in value for char in "<>\"'")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


NAMES = {"script": "inline <script>", "data": "<script> data block",
         "style": "<style> element", "style attribute": "style attribute",
         "handler": "event-handler attribute"}


def refusals(page: str, allowed: Inlined, code: InlineCode | None = None) -> list[str]:
    """Inline code in a built page that the project did not inline itself (code: the
    page's, when already read: each parse of a page costs as much as its rendering)."""
    known = {"script": allowed.scripts, "style": allowed.styles,
             "style attribute": allowed.style_attributes, "handler": set()}
    return [f"{NAMES[kind]} {_short(text)!r} is not the site's own code"
            for kind, text in (code or inline_code(page)).found
            if kind in known and text not in known[kind]]


def markup_refusals(content: str) -> list[str]:
    """Code in a hand-written page's HTML, as Markdown made it from its source (raw HTML
    and attribute lists pass through Markdown): none is allowed, data blocks included."""
    return [f"{NAMES[kind]} {_short(text)!r}: a page may hold no script, style or event "
            "handler (write Markdown; the site's own code lives in site_overrides/)"
            for kind, text in inline_code(content).found]


def policy(page: str, allowed: Inlined, code: InlineCode | None = None) -> str:
    """The policy for one built page: the fixed rules plus the hashes of the inline
    code it holds that the project inlined (anything else is refused before)."""
    code = code or inline_code(page)
    scripts = [_hash(t) for t in code.of("script") if t in allowed.scripts]
    styles = [_hash(t) for t in code.of("style") if t in allowed.styles]
    attributes = [_hash(t) for t in code.of("style attribute") if t in allowed.style_attributes]
    rules = dict(FIXED)
    rules["script-src"] = " ".join(["'self'", *scripts])
    rules["style-src"] = " ".join(["'self'", *styles]
                                  + (["'unsafe-hashes'", *attributes] if attributes else []))
    return "; ".join(f"{name} {value}" for name, value in rules.items())


def with_policy(page: str, allowed: Inlined, code: InlineCode | None = None) -> str:
    """page with its policy as the first element of <head> (after the charset, which
    must come first; it starts no script)."""
    head = HEAD.search(page)
    if head is None:
        return page
    rules = policy(page, allowed, code)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{rules}">'
    return page[:head.end()] + meta + page[head.end():]
