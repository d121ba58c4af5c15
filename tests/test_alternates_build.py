"""Every page names the same page in each other language it exists in, in its head
(<link rel="alternate" hreflang>) and in the sitemap, and the pages named name each
other back: a search engine can show each reader the page in their language. The
languages are read from the built site (each page's own <html lang>), not listed here."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import SITE_URL

ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
HTML_LANG = re.compile(r'<html lang="([^"]+)"')
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _address(site: Path, page: Path) -> str:
    folder = page.parent.relative_to(site).as_posix()
    return SITE_URL if folder == "." else f"{SITE_URL}{folder}/"


def _page(site: Path, address: str) -> Path:
    return site / address[len(SITE_URL):] / "index.html"


@pytest.fixture(scope="module")
def heads(site_dir) -> dict[str, dict[str, str]]:
    """Each page's alternates from its head, by address: {hreflang: address}. Not the
    embed: other sites frame it, and it is not a page for search engines."""
    found = {}
    for page in sorted(site_dir.rglob("index.html")):
        if "embed" in page.relative_to(site_dir).parts:
            continue
        text = page.read_text(encoding="utf-8")
        if HTML_LANG.search(text):
            found[_address(site_dir, page)] = dict(ALTERNATE.findall(text))
    return found


def test_each_page_names_itself_and_its_counterparts_and_they_name_it_back(site_dir, heads):
    languages = {HTML_LANG.search(_page(site_dir, a).read_text(encoding="utf-8")).group(1)
                 for a in heads}
    assert len(languages) >= 2, "the site is built in one language only"
    home = heads[SITE_URL]
    assert set(home) == languages | {"x-default"}, home  # the home page is in every language
    assert home["x-default"] == home["en"] == SITE_URL
    for address, alternates in heads.items():
        if address.endswith("/404/") or not alternates:
            continue
        lang = HTML_LANG.search(_page(site_dir, address).read_text(encoding="utf-8")).group(1)
        assert alternates.get(lang) == address, (address, alternates)
        for other, target in alternates.items():
            assert _page(site_dir, target).is_file(), (address, other, target)
            assert heads[target] == alternates, (address, target)


def test_questionnaire_steps_and_guides_have_every_language(heads):
    """Generated pages exist in every language: each step's page lists all of them."""
    languages = set(heads[SITE_URL]) - {"x-default"}
    for address, alternates in heads.items():
        if "/questionnaire/" in address or "/guides/" in address:
            assert set(alternates) - {"x-default"} == languages, address


def test_the_sitemap_lists_each_pages_alternates(site_dir, heads):
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    in_sitemap = {}
    for url in root.iter(f"{SITEMAP}url"):
        in_sitemap[url.findtext(f"{SITEMAP}loc")] = {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
    for address, alternates in heads.items():
        if address in in_sitemap:
            assert in_sitemap[address] == alternates, address
    assert in_sitemap[SITE_URL] == heads[SITE_URL]
    missing = [a for a in heads if heads[a] and a not in in_sitemap]
    assert not missing, missing
