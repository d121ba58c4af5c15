"""The inline code in an HTML page (csp.py), found in one pass of a few regular
expressions: html.parser read every tag, attribute and text of every page in Python and
was a sixth of a full build's time; here the regex engine skips what holds no code, and
Python sees only <script> and <style> elements and the tags whose attributes may be an
event handler or a style.

The grammar follows the HTML tokenizer where it decides what runs: a tag ends at the
first > outside a quoted value, a quote opens a value only after =, comments and
<!...>/<?...> end where the browser ends them, and a script's or a style's text runs to
its end tag. Where this reading could differ from a browser's, the page's policy still
allows only the hashes of the project's own code, so a miss leaves code that does not run.
"""

from __future__ import annotations

import html
import re

_NAME = r"[^\s/>][^\s/>=]*+"
_VALUE = r"""(?:"[^"]*+"|'[^']*+'|[^\s>]++)"""
_ATTRIBUTES = rf"(?:[\s/]++|{_NAME}(?:\s*+=\s*+{_VALUE}?)?)*+"
# attributes none of which is an event handler (on*) or a style
_NO_CODE_ATTRIBUTES = rf"(?:[\s/]++|(?!on|style){_NAME}(?:\s*+=\s*+{_VALUE}?)?)*+"
# Each match is a piece of the page; only the last two alternatives hold code.
_TOKEN = re.compile(rf"""
    <!--(?:-?>|.*?(?:--!?>|\Z))                  # a comment
  | <!  [^>]*+ (?:>|\Z)                          # <!DOCTYPE ...>, a bogus comment
  | <\? [^>]*+ (?:>|\Z)
  | </(?![a-z]) [^>]*+ (?:>|\Z)
  | </[a-z][^\s/>]*+ {_ATTRIBUTES} >             # an end tag (its attributes do nothing)
  | <(?!(?:script|style)[\s/>])[a-z][^\s/>]*+ {_NO_CODE_ATTRIBUTES} >
    # a <script> or <style>, its attributes and its text up to its end tag
  | <(script|style)(?=[\s/>])({_ATTRIBUTES})>(.*?)(?=</\1[\s/>]|\Z)
    # any other start tag: an attribute is a handler or a style
  | <[a-z][^\s/>]*+({_ATTRIBUTES})>
""", re.S | re.X | re.I)
_ATTRIBUTE = re.compile(rf"[\s/]*+({_NAME})(?:\s*+=\s*+({_VALUE}))?")


def _attributes(text: str) -> list[tuple[str, str | None]]:
    found = []
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2)
        if value is not None:
            value = html.unescape(value[1:-1] if value[0] in "\"'" else value)
        found.append((match.group(1).lower(), value))
    return found


def inline_code(page: str, data_type: re.Pattern) -> list[tuple[str, str]]:
    """(kind, text) pairs in page order; kinds: script, data (a <script> whose type
    data_type matches), style, style attribute, handler (an on*= attribute)."""
    found: list[tuple[str, str]] = []
    for token in _TOKEN.finditer(page):
        if token.lastindex is None:
            continue  # text, a comment, an end tag, a tag without code
        raw_name, raw_attributes, body, attribute_text = token.groups()
        attributes = _attributes(raw_attributes if raw_name else attribute_text)
        for attribute, value in attributes:
            if attribute.startswith("on"):
                found.append(("handler", f"{attribute}={value or ''}"))
            elif attribute == "style":
                found.append(("style attribute", value or ""))
        if not raw_name:
            continue
        values = dict(reversed(attributes))  # the first of a repeated attribute counts
        if raw_name.lower() == "style":
            found.append(("style", body))
        elif "src" not in values:
            data = data_type.fullmatch((values.get("type") or "").strip())
            found.append(("data" if data else "script", body))
    return found


def markup_spans(page: str) -> list[tuple[int, int]]:
    """Where each tag, comment, <script> or <style> element of page starts and ends:
    what lies between them is text."""
    return [token.span() for token in _TOKEN.finditer(page)]
