"""A language is data: a pseudo-language added to a copy of the project from data
alone (tests/pseudo_language.py: a line in languages.yaml, its translations, locale and
pages) is built like the others: every page, search, the embed, the language switcher,
link previews and offline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from project_copy import build, copy_project
from pseudo_language import add_language
from translated_copy import TRANSLATED

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    project = copy_project(tmp_path_factory.mktemp("pseudo"))
    code = add_language(project)
    result = build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site", code


def english_pages(site: Path) -> list[str]:
    """Every page of the English site, relative to the site (no other language's)."""
    others = set(TRANSLATED)
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if p.relative_to(site).parts[0] not in others | {"assets"}
                  and p.relative_to(site).parts[0] != "404.html")


def test_every_page_is_built_in_the_new_language(built):
    site, code = built
    pages = english_pages(site)
    assert len(pages) > 100
    missing = [page for page in pages if page.split("/")[0] != code and not (site / code / page).is_file()
               and not page.startswith("translation-status")]
    assert missing == []
    home = (site / code / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{code}"' in home and "⟦" in home  # its own words


def test_search_has_an_index_in_the_new_language(built):
    site, code = built
    index = json.loads((site / code / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"][0] == code and index["docs"]
    assert all("⟦" in doc["title"] or not doc["title"] for doc in index["docs"][:5]) or \
        any("⟦" in doc["text"] for doc in index["docs"])


def test_the_embed_and_the_switcher(built):
    site, code = built
    embed = (site / code / "embed" / "index.html").read_text(encoding="utf-8")
    assert f'lang="{code}"' in embed and "⟦" in embed
    english = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'href="[./]*{code}/about/" hreflang="{code}"', english), "no switcher link"


def test_link_previews_and_offline(built):
    site, code = built
    assert (site / "assets" / "images" / "social" / f"{code}.png").is_file()
    home = (site / code / "index.html").read_text(encoding="utf-8")
    assert f'og:locale" content="{code}_{code.upper()}"' in home
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert f"{code}/offline/" in worker
    assert (site / code / "manifest.webmanifest").is_file()
