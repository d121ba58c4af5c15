"""Lighter assets for a built site: Material's stylesheets keep only the rules this
site can use, and our own scripts and styles are minified. Plain Python over the
built site folder, in the adapter because it knows Material's file names; after_build.py
calls trim_site() once the pages are written, before the service worker lists what to
cache.

Why: Material's main stylesheet (137 KB, 22.7 KB gzipped) blocks the first paint of
every page, and most of it styles things this site never shows (code blocks, tabs,
admonitions, tags...). A reader on a slow phone pays for each byte and for each
selector the browser matches.

How a rule is judged unused, the way PurgeCSS does it: a selector needs each class,
id and `[attribute=value]` it names to appear as a word somewhere in the built
site's HTML or scripts (so classes our scripts add while the page runs stay;
Material's own script is not loaded, and is removed first). Class names a script
builds from parts (`md-tag--${...}`) keep every class that starts with that part.
Anything inside a function (`:not(.x)`, `:is(...)`) counts as present: `:not(.x)`
matches more, not less, when .x is absent. A rule goes only when every selector in its
list is unused; the rest of the list stays as written.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from importlib import metadata
from pathlib import Path

import tinycss2

from generator import build_cache, site_files
from generator.minify import minified

from .site_writes import SiteWrites

# Material's stylesheets: a content hash in the name (main.57a0d79d.min.css).
MATERIAL_CSS = re.compile(r"^(main|palette)\.[0-9a-f]{8}\.min\.css$")
STYLESHEETS = "assets/stylesheets"
_WORD = re.compile(r"[\w-]+")
_BUILT_PREFIX = re.compile(r"([\w-]+)\$\{")  # `md-tag--${name}` in a template literal


def site_texts(site: Path, held: dict[Path, str] | None = None) -> dict[Path, str]:
    """Every HTML page and script of the built site, by path, in path order; held:
    pages not written yet (site_writes.py), whose text is that, not the file's."""
    held = held or {}
    texts = {path: path.read_text(encoding="utf-8", errors="replace")
             for path in (site / name for name in site_files.listed(site)
                          if os.path.splitext(name)[1] in (".html", ".js"))
             if path not in held}
    texts.update(held)
    return dict(sorted(texts.items()))


class Words:
    """Every word of the built site's HTML and scripts, and the prefixes of class names
    its scripts build at run time."""

    def __init__(self, site: Path, texts: dict[Path, str] | None = None):
        """texts: the site's, if already read (site_texts)."""
        self.prefixes: set[str] = set()
        # Each distinct run of text between spaces once: the pages share most of theirs
        # (head, header, nav, scripts), and no word spans a space. A quarter of the time
        # of reading every page's words.
        pieces: set[str] = set()
        for path, text in (site_texts(site) if texts is None else texts).items():
            pieces.update(text.split())
            if path.suffix == ".js":
                self.prefixes.update(_BUILT_PREFIX.findall(text))
        self.words: set[str] = set(_WORD.findall("\n".join(pieces)))

    def has(self, name: str) -> bool:
        return name in self.words or any(name.startswith(p) for p in self.prefixes)


def _selectors(prelude: list) -> list[list]:
    """A rule's selector list, split at its top-level commas."""
    found: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            found.append([])
        else:
            found[-1].append(token)
    return found


def _attribute_value(block) -> str | None:
    """The value of an exact `[name=value]` match, else None (present, or not judged)."""
    parts = [t for t in block.content if t.type != "whitespace"]
    if (len(parts) == 3 and parts[0].type == "ident" and parts[1].type == "literal"
            and parts[1].value == "=" and parts[2].type in ("ident", "string")
            and _WORD.fullmatch(parts[2].value)):
        return parts[2].value
    return None


def _used(selector: list, words: Words) -> bool:
    previous = None
    for token in selector:
        if (previous is not None and previous.type == "literal" and previous.value == "."
                and token.type == "ident" and not words.has(token.value)):
            return False
        if token.type == "hash" and token.is_identifier and not words.has(token.value):
            return False
        if token.type == "[] block":
            value = _attribute_value(token)
            if value is not None and not words.has(value):
                return False
        previous = token
    return True


def _rules(rules: list, words: Words) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [s for s in _selectors(rule.prelude) if _used(s, words)]
            if kept:
                prelude = ",".join(tinycss2.serialize(s).strip() for s in kept)
                out.append(f"{prelude}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.content is not None and \
                rule.lower_at_keyword in ("media", "supports", "container", "layer"):
            inner = _rules(tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                          skip_whitespace=True), words)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif rule.type != "error":
            out.append(rule.serialize())  # @keyframes, @font-face, declarations...
    return "".join(out)


def unused_rules_removed(css: str, words: Words) -> str:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return minified(".css", _rules(rules, words))


def _trim_material(site: Path, texts: dict[Path, str]) -> dict[str, str]:
    """Each Material stylesheet trimmed, under a new content-hashed name (a host may
    cache the old name for good); returns {old name: new name}. The trimmed sheets are
    kept in the cache folder (build_cache.py) under a hash of all they are made from,
    the stylesheets, the site's every page and script, the CSS libraries: finding
    the site's words and parsing the CSS were a tenth of a build's CPU."""
    sheets = {path.name: path.read_text(encoding="utf-8")
              for path in sorted((site / STYLESHEETS).glob("*.min.css"))
              if MATERIAL_CSS.match(path.name)}

    def trimmed() -> bytes:
        words = Words(site, texts)
        return json.dumps({name: unused_rules_removed(css, words)
                           for name, css in sheets.items()}).encode()

    if build_cache.folder() is None:
        made = json.loads(trimmed())  # nothing kept: no need to hash the site
    else:
        libraries = tuple(metadata.version(name) for name in ("tinycss2", "rcssmin"))
        made = json.loads(build_cache.kept_bytes(
            "trimmed-css", (_digest(site, texts), sheets, libraries), trimmed))
    renamed = {}
    for name, css in made.items():
        path = site / STYLESHEETS / name
        digest = hashlib.sha256(css.encode()).hexdigest()[:8]
        new = path.with_name(f"{MATERIAL_CSS.match(name).group(1)}.{digest}.min.css")
        path.unlink()
        path.with_name(path.name + ".map").unlink(missing_ok=True)  # maps the old file
        new.write_text(css, encoding="utf-8")
        renamed[path.name] = new.name
    return renamed


def _digest(site: Path, texts: dict[Path, str]) -> str:
    digest = hashlib.sha256()
    for path, text in texts.items():
        digest.update(path.relative_to(site).as_posix().encode() + b"\0")
        digest.update(text.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _minify_own(site: Path, own: list[str]) -> None:
    """Our scripts and styles (site_overrides/assets/) as the browser needs them: the
    comments that explain them stay in the sources."""
    for name in own:
        path = site / name
        if path.suffix in (".js", ".css") and path.is_file():
            text = path.read_text(encoding="utf-8")
            path.write_text(minified(name, text), encoding="utf-8")


def _drop_material_bundle(site: Path) -> None:
    """Material's script, which no page loads (site.js does its work here), so that the
    service worker does not cache it and its words keep no rule alive."""
    for path in (site / "assets" / "javascripts").glob("bundle.*.min.js*"):
        path.unlink()


def trim_site(site: Path, own: list[str], writes: SiteWrites | None = None) -> None:
    """own: our assets' paths in the site (from the theme's custom_dir); writes: the
    build's, whose HTML pages are held, not yet written (site_writes.py)."""
    _minify_own(site, own)
    _drop_material_bundle(site)
    held = writes.held_texts() if writes is not None else {}
    texts = site_texts(site, held)
    renamed = _trim_material(site, texts)
    for page, text in texts.items():
        if page.suffix != ".html":
            continue
        changed = text
        for old, new in renamed.items():
            changed = changed.replace(f"{STYLESHEETS}/{old}", f"{STYLESHEETS}/{new}")
        if page in held:
            if changed != text:
                writes.hold(page, changed)
        elif changed != text:
            page.write_text(changed, encoding="utf-8")
