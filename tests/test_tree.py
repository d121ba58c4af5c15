"""The real tree, walked node by node (GOV.UK smart-answers' assert_next_node style),
and the promises it makes as a whole."""

from __future__ import annotations

from functools import lru_cache

import pytest

from generator import markup
from generator.model import Outcome, Question
from generator.render import node_texts
from generator.validate import REQUIRED_GUIDES

from conftest import ROOT

from site_data import SITE, TREE  # noqa: E402
WARNINGS = list(SITE.warnings)
MAX_ANSWERS_TO_OUTCOME = 7


class Flow:
    """A reader going through the questionnaire, one answer at a time."""

    def __init__(self):
        self.node = TREE.nodes[TREE.start]

    def answer(self, label: str) -> "Flow":
        assert isinstance(self.node, Question), f"{self.node.id} is an outcome"
        labels = {a.label: a.next for a in self.node.answers}
        assert label in labels, f"{self.node.id} has no answer {label!r}; it has {list(labels)}"
        self.node = TREE.nodes[labels[label]]
        return self


def assert_next_node(flow: Flow, node_id: str) -> None:
    assert flow.node.id == node_id


def test_parcel_not_shipped_and_timer_running():
    flow = Flow()
    assert_next_node(flow, "what-is-happening")
    flow.answer("The seller has not shipped it yet")
    assert_next_node(flow, "not-shipped-timer")
    flow.answer("Yes, the countdown is still running")
    assert_next_node(flow, "wait-for-shipment")


def test_tracking_stopped_and_protection_running_means_dispute():
    flow = Flow().answer("It was shipped, but it has not arrived")
    assert_next_node(flow, "tracking-number-given")
    flow.answer("Yes, there is a tracking number")
    assert_next_node(flow, "tracking-shows")
    flow.answer("It stopped, with no news for a long time")
    assert_next_node(flow, "stopped-how-long")
    flow.answer("Yes, that long or longer")
    assert_next_node(flow, "lost-protection")
    flow.answer("Yes, it is still running")
    assert_next_node(flow, "parcel-lost-dispute")


def test_bad_check_digit_leads_to_the_fake_number_advice():
    flow = Flow().answer("It was shipped, but it has not arrived")
    flow.answer("Yes, there is a tracking number").answer("Number not found, or it looks wrong")
    assert_next_node(flow, "invalid-number-check")
    flow.answer("2 letters, 9 digits, 2 letters")
    assert_next_node(flow, "check-digit-result")
    flow.answer("No, the check digit is wrong")
    assert_next_node(flow, "fake-number-dispute")


def test_protection_about_to_end_offers_extend_or_dispute():
    flow = Flow().answer("My buyer protection is ending or has ended")
    assert_next_node(flow, "protection-left")
    flow.answer("It is about to end")
    assert_next_node(flow, "extend-or-dispute")


def test_protection_ended_long_ago():
    flow = Flow().answer("My buyer protection is ending or has ended")
    flow.answer("It has already ended")
    assert_next_node(flow, "protection-ended-when")
    flow.answer("No, the option is gone")
    assert_next_node(flow, "protection-long-over")


def test_empty_parcel_still_at_the_post_office():
    flow = Flow().answer("The parcel came, but it was empty")
    assert_next_node(flow, "empty-where")
    flow.answer("No, I am still at the post office")
    assert_next_node(flow, "empty-at-post-office")


def test_delivered_to_a_stranger():
    flow = Flow().answer("Tracking says delivered, but I do not have it")
    assert_next_node(flow, "delivered-where")
    flow.answer("In my city, but a stranger signed for it")
    assert_next_node(flow, "delivered-elsewhere")


def test_someone_elses_parcel():
    flow = Flow().answer("I got someone else's parcel or item")
    assert_next_node(flow, "other-parcel-label")
    flow.answer("Another person's name")
    assert_next_node(flow, "someone-elses-parcel")


def test_seller_presses_to_close_the_dispute():
    flow = Flow().answer("I have a dispute, or want to open one")
    assert_next_node(flow, "dispute-stage")
    flow.answer("The seller asks me to close it or offers a re-send")
    assert_next_node(flow, "seller-pressure")


def test_seller_silent_and_closed_disputes():
    assert_next_node(Flow().answer("I have a dispute, or want to open one")
                     .answer("The seller has not answered yet"), "seller-silent")
    flow = Flow().answer("I have a dispute, or want to open one").answer("The dispute is closed")
    assert_next_node(flow, "closed-how")
    flow.answer("I cancelled it myself, and still have no parcel")
    assert_next_node(flow, "reopen-dispute")


def test_receipt_confirmed_by_mistake():
    flow = Flow().answer("I confirmed receipt by mistake")
    assert_next_node(flow, "confirmed-dispute-button")
    flow.answer("Yes, I can still open one")
    assert_next_node(flow, "confirmed-by-mistake")


def test_holiday_season():
    flow = Flow().answer("My buyer protection is ending or has ended").answer("Plenty of time is left")
    assert_next_node(flow, "sale-or-holiday")
    flow.answer("Yes, or it is holiday season now")
    assert_next_node(flow, "holiday-delay")


# --- the tree as a whole -------------------------------------------------------------

def test_the_real_tree_validates_without_warnings():
    assert [w.format() for w in WARNINGS] == []


def test_every_node_is_reachable():
    assert set(TREE.reachable(TREE.start)) == set(TREE.nodes)


@lru_cache(maxsize=None)
def longest_to_outcome(node_id: str) -> int:
    node = TREE.nodes[node_id]
    if isinstance(node, Outcome):
        return 0
    assert node.answers, f"{node_id} is a dead end"
    return 1 + max(longest_to_outcome(a.next) for a in node.answers)


def test_every_path_ends_in_an_outcome_within_seven_answers():
    # longest_to_outcome recurses through every path; a dead end fails inside it.
    assert longest_to_outcome(TREE.start) <= MAX_ANSWERS_TO_OUTCOME


def test_required_guides_exist():
    assert set(REQUIRED_GUIDES) <= set(TREE.guides)


def test_every_fact_used_is_defined_and_every_fact_defined_is_used():
    used = {name for _, text in node_texts(TREE) for _, name in markup.placeholders(text)}
    used |= {name for fact in TREE.facts.values() if fact.note
             for _, name in markup.placeholders(fact.note)}
    assert used == set(TREE.facts)


@pytest.mark.parametrize("outcome", list(TREE.outcomes()), ids=lambda o: o.id)
def test_every_outcome_names_a_deadline_from_the_facts(outcome):
    assert any(name in TREE.facts for _, name in markup.placeholders(outcome.deadline))


@pytest.mark.parametrize("slug", list(TREE.guides))
def test_each_guide_starts_where_its_situation_begins(slug):
    """From the step a guide links to, some answer leads to that guide's own advice."""
    assert slug in TREE.guides_reached_from(TREE.guides[slug].starts_at)
