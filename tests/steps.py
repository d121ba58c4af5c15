"""Helpers for browser tests that walk the questionnaire as a reader would."""

from __future__ import annotations

from generator.model import Answer, Outcome, Tree


def walk_to(tree: Tree, guide: str) -> tuple[Outcome, list[tuple[str, Answer]]]:
    """The first outcome that leads to a guide, and the fewest answers reaching it."""
    outcome = tree.outcomes_for_guide(guide)[0]
    return outcome, tree.shortest_path(outcome.id)


def visible_step(page) -> str:
    # After a click that loads another page, the address changes before the page has
    # loaded: count the steps once it has (a no-op when nothing is loading).
    page.wait_for_load_state()
    steps = page.locator("section.pq-step:visible")
    assert steps.count() == 1, "exactly one step is shown"
    return steps.first.get_attribute("id")


def answer(page, label: str) -> None:
    page.locator("section.pq-step:visible").get_by_role("link", name=label, exact=True).click()
