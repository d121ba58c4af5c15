"""generator/trim.py: which of Material's rules a site keeps, and the trimmed build
(tests/test_trim_browser.py checks in Chromium that every element looks the same)."""

from __future__ import annotations

import gzip
import re
from importlib.resources import files
from pathlib import Path

import pytest

from generator import trim

from gates import parse
from site_languages import TRANSLATED


def words_of(tmp_path: Path, html: str, js: str = "") -> trim.Words:
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    (tmp_path / "app.js").write_text(js, encoding="utf-8")
    return trim.Words(tmp_path)


@pytest.fixture
def words(tmp_path):
    return words_of(tmp_path, '<main class="md-main kept" id="top" data-md-color-scheme="slate">'
                    '<p class="md-typeset">text</p></main>',
                    'el.classList.add("md-search-result__item");'
                    'x = `md-source__fact md-source__fact--${kind}`;')


@pytest.mark.parametrize("css, expected", [
    # a class on no page and in no script goes; one that is used stays
    (".md-typeset{a:1}.md-tabbed{a:2}", ".md-typeset{a:1}"),
    # a class Material's script adds while the page runs stays
    (".md-search-result__item{a:1}", ".md-search-result__item{a:1}"),
    # a class a script builds from a part stays, whatever follows the part
    (".md-source__fact--stars{a:1}", ".md-source__fact--stars{a:1}"),
    # each selector of a list is judged alone; the rule stays with the used ones
    (".md-tabbed,.md-typeset p,.admonition{a:1}", ".md-typeset p{a:1}"),
    # ids and exact attribute values are words too
    ("#top{a:1}#nowhere{a:2}", "#top{a:1}"),
    ("[data-md-color-scheme=slate]{a:1}[data-md-color-scheme=pink]{a:2}",
     "[data-md-color-scheme=slate]{a:1}"),
    # an attribute alone, or any other match, is not judged
    ("[hidden]{a:1}[class^=md-]{a:2}", "[hidden]{a:1}[class^=md-]{a:2}"),
    # inside a function a class may be absent and the selector still match
    (".md-main:not(.md-tabbed){a:1}", ".md-main:not(.md-tabbed){a:1}"),
    (":is(.md-tabbed,.kept) p{a:1}", ":is(.md-tabbed,.kept) p{a:1}"),
    # elements and pseudo-elements alone always stay
    ("body{a:1}p::before{a:2}", "body{a:1}p::before{a:2}"),
    # nested rules are judged inside @media and @supports; an emptied block goes
    ("@media screen{.md-typeset{a:1}.md-tabbed{a:2}}@media print{.md-tabbed{a:3}}",
     "@media screen{.md-typeset{a:1}}"),
    ("@supports (display:grid){.md-tabbed{a:1}}", ""),
    # at-rules that hold no selectors stay as they are
    ("@keyframes spin{0%{a:1}to{a:2}}", "@keyframes spin{0%{a:1}to{a:2}}"),
    # the text of a declaration is not a word of the site and changes nothing
    (".md-typeset{content:\".md-tabbed\"}", ".md-typeset{content:\".md-tabbed\"}"),
])
def test_a_rule_stays_when_its_selectors_can_match(words, css, expected):
    assert trim.unused_rules_removed(css, words) == expected


def test_words_come_from_pages_and_scripts_not_from_stylesheets(tmp_path):
    (tmp_path / "site.css").write_text(".only-in-css{a:1}", encoding="utf-8")
    found = words_of(tmp_path, '<p class="in-html">', 'add("in-js")')
    assert found.has("in-html") and found.has("in-js") and not found.has("only-in-css")


# --- the built site -----------------------------------------------------------------

def material_stylesheet(name: str) -> str:
    """Material's own stylesheet, as the theme ships it."""
    folder = files("material") / "templates" / "assets" / "stylesheets"
    return next(path for path in folder.iterdir()
                if re.fullmatch(rf"{name}\.[0-9a-f]{{8}}\.min\.css", path.name)).read_text("utf-8")


def test_pages_load_the_trimmed_stylesheets_under_new_names(site_dir):
    stylesheets = site_dir / "assets" / "stylesheets"
    for name in ("main", "palette"):
        built = list(stylesheets.glob(f"{name}.*.min.css"))
        assert len(built) == 1, built  # the untrimmed file is gone, and its source map
        assert not list(stylesheets.glob(f"{name}.*.map"))
        original = material_stylesheet(name)
        trimmed = built[0].read_text("utf-8")
        # a new name: a host that caches Material's file name for good still serves it
        assert trimmed != original and built[0].name not in original
        assert len(gzip.compress(trimmed.encode())) < 0.8 * len(gzip.compress(original.encode()))
        for page in (site_dir / "index.html", site_dir / "404.html",
                     *(site_dir / lang / "questionnaire" / "index.html" for lang in TRANSLATED)):
            assert any(url.endswith(f"assets/stylesheets/{built[0].name}")
                       for url in parse(page).loads), page


def test_our_scripts_and_styles_are_minified_and_their_sources_keep_comments(site_dir):
    source = Path("site_overrides/assets/javascripts/questionnaire.js").read_text("utf-8")
    built = (site_dir / "assets" / "javascripts" / "questionnaire.js").read_text("utf-8")
    assert "/*" in source and "/*" not in built and len(built) < 0.7 * len(source)
    css = (site_dir / "assets" / "stylesheets" / "questionnaire.css").read_text("utf-8")
    assert "/*" not in css and "\n" not in css.strip()
