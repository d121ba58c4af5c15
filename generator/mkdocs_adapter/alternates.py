"""Each page's alternates: the same page in every language it exists in, for
<link rel="alternate" hreflang> in its head and <xhtml:link> in the sitemap, so a
search engine shows readers the page in their own language. English, the source, is
also the x-default. Only real counterparts are listed (a page that exists in some
languages only, like a translation status page, names those)."""

from __future__ import annotations

import gzip
import io
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.structure.files import Files

from .languages import ENGLISH, counterpart

X_DEFAULT = "x-default"
XHTML = "http://www.w3.org/1999/xhtml"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


def of_page(files: Files, src_uri: str, languages: list[str],
            site_url: str) -> list[tuple[str, str]]:
    """(hreflang, absolute address) of the page in each language it exists in, with
    x-default for English; empty when there is no other language."""
    found = []
    for lang in languages:
        file = files.get_file_from_path(counterpart(src_uri, lang))
        if file is not None and file.page is not None:
            found.append((lang, urljoin(site_url, file.url)))
    return _with_default(found)


def _with_default(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """found (a page in each language it exists in), with x-default for English;
    empty when there is no other language."""
    if len(found) < 2:
        return []
    english = [url for lang, url in found if lang == ENGLISH]
    return found + [(X_DEFAULT, english[0])] if english else found


def add_to_sitemap(site: Path, files: Files, languages: list[str], site_url: str) -> None:
    """The sitemap (and its .gz) with each page's alternates under its <url>."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file() or len(languages) < 2:
        return
    # of_page's answer for every page at once: each page's address worked out once
    urls = {file.src_uri: urljoin(site_url, file.url) for file in files.documentation_pages()
            if file.page is not None}
    by_url: dict[str, tuple[tuple[str, str], ...]] = {}
    for src_uri, url in urls.items():
        alternates = _with_default([(lang, urls[other]) for lang in languages
                                    if (other := counterpart(src_uri, lang)) in urls])
        if alternates:
            by_url[url] = tuple(alternates)
    written = _with_alternates(sitemap.read_bytes(), tuple(by_url.items()))
    sitemap.write_bytes(written)
    packed = site / "sitemap.xml.gz"
    if packed.is_file():
        packed.write_bytes(_packed(written))


@lru_cache(maxsize=1)
def _with_alternates(sitemap: bytes, by_url: tuple) -> bytes:
    """The sitemap's XML with the alternates added. Kept: under `mkdocs serve`, a save
    that adds or removes no page gives the same sitemap as the last."""
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    tree = ET.ElementTree(ET.fromstring(sitemap))
    alternates = dict(by_url)
    for url in tree.getroot().iter(f"{{{SITEMAP}}}url"):
        # after <lastmod>: the sitemap schema takes other namespaces' elements last
        for lang, href in alternates.get(url.findtext(f"{{{SITEMAP}}}loc", ""), ()):
            ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=lang, href=href)
    ET.indent(tree, "    ")
    out = io.BytesIO()
    tree.write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue()


@lru_cache(maxsize=1)
def _packed(sitemap: bytes) -> bytes:
    return gzip.compress(sitemap, mtime=0)
