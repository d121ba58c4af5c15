"""Typing into the site's search finds a questionnaire step, and the result opens that
step, in both languages."""

from __future__ import annotations

import pytest

from steps import search, visible_step

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("start, words, step", [
    ("", "customs", "customs-held"),
    ("", "locker", "pickup-no-notice"),
    ("ru/", "таможня", "customs-held"),
])
def test_search_result_opens_the_step(make_page, site_url, start, words, step):
    page = make_page()
    page.goto(f"{site_url}/{start}")
    target = f"{site_url}/{start}questionnaire/#{step}-title"
    assert target in search(page, words)
    in_result = f"a[href*='#{step}-title']"
    link = page.locator(f".md-search-result__item {in_result}").first
    if not link.is_visible():
        # Material folds further matches on one page under "N more on this page"
        page.locator("details.md-search-result__more",
                     has=page.locator(in_result)).locator("summary").click()
    link.click()
    assert visible_step(page) == step
    assert page.console_errors == []
