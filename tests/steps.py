"""Helpers for browser tests that use the site as a reader would: walk the
questionnaire, type into the search, print."""

from __future__ import annotations

import re

from generator.model import Answer, Outcome, Tree


def walk_to(tree: Tree, guide: str) -> tuple[Outcome, list[tuple[str, Answer]]]:
    """The first outcome that leads to a guide, and the fewest answers reaching it."""
    outcome = tree.outcomes_for_guide(guide)[0]
    return outcome, tree.shortest_path(outcome.id)


def address(tree: Tree, node_id: str) -> str:
    """A step's page from the questionnaire's first page (the start's is the first page)."""
    return "" if node_id == tree.start else f"{node_id}/"


def wait_for_step(page, node_id: str) -> None:
    """Until a step is on screen: after a click, back or forward, questionnaire.js swaps
    it in once its data is there (a microtask or a fetch later), or its page loads."""
    page.locator(f"section.pq-step[id='{node_id}']").wait_for(state="visible")


def visible_step(page) -> str:
    # After a click that loads another page, the address changes before the page has
    # loaded: count the steps once it has (a no-op when nothing is loading).
    page.wait_for_load_state()
    steps = page.locator("section.pq-step:visible")
    assert steps.count() == 1, "exactly one step is shown"
    return steps.first.get_attribute("id")


def answer(page, label: str) -> None:
    page.locator("section.pq-step:visible").get_by_role("link", name=label, exact=True).click()


def next_frames(page) -> None:
    """Until the browser has drawn two more frames: what a change sets off in layout or
    scrolling has reached the page by then."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


# A phone's screen, for the header's and the search's phone layout.
PHONE = {"width": 390, "height": 844}


def wait_for_answer(page) -> None:
    """Until the search worker has answered the last query: search-dialog.js marks the
    results busy while one is out."""
    page.locator(".md-search-result[aria-busy=false]").wait_for(state="attached")


def search(page, words: str) -> list[str]:
    """Type into the site's search as a person would; the result links' addresses.
    (Letters not on Playwright's US keyboard arrive as input without key events, as
    from an input method: search.js reads the field on input.)"""
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially(words, delay=20)
    wait_for_answer(page)
    results = page.locator(".md-search-result__item a")
    return [re.sub(r"\?h=[^#]*", "", href) for href in results.evaluate_all(
        "links => links.map(a => a.href)")]


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF from page.pdf(): Chromium writes one /Type /Page object per page
    (and one /Type /Pages for the tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def open_language_menu(page, lang: str):
    """Material's language menu opens on focus; the link for `lang` inside it."""
    page.locator(".md-header__option .md-select > button").focus()
    link = page.locator(f"a.md-select__link[hreflang='{lang}']")
    link.wait_for(state="visible")
    return link
