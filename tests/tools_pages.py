"""Helpers shared by the buyer tools' browser tests (tests/test_tools_*.py)."""

from __future__ import annotations

from contextlib import contextmanager

PHONE = {"width": 360, "height": 740}


@contextmanager
def shared_tool_page(browser, site_url, name: str):
    """One page of a tool for a whole table of checks (each check fills the form anew)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/tools/{name}/")
    try:
        yield page
    finally:
        context.close()


def open_tool(make_page, site_url, name: str, fragment: str = "", **options):
    """A tool's page (tracking, deadlines, message) in a fresh context; its form is shown."""
    page = make_page(**options)
    page.goto(f"{site_url}/tools/{name}/{fragment}")
    if options.get("javascript", True):
        wait_until_ready(page)
    return page


def assert_fits_the_screen(page) -> None:
    """Nothing wider than the viewport: no sideways scrolling on a phone."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the screen"
    form = page.locator("form[data-tool]").bounding_box()
    assert form["x"] >= 0 and form["x"] + form["width"] <= PHONE["width"]


def assert_private(page) -> None:
    assert page.requests.foreign() == []
    assert page.console_errors == []


def wait_until_ready(page, tool: str | None = None) -> None:
    """Wait until the tool's script has run: it removes the form's hidden attribute
    last. (CSS shows the form from the first paint, before the deferred script runs,
    so a visible form is not yet a working one.)"""
    form = f"form[data-tool='{tool}']" if tool else "form[data-tool]"
    page.locator(f"{form}:not([hidden])").wait_for(state="visible")


def reach_from_step(page, site_url, node_id: str, tool: str) -> object:
    """Open the questionnaire at a step, follow its link to the tool; return the page."""
    page.goto(f"{site_url}/questionnaire/{node_id}/")  # the step's own page
    link = page.locator(f"section#{node_id} a[data-tool-link='{tool}']").first
    link.click()
    wait_until_ready(page, tool)
    return page


# --- the deadline calculator ----------------------------------------------------------

FIELDS = ("end", "days", "hours", "confirmed", "opened", "refund")


def calculate(page, button: str = "Show my dates", **values) -> dict[str, str]:
    """Fill the form (fields not given are emptied) and submit it (button: its name in
    the page's language)."""
    form = page.locator("form[data-tool='deadline-calculator']")
    for name in FIELDS:
        form.locator(f"[name='{name}']").fill(values.get(name, ""))
    form.get_by_role("button", name=button).click()
    return dates(page)


def dates(page) -> dict[str, str]:
    """Each date shown: its deadline's name -> its datetime (one round trip for all)."""
    times = page.locator("form[data-tool='deadline-calculator'] time[data-deadline]")
    return dict(times.evaluate_all(
        "times => times.map(t => [t.getAttribute('data-deadline'), t.getAttribute('datetime')])"))
