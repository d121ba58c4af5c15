"""The questionnaire in real headless Chromium, clicked as a person would: with and
without JavaScript, back button, each step's own page, old addresses (#ID, aliases),
unknown addresses, axe-core, privacy."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from generator.feedback import report_url
from generator.i18n import locale
from gates import assert_no_axe_violations
from steps import address, answer, visible_step, wait_for_step, walk_to
from site_data import TREE, TREES
from site_languages import PREFIXED

pytestmark = pytest.mark.browser

# Three walks that end in different guides' situations, found from the tree itself.
WALK_GUIDES = ("empty-parcel", "wrong-city-or-stranger", "invalid-tracking-number")


def open_questionnaire(make_page, site_url, fragment: str = "", javascript: bool = True):
    page = make_page(javascript=javascript)
    page.goto(f"{site_url}/questionnaire/{fragment}")
    return page


def step_url(site_url, node_id: str) -> str:
    return f"{site_url}/questionnaire/{address(TREE, node_id)}"


@pytest.mark.parametrize("guide", WALK_GUIDES)
def test_walk_to_an_outcome(make_page, site_url, guide):
    outcome, path = walk_to(TREE, guide)
    page = open_questionnaire(make_page, site_url)
    assert visible_step(page) == TREE.start
    page.evaluate("window.samePage = true")  # gone if a step loads a page
    for number, (question_id, given) in enumerate(path, start=1):
        assert visible_step(page) == question_id
        answer(page, given.label)
        wait_for_step(page, given.next)
        # the next step's heading has focus, the title and address name it
        assert page.evaluate("document.activeElement.id") == f"{given.next}-title"
        assert page.url == step_url(site_url, given.next)
        assert page.title().startswith(TREE.nodes[given.next].title)
        trail = page.locator(".pq-trail-answer")
        assert trail.all_inner_texts() == [a.label for _, a in path[:number]]
    assert visible_step(page) == outcome.id
    assert page.evaluate("window.samePage") is True, "the steps came without a page load"
    guide_link = page.locator(f"section[id='{outcome.id}'] .pq-guide a")
    guide_link.click()
    assert page.url == f"{site_url}/guides/{guide}/"
    assert page.requests.foreign() == []
    assert page.console_errors == []


def test_back_button_returns_to_the_previous_step(make_page, site_url):
    _, path = walk_to(TREE, "empty-parcel")
    page = open_questionnaire(make_page, site_url)
    for _, given in path:
        answer(page, given.label)
        wait_for_step(page, given.next)
    page.go_back()
    wait_for_step(page, path[-1][0])
    assert visible_step(page) == path[-1][0]
    assert page.url == step_url(site_url, path[-1][0])
    assert page.locator(".pq-trail-answer").all_inner_texts() == [a.label for _, a in path[:-1]]
    assert page.evaluate("document.activeElement.id") == f"{path[-1][0]}-title"
    page.go_forward()
    wait_for_step(page, path[-1][1].next)
    assert visible_step(page) == path[-1][1].next
    assert page.title().startswith(TREE.nodes[path[-1][1].next].title)


def test_change_link_goes_back_to_that_question(make_page, site_url):
    _, path = walk_to(TREE, "empty-parcel")
    page = open_questionnaire(make_page, site_url)
    for _, given in path:
        answer(page, given.label)
        wait_for_step(page, given.next)
    page.locator(".pq-trail-change").first.click()
    wait_for_step(page, TREE.start)
    assert visible_step(page) == TREE.start
    assert page.url == step_url(site_url, TREE.start)
    assert page.locator(".pq-trail").is_hidden()


@pytest.mark.parametrize("javascript", [True, False])
def test_a_step_has_a_page_of_its_own(make_page, site_url, javascript):
    outcome, _ = walk_to(TREE, "empty-parcel")
    page = open_questionnaire(make_page, site_url, address(TREE, outcome.id), javascript)
    assert visible_step(page) == outcome.id
    assert page.title().startswith(outcome.title)


def old_address_leads_to(page, site_url, node_id: str, javascript: bool) -> None:
    """An address from the one-page questionnaire: with JavaScript, the step's page;
    without, the first question and a link to the step's page."""
    if javascript:
        page.wait_for_url(step_url(site_url, node_id))
        assert visible_step(page) == node_id
        assert page.locator(".pq-notice").is_hidden()
        assert page.title().startswith(TREE.nodes[node_id].title)
    else:
        assert visible_step(page) == TREE.start
        link = page.locator(".pq-old:visible")
        assert link.count() == 1 and link.inner_text() == TREE.nodes[node_id].title
        link.click()
        page.wait_for_url(step_url(site_url, node_id))
        assert visible_step(page) == node_id


@pytest.mark.parametrize("javascript", [True, False])
def test_an_old_step_address_reaches_its_page(make_page, site_url, javascript):
    outcome, _ = walk_to(TREE, "empty-parcel")
    page = open_questionnaire(make_page, site_url, f"#{outcome.id}", javascript)
    old_address_leads_to(page, site_url, outcome.id, javascript)


def test_an_old_step_address_typed_over_the_first_page_reaches_its_page(make_page, site_url):
    outcome, _ = walk_to(TREE, "empty-parcel")
    page = open_questionnaire(make_page, site_url)
    page.goto(f"{site_url}/questionnaire/#{outcome.id}")  # the same document: hashchange
    old_address_leads_to(page, site_url, outcome.id, javascript=True)


@pytest.mark.parametrize("javascript", [True, False])
def test_fragment_inside_a_step_opens_that_step(make_page, site_url, javascript):
    outcome, _ = walk_to(TREE, "wrong-city-or-stranger")
    page = open_questionnaire(make_page, site_url, f"#{outcome.id}-title", javascript)
    old_address_leads_to(page, site_url, outcome.id, javascript)


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("old_id", list(TREE.aliases))
def test_an_old_address_opens_the_step_that_replaced_it(make_page, site_url, javascript, old_id):
    page = open_questionnaire(make_page, site_url, f"#{old_id}", javascript)
    old_address_leads_to(page, site_url, TREE.aliases[old_id], javascript)


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("old_id", list(TREE.aliases))
def test_an_old_ids_page_shows_the_step_that_replaced_it(make_page, site_url, javascript,
                                                         old_id):
    page = open_questionnaire(make_page, site_url, f"{old_id}/", javascript)
    assert visible_step(page) == TREE.aliases[old_id]
    if javascript:  # the address names the step shown
        assert page.url == step_url(site_url, TREE.aliases[old_id])


@pytest.mark.parametrize("javascript", [True, False])
def test_unknown_fragment_shows_the_start(make_page, site_url, javascript):
    page = open_questionnaire(make_page, site_url, "#no-such-step", javascript)
    assert visible_step(page) == TREE.start
    if javascript:
        notice = page.locator(".pq-notice")
        notice.wait_for(state="visible")  # once the step's data was not found
        assert "could not find the step" in notice.inner_text()


@pytest.mark.parametrize("guide", WALK_GUIDES)
def test_walk_without_javascript(make_page, site_url, guide):
    outcome, path = walk_to(TREE, guide)
    page = open_questionnaire(make_page, site_url, javascript=False)
    for question_id, given in path:
        assert visible_step(page) == question_id
        answer(page, given.label)
        page.wait_for_url(step_url(site_url, given.next))
    assert visible_step(page) == outcome.id
    page.go_back()
    assert visible_step(page) == path[-1][0]
    page.locator("section.pq-step:visible .pq-restart a").click()
    page.wait_for_url(step_url(site_url, TREE.start))
    assert visible_step(page) == TREE.start


def test_keyboard_only(make_page, site_url):
    _, path = walk_to(TREE, "empty-parcel")
    first = path[0][1]
    page = open_questionnaire(make_page, site_url)
    link = page.locator(f"section[id='{TREE.start}'] .pq-answer", has_text=first.label)
    for _ in range(60):  # Tab until the answer has focus, as a keyboard user would
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the first answer could not be reached with Tab")
    page.keyboard.press("Enter")
    wait_for_step(page, first.next)
    assert visible_step(page) == first.next
    assert page.evaluate("document.activeElement.id") == f"{first.next}-title"


def test_outcome_step_has_no_violations(make_page, site_url):
    """The all-pages gate sees the first question; an outcome is a state of its own."""
    outcome, _ = walk_to(TREE, "empty-parcel")
    page = open_questionnaire(make_page, site_url, address(TREE, outcome.id))
    assert_no_axe_violations(page)


@pytest.mark.parametrize("prefix, lang", PREFIXED)
def test_the_report_link_names_the_answers_that_led_to_the_outcome(make_page, site_url,
                                                                   prefix, lang):
    """With JavaScript the new issue's body lists each question and the answer given
    (feedback.py writes the outcome and language; questionnaire.js adds the answers).
    Opened at its own address in a new tab, with no answers given, it is as built."""
    tree = TREES[lang]
    outcome, path = walk_to(tree, "empty-parcel")
    page = make_page()
    page.goto(f"{site_url}/{prefix}questionnaire/")
    for _, given in path:
        answer(page, given.label)
        wait_for_step(page, given.next)
    link = page.locator(f"section[id='{outcome.id}'] .pq-report a")
    href = link.get_attribute("href")
    body = parse_qs(urlsplit(href).query)["body"][0]
    assert outcome.id in body and lang in body
    heading = locale(lang).t("report_answers")
    listed = body[body.index(heading) + len(heading):].strip().splitlines()
    assert len(listed) == len(path)
    if lang == "en":  # (a translated label still in English carries a note in its link)
        assert listed == [f"- {tree.nodes[q].title} → {given.label}" for q, given in path]
    assert "+" not in href.split("?", 1)[1]  # spaces as %20, as feedback.py writes them
    assert page.console_errors == []
    direct = make_page()
    direct.goto(f"{site_url}/{prefix}questionnaire/{outcome.id}/")
    shown = direct.locator(f"section[id='{outcome.id}'] .pq-report a")
    assert shown.get_attribute("href") == report_url(outcome.id, locale(lang))
