"""The deadline calculator's dates on the printed outcome, in headless Chromium: from a
step to the calculator and back with the reader's dates, which the outcome lists in its
deadline box (on screen and on paper, one A4 page), in every language; walking,
back, "Start again" and the language menu keep working. An address crafted by someone
else shows validated dates, with the page's own labels, or nothing."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pytest

from generator.i18n import locale
from site_data import SITE, TOOLS, TREES
from site_languages import PREFIXED, TRANSLATED
from steps import answer, open_language_menu, pdf_pages, visible_step, wait_for_step
from tools_pages import calculate, reach_from_step

pytestmark = pytest.mark.browser

LANGUAGES = dict(PREFIXED)
CALCULATOR = "deadline-calculator"
QUESTION, OUTCOME = "protection-left", "extend-or-dispute"
DISPUTE_WINDOW = "dispute_window_after_end_days"  # the deadline the calculator names
# The answer between them, as the English page shows it (read from the tree: a reworded
# label changes no test).
ANSWER = next(a.label for a in TREES["en"].nodes[QUESTION].answers if a.next == OUTCOME)


def dates_listed(page, items: str) -> list[tuple[str, str, str]]:
    """(label, datetime, readable date) of each date in the list items selected."""
    return [(item.locator("strong").inner_text().rstrip(": "),
             item.locator("time").get_attribute("datetime"), item.locator("time").inner_text())
            for item in page.locator(items).all()]


def calculator_list(page) -> list[tuple[str, str, str]]:
    return dates_listed(page, ".dc-list li")


def outcome_list(page, step: str) -> list[tuple[str, str, str]]:
    return dates_listed(page, f"section#{step} .pq-deadline .pq-dates li")


def follow_back(page, prefix: str, step: str) -> None:
    title = TREES[LANGUAGES[prefix]].nodes[step].title
    text = locale(LANGUAGES[prefix]).t("tools_dates_back", title=title)
    page.get_by_role("link", name=text, exact=True).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_from_an_outcome_to_the_calculator_and_back_with_the_dates_on_paper(make_page, site_url,
                                                                           prefix):
    lang = LANGUAGES[prefix]
    page = make_page()
    reach_from_step(page, f"{site_url}/{prefix}".rstrip("/"), OUTCOME, CALCULATOR)
    calculate(page, button=locale(lang).t("tools_dc_submit"), end="2026-12-20",
              opened="2026-12-01", refund="2026-12-04")
    given = calculator_list(page)
    assert len(given) == 1 + len(TOOLS.deadlines)
    follow_back(page, prefix, OUTCOME)

    assert visible_step(page) == OUTCOME
    assert page.url.startswith(f"{site_url}/{prefix}questionnaire/{OUTCOME}/?protection_end=2026-12-20&")
    box = page.locator(f"section#{OUTCOME} .pq-deadline .pq-dates")
    assert box.locator("p").inner_text() == locale(lang).t("dates_from_calculator")
    assert outcome_list(page, OUTCOME) == given  # same labels, days and writing
    # The dispute's last day, 15 days after protection ends: the calculator's label and
    # the date as the language writes it (its locale's date_format and month names).
    last_day = next(d.label for d in SITE.tools_in(lang).deadlines if d.fact == DISPUTE_WINDOW)
    assert (last_day, "2027-01-04", locale(lang).date_text(date(2027, 1, 4))) in given
    assert all(text == locale(lang).date_text(date.fromisoformat(day)) for _, day, text in given)

    page.emulate_media(media="print")
    assert box.is_visible()
    assert all(time.is_visible() for time in box.locator("time").all())
    assert page.locator(".md-header:visible, .pq-tool:visible").count() == 0
    assert pdf_pages(page.pdf(format="A4")) == 1
    assert page.requests.foreign() == [] and page.console_errors == []


def test_the_dates_follow_the_reader_through_the_questionnaire(make_page, site_url):
    """Back from a question: answer to the outcome, go back, forward, switch language,
    start again."""
    page = make_page()
    reach_from_step(page, site_url, QUESTION, CALCULATOR)
    calculate(page, end="2026-12-20")
    follow_back(page, "", QUESTION)
    assert visible_step(page) == QUESTION
    assert page.locator(".pq-dates").count() == 0  # a question has no deadline box
    answer(page, ANSWER)
    wait_for_step(page, OUTCOME)
    assert visible_step(page) == OUTCOME
    assert [day for _, day, _ in outcome_list(page, OUTCOME)] == [
        "2026-12-20", "2026-12-15", "2027-01-04"]
    page.go_back()
    page.locator(f"section#{QUESTION}.pq-current").wait_for()
    assert page.locator(".pq-dates").count() == 0
    page.go_forward()
    page.locator(f"section#{OUTCOME}.pq-current .pq-dates").wait_for()
    assert page.locator(".pq-dates").count() == 1

    # the language menu keeps the step and the dates, which the other language words
    query = page.url.split("?", 1)[1]
    lang = TRANSLATED[0]
    words = locale(lang)
    open_language_menu(page, lang).click()
    page.wait_for_url(f"{site_url}/{lang}/questionnaire/{OUTCOME}/?{query}")
    assert visible_step(page) == OUTCOME
    label = SITE.tools_in(lang).deadlines[1].label
    assert outcome_list(page, OUTCOME)[2] == (label, "2027-01-04",
                                              words.date_text(date(2027, 1, 4)))

    page.locator(f"section#{OUTCOME}").get_by_role("link", name=words.t("start_again")).click()
    start = TREES[lang].start
    page.locator(f"section#{start}.pq-current").wait_for()
    assert page.locator(".pq-dates").count() == 0
    assert page.console_errors == []


def test_the_embed_links_to_the_calculator_with_its_step(make_page, site_url):
    """The embed opens the calculator in a new tab; its link back leads to the site's
    questionnaire (the embed itself shows no dates)."""
    page = make_page()
    page.goto(f"{site_url}/embed/{OUTCOME}/")
    link = page.locator(f"section#{OUTCOME} a[data-tool-link='{CALCULATOR}']")
    with page.context.expect_page() as opened:
        link.click()
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.url == f"{site_url}/tools/deadlines/?step={OUTCOME}"


# --- addresses someone else made ------------------------------------------------------

VALID = "act_before_end_days=2026-12-20"
ATTACKS = {
    "markup as a date": ("act_before_end_days=" + quote("<img src=x onerror=alert(1)>"), 0),
    "markup around a date": ("act_before_end_days=" + quote("<b>2026-12-20</b>"), 0),
    "markup as a key": (quote("<img src=x onerror=alert(1)>") + "=2026-12-20", 0),
    "an unknown fact": ("no_such_fact=2026-12-20", 0),
    "a fact that is not a deadline": ("feedback_window_days=2026-12-20", 0),
    "30 February": ("act_before_end_days=2026-02-30", 0),
    "13th month": ("act_before_end_days=2026-13-01", 0),
    "year 0": ("act_before_end_days=0000-01-01", 0),
    "a year before 1000": ("act_before_end_days=0999-12-31", 0),
    "a huge year": ("act_before_end_days=275760-09-13", 0),
    "a five-digit year": ("act_before_end_days=10000-01-01", 0),
    "a signed year": ("act_before_end_days=" + quote("+002026-12-20"), 0),
    "a date and time": ("act_before_end_days=2026-12-20T00:00", 0),
    "a key twice": (f"{VALID}&act_before_end_days=2026-12-21", 0),
    "a key twice, another once": (f"{VALID}&{VALID}&escalation_days=2026-12-08", 1),
    "__proto__": ("__proto__=2026-12-20&__proto__[x]=1", 0),
    "constructor and toString": ("constructor=2026-12-20&toString=2026-12-20", 0),
    "Arabic-Indic digits": ("act_before_end_days=" + quote("٢٠٢٦-١٢-٢٠"), 0),
    "full-width digits": ("act_before_end_days=" + quote("２０２６-１２-２０"), 0),
    "a right-to-left override": ("act_before_end_days=" + quote("\u202e2026-12-20"), 0),
    "a zero-width space": ("act_before_end_days=" + quote("2026-12-20\u200b"), 0),
    "a Unicode hyphen": ("act_before_end_days=" + quote("2026\u201012\u201020"), 0),
    "a look-alike key": (quote("аct_before_end_days") + "=2026-12-20", 0),  # Cyrillic а
    "a bad escape": ("act_before_end_days=%E0%A4%A&escalation_days=2026-12-08", 1),
    "a leap day, as a control": ("act_before_end_days=2028-02-29", 1),
}


@pytest.fixture(scope="module")
def crafted(browser, site_url):
    """One page for the table of addresses; each case loads it anew. Dialogs (an
    alert() that ran) are recorded."""
    context = browser.new_context()
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(f"{site_url}/questionnaire/{OUTCOME}/")
    page.elements = page.evaluate("document.body.querySelectorAll('*').length")
    yield page
    context.close()


@pytest.mark.parametrize("query, shown", ATTACKS.values(), ids=ATTACKS.keys())
def test_a_crafted_address_shows_only_validated_dates(crafted, site_url, query, shown):
    page = crafted
    page.goto(f"{site_url}/questionnaire/{OUTCOME}/?{query}")  # returns once deferred scripts ran
    assert visible_step(page) == OUTCOME
    dates = outcome_list(page, OUTCOME)
    assert len(dates) == shown
    labels = {label for _, label in page.evaluate(
        "JSON.parse(document.querySelector('.pq-dates-data').textContent).dates")}
    for label, day, readable in dates:
        assert label in labels
        assert day in ("2026-12-08", "2028-02-29")
        assert readable in ("8 December 2026", "29 February 2028")
    # nothing but the list: a box, its title, its list, and per date an item, label, time
    added = 3 + 3 * shown if shown else 0
    assert page.evaluate("document.body.querySelectorAll('*').length") == page.elements + added
    assert page.locator("img[src='x'], .pq b").count() == 0
    assert page.dialogs == [] and page.errors == []
