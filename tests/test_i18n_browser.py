"""The Russian site in real headless Chromium: the questionnaire walks to its outcomes
with and without JavaScript, the language menu keeps the step, search stays in the
page's language, axe-core finds nothing, and every page declares its language."""

from __future__ import annotations

import re

import pytest

from gates import assert_no_axe_violations
from steps import (address, answer, open_language_menu, search, visible_step, wait_for_step,
                   walk_to)
from site_data import TREES

pytestmark = pytest.mark.browser

EN, RU = TREES["en"], TREES["ru"]
WALK_GUIDES = ("empty-parcel", "wrong-city-or-stranger", "invalid-tracking-number")


def test_russian_questionnaire_has_the_same_steps(site_dir):
    """Every step's page, at the same address in each language, shows that step."""
    for prefix in ("", "ru/"):
        for node_id in EN.nodes:
            page = site_dir / prefix / "questionnaire" / address(EN, node_id) / "index.html"
            ids = re.findall(r'<section class="pq-step[^"]*" id="([^"]+)"',
                             page.read_text(encoding="utf-8"))
            assert ids == [node_id], (prefix, node_id)


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("guide", WALK_GUIDES)
def test_walk_the_russian_questionnaire(make_page, site_url, guide, javascript):
    outcome, path = walk_to(RU, guide)
    page = make_page(javascript=javascript)
    page.goto(f"{site_url}/ru/questionnaire/")
    for question_id, given in path:
        assert visible_step(page) == question_id
        answer(page, given.label)  # the Russian label
        page.wait_for_url(f"{site_url}/ru/questionnaire/{address(RU, given.next)}")
        wait_for_step(page, given.next)
    assert visible_step(page) == outcome.id
    shown = page.locator(f"section[id='{outcome.id}']")
    assert shown.locator(".pq-title").inner_text() == outcome.title
    assert "Что делать сейчас" in shown.inner_text()
    if javascript:
        assert page.title().startswith(outcome.title)
        assert page.locator(".pq-trail-answer").all_inner_texts() == [a.label for _, a in path]
    shown.locator(".pq-guide a").click()
    assert page.url == f"{site_url}/ru/guides/{guide}/"
    assert page.locator("h1").inner_text() == RU.guides[guide].title
    assert page.requests.foreign() == []
    assert page.console_errors == []


def test_switching_language_keeps_the_questionnaire_step(make_page, site_url):
    outcome, path = walk_to(RU, "empty-parcel")
    page = make_page()
    page.goto(f"{site_url}/ru/questionnaire/")
    for _, given in path[:2]:
        answer(page, given.label)
        wait_for_step(page, given.next)
    step = path[1][1].next
    open_language_menu(page, "en").click()
    page.wait_for_url(f"{site_url}/questionnaire/{step}/")
    assert visible_step(page) == step
    assert page.locator("html").get_attribute("lang") == "en"
    open_language_menu(page, "ru").click()
    page.wait_for_url(f"{site_url}/ru/questionnaire/{step}/")
    assert page.locator(f"section[id='{step}'] .pq-title").inner_text() == RU.nodes[step].title


def test_switching_language_without_javascript(make_page, site_url):
    outcome, _ = walk_to(RU, "wrong-city-or-stranger")
    page = make_page(javascript=False)
    page.goto(f"{site_url}/ru/questionnaire/{outcome.id}/")
    assert visible_step(page) == outcome.id
    open_language_menu(page, "en").click()  # the menu opens on focus by CSS alone
    assert page.url == f"{site_url}/questionnaire/{outcome.id}/"  # the step's own page
    assert visible_step(page) == outcome.id
    page.goto(f"{site_url}/guides/parcel-lost/")
    open_language_menu(page, "ru").click()
    assert page.url == f"{site_url}/ru/guides/parcel-lost/"
    assert page.locator("h1").inner_text() == RU.guides["parcel-lost"].title


def test_russian_search_finds_russian_pages_only(make_page, site_url):
    page = make_page()
    page.goto(f"{site_url}/ru/")
    found = search(page, "сортировочной")
    assert f"{site_url}/ru/guides/parcel-lost/" in [u.split("#")[0] for u in found]
    assert all(u.startswith(f"{site_url}/ru/") for u in found), found
    # Material's own words in Russian too
    assert page.locator("input.md-search__input").get_attribute("placeholder") == "Поиск"
    assert page.console_errors == []


def test_english_search_finds_english_pages_only(make_page, site_url):
    page = make_page()
    page.goto(f"{site_url}/guides/")
    found = search(page, "sorting")
    assert f"{site_url}/guides/parcel-lost/" in [u.split("#")[0] for u in found]
    assert not any("/ru/" in u for u in found), found


def test_russian_outcome_step_has_no_violations(make_page, site_url):
    """The all-pages gate sees the first question; an outcome is a state of its own."""
    outcome, _ = walk_to(RU, "empty-parcel")
    page = make_page()
    page.goto(f"{site_url}/ru/questionnaire/{outcome.id}/")
    assert_no_axe_violations(page)


def test_every_page_declares_its_language(site_dir):
    wrong = []
    for html in site_dir.rglob("*.html"):
        relative = html.relative_to(site_dir).as_posix()
        first = relative.split("/")[0]
        want = first if first in TREES else "en"  # each language's folder, English at the root
        found = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", html.read_text(encoding="utf-8"))
        if not found or found.group(1) != want:
            wrong.append(f"{relative}: {found.group(1) if found else 'no lang'}")
    assert wrong == []
    assert (site_dir / "ru" / "questionnaire" / "index.html").is_file()


def test_russian_pages_link_to_their_english_twin(site_dir):
    page = (site_dir / "ru" / "guides" / "parcel-lost" / "index.html").read_text()
    assert re.search(r'<a href="../../../guides/parcel-lost/" hreflang="en" lang="en"', page)
    assert "<title>Посылка потерялась или так и не пришла - Помощь с посылкой</title>" in page
