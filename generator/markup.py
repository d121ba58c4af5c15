"""Contributor text: fact placeholders, safety checks, and Markdown to safe HTML.

Contributor Markdown is rendered here, with a plain Markdown converter, and then
cleaned by nh3 (the Ammonia sanitiser), so whatever the site's own Markdown
extensions can do (attribute lists, snippets, raw HTML) never applies to it. The
validator also rejects raw HTML and unsafe links up front, with a line number, so a
contributor learns about it instead of seeing their text silently changed.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Callable, Iterator, Mapping
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup

from .errors import shown

# {{ facts.NAME }} or {{ facts.NAME | PHRASE }} (phrases.py), with any spacing;
# anything else in {{ }} is an error.
PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}")
FACT_REF = re.compile(r"facts\.([a-z][a-z0-9_]*)(?:\s*\|\s*([a-z][a-z0-9_]*))?")
RAW_HTML = re.compile(r"<\s*[A-Za-z!/?]")
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.M)
# Only https: the site promises readers no plain-http hops (and so does the link gate).
SAFE_SCHEMES = ("https://", "mailto:")

ALLOWED_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "code", "br", "blockquote"}


def placeholders(text: str) -> Iterator[tuple[str, str | None]]:
    """Each {{ ... }} in text: (what was written, fact name or None if not a fact)."""
    for match in PLACEHOLDER.finditer(text):
        ref = FACT_REF.fullmatch(match.group(1))
        yield match.group(0), ref.group(1) if ref else None


def fact_phrases(text: str) -> Iterator[tuple[str, str]]:
    """(fact name, phrase name) for each {{ facts.NAME | PHRASE }} in text."""
    for match in PLACEHOLDER.finditer(text):
        ref = FACT_REF.fullmatch(match.group(1))
        if ref and ref.group(2):
            yield ref.group(1), ref.group(2)


def fill_facts(text: str, render_fact: Callable[[str, str | None], str]) -> str:
    """Replace every {{ facts.NAME | PHRASE }} by render_fact(NAME, PHRASE or None);
    validation ran first."""
    def replace(match: re.Match) -> str:
        ref = FACT_REF.fullmatch(match.group(1))
        return render_fact(ref.group(1), ref.group(2)) if ref else match.group(0)
    return PLACEHOLDER.sub(replace, text)


# A host name as links on the site may name one: dot-separated labels of letters, digits
# and inner hyphens, ending in a top-level domain (letters, or xn-- for IDN). No IP
# addresses, no "localhost", no dotless intranet names.
HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})")


def host_problem(url: str) -> str | None:
    """Why an https address's host is not one a reader could check by eye, or None.
    https://help.aliexpress.com@evil.example/ goes to evil.example: whatever stands
    before an @ is a user name, and reads like the host in a diff."""
    try:
        parts = urlsplit(url)
    except ValueError as error:
        return f"it is not a valid address ({error})"
    if "@" in parts.netloc:
        return ("a link may not hold a user name before its host (user@host): it would go "
                f"to {shown(parts.netloc.rsplit('@', 1)[1], 40)}, whatever stands before the @")
    if not parts.hostname or not HOST.fullmatch(parts.hostname):
        return ("a link needs a host name with a dot, such as https://example.com/ (an "
                "international name in its xn-- form)")
    return None


def unsafe_parts(text: str) -> Iterator[str]:
    """Messages for raw HTML and links that are not https or mailto."""
    tag = RAW_HTML.search(text)
    if tag:
        snippet = text[tag.start(): tag.start() + 20].split(">")[0] + ">"
        yield (f"raw HTML is not allowed in text ({snippet!r}); use Markdown, "
               "and write links as [text](https://...)")
    for match in LINK_TARGET.finditer(text):
        target = match.group(1) if match.group(1) is not None else match.group(2)
        cleaned = re.sub(r"[\s\x00-\x1f]", "", html.unescape(target or "")).lower()
        if not cleaned.startswith(SAFE_SCHEMES):
            yield (f"link to {shown(target)} is not allowed; links must start with "
                   "https:// or mailto:")
        elif cleaned.startswith("https://"):
            why = host_problem(cleaned)
            if why:
                yield f"link to {shown(target)} is not allowed: {why}"


@lru_cache(maxsize=None)
def _converter() -> markdown.Markdown:
    """One converter, reset per text: building one per call was half the render time."""
    return markdown.Markdown(extensions=["sane_lists"], output_format="html")


def to_html(text: str, inline: bool = False) -> Markup:
    """Markdown to HTML that can only contain harmless tags and safe links."""
    rendered = _converter().reset().convert(text)
    clean = nh3.clean(rendered, tags=ALLOWED_TAGS, attributes={"a": {"href"}},
                      url_schemes={"https", "mailto"}, link_rel="noopener")
    if inline and clean.startswith("<p>") and clean.endswith("</p>") and clean.count("<p>") == 1:
        clean = clean[3:-4]
    return Markup(clean)


def text_html(text: str) -> Markup:
    """Plain text as HTML text or a double-quoted attribute value: escaped once, here.
    (Only `"` among the quotes: every attribute we write uses it.)"""
    return Markup(html.escape(text, quote=False).replace('"', "&quot;"))


# A slot in a template ("{name}": small letters and underscores), in the locale's words,
# tools.yaml's rules and messages, a date pattern. The one definition: the pages' scripts
# get it as their data's "slotPattern" and fill slots with slots.js, as fill_template does.
SLOT_PATTERN = r"\{([a-z_]+)\}"
SLOT = re.compile(SLOT_PATTERN)


def fill_template(template: str, values: Mapping[str, object]) -> str:
    """template with each {name} that has a value replaced by it, in one pass: a value is
    never read as a template itself. A name without a value stays as written."""
    def value(found: re.Match) -> str:
        name = found.group(1)
        return str(values[name]) if name in values else found.group()
    return SLOT.sub(value, template)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


def markdown_escape(text: str) -> Markup:
    """Plain text placed into generated Markdown (headings, link text) stays plain."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)))
