"""Issue 10, item 10: what a reader's own address bar, a host page or a date can do to
the scripts, in headless Chromium; and the policy (generator/csp.py) while the
questionnaire, each tool and the embed in a sandboxed cross-origin frame are used."""

from __future__ import annotations

import pytest

from embedding import fits, frame_height, frame_of, walk
from site_data import TREE
from steps import search, visible_step, wait_for_step, walk_to
from tools_pages import calculate, wait_until_ready

pytestmark = pytest.mark.browser

RECORD_CSP = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.effectiveDirective + " " + (e.blockedURI || "inline"));
});"""


def violations(target) -> list[str]:
    return target.evaluate("window.__cspViolations || []")


@pytest.fixture
def page_with_policy_log(make_page):
    def make(**options):
        page = make_page(**options)
        page.context.add_init_script(RECORD_CSP)
        return page
    return make


def notice(page_or_frame) -> str:
    found = page_or_frame.locator(".pq-notice")
    found.wait_for(state="visible")
    return found.inner_text()


@pytest.mark.parametrize("address", ["/questionnaire/#%", "/questionnaire/#%E0%A4%A",
                                     "/embed/#%", "/embed/?start=%", "/embed/?start=%zz"])
def test_a_malformed_step_address_shows_the_start_and_the_notice(make_page, site_url, address):
    page = make_page()
    page.goto(site_url + address)
    assert "could not find the step" in notice(page)
    assert page.locator("section.pq-step:visible").get_attribute("id") == TREE.start
    assert page.console_errors == []


def test_the_message_builder_opens_on_a_malformed_fragment(make_page, site_url):
    page = make_page()
    page.goto(f"{site_url}/tools/message/#%")
    wait_until_ready(page, "dispute-message")
    assert page.console_errors == []


@pytest.mark.parametrize("height", ["1e-300", "0.5", "-5", "99", "Infinity", "NaN", "1e300"])
def test_the_host_script_ignores_a_height_that_would_hide_the_frame(open_host, host, site_dir,
                                                                    height):
    """The frame's own messages are trusted for their shape only: a height under
    100 CSS pixels (or over 100,000) is ignored like a forged one."""
    page = open_host(host.snippet(site_dir))
    frame = frame_of(page)
    fits(frame)
    before = frame_height(page)
    frame.evaluate(f"parent.postMessage({{type: 'parcel-help:height', height: {height}}}, '*')"
                   f"; parent.postMessage({{type: 'parcel-help:height', height: {before + 40}}}, '*')")
    page.wait_for_function(f"document.querySelector('iframe').getBoundingClientRect().height"
                           f" === {before + 40}")  # the later, sane message was applied
    assert frame_height(page) == before + 40


# The first years the calculator takes (before 1000 it refuses: test_tools_deadlines).
# Dates of years under 100 are what JavaScript's Date would move to the 1900s; these
# show the arithmetic holds at the low end of the range it accepts.
@pytest.mark.parametrize("end", ["1000-01-01", "1000-03-01", "1099-12-31", "1100-01-01"])
def test_the_calculator_takes_the_first_years_it_accepts(make_page, site_url, end):
    page = make_page()
    page.goto(f"{site_url}/tools/deadlines/")
    found = calculate(page, end=end)
    assert page.locator("#dc-error").inner_text() == ""
    assert page.locator(".dc-list time:not([data-deadline])").get_attribute("datetime") == end
    assert found  # the dates were counted from that day


def test_the_calendar_file_for_the_last_day_has_no_impossible_date(make_page, site_url):
    page = make_page()
    page.goto(f"{site_url}/tools/deadlines/")
    calculate(page, end="9999-12-31", opened="9999-12-31")
    with page.expect_download() as download:
        page.get_by_role("button", name="Add these dates to your calendar (.ics)").click()
    lines = open(download.value.path(), "rb").read().decode().replace("\r\n ", "").split("\r\n")
    dated = [line for line in lines if line.startswith(("DTSTART", "DTEND"))]
    assert dated and all(len(line.split(":")[1]) == 8 for line in dated), dated
    assert "DTSTART;VALUE=DATE:99991231" in lines


# --- the policy while the site is used ------------------------------------------------------

def test_a_questionnaire_walk_and_each_tool_violate_no_policy(page_with_policy_log, site_url):
    page = page_with_policy_log()
    outcome, path = walk_to(TREE, "empty-parcel")
    page.goto(f"{site_url}/questionnaire/")
    for question_id, given in path:
        page.locator(f"section[id='{question_id}']").get_by_role(
            "link", name=given.label, exact=True).click()
        wait_for_step(page, given.next)
    assert page.locator("section.pq-step:visible").get_attribute("id") == outcome.id
    seen = violations(page)

    page.goto(f"{site_url}/tools/tracking/")
    page.locator("#tc-number").fill("RB123456785GB")
    page.get_by_role("button", name="Check", exact=True).click()
    page.locator("#tc-result").wait_for(state="visible")
    seen += violations(page)

    page.goto(f"{site_url}/tools/deadlines/")
    calculate(page, end="2024-02-29", opened="2024-03-01")
    with page.expect_download():
        page.get_by_role("button", name="Add these dates to your calendar (.ics)").click()
    seen += violations(page)

    page.goto(f"{site_url}/tools/message/#empty-parcel")
    page.locator("#dm-order").fill("8123456789")
    page.get_by_role("button", name="Copy the message").click()
    seen += violations(page)

    page.goto(f"{site_url}/")  # Material's search: its worker and index
    assert search(page, "parcel")
    seen += violations(page)
    assert seen == [] and page.console_errors == []


def test_the_sandboxed_embed_violates_no_policy(open_host, host, site_dir):
    outcome, path = walk_to(TREE, "wrong-city-or-stranger")
    page = open_host(host.snippet(site_dir, attributes='sandbox="allow-scripts allow-popups"'))
    page.context.add_init_script(RECORD_CSP)  # for frames loaded from now on
    page.reload()
    frame = frame_of(page)
    assert frame.evaluate("origin") == "null"
    fits(frame)
    walk(page, frame, path)
    assert visible_step(frame) == outcome.id
    assert violations(frame) == []
    assert page.console_errors == []


@pytest.mark.parametrize("page_path", ["guides/parcel-lost/index.html", "embed/index.html",
                                       "tools/message/index.html"])
def test_the_policy_stops_markup_that_got_through(browser, site_dir, tmp_path, page_path):
    """The second wall on its own: a built page with script and an event handler
    slipped into its body (as if every check had missed them) runs neither."""
    from conftest import serve
    built = (site_dir / page_path).read_text(encoding="utf-8")
    injected = ("<script>alert('inline')</script><img src=x onerror=\"alert('handler')\">"
                "<a id=probe href=\"javascript:alert('link')\">x</a>")
    marker = "</main>" if "</main>" in built else "</body>"
    (tmp_path / "page.html").write_text(built.replace(marker, injected + marker, 1),
                                        encoding="utf-8")
    url, server = serve(tmp_path)
    context = browser.new_context()
    context.add_init_script(RECORD_CSP)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(f"{url}/page.html")
        page.locator("#probe").click()
        page.wait_for_function("window.__cspViolations.length >= 3")
        found = violations(page)
    finally:
        context.close()
        server.shutdown()
    assert dialogs == []
    assert sum(v.startswith("script-src") for v in found) >= 3, found
