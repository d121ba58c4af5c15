"""Each translated site (languages.yaml) in real headless Chromium: the questionnaire
walks to its outcomes with and without JavaScript, the language menu keeps the step,
search stays in the page's language, axe-core finds nothing, and every page declares
its language."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from markupsafe import escape

from gates import assert_no_axe_violations
from steps import (address, answer, open_language_menu, search, visible_step, wait_for_step,
                   walk_to)
from generator.i18n import locale
from site_data import TREES
from site_languages import PREFIXES, TRANSLATED

pytestmark = pytest.mark.browser

EN = TREES["en"]
WALK_GUIDES = ("empty-parcel", "wrong-city-or-stranger", "invalid-tracking-number")


def test_every_language_has_the_same_questionnaire_steps(site_dir):
    """Every step's page, at the same address in each language, shows that step."""
    for prefix in PREFIXES:
        for node_id in EN.nodes:
            page = site_dir / prefix / "questionnaire" / address(EN, node_id) / "index.html"
            ids = re.findall(r'<section class="pq-step[^"]*" id="([^"]+)"',
                             page.read_text(encoding="utf-8"))
            assert ids == [node_id], (prefix, node_id)


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("guide", WALK_GUIDES)
@pytest.mark.parametrize("lang", TRANSLATED)
def test_walk_a_translated_questionnaire(make_page, site_url, guide, javascript, lang):
    tree = TREES[lang]
    outcome, path = walk_to(tree, guide)
    page = make_page(javascript=javascript)
    page.goto(f"{site_url}/{lang}/questionnaire/")
    for question_id, given in path:
        assert visible_step(page) == question_id
        answer(page, given.label)  # the label in that language
        page.wait_for_url(f"{site_url}/{lang}/questionnaire/{address(tree, given.next)}")
        wait_for_step(page, given.next)
    assert visible_step(page) == outcome.id
    shown = page.locator(f"section[id='{outcome.id}']")
    assert shown.locator(".pq-title").inner_text() == outcome.title
    assert locale(lang).t("what_to_do") in shown.inner_text()
    if javascript:
        assert page.title().startswith(outcome.title)
        assert page.locator(".pq-trail-answer").all_inner_texts() == [a.label for _, a in path]
    shown.locator(".pq-guide a").click()
    assert page.url == f"{site_url}/{lang}/guides/{guide}/"
    assert page.locator("h1").inner_text() == tree.guides[guide].title
    assert page.requests.foreign() == []
    assert page.console_errors == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_switching_language_keeps_the_questionnaire_step(make_page, site_url, lang):
    outcome, path = walk_to(TREES[lang], "empty-parcel")
    page = make_page()
    page.goto(f"{site_url}/{lang}/questionnaire/")
    for _, given in path[:2]:
        answer(page, given.label)
        wait_for_step(page, given.next)
    step = path[1][1].next
    open_language_menu(page, "en").click()
    page.wait_for_url(f"{site_url}/questionnaire/{step}/")
    assert visible_step(page) == step
    assert page.locator("html").get_attribute("lang") == "en"
    open_language_menu(page, lang).click()
    page.wait_for_url(f"{site_url}/{lang}/questionnaire/{step}/")
    assert page.locator(f"section[id='{step}'] .pq-title").inner_text() == \
        TREES[lang].nodes[step].title


@pytest.mark.parametrize("lang", TRANSLATED)
def test_switching_language_without_javascript(make_page, site_url, lang):
    outcome, _ = walk_to(TREES[lang], "wrong-city-or-stranger")
    page = make_page(javascript=False)
    page.goto(f"{site_url}/{lang}/questionnaire/{outcome.id}/")
    assert visible_step(page) == outcome.id
    open_language_menu(page, "en").click()  # the menu opens on focus by CSS alone
    assert page.url == f"{site_url}/questionnaire/{outcome.id}/"  # the step's own page
    assert visible_step(page) == outcome.id
    page.goto(f"{site_url}/guides/parcel-lost/")
    open_language_menu(page, lang).click()
    assert page.url == f"{site_url}/{lang}/guides/parcel-lost/"
    assert page.locator("h1").inner_text() == TREES[lang].guides["parcel-lost"].title


def material_word(lang: str, key: str) -> str:
    """One of Material's own words in lang (its partials/languages/LANG.html)."""
    path = Path(material.__file__).parent / "templates/partials/languages" / f"{lang}.html"
    return re.search(rf'"{re.escape(key)}": "([^"]*)"', path.read_text(encoding="utf-8")).group(1)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_translated_search_finds_its_own_pages_only(make_page, site_url, lang):
    page = make_page()
    page.goto(f"{site_url}/{lang}/")
    title = TREES[lang].guides["parcel-lost"].title  # its longest word, as a reader types it
    found = search(page, max(re.findall(r"\w+", title), key=len).lower())
    assert f"{site_url}/{lang}/guides/parcel-lost/" in [u.split("#")[0] for u in found]
    assert all(u.startswith(f"{site_url}/{lang}/") for u in found), found
    # Material's own words in that language too
    assert page.locator("input.md-search__input").get_attribute("placeholder") == \
        material_word(lang, "search.placeholder")
    assert page.console_errors == []


def test_english_search_finds_english_pages_only(make_page, site_url):
    page = make_page()
    page.goto(f"{site_url}/guides/")
    found = search(page, "sorting")
    assert f"{site_url}/guides/parcel-lost/" in [u.split("#")[0] for u in found]
    assert not any(f"/{lang}/" in u for u in found for lang in TRANSLATED), found


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_translated_outcome_step_has_no_violations(make_page, site_url, lang):
    """The all-pages gate sees the first question; an outcome is a state of its own."""
    outcome, _ = walk_to(TREES[lang], "empty-parcel")
    page = make_page()
    page.goto(f"{site_url}/{lang}/questionnaire/{outcome.id}/")
    assert_no_axe_violations(page)


def test_every_page_declares_its_language(site_dir):
    wrong = []
    for html in site_dir.rglob("*.html"):
        relative = html.relative_to(site_dir).as_posix()
        want = next((lang for lang in TRANSLATED if relative.startswith(f"{lang}/")), "en")
        found = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", html.read_text(encoding="utf-8"))
        if not found or found.group(1) != want:
            wrong.append(f"{relative}: {found.group(1) if found else 'no lang'}")
    assert wrong == []
    assert all((site_dir / lang / "questionnaire" / "index.html").is_file() for lang in TRANSLATED)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translated_pages_link_to_their_english_twin(site_dir, lang):
    page = (site_dir / lang / "guides" / "parcel-lost" / "index.html").read_text()
    assert re.search(r'<a href="../../../guides/parcel-lost/" hreflang="en" lang="en"', page)
    title = f"{TREES[lang].guides['parcel-lost'].title} - {locale(lang).t('site_name')}"
    assert f"<title>{escape(title)}</title>" in page
