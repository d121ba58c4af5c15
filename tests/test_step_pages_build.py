"""The step pages (mkdocs_adapter/step_pages.py) share what is the same on all of them
(their Markdown's HTML, Material's sidebars) within one language and folder: each still
shows its own step, and a sidebar whose links lead to pages of its own language."""

from __future__ import annotations

import posixpath
import re

import pytest

from conftest import SITE_EPOCH, build_site

SIDEBAR = re.compile(r'md-sidebar--primary(.*?)md-sidebar--secondary', re.S)
HREF = re.compile(r'href="([^"#]*)"')
LINK_TEXT = re.compile(r'<a [^>]*class="md-nav__link[^"]*"[^>]*>(.*?)</a>', re.S)
TAG = re.compile(r"<[^>]+>")
STEP_ID = re.compile(r'<section class="pq-step[^"]*" id="([^"]+)"')
# a step's page, in any language: (LANG/)questionnaire|embed/ID/index.html
STEP_FILE = re.compile(r"(?:[a-z]{2}/)?(?:questionnaire|embed)/[^/]+/index\.html")


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


@pytest.mark.build
def test_step_pages_written_from_their_shell_are_the_pages_their_template_renders(
        tmp_path, site_dir):
    # The shared site writes the step pages from one shell per language and folder
    # (step_pages.Shells); this build renders each by its template, as before, and
    # takes nothing kept by an earlier build (generator/build_cache.py), which the
    # shared one does once the machine has built the site. Every file is the same:
    # the pages, their policies, search, sitemap, images, offline lists and packs.
    one_by_one = tmp_path / "site"
    result = build_site(one_by_one, SOURCE_DATE_EPOCH=SITE_EPOCH, PARCEL_HELP_STEP_SHELL="off",
                        PARCEL_HELP_CACHE="off")
    assert result.returncode == 0, result.stderr
    shell_files, template_files = _files(site_dir), _files(one_by_one)
    assert sorted(shell_files) == sorted(template_files)
    assert len([name for name in shell_files if STEP_FILE.match(name)]) > 300
    assert [name for name in shell_files if shell_files[name] != template_files[name]] == []


def _files(site) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}
