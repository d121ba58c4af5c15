"""The Spanish site in real headless Chromium: its search stems Spanish words (with the
stemmer bundled in the site, no other host), the language menu keeps the step across
every language, and Spanish pages walk to their guide."""

from __future__ import annotations

import json

import pytest

from generator.i18n import locale
from steps import answer, open_language_menu, search, visible_step, wait_for_step, walk_to
from site_data import TREES

pytestmark = pytest.mark.browser

ES = TREES["es"]
ES_LOCALE = locale("es").data["strings"]


def test_spanish_search_stems_words(make_page, site_url, site_dir):
    """'retenidos' is nowhere in the Spanish index, nor a prefix of a word in it: only
    Spanish stemming (retenido, retenidos -> reten) finds the customs-hold step."""
    index = (site_dir / "es" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "retenidos" not in index.lower() and "retenido" in index.lower()
    assert json.loads(index)["config"]["lang"][0] == "es"
    page = make_page()
    page.goto(f"{site_url}/es/")
    found = [u.split("#")[0] for u in search(page, "retenidos")]
    assert f"{site_url}/es/questionnaire/customs-held/" in found, found
    assert all(u.startswith(f"{site_url}/es/") for u in found), found
    assert any(u.endswith("/lunr/min/lunr.es.min.js") for u in page.requests.urls)
    assert page.requests.foreign() == []
    assert page.console_errors == []


def test_the_language_menu_keeps_the_step_in_every_language(make_page, site_url):
    outcome, path = walk_to(ES, "empty-parcel")
    page = make_page()
    page.goto(f"{site_url}/es/questionnaire/")
    for _, given in path[:2]:
        answer(page, given.label)  # the Spanish label
        wait_for_step(page, given.next)
    step = path[1][1].next
    others = [lang for lang in TREES if lang != "es"]
    for lang in others + ["es"]:
        open_language_menu(page, lang).click()
        folder = "" if lang == "en" else f"{lang}/"
        page.wait_for_url(f"{site_url}/{folder}questionnaire/{step}/")
        assert visible_step(page) == step
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator(f"section[id='{step}'] .pq-title").inner_text() == \
            TREES[lang].nodes[step].title
    assert page.console_errors == []


@pytest.mark.parametrize("javascript", [True, False])
def test_walk_the_spanish_questionnaire_to_its_guide(make_page, site_url, javascript):
    outcome, path = walk_to(ES, "wrong-city-or-stranger")
    page = make_page(javascript=javascript)
    page.goto(f"{site_url}/es/questionnaire/")
    for _, given in path:
        answer(page, given.label)
        wait_for_step(page, given.next)
    assert visible_step(page) == outcome.id
    page.locator(f"section[id='{outcome.id}'] .pq-guide a").click()
    assert page.url == f"{site_url}/es/guides/wrong-city-or-stranger/"
    assert page.locator("h1").inner_text() == ES.guides["wrong-city-or-stranger"].title
    assert page.requests.foreign() == []


def test_spanish_letters_in_a_message_become_plain_ones(make_page, site_url):
    """A name or a question typed in Spanish: the builder offers plain letters for the
    accented ones (tools.yaml's replacements), rather than dropping them."""
    from tools_pages import wait_until_ready

    page = make_page()
    page.goto(f"{site_url}/es/tools/message/")
    wait_until_ready(page)
    form = page.locator("form[data-tool='dispute-message']")
    form.locator("[name='situation']").select_option("not-received")
    textarea = form.locator("textarea[data-message]")
    textarea.press("End")
    textarea.type("\nMe llamo José Muñoz. ¿Dónde está? ¡Ñandú!")
    flags = page.locator(".dm-flags-text").inner_text()
    for char in ("é", "ñ", "¿", "Ñ", "ú"):
        assert char in flags
    page.get_by_role("button", name=ES_LOCALE["tools_dm_clean"]).click()
    text = textarea.input_value()
    assert "Me llamo Jose Munoz. Donde esta? Nandu!" in text
    assert page.console_errors == []


@pytest.mark.parametrize("javascript", [True, False])
def test_the_spanish_embed_walks_to_an_outcome_with_no_other_host(make_page, site_url,
                                                                  javascript):
    """The embed in Spanish: its own page, its Spanish labels, the outcome's Spanish
    title, and no request beyond the site (axe checks it too)."""
    from gates import assert_no_axe_violations

    outcome, path = walk_to(ES, "invalid-tracking-number")
    page = make_page(javascript=javascript)
    page.goto(f"{site_url}/es/embed/")
    assert page.locator("html").get_attribute("lang") == "es"
    for _, given in path:
        answer(page, given.label)
        wait_for_step(page, given.next)
    assert visible_step(page) == outcome.id
    shown = page.locator(f"section[id='{outcome.id}']")
    assert shown.locator(".pq-title").inner_text() == outcome.title
    if javascript:
        assert_no_axe_violations(page)
    assert page.requests.foreign() == [] and page.console_errors == []
