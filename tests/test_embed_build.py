"""The embed as built: its size budgets, a standalone page that loads nothing else,
links that leave the frame, and the embed guide's snippet (tests/test_embed_browser.py
drives it in Chromium)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.embed import HOST_SCRIPT

from conftest import SITE_URL
from gates import embed_snippet, gzipped_size, parse
from site_data import TREES
from site_languages import PREFIXED, PREFIXES

# What fits in the first network round trip (TCP's first 10 packets, "14 KB"), and
# the host script that every embedding page loads. The embed's page holds its first
# question only, whatever the tree's size; the data of the steps its answers lead to
# (embed/steps/ID.json) is fetched as soon as it shows: both count.
EMBED_BUDGET = 14 * 1024
HOST_SCRIPT_BUDGET = 1536


def first_load(folder: Path) -> tuple[Path, list[Path]]:
    """The embed's first page and the step data it fetches on load: each answer's."""
    page = folder / "index.html"
    targets = re.findall(r'data-step="([^"]+)"', page.read_text(encoding="utf-8"))
    return page, [folder / "steps" / f"{target}.json" for target in dict.fromkeys(targets)]


@pytest.mark.parametrize("folder", [prefix + "embed" for prefix in PREFIXES])
def test_embed_page_and_all_it_loads_fit_the_budget(site_dir, folder):
    page, data = first_load(site_dir / folder)
    loads = [url for url in parse(page).loads if "data:" not in url]
    # Everything arrives in the page itself: CSS and JS are inlined.
    assert loads == [], loads
    assert data, "the first question's answers lead to steps"
    size = gzipped_size(page) + sum(gzipped_size(path) for path in data)
    print(f"/{folder}/: {page.stat().st_size} bytes, with the next steps' data {size} "
          "bytes gzipped")
    assert size <= EMBED_BUDGET, (
        f"/{folder}/ and the next steps' data are {size} bytes gzipped, over the "
        f"{EMBED_BUDGET}-byte budget")


@pytest.mark.parametrize("prefix, lang", PREFIXED)
def test_each_step_has_an_embed_page_and_data_with_the_same_section(site_dir, prefix, lang):
    """/embed/ID/ (the sandboxed frame's and the no-script frame's way from step to
    step) and embed/steps/ID.json (swapped in) hold the same step, what to do now included;
    an old id's data names the step that replaced it."""
    tree = TREES[lang]
    folder = site_dir / prefix / "embed"
    for node in tree.nodes.values():
        page = folder / ("index.html" if node.id == tree.start else f"{node.id}/index.html")
        data = json.loads((folder / "steps" / f"{node.id}.json").read_text(encoding="utf-8"))
        assert data["html"] in page.read_text(encoding="utf-8"), node.id
        if node.kind == "outcome":
            assert len(re.findall(r"<li>", data["html"].split('class="pq-do"')[1].split("</ol>")[0])) \
                == len(node.steps)
    for old, target in tree.aliases.items():
        data = json.loads((folder / "steps" / f"{old}.json").read_text(encoding="utf-8"))
        assert data == {"redirect": target}


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
        if "data-step" in attrs:
            assert attrs.get("target") == "_self", attrs
            assert (page.parent / href / "index.html").is_file(), href
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
