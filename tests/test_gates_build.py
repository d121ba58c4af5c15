"""Gates on the built files: two builds from the same sources are byte-identical (the
second with the step pages rendered one by one and no build cache), the
questionnaire stays within its size budget, and no inline script delays the first paint."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SITE_EPOCH, build_site
from gates import built_pages, default_material_site, page_weight, text_weight
from site_languages import PREFIXES

# What the questionnaire may add to a default Material page, beyond its words, in
# gzipped bytes (issue 14).
QUESTIONNAIRE_BUDGET = 10 * 1024


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


# a step's page, in any language: (LANG/)questionnaire|embed/ID/index.html
STEP_FILE = re.compile(r"(?:[a-z]{2}/)?(?:questionnaire|embed)/[^/]+/index\.html")


@pytest.mark.build
def test_two_builds_with_the_same_source_date_epoch_are_byte_identical(tmp_path, site_dir):
    """mkdocs takes page dates and the sitemap's gzip time stamp from SOURCE_DATE_EPOCH;
    the shared site was built with SITE_EPOCH (tests/conftest.py). The second build,
    in a process of its own, also renders each step page by its template, not from its
    language and folder's shell (step_pages.Shells), and takes nothing an earlier build
    kept (generator/build_cache.py), which the shared one does once the machine has
    built the site: every file the same (the pages, their policies, search, sitemap,
    images, offline lists and packs) says the build is reproducible, and the shells and
    the cache change nothing. (One build for both: anything left to chance in a build
    would differ here as in two builds alike, and the cache cannot hide it.)"""
    second = tmp_path / "second"
    result = build_site(second, SOURCE_DATE_EPOCH=SITE_EPOCH, PARCEL_HELP_STEP_SHELL="off",
                        PARCEL_HELP_CACHE="off")
    assert result.returncode == 0, result.stderr
    first_files, second_files = files(site_dir), files(second)
    assert sorted(first_files) == sorted(second_files)
    assert len([name for name in first_files if STEP_FILE.fullmatch(name)]) > 300
    assert [name for name in first_files if first_files[name] != second_files[name]] == []
    assert "sitemap.xml.gz" in first_files and "search/search_index.json" in first_files


@pytest.fixture(scope="module")
def default_material(tmp_path_factory) -> tuple[Path, Path]:
    """(site folder, page) of a new mkdocs-material site with one short page."""
    folder = tmp_path_factory.mktemp("default-material")
    config = default_material_site(folder)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file",
                    str(config)], check=True, capture_output=True,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return folder / "site", folder / "site" / "index.html"


def weight(site_dir: Path, page: Path) -> int:
    return sum(page_weight(site_dir, page).values())


@pytest.mark.parametrize("folder", PREFIXES)
def test_the_questionnaire_beyond_its_words_adds_at_most_10_kb_to_a_default_material_page(
        site_dir, default_material, folder):
    """Issue 14's measure: the page's gzipped HTML, CSS and JS, less a default Material
    page's, less the gzipped text of its steps (the tree's advice, which grows with
    the tree). What is left is the questionnaire's own cost: its markup, styles and
    scripts, and the site's header, nav and footer."""
    page = site_dir / folder / "questionnaire" / "index.html"
    loads = page_weight(site_dir, page)
    # its own stylesheet and scripts load, and are counted
    assert {"assets/stylesheets/questionnaire.css", "assets/javascripts/questionnaire.js",
            "assets/javascripts/share.js"} <= set(loads)
    words = text_weight(page, "pq")
    added = weight(site_dir, page) - weight(*default_material)
    assert 0 < words  # (the page may weigh less than Material's: it has no bundle)
    assert added - words <= QUESTIONNAIRE_BUDGET, f"adds {added} bytes, {words} of them text"


class _HeldParser(HTMLParser):
    """Inline scripts that run (not JSON data) after the first stylesheet: each one
    holds the HTML parser until every stylesheet before it has loaded."""

    def __init__(self):
        super().__init__()
        self.stylesheet_seen, self.held = False, []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheet_seen = True
        elif (tag == "script" and self.stylesheet_seen and "src" not in attributes
              and attributes.get("type", "text/javascript") != "application/json"):
            self.held.append(self.getpos()[0])


def test_no_inline_script_holds_the_parser_until_the_stylesheets_load(site_dir):
    """Material's storage, palette and content-tab scripts stood after the stylesheets:
    the first paint on a slow phone showed the header alone, the content a frame later
    (site_overrides/partials/javascripts/base.html)."""
    held = {}
    for page in built_pages(site_dir):
        parser = _HeldParser()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.held:
            held[page.relative_to(site_dir).as_posix()] = parser.held
    assert held == {}
