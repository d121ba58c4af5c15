"""The site offline: the service worker's precache list and version, and the web app
manifest of each language. Plain Python over the built site folder; the mkdocs adapter
calls write() once the build (search indexes included) is done.

The worker's source is site_overrides/sw.js, copied to the site's root by the theme
(its scope is then the whole site). write() puts in front of it the list of files to
cache and a version: a hash of their names and bytes, so a rebuild that changes any of
them gives a new sw.js, which the browser installs on the reader's next online visit.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from generator import embed

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
                      r"|(^|/)translation-status/")
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
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if not path.is_file() or _SKIPPED.search(name) or name in embed.EMBED_ONLY:
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
        return 'var VERSION = "serve";\nvar PRECACHE = null;\nvar OFFLINE = {};\n' + source
    names = cached_files(site, languages)
    folders = [_folder(lang, languages) for lang in languages]
    offline = {folder: folder + OFFLINE_PAGE for folder in folders}
    head = (f"var VERSION = {json.dumps(version(site, names))};\n"
            f"var PRECACHE = {json.dumps([url_of(n) for n in names], indent=0)};\n"
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
    from generator import images  # Pillow, only when a site is built

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
