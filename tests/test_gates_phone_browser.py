"""No page or questionnaire step is wider than a small phone, with and without
JavaScript, in both languages. (A file of its own: `make test` runs each file on one
process, and this one runs beside the long visit of tests/test_gates_browser.py.)"""

from __future__ import annotations

import pytest

from gates import built_pages, page_url

pytestmark = pytest.mark.browser

# The narrowest phone in use (iPhone SE, first generation). Wider content there means
# sideways scrolling, and phones zoom the whole page out to fit it.
SMALL_PHONE = {"width": 320, "height": 568}
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_no_page_or_step_is_wider_than_a_small_phone(browser, site_url, site_dir, javascript):
    """Every page, and each step of the questionnaire in both languages: a long word or
    address in the YAML, a table or a menu that reaches past the edge shows up here."""
    context = browser.new_context(viewport=SMALL_PHONE, is_mobile=True, has_touch=True,
                                  java_script_enabled=javascript, service_workers="block")
    page = context.new_page()
    wider = {}
    try:
        for built in built_pages(site_dir):
            path = page_url(site_dir, built)
            page.goto(site_url + path)
            wider[path] = page.evaluate(OVERFLOW)
            for step in page.locator("section.pq-step").evaluate_all("s => s.map(s => s.id)"):
                page.goto(f"{site_url}{path}#{step}")  # the same document: no reload
                page.locator(f"section#{step}").wait_for(state="visible")
                wider[f"{path}#{step}"] = page.evaluate(OVERFLOW)
    finally:
        context.close()
    assert len([path for path in wider if "#" in path]) > 100  # steps of both languages
    assert {path: px for path, px in wider.items() if px > 0} == {}
