"""The Content-Security-Policy every page carries, as a <meta> (a static host cannot be
trusted to send headers). The build escapes contributor text; the policy is the second
wall: markup that slipped through anyway cannot run a script, load from another host,
post a form or change the page's base address.

Inline code the theme and our embed need is allowed by its hash, computed from the
page as built (so a change to Material's inline scripts needs no change here); an
inline `style` attribute likewise ('unsafe-hashes' with the hash of that exact value:
the embed snippet's preview frame). No 'unsafe-inline', no 'unsafe-eval', no host.
frame-ancestors cannot be set from a <meta>; the embed is meant to be framed anyway.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle=(?:"([^"]*)"|'([^']*)')""", re.I)
# Data blocks (our tools' JSON, Material's config) are not run, so need no hash.
DATA_TYPE = re.compile(r"""\btype=["']?application/(?:ld\+)?json""", re.I)
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


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def policy(page: str) -> str:
    """The policy for one built page: the fixed rules plus its inline code's hashes."""
    scripts = _unique(_hash(body) for attributes, body in SCRIPT.findall(page)
                      if "src=" not in attributes.lower() and not DATA_TYPE.search(attributes))
    styles = _unique(_hash(body) for body in STYLE.findall(page))
    attributes = _unique(_hash(html.unescape(double or single))
                         for double, single in STYLE_ATTRIBUTE.findall(page))
    rules = dict(FIXED)
    rules["script-src"] = " ".join(["'self'", *scripts])
    rules["style-src"] = " ".join(["'self'", *styles]
                                  + (["'unsafe-hashes'", *attributes] if attributes else []))
    return "; ".join(f"{name} {value}" for name, value in rules.items())


def with_policy(page: str) -> str:
    """page with its policy as the first element of <head> (after the charset, which
    must come first; it starts no script)."""
    head = HEAD.search(page)
    if head is None:
        return page
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(page)}">'
    return page[:head.end()] + meta + page[head.end():]
