"""No page or questionnaire step is wider than a small phone, with and without
JavaScript, in both languages. (A file of its own: `make test` runs each file on one
process, and this one runs beside the long visit of tests/test_gates_browser.py.)"""

from __future__ import annotations

import pytest

from gates import SWAP_STEP, browser_pages, page_url, step_data

pytestmark = pytest.mark.browser

# The narrowest phone in use (iPhone SE, first generation). Wider content there means
# sideways scrolling, and phones zoom the whole page out to fit it.
SMALL_PHONE = {"width": 320, "height": 568}
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# Each step's data swapped in, and the page's overflow measured after each (reading
# scrollWidth lays the page out anew): all of a first page's steps in one call.
SWAP_EACH = f"""texts => {{
  const swap = {SWAP_STEP}, overflow = {OVERFLOW};
  return texts.map(text => (swap(text), overflow()));
}}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_no_page_or_step_is_wider_than_a_small_phone(browser, site_url, site_dir, javascript):
    """Every page (steps' pages: browser_pages's sample; every guide, whose words are
    what could be too wide), and each step of the
    questionnaire and the embed in both languages, swapped into the first page from its
    data as questionnaire.js does (no reload): a long word or address in the YAML, a
    table or a menu that reaches past the edge shows up here."""
    context = browser.new_context(viewport=SMALL_PHONE, is_mobile=True, has_touch=True,
                                  java_script_enabled=javascript, service_workers="block")
    page = context.new_page()
    wider, swapped = {}, 0
    try:
        for built in browser_pages(site_dir, every_guide=True):
            path = page_url(site_dir, built)
            page.goto(site_url + path)
            wider[path] = page.evaluate(OVERFLOW)
            steps = step_data(built)
            if steps:
                overflows = page.evaluate(SWAP_EACH, [data.read_text(encoding="utf-8")
                                                      for data in steps])
                swapped += len(overflows)
                wider.update({f"{path}{data.stem}/ (swapped in)": px
                              for data, px in zip(steps, overflows, strict=True)})
    finally:
        context.close()
    assert swapped > 4 * 60  # every step of both languages, the questionnaire's and the embed's
    assert {path: px for path, px in wider.items() if px > 0} == {}
