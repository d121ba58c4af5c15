"""Each translated site in real headless Chromium, with the words its readers type
(tests/fixtures/reader_words.yaml): its search stems the language's words (with the
stemmer bundled in the site, no other host), the language menu keeps the step across
every language, the message builder offers plain letters for the language's own, and
the embed walks to an outcome in the language."""

from __future__ import annotations

import json

import pytest

from generator.i18n import locale
from site_data import TOOLS, TREES
from site_languages import LANGUAGES, READER_WORDS, TRANSLATED
from steps import answer, open_language_menu, search, visible_step, wait_for_step, walk_to

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", TRANSLATED)
def test_search_stems_the_languages_words(make_page, site_url, site_dir, lang):
    """The typed form is nowhere in the index, nor the start of a word in it: only the
    language's stemmer finds the step whose page has the indexed form."""
    stems = READER_WORDS[lang]["stems"]
    index = (site_dir / lang / "search" / "search_index.json").read_text(encoding="utf-8")
    assert stems["typed"] not in index.lower() and stems["indexed"] in index.lower()
    assert json.loads(index)["config"]["lang"][0] == lang
    page = make_page()
    page.goto(f"{site_url}/{lang}/")
    found = [u.split("#")[0] for u in search(page, stems["typed"])]
    assert f"{site_url}/{lang}/questionnaire/{stems['step']}/" in found, found
    assert all(u.startswith(f"{site_url}/{lang}/") for u in found), found
    assert any(u.endswith(f"/lunr/min/lunr.{lang}.min.js") for u in page.requests.urls)
    assert page.requests.foreign() == []
    assert page.console_errors == []


def test_the_language_menu_keeps_the_step_in_every_language(make_page, site_url):
    """From the last language, through every other, and back."""
    start = LANGUAGES[-1]
    outcome, path = walk_to(TREES[start], "empty-parcel")
    page = make_page()
    page.goto(f"{site_url}/{start}/questionnaire/")
    for _, given in path[:2]:
        answer(page, given.label)  # the label in that language
        wait_for_step(page, given.next)
    step = path[1][1].next
    for lang in LANGUAGES:
        open_language_menu(page, lang).click()
        folder = "" if lang == LANGUAGES[0] else f"{lang}/"
        page.wait_for_url(f"{site_url}/{folder}questionnaire/{step}/")
        assert visible_step(page) == step
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator(f"section[id='{step}'] .pq-title").inner_text() == \
            TREES[lang].nodes[step].title
    assert page.console_errors == []


@pytest.mark.parametrize("lang", [lang for lang in TRANSLATED
                                  if "plain_letters" in READER_WORDS[lang]])
def test_the_languages_letters_in_a_message_become_plain_ones(make_page, site_url, lang):
    """A name or a question typed in the reader's language: the builder offers plain
    letters for its own (tools.yaml's replacements), rather than dropping them."""
    from tools_pages import wait_until_ready

    words = READER_WORDS[lang]["plain_letters"]
    page = make_page()
    page.goto(f"{site_url}/{lang}/tools/message/")
    wait_until_ready(page)
    form = page.locator("form[data-tool='dispute-message']")
    form.locator("[name='situation']").select_option(TOOLS.messages[0].id)
    textarea = form.locator("textarea[data-message]")
    textarea.press("End")
    textarea.type("\n" + words["typed"])
    flags = page.locator(".dm-flags-text").inner_text()
    for char in words["flagged"]:
        assert char in flags
    page.get_by_role("button", name=locale(lang).data["strings"]["tools_dm_clean"]).click()
    assert words["plain"] in textarea.input_value()
    assert page.console_errors == []


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_embed_walks_to_an_outcome_with_no_other_host(make_page, site_url, lang,
                                                          javascript):
    """The embed in each language: its own page, its labels, the outcome's title, and
    no request beyond the site (axe checks it too)."""
    from gates import assert_no_axe_violations

    outcome, path = walk_to(TREES[lang], "invalid-tracking-number")
    page = make_page(javascript=javascript)
    page.goto(f"{site_url}/{lang}/embed/")
    assert page.locator("html").get_attribute("lang") == lang
    for _, given in path:
        answer(page, given.label)
        wait_for_step(page, given.next)
    assert visible_step(page) == outcome.id
    shown = page.locator(f"section[id='{outcome.id}']")
    assert shown.locator(".pq-title").inner_text() == outcome.title
    if javascript:
        assert_no_axe_violations(page)
    assert page.requests.foreign() == [] and page.console_errors == []
