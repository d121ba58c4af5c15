"""The deadline calculator in headless Chromium, through its contract:
<form data-tool="deadline-calculator">; each date a <time datetime data-deadline>.
Run in three time zones: Moscow (no daylight saving), São Paulo (daylight saving until
2019, with midnight skipped when it began) and Auckland (southern-hemisphere changes)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from gates import assert_no_axe_violations
from site_data import TOOLS, TREE
from tools_pages import (PHONE, assert_fits_the_screen, assert_private, calculate,
                         open_tool, reach_from_step)

pytestmark = pytest.mark.browser

ZONES = ["Europe/Moscow", "America/Sao_Paulo", "Pacific/Auckland"]

# (what the reader enters, {fact name: expected date}). The figures come from the
# tree: act 5 days before the end, 15 days after it, the seller 5 days, mediators 7,
# refund up to 10 working days. The test checks that they still are.
DATE_CASES = [
    ({"end": "2024-01-31"}, {"act_before_end_days": "2024-01-26",
                             "dispute_window_after_end_days": "2024-02-15"}),
    ({"end": "2024-02-20"}, {"dispute_window_after_end_days": "2024-03-06"}),  # leap year
    ({"end": "2023-02-20"}, {"dispute_window_after_end_days": "2023-03-07"}),  # common year
    ({"end": "2024-02-29"}, {"act_before_end_days": "2024-02-24",
                             "dispute_window_after_end_days": "2024-03-15"}),
    ({"end": "2024-03-03"}, {"act_before_end_days": "2024-02-27"}),  # back over 29 February
    ({"end": "2024-12-25"}, {"dispute_window_after_end_days": "2025-01-09"}),  # year end
    # daylight-saving change days: Auckland 7 April and 29 September 2024, São Paulo
    # 4 November 2018 (its clocks skipped midnight) and 17 February 2019
    ({"end": "2024-04-07"}, {"act_before_end_days": "2024-04-02",
                             "dispute_window_after_end_days": "2024-04-22"}),
    ({"end": "2024-09-29"}, {"dispute_window_after_end_days": "2024-10-14"}),
    ({"end": "2018-11-04"}, {"act_before_end_days": "2018-10-30",
                             "dispute_window_after_end_days": "2018-11-19"}),
    ({"end": "2018-10-30"}, {"dispute_window_after_end_days": "2018-11-14"}),
    ({"end": "2019-02-10"}, {"dispute_window_after_end_days": "2019-02-25"}),
    # receipt confirmed: the window counts from that day instead
    ({"end": "2024-03-30", "confirmed": "2024-02-14"},
     {"dispute_window_after_end_days": "2024-02-29"}),
    # a dispute opened, a refund approved (Friday; working days skip weekends)
    ({"end": "2024-03-30", "opened": "2024-02-26", "refund": "2024-02-23"},
     {"seller_response_days": "2024-03-02", "escalation_days": "2024-03-04",
      "refund_working_days": "2024-03-08"}),
    ({"end": "2024-03-30", "opened": "2024-03-27"},
     {"seller_response_days": "2024-04-01", "escalation_days": "2024-04-03"}),
]

# (time zone, the reader's clock, days and hours left, the date protection ends there)
COUNTDOWN_CASES = [
    # past midnight in Moscow while still 29 February in UTC
    ("Europe/Moscow", "2024-02-28 22:00", 1, 3, "2024-03-01"),
    # still 31 December in São Paulo, already 1 January in UTC
    ("America/Sao_Paulo", "2024-12-31 22:00", 0, 1, "2024-12-31"),
    # 24 real hours across the night the clocks skipped an hour: 00:30 on the 5th
    ("America/Sao_Paulo", "2018-11-03 23:30", 1, 0, "2018-11-05"),
    # 48 real hours across the spring change: 00:30 on 1 October, not 30 September
    ("Pacific/Auckland", "2024-09-28 23:30", 2, 0, "2024-10-01"),
    # 48 real hours across the autumn change: 23:30 on 7 April, not 8 April
    ("Pacific/Auckland", "2024-04-06 00:30", 2, 0, "2024-04-07"),
]


def test_the_cases_use_the_trees_figures():
    facts = TREE.facts
    assert facts["act_before_end_days"].value == 5
    assert facts["dispute_window_after_end_days"].value == 15
    assert facts["seller_response_days"].value == 5
    assert facts["escalation_days"].value == 7
    assert facts["refund_working_days"].max == 10


def protection_end(page) -> str:
    return page.locator(".dc-list time:not([data-deadline])").get_attribute("datetime")


@pytest.fixture(scope="module", params=ZONES)
def calculator(request, browser, site_url):
    context = browser.new_context(timezone_id=request.param)
    page = context.new_page()
    page.goto(f"{site_url}/tools/deadlines/")
    yield page
    context.close()


@pytest.mark.parametrize("given, expected", DATE_CASES,
                         ids=["+".join(f"{k}={v}" for k, v in g.items()) for g, _ in DATE_CASES])
def test_dates(calculator, given, expected):
    found = calculate(calculator, **given)
    assert protection_end(calculator) == given["end"]
    for fact, day in expected.items():
        assert found[fact] == day, fact
    listed = {d.fact for d in TOOLS.deadlines
              if d.start in {"protection_end", "window_start"}
              or d.start == "dispute_opened" and "opened" in given
              or d.start == "refund_approved" and "refund" in given}
    assert set(found) == listed


@pytest.mark.parametrize("zone, clock, days, hours, end", COUNTDOWN_CASES,
                         ids=[f"{c[0]} {c[1]}" for c in COUNTDOWN_CASES])
def test_days_and_hours_left_in_the_readers_time_zone(make_page, site_url, zone, clock, days,
                                                      hours, end):
    page = make_page(timezone_id=zone)
    now = datetime.strptime(clock, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(zone))
    page.clock.set_fixed_time(now)
    page.goto(f"{site_url}/tools/deadlines/")
    found = calculate(page, days=str(days), hours=str(hours))
    assert protection_end(page) == end
    assert "dispute_window_after_end_days" in found
    assert_private(page)


def test_every_date_shows_its_rule_and_source(make_page, site_url):
    page = open_tool(make_page, site_url, "deadlines")
    calculate(page, end="2024-02-29", opened="2024-03-01", refund="2024-03-04")
    for deadline in TOOLS.deadlines:
        fact = TREE.facts[deadline.fact]
        item = page.locator(f".dc-list li:has(time[data-deadline='{fact.name}'])")
        text = item.inner_text()
        assert deadline.label in text
        assert fact.source in text
    assert "29 February 2024" in page.locator(".dc-list").inner_text()


def test_errors_are_announced_and_point_at_the_field(make_page, site_url):
    page = open_tool(make_page, site_url, "deadlines", viewport=PHONE)
    calculate(page)
    error = page.locator("#dc-error")
    assert "Enter the date buyer protection ends" in error.inner_text()
    assert error.get_attribute("aria-live") == "assertive"
    end = page.locator("[name='end']")
    assert end.get_attribute("aria-invalid") == "true"
    assert end.get_attribute("aria-describedby") == "dc-error"
    assert page.evaluate("document.activeElement.name") == "end"
    assert not page.locator(".tool-result").is_visible()
    assert_no_axe_violations(page)
    calculate(page, days="-3")
    assert "whole numbers" in error.inner_text()
    assert page.locator("[name='days']").get_attribute("aria-invalid") == "true"
    calculate(page, days="2", hours="")
    assert error.inner_text() == ""
    assert page.locator("[name='days']").get_attribute("aria-invalid") is None


@pytest.mark.parametrize("end", ["0001-01-01", "0999-12-31"])
def test_a_year_before_1000_is_refused_like_one_after_9999(make_page, site_url, end):
    """Year 1 showed "27 December 0" and put a five-digit DTSTART in the calendar file."""
    page = open_tool(make_page, site_url, "deadlines")
    error = page.locator("#dc-error")
    for day in ("10000-01-01", end):
        found = calculate(page, end=day)
        assert found == {} and not page.locator(".tool-result").is_visible(), day
        assert "29 February 2024" in error.inner_text(), day  # the example of a date
        assert page.locator("[name='end']").get_attribute("aria-invalid") == "true"
    assert calculate(page, end="1000-01-01")["act_before_end_days"] == "0999-12-27"
    assert error.inner_text() == ""


def test_calendar_file(make_page, site_url):
    page = open_tool(make_page, site_url, "deadlines")
    calculate(page, end="2024-02-29", opened="2024-03-01")
    with page.expect_download() as download:
        page.get_by_role("button", name="Add these dates to your calendar (.ics)").click()
    assert download.value.suggested_filename == "parcel-deadlines.ics"
    raw = open(download.value.path(), "rb").read()
    assert raw.count(b"\r\n") == raw.count(b"\n"), "every line ends in CRLF"
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
    text = raw.decode("utf-8").replace("\r\n ", "")  # unfold
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "VERSION:2.0" in lines
    assert text.count("BEGIN:VEVENT") == 5  # the end, act by, window, seller, mediators
    assert "DTSTART;VALUE=DATE:20240315" in lines and "DTEND;VALUE=DATE:20240316" in lines
    assert "DTSTART;VALUE=DATE:20240229" in lines and "DTEND;VALUE=DATE:20240301" in lines
    assert "DTSTART;VALUE=DATE:20240306" in lines  # the seller's answer
    assert len({line for line in lines if line.startswith("UID:")}) == 5
    assert all(line.startswith("DTSTAMP:") and line.endswith("Z")
               for line in lines if line.startswith("DTSTAMP"))
    description = next(line for line in lines if line.startswith("DESCRIPTION:") and "\\," in line)
    assert "\\n" in description and "," not in description.replace("\\,", "")
    assert page.requests.foreign() == []


def test_reached_from_every_step_that_offers_it(make_page, site_url):
    page = make_page()
    for node_id in TOOLS.offered_on["deadline-calculator"]:
        reach_from_step(page, site_url, node_id, "deadline-calculator")
        assert page.url == f"{site_url}/tools/deadlines/?step={node_id}", node_id
        found = calculate(page, end="2024-02-29")
        assert found["dispute_window_after_end_days"] == "2024-03-15"
        # and back to that step, with the dates
        title = TREE.nodes[node_id].title
        back = page.get_by_role("link", name=f"Back to “{title}”, with these dates")
        assert back.get_attribute("href") == (
            f"../../questionnaire/{node_id}/?protection_end=2024-02-29&act_before_end_days=2024-02-24"
            "&dispute_window_after_end_days=2024-03-15")


@pytest.mark.parametrize("query", ["", "?step=", "?step=no-such-step", "?step=__proto__",
                                   "?step=toString", "?step=tracking-shows",
                                   "?step=keep-waiting&step=x", "?step=%3Cb%3E"])
def test_no_link_back_unless_the_address_names_a_step_that_offers_it(make_page, site_url,
                                                                      query):
    """tracking-shows is a step, but it offers another tool; the first step= counts."""
    page = open_tool(make_page, site_url, "deadlines", query)
    calculate(page, end="2024-02-29", opened="2024-03-01", refund="2024-03-04")
    back = page.locator(".dc-back")
    if query.startswith("?step=keep-waiting"):
        href = back.locator("a").get_attribute("href")
        assert back.is_visible() and href.startswith("../../questionnaire/keep-waiting/?")
        assert href.endswith("&refund_working_days=2024-03-18")
    else:
        # hidden, with the address it was built with: no step, no dates
        assert back.is_hidden() and back.locator("a").get_attribute("href") == "../../questionnaire/"
    assert_private(page)


def test_the_link_back_carries_only_dates_the_questionnaire_reads(make_page, site_url):
    """A day past 9999 (15 days after 9999-12-20) is listed but not linked: the
    questionnaire reads four-digit years only."""
    page = open_tool(make_page, site_url, "deadlines", "?step=keep-waiting")
    found = calculate(page, end="9999-12-20")
    assert found["dispute_window_after_end_days"] == "10000-01-04"
    href = page.locator(".dc-back a").get_attribute("href")
    assert href == ("../../questionnaire/keep-waiting/?protection_end=9999-12-20"
                    "&act_before_end_days=9999-12-15")


def test_without_javascript_the_rules_are_on_the_page(make_page, site_url):
    page = open_tool(make_page, site_url, "deadlines", javascript=False)
    assert not page.locator("form[data-tool='deadline-calculator']").is_visible()
    body = page.locator("article").inner_text()
    for deadline in TOOLS.deadlines:
        fact = TREE.facts[deadline.fact]
        assert deadline.label in body
        assert fact.source in body


def test_accessible_and_fits_a_phone(make_page, site_url):
    page = open_tool(make_page, site_url, "deadlines", viewport=PHONE)
    for label in ("Date buyer protection ends", "Days left", "Hours left",
                  "Day you confirmed receipt", "Day you opened a dispute",
                  "Day the refund was approved"):
        assert page.get_by_label(label, exact=True).count() == 1, label
    calculate(page, end="2024-02-29", opened="2024-03-01", refund="2024-03-04")
    assert_fits_the_screen(page)
    assert_no_axe_violations(page)
    assert_private(page)
