"""The step pages (mkdocs_adapter/step_pages.py) share what is the same on all of them
(their Markdown's HTML, Material's sidebars) within one language and folder: each still
shows its own step, and a sidebar whose links lead to pages of its own language."""

from __future__ import annotations

import posixpath
import re

import pytest


SIDEBAR = re.compile(r'md-sidebar--primary(.*?)md-sidebar--secondary', re.S)
HREF = re.compile(r'href="([^"#]*)"')
LINK_TEXT = re.compile(r'<a [^>]*class="md-nav__link[^"]*"[^>]*>(.*?)</a>', re.S)
TAG = re.compile(r"<[^>]+>")
STEP_ID = re.compile(r'<section class="pq-step[^"]*" id="([^"]+)"')


def _step_pages(site_dir):
    """(language folder, "" for English; the step's id; the page's text)."""
    for page in sorted(site_dir.glob("**/questionnaire/*/index.html")):
        parts = page.relative_to(site_dir).parts
        lang = parts[0] if parts[0] != "questionnaire" else ""
        if len(parts) == (4 if lang else 3) and parts[-3] == "questionnaire":
            yield lang, parts[-2], page.read_text(encoding="utf-8")


def _labels(sidebar: str) -> set[str]:
    return {" ".join(TAG.sub(" ", text).split()) for text in LINK_TEXT.findall(sidebar)} - {""}


def _languages(site_dir) -> set[str]:
    return {lang for lang, _, _ in _step_pages(site_dir)}


@pytest.mark.build
def test_each_step_page_shows_its_own_step(site_dir):
    pages = list(_step_pages(site_dir))
    assert len(pages) > 50
    for lang, folder, text in pages:
        shown = STEP_ID.findall(text)
        # an old id's page shows the step that replaced it; any other shows its own
        assert shown and (folder in shown or len(shown) == 1), (lang, folder)


@pytest.mark.build
def test_each_step_pages_sidebar_leads_to_its_own_languages_pages(site_dir):
    others = _languages(site_dir) - {""}
    assert others, "the site has a language besides English"
    first_pages = {lang: (site_dir / lang / "questionnaire" / "index.html").read_text(
        encoding="utf-8") for lang in others | {""}}
    for lang, folder, text in _step_pages(site_dir):
        sidebar = SIDEBAR.search(text)
        assert sidebar, (lang, folder)
        # the nav's words: the language's own, as on its questionnaire's first page
        labels = _labels(sidebar.group(1))
        assert labels and labels <= _labels(SIDEBAR.search(first_pages[lang]).group(1)), \
            (lang, folder, labels)
        here = posixpath.join(lang, "questionnaire", folder) + "/"
        local = [href for href in HREF.findall(sidebar.group(1)) if "://" not in href]
        assert local, (lang, folder)
        for href in local:
            target = posixpath.normpath(posixpath.join(here, href))
            top = target.split("/")[0]
            assert (top == lang) if lang else (top not in others), (lang, folder, href)
            assert (site_dir / target).exists(), (lang, folder, href)


# That the step pages written from their shells are the pages their template renders,
# byte for byte: test_gates_build's second build renders them one by one (no shells,
# no build cache) and is compared with the shared site file by file.
