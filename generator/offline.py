"""The site offline: the service worker's precache list and version, and the web app
manifest of each language. Plain Python over the built site folder; the mkdocs adapter
calls write() once the build (search indexes included) is done.

The worker's source is site_overrides/sw.js, copied to the site's root by the theme
(its scope is then the whole site). write() puts in front of it the list of files to
cache and a version: a hash of their names and bytes, so a rebuild that changes any of
them gives a new sw.js, which the browser installs on the reader's next online visit.

Each language's pages and data are kept packed: its steps' data in one pack, its other
pages in one (but its offline page, which the worker must find at once), and each of its
own files of PACK_FROM bytes or more (the search index, the map, the facts) in one pack
each, a gzipped JSON object {address: [content type, text]} in the language's packs/
folder. The worker caches the packs instead of those files and answers a request for one
of them from its pack (sw.js), so the cache holds them gzipped: at 1,000 nodes a
language's precache is about a fifth of its files' size.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import mimetypes
import re
import zlib
from pathlib import Path

from generator import build_cache, embed, site_files

WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
OFFLINE_PAGE = "offline/"
ICON_SIZES = (192, 512)
ICON = "assets/images/icon-{size}.png"
BACKGROUND = "#ffffff"

# Not cached: the embed (other sites' frames: it never registers the worker; its own
# files: embed.EMBED_ONLY), files for crawlers and link previews, the search languages
# the site does not use, and each
# questionnaire step's page: its data (questionnaire/steps/ID.json) is cached, and
# offline the worker answers a step's page with the first page, which shows the step
# the address names from its data (questionnaire.js). So the cache grows by a step's
# data (about 1 KB gzipped), not its page, per step. Nor each language's translation
# status (for translators, online; it lists every text of the tree).
_SKIPPED = re.compile(r"(^|/)embed/|^sitemap\.xml|^assets/images/social/|^sw\.js$|\.map$"
                      r"|(^|/)questionnaire/(?!steps/)[^/]+/index\.html$"
                      r"|(^|/)translation-status/|^(?:[^/]+/)?packs/[^/]+\.json\.gz$")
PACKS = "packs/"
PACK_FROM = 64 * 1024  # bytes: about twice the largest page that does not grow with the tree
_PACKED_KINDS = (".html", ".json")  # text the build writes; a picture stays as it is
# The smaller pages of a language share a pack: one gzip stream packs their common
# header, navigation and footer once (a sixth of their size, where one by one the worker
# would store them whole). Not 404.html: it is answered for any address, not its own.
PAGES = "pages"
_OWN_PACK_NAMES = {"steps", PAGES}  # a large page's pack of its own is never named so
_STEP_DATA = re.compile(r"^(?:[^/]+/)?questionnaire/steps/[^/]+\.json$")
_LUNR = re.compile(r"^assets/javascripts/lunr/(?:min/lunr\.([\w.]+)\.min\.js|.*)$")


def _folder(lang: str, languages: list[str]) -> str:
    """Where a language's pages are: the root for the first, LANG/ for the others."""
    return "" if lang == languages[0] else f"{lang}/"


def cached_files(site: Path, languages: list[str]) -> list[str]:
    """Files of the built site the worker caches on its first visit, as paths from the
    site's root, sorted: every page (a folder's index.html as the folder), the styles,
    scripts, icons, manifests and each language's search index."""
    search_languages = {"stemmer.support", "multi", *languages}
    found = []
    for name in site_files.listed(site):
        if _SKIPPED.search(name) or name in embed.EMBED_ONLY:
            continue
        lunr = _LUNR.match(name)
        if lunr and lunr.group(1) not in search_languages:
            continue  # the search worker loads only the stemmers of the site's languages
        found.append(name)
    return found


def url_of(name: str) -> str:
    """A file's address relative to the worker: about/index.html -> about/."""
    if name == "index.html":
        return "./"
    return name[: -len("index.html")] if name.endswith("/index.html") else name


def _owner(name: str, languages: list[str]) -> str | None:
    """The language whose folder holds a file; None for what all share (assets/)."""
    if name.startswith("assets/"):
        return None
    return next((lang for lang in languages[1:] if name.startswith(f"{lang}/")), languages[0])


def pack_plan(site: Path, names: list[str], languages: list[str]) -> dict[str, list[str]]:
    """Which cached files go into which pack: pack's path -> its files' paths. A
    language's steps' data make one pack (its folder's packs/steps.json.gz); each other
    page or JSON file of the language of PACK_FROM bytes or more, a pack of its own; its
    other pages but the offline page, one pack (packs/pages.json.gz)."""
    plan: dict[str, list[str]] = {}
    for name in names:
        lang = _owner(name, languages)
        if lang is None:
            continue
        folder = _folder(lang, languages)
        if _STEP_DATA.match(name):
            plan.setdefault(f"{folder}{PACKS}steps.json.gz", []).append(name)
        elif name.endswith(_PACKED_KINDS) and (site / name).stat().st_size >= PACK_FROM:
            page = re.sub(r"\.\w+$", "", url_of(name[len(folder):]))
            slug = re.sub(r"[^\w]+", "-", page).strip("-") or "home"
            slug += "-page" if slug in _OWN_PACK_NAMES else ""
            plan[f"{folder}{PACKS}{slug}.json.gz"] = [name]
        elif (name == "index.html" or name.endswith("/index.html")) \
                and name != f"{folder}{OFFLINE_PAGE}index.html":
            plan.setdefault(f"{folder}{PACKS}{PAGES}.json.gz", []).append(name)
    return plan


def _content_type(name: str) -> str:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return kind + "; charset=utf-8" if kind.startswith("text/") or kind.endswith("json") else kind


def write_pack(site: Path, pack: str, members: list[str]) -> None:
    """A pack: its files' addresses, types and texts as one gzipped JSON object (no
    date in the gzip header: the same files give the same bytes, and the same VERSION)."""
    data = {url_of(name): [_content_type(name), (site / name).read_text(encoding="utf-8")]
            for name in members}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    target = site / pack
    target.parent.mkdir(parents=True, exist_ok=True)
    packed = text.encode("utf-8")
    # kept for the next build (build_cache.py): compressing was a tenth of after-build
    key = (hashlib.sha256(packed).hexdigest(), 9, zlib.ZLIB_RUNTIME_VERSION)
    target.write_bytes(build_cache.kept_bytes(
        "packs", key, lambda: gzip.compress(packed, compresslevel=9, mtime=0)))


def _pattern(members: list[str]) -> list[str]:
    """A pack's addresses as sw.js matches them: a folder's every file as "FOLDER/*"."""
    urls = [url_of(name) for name in members]
    if len(urls) > 1 and all(_STEP_DATA.match(name) for name in members):
        return [urls[0].rsplit("/", 1)[0] + "/*"]
    return urls


def version(site: Path, names: list[str]) -> str:
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\0" + (site / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def worker_source(site: Path, languages: list[str], source: str, caching: bool = True) -> str:
    """sw.js as built: the precache list, its version and each language's offline page,
    in front of the worker's own code. caching=False (`mkdocs serve`: pages change on
    every edit) writes PRECACHE = null: the worker then removes itself and its caches,
    so a contributor never sees a page older than the last edit."""
    if not caching:
        return 'var VERSION = "serve";\nvar PRECACHE = null;\nvar PACKS = {};\nvar OFFLINE = {};\n' + source
    names = cached_files(site, languages)
    plan = pack_plan(site, names, languages)
    for pack, members in plan.items():
        write_pack(site, pack, members)
    packed = {name for members in plan.values() for name in members}
    names = sorted([name for name in names if name not in packed] + list(plan))
    folders = [_folder(lang, languages) for lang in languages]
    offline = {folder: folder + OFFLINE_PAGE for folder in folders}
    packs = {pack: _pattern(members) for pack, members in sorted(plan.items())}
    head = (f"var VERSION = {json.dumps(version(site, names))};\n"
            f"var PRECACHE = {json.dumps([url_of(n) for n in names], indent=0)};\n"
            f"var PACKS = {json.dumps(packs, ensure_ascii=False, indent=0)};\n"
            f"var OFFLINE = {json.dumps(offline, ensure_ascii=False, sort_keys=True)};\n")
    return head + source


def manifest(name: str, short_name: str, description: str, lang: str, root: str,
             colour: str) -> dict:
    """A web app manifest for one language, written in that language's folder: it
    starts there, and its scope is the whole site (root: the site's root from it)."""
    return {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": lang,
        "start_url": "./",
        "scope": root,
        "display": "standalone",
        "theme_color": colour,
        "background_color": BACKGROUND,
        "icons": [{"src": root + ICON.format(size=size), "sizes": f"{size}x{size}",
                   "type": "image/png", "purpose": "any"} for size in ICON_SIZES],
    }


def write(site: Path, languages: list[str], strings: dict[str, dict], colour: str,
          caching: bool = True) -> None:
    """Icons, one manifest per language and sw.js, into a built site. languages: the
    built ones, the root's first; strings: each language's site_name, site_short_name
    and site_description (generator/locales/); colour: the theme's (its bars, the icons);
    caching: see worker_source."""
    from generator import images  # only when a site is built (images imports Pillow on drawing)

    for size in ICON_SIZES:
        target = site / ICON.format(size=size)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(images.icon(size, colour))
    for lang in languages:
        folder = _folder(lang, languages)
        text = strings[lang]
        data = manifest(text["site_name"], text["site_short_name"], text["site_description"],
                        lang, "../" * folder.count("/"), colour)
        (site / folder / MANIFEST).write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    worker = site / WORKER
    source = worker.read_text(encoding="utf-8")
    worker.write_text(worker_source(site, languages, source, caching), encoding="utf-8")
