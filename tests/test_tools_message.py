"""The dispute message builder in headless Chromium, through its contract:
<form data-tool="dispute-message">, the message in <textarea data-message>."""

from __future__ import annotations

import re

import pytest

from gates import assert_no_axe_violations
from generator.i18n import locale
from site_data import SITE, TOOLS
from site_languages import ENGLISH, LANGUAGES, READER_WORDS
from translated_copy import TRANSLATED
from tools_pages import (PHONE, assert_fits_the_screen, assert_private, open_tool,
                         reach_from_step, shared_tool_page, wait_until_ready)

pytestmark = pytest.mark.browser

MESSAGES = TOOLS.messages


def form(page):
    return page.locator("form[data-tool='dispute-message']")


def fill(page, situation: str, order: str = "", tracking: str = "", date: str = "") -> str:
    form(page).locator("[name='situation']").select_option(situation)
    form(page).locator("[name='order']").fill(order)
    form(page).locator("[name='tracking']").fill(tracking)
    form(page).locator("[name='date']").fill(date)
    return message(page)


def message(page) -> str:
    return form(page).locator("textarea[data-message]").input_value()


@pytest.fixture(scope="module")
def builder(browser, site_url):
    """One page for the templates: each test fills every field again."""
    with shared_tool_page(browser, site_url, "message") as page:
        yield page


@pytest.mark.parametrize("template", MESSAGES, ids=[m.id for m in MESSAGES])
def test_each_template_is_filled(builder, template):
    page = builder
    text = fill(page, template.id, "8123456789012345", "RB123456785CN", "2024-02-29")
    expected = (template.text.replace("{order}", "8123456789012345")
                .replace("{tracking}", "RB123456785CN").replace("{date}", "2024-02-29"))
    assert text == expected
    assert not re.search(r"[{}]", text)
    assert page.locator("#dm-date-label").inner_text() == template.date_label
    assert not page.locator("[data-clean]").is_visible(), "a clean message has nothing to flag"


def test_empty_fields_leave_a_visible_gap(make_page, site_url):
    page = open_tool(make_page, site_url, "message")
    text = fill(page, "not-received")
    assert "[order number]" in text and "[tracking number]" in text and "[date]" in text


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES
                                  if "plain_letters" in READER_WORDS[lang]])
def test_a_languages_letters_and_number_sign_are_flagged_and_replaced(make_page, site_url, lang):
    """A reader writes in their own language (tests/fixtures/reader_words.yaml) and the
    number sign: each flagged, then replaced by plain ASCII, on the English page."""
    words = READER_WORDS[lang]["plain_letters"]
    page = open_tool(make_page, site_url, "message")
    fill(page, "empty-parcel", "№ 8123456789012345", "RB123456785CN", "2024-03-01")
    textarea = form(page).locator("textarea[data-message]")
    textarea.press("End")
    textarea.type("\n" + words["typed"])
    flags = page.locator(".dm-flags-text").inner_text()
    for char in ("№", *words["flagged"]):
        assert char in flags
    assert textarea.get_attribute("aria-describedby") == "dm-flags"
    page.get_by_role("button", name=locale(ENGLISH).t("tools_dm_clean")).click()
    text = message(page)
    assert re.fullmatch(r"[\n -~]*", text), "only plain ASCII is left"
    assert "order No. 8123456789012345" in text
    assert words["plain"] in text
    assert form(page).locator("[name='order']").input_value() == "No. 8123456789012345"
    assert page.locator(".dm-flags-text").inner_text() == ""
    assert not page.locator("[data-clean]").is_visible()
    page.locator(".dm-status").get_by_text("Replaced").wait_for()


def test_characters_without_a_replacement_are_removed(make_page, site_url):
    page = open_tool(make_page, site_url, "message")
    fill(page, "not-received", "123📦", "RB123456785CN", "2024-03-01")
    assert "📦" in page.locator(".dm-flags-text").inner_text()
    page.get_by_role("button", name="Replace them").click()
    assert "order 123." in message(page)


def test_copy_button_uses_the_clipboard(make_page, site_url):
    page = open_tool(make_page, site_url, "message",
                     permissions=["clipboard-read", "clipboard-write"])
    text = fill(page, "seller-pressure", "8123456789012345", "RB123456785CN", "2024-03-01")
    page.get_by_role("button", name="Copy the message").click()
    status = page.locator(".dm-status[role='status']")
    status.get_by_text("Copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == text


@pytest.mark.parametrize("copies, said", [(True, "Copied."), (False, "Could not copy")])
def test_copy_falls_back_without_the_clipboard_api(make_page, site_url, copies, said):
    """Without navigator.clipboard the script selects the message and asks the browser
    to copy it; what it announces follows what the browser answered."""
    page = make_page()
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});"
                         f"document.execCommand = () => {'true' if copies else 'false'};")
    page.goto(f"{site_url}/tools/message/")
    text = fill(page, "not-received", "8123456789012345")
    page.get_by_role("button", name="Copy the message").click()
    page.locator(".dm-status").get_by_text(said).wait_for()
    # the fallback selected the whole message, ready to copy by hand at worst
    selected = page.evaluate("(() => { const t = document.querySelector('textarea[data-message]');"
                             " return t.value.slice(t.selectionStart, t.selectionEnd); })()")
    assert selected == text


def test_reached_from_the_questionnaire_with_the_situation_chosen(make_page, site_url):
    page = make_page()
    for template in MESSAGES:
        node_id = template.steps[0]
        page.goto(f"{site_url}/questionnaire/{node_id}/")
        page.locator(f"section#{node_id} a[href$='tools/message/#{template.id}']").click()
        wait_until_ready(page, "dispute-message")
        assert form(page).locator("[name='situation']").input_value() == template.id
        assert message(page).startswith(template.text.split("{")[0])
    assert_private(page)


def test_every_step_that_offers_it_links_to_it(make_page, site_url):
    offered = {node_id for m in MESSAGES for node_id in m.steps}
    page = reach_from_step(make_page(), site_url, sorted(offered)[0], "dispute-message")
    assert "/tools/message/" in page.url
    for node_id in offered:  # each step's own page
        links = page.evaluate(f"fetch('../../questionnaire/{node_id}/').then(r => r.text())")
        assert re.search(rf'id="{node_id}".*?data-tool-link="dispute-message"', links, re.S)


def test_without_javascript_every_template_is_on_the_page(make_page, site_url):
    page = open_tool(make_page, site_url, "message", javascript=False)
    assert not form(page).is_visible()
    templates = page.locator("pre.dm-template").all_inner_texts()
    assert [t.strip() for t in templates] == [m.text.strip() for m in MESSAGES]
    assert "No. instead of №" in page.locator("article").inner_text()


def test_accessible_and_fits_a_phone(make_page, site_url):
    page = open_tool(make_page, site_url, "message", viewport=PHONE)
    for label in ("Your situation", "Order number", "Tracking number",
                  "Your message (you can edit it)"):
        assert page.get_by_label(label, exact=True).count() == 1, label
    fill(page, "wrong-address", "№1", "RB123456785CN", "2024-03-01")
    assert_fits_the_screen(page)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_translated_page_shows_what_each_english_message_means(make_page, site_url, lang):
    """A reader who does not read English sees the meaning beside the English, marked as
    theirs to read; the English stays the message that is sent (and copied)."""
    page = make_page()
    page.goto(f"{site_url}/{lang}/tools/message/")
    wait_until_ready(page, "dispute-message")
    messages = SITE.tools_in(lang).messages
    first = messages[0]
    text = fill(page, first.id, "8123456789012345", "RB123456785CN", "2024-02-29")
    assert text.startswith("Hello.")
    meaning = form(page).locator("[data-meaning-text]").inner_text()
    assert meaning == (first.meaning.replace("{order}", "8123456789012345")
                       .replace("{tracking}", "RB123456785CN").replace("{date}", "2024-02-29"))
    note = form(page).locator(".dm-meaning-note").inner_text()
    assert note == locale(lang).t("tools_dm_meaning")
    # every template in the page's list has its meaning right after it
    article = page.locator("article")
    english = article.locator("pre.dm-template[lang='en']").all_inner_texts()
    meanings = article.locator("pre.dm-meaning").all_inner_texts()
    assert [t.strip() for t in english] == [m.text.strip() for m in MESSAGES]
    assert [t.strip() for t in meanings] == [m.meaning.strip() for m in messages]