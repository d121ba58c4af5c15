"""The steps run on the built site, in one place and in this order; each is a plain
function over the site folder, in its own module: search per language
(search_split.py); each page's other languages in the sitemap (alternates.py); the assets trimmed (trim.py; not under serve: a save would wait for
it, and the pages look the same); each language's link preview image (social.py);
the icons, manifests and service worker (offline.py), which caches all of it, so it
comes last: its version is a hash of every file it caches, search indexes included."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.structure.files import Files

from generator import offline, social
from generator.i18n import locale

from . import alternates, trim
from .search_split import split_search_index
from .site_writes import SiteWrites
from .theme import THEME_COLOUR


def finish_site(site: Path, languages: list[str], files: Files, *, own_assets: list[str],
                site_url: str, serving: bool, writes: SiteWrites | None = None) -> None:
    """languages: the built ones, English first; files: the build's pages; own_assets:
    our scripts and styles as paths in the site; writes: the build's, with its HTML
    pages held until the trim has changed them (site_writes.py), else all are written."""
    split_search_index(site, languages)
    alternates.add_to_sitemap(site, files, languages, site_url)
    if not serving:
        trim.trim_site(site, own_assets, writes)
    if writes is not None:
        writes.flush()
    strings = {lang: locale(lang).data["strings"] for lang in languages}
    social.write_images(site, languages, strings, urlsplit(site_url).netloc, THEME_COLOUR)
    offline.write(site, languages, strings, THEME_COLOUR, caching=not serving)


def own_assets(custom_dir: str) -> list[str]:
    """Our scripts and styles: site_overrides/assets/, as paths in the built site."""
    custom = Path(custom_dir)
    return [path.relative_to(custom).as_posix() for path in sorted((custom / "assets").rglob("*"))
            if path.suffix in (".js", ".css")]
