"""The embed as built: its size budgets, a standalone page that loads nothing else,
links that leave the frame, and the embed guide's snippet (tests/test_embed_browser.py
drives it in Chromium)."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from generator.embed import HOST_SCRIPT

from conftest import SITE_URL
from gates import embed_snippet, gzipped_size, parse
from site_data import TREES

# What fits in the first network round trip (TCP's first 10 packets, "14 KB"), and
# the host script that every embedding page loads. Both languages fit since the
# outcomes' "what to do now" arrive on reaching one (outcomes.json): Cyrillic takes two
# bytes a letter, and the Russian page with them was 16.8 KB gzipped.
EMBED_BUDGET = 14 * 1024
RU_EMBED_BUDGET = EMBED_BUDGET
HOST_SCRIPT_BUDGET = 1536


@pytest.mark.parametrize("folder, budget", [("embed", EMBED_BUDGET),
                                            ("ru/embed", RU_EMBED_BUDGET)])
def test_embed_page_and_all_it_loads_fit_the_budget(site_dir, folder, budget):
    page = site_dir / folder / "index.html"
    loads = [url for url in parse(page).loads if "data:" not in url]
    # Everything arrives in the page itself: CSS and JS are inlined.
    assert loads == [], loads
    size = gzipped_size(page)
    print(f"/{folder}/: {page.stat().st_size} bytes, {size} bytes gzipped")
    assert size <= budget, (
        f"/{folder}/ is {size} bytes gzipped, over its {budget}-byte budget: the "
        "embed's outcomes show only the deadline and load what to do now (steps.html.j2)")


@pytest.mark.parametrize("prefix, lang", [("", "en"), ("ru/", "ru")])
def test_outcomes_json_holds_what_to_do_for_every_outcome(site_dir, prefix, lang):
    """The embed's page carries no outcome's steps; outcomes.json beside it has each
    outcome's, as the site's questionnaire shows them."""
    tree = TREES[lang]
    steps = json.loads((site_dir / prefix / "embed" / "outcomes.json").read_text(encoding="utf-8"))
    assert set(steps) == {outcome.id for outcome in tree.outcomes()}
    site_page = (site_dir / prefix / "questionnaire" / "index.html").read_text(encoding="utf-8")
    embed_page = (site_dir / prefix / "embed" / "index.html").read_text(encoding="utf-8")
    for outcome in tree.outcomes():
        items = re.findall(r"<li>.*?</li>", steps[outcome.id], re.S)
        assert len(items) == len(outcome.steps)
        assert all(item in site_page for item in items)  # the same sanitised HTML
    assert '<ol class="pq-do"></ol>' in embed_page and "<ol class=\"pq-do\">\n<li>" not in embed_page


def test_host_script_fits_the_budget(site_dir):
    size = gzipped_size(site_dir / HOST_SCRIPT)
    print(f"host script: {(site_dir / HOST_SCRIPT).stat().st_size} bytes, {size} bytes gzipped")
    assert size <= HOST_SCRIPT_BUDGET, f"embed-host.js is {size} bytes gzipped"


def test_embed_is_standalone(site_dir):
    page = (site_dir / "embed" / "index.html").read_text(encoding="utf-8")
    assert "md-header" not in page and "bundle" not in page  # not Material's page
    assert '<meta name="color-scheme" content="light dark">' in page
    assert re.search(r"prefers-color-scheme:\s*dark", page)  # the dark palette, minified
    assert '<base target="_blank">' in page
    assert 'class="pq" ' in page and "data-embedded" in page
    assert "localStorage" not in page and "sessionStorage" not in page
    assert "document.cookie" not in page


def test_links_leaving_the_embed_open_a_new_tab(site_dir):
    """<base target="_blank"> sends every link to a new tab, except the links between
    steps, which stay in the frame."""
    page = site_dir / "embed" / "index.html"
    anchors = [attrs for tag, attrs in parse(page).links if tag == "a"]
    assert anchors
    for attrs in anchors:
        href = attrs["href"]
        if href.startswith("#"):
            assert attrs.get("target") == "_self", attrs
        else:
            assert "target" not in attrs and attrs.get("rel") == "noopener", attrs
            # the page a link opens; a query (the calculator's ?step=) names no file
            target = (page.parent / urlsplit(href).path).resolve() / "index.html"
            assert target.is_file(), f"{href} from /embed/ leads nowhere"


def test_embed_guide_is_in_the_nav_with_snippet_and_preview(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="embed-guide/"' in home
    snippet = embed_snippet(site_dir)
    assert f'<iframe src="{SITE_URL}embed/"' in snippet and "title=" in snippet
    assert "data-parcel-help" in snippet
    assert f'<script src="{SITE_URL}{HOST_SCRIPT}" async></script>' in snippet
    guide = (site_dir / "embed-guide" / "index.html").read_text(encoding="utf-8")
    assert '<iframe src="../embed/"' in guide  # the live preview
    assert 'data-parcel-help' in guide and f'src="../{HOST_SCRIPT}"' in guide


def test_embed_is_not_searchable(site_dir):
    index = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"embed/' not in index.replace(" ", "")
