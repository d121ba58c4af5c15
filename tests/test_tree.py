"""The real tree, walked node by node (GOV.UK smart-answers' assert_next_node style),
and the promises it makes as a whole."""

from __future__ import annotations

import pytest

from generator import graph, markup
from generator.model import Outcome, Question
from generator.render import node_texts

from site_data import SITE, TREE

WARNINGS = list(SITE.warnings)
MAX_ANSWERS_TO_OUTCOME = 6
# Most readers should reach their advice quickly: this share of outcomes is at most
# MOST_WITHIN answers from the start (by the shortest way there).
MOST_WITHIN = 4


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
    flow.answer("It is moving slowly, or it has stopped")
    assert_next_node(flow, "tracking-movement")
    flow.answer("It stopped, with no news for a long time")
    assert_next_node(flow, "stopped-how-long")
    flow.answer("Yes, and buyer protection is still running")
    assert_next_node(flow, "parcel-lost-dispute")


def shipped_with_tracking() -> Flow:
    flow = Flow().answer("It was shipped, but it has not arrived")
    assert_next_node(flow, "tracking-number-given")
    flow.answer("Yes, there is a tracking number")
    assert_next_node(flow, "tracking-shows")
    return flow


def test_bad_check_digit_asks_for_protection_time_before_the_fake_number_advice():
    flow = shipped_with_tracking().answer('Nothing yet, or "not found"')
    assert_next_node(flow, "no-news-where")
    flow.answer("A message that the number is not found or not valid")
    assert_next_node(flow, "invalid-number-check")
    flow.answer("The check digit is wrong, or the number is too short or random")
    assert_next_node(flow, "fake-number-time-left")
    flow.answer("There is still time")
    assert_next_node(flow, "fake-number-dispute")


def test_fake_number_with_protection_about_to_end_goes_straight_to_acting():
    flow = shipped_with_tracking().answer('Another parcel, "shipment cancelled", or a new number')
    flow.answer("It shows another parcel, with dates before my order")
    assert_next_node(flow, "fake-number-time-left")
    flow.answer("It is about to end")
    assert_next_node(flow, "extend-or-dispute")


def test_not_found_only_at_the_national_post():
    flow = shipped_with_tracking().answer('Nothing yet, or "not found"')
    flow.answer('Tracking events, only my national post says "not found"')
    assert_next_node(flow, "post-not-found-yet")


def test_valid_number_with_no_news_for_days_asks_for_protection_time():
    flow = shipped_with_tracking().answer('Nothing yet, or "not found"')
    flow.answer("A message that the number is not found or not valid")
    flow.answer("A valid postal number, and days have passed with no news")
    assert_next_node(flow, "no-scans-time-left")
    flow.answer("It has ended, and the dispute option is gone")
    assert_next_node(flow, "protection-long-over")


def test_nothing_yet_counts_working_days_then_asks_for_protection_time():
    flow = shipped_with_tracking().answer('Nothing yet, or "not found"')
    flow.answer("An empty list, with no tracking events yet")
    assert_next_node(flow, "nothing-yet-how-long")
    flow.answer("The number above or more, and still nothing")
    assert_next_node(flow, "no-scans-time-left")
    flow.answer("There is still time")
    assert_next_node(flow, "false-shipment-no-scans")


def test_nothing_yet_and_shipped_recently_means_wait():
    flow = shipped_with_tracking().answer('Nothing yet, or "not found"')
    flow.answer("An empty list, with no tracking events yet").answer("Fewer working days than the number above")
    assert_next_node(flow, "wait-first-scan")


def test_no_tracking_number_asks_for_protection_time_first():
    flow = Flow().answer("It was shipped, but it has not arrived").answer("No, I cannot find one")
    assert_next_node(flow, "no-number-shipped")
    flow.answer("Yes, it says shipped or awaiting delivery")
    assert_next_node(flow, "no-number-time-left")
    flow.answer("There is still time")
    assert_next_node(flow, "no-tracking-number")
    flow = Flow().answer("It was shipped, but it has not arrived").answer("No, I cannot find one")
    flow.answer("Yes, it says shipped or awaiting delivery")
    flow.answer("It has ended, but I can still open a dispute")
    assert_next_node(flow, "dispute-after-protection")


@pytest.mark.parametrize("label, outcome", [
    ("It is held, or customs asks for papers", "customs-held"),
    ("A duty or fee to pay, shown on the post's official site or notice", "customs-fee"),
])
def test_customs_and_returned_to_sender(label, outcome):
    flow = shipped_with_tracking().answer("Customs holds it, or asks for a duty or fee")
    assert_next_node(flow, "customs-what")
    flow.answer(label)
    assert_next_node(flow, outcome)
    flow = shipped_with_tracking().answer("Returned to sender, or going back to the seller")
    assert_next_node(flow, "returned-to-sender")


def test_pickup_point_or_locker_with_no_code():
    flow = Flow().answer("Tracking says delivered, but I do not have it")
    assert_next_node(flow, "delivered-where")
    flow.answer("To a pickup point, parcel locker or courier, but I got no notice or code")
    assert_next_node(flow, "pickup-no-notice")


@pytest.mark.parametrize("label, outcome", [
    ("It is damaged or broken", "item-damaged"),
    ("The item I ordered, but wrong size or colour, poor, or fake", "item-not-as-described"),
    ("My name is on the parcel, but the item is a different one", "wrong-item-dispute"),
    ("The parcel has another person's name on it", "someone-elses-parcel"),
])
def test_an_order_that_came_wrong(label, outcome):
    flow = Flow().answer("It came, but something is wrong with it")
    assert_next_node(flow, "arrived-wrong")
    flow.answer(label)
    assert_next_node(flow, outcome)


def test_empty_parcel_from_a_courier_or_locker():
    flow = Flow().answer("It came, but something is wrong with it")
    flow.answer("It was empty")
    assert_next_node(flow, "empty-where")
    flow.answer("A courier brought it, or I took it from a parcel locker")
    assert_next_node(flow, "empty-courier-or-locker")


def test_refund_approved_but_not_received_outside_a_dispute():
    flow = Flow().answer("Something else (a refund, a seller's request, receipt confirmed)")
    assert_next_node(flow, "other-problems")
    flow.answer("A refund was approved, but the money has not come")
    assert_next_node(flow, "refund-not-arrived")


def test_seller_asks_to_pay_outside_aliexpress():
    flow = Flow().answer("Something else (a refund, a seller's request, receipt confirmed)")
    flow.answer("The seller asks me to pay or talk outside AliExpress")
    assert_next_node(flow, "off-platform-request")


def test_protection_about_to_end_offers_extend_or_dispute():
    flow = Flow().answer("My buyer protection is ending or has ended")
    assert_next_node(flow, "protection-ending")
    flow.answer("Not yet, but it ends soon")
    assert_next_node(flow, "extend-or-dispute")


def test_protection_ended_long_ago():
    flow = Flow().answer("My buyer protection is ending or has ended")
    flow.answer("Yes, it has ended")
    assert_next_node(flow, "protection-ended-when")
    flow.answer("No, the option is gone")
    assert_next_node(flow, "protection-long-over")


def test_empty_parcel_still_at_the_post_office():
    flow = Flow().answer("It came, but something is wrong with it")
    flow.answer("It was empty")
    assert_next_node(flow, "empty-where")
    flow.answer("I am still at the post office or pickup point")
    assert_next_node(flow, "empty-at-post-office")


def test_delivered_to_a_stranger():
    flow = Flow().answer("Tracking says delivered, but I do not have it")
    assert_next_node(flow, "delivered-where")
    flow.answer("In my city, but a stranger signed for it")
    assert_next_node(flow, "delivered-elsewhere")


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
    flow = Flow().answer("Something else (a refund, a seller's request, receipt confirmed)")
    flow.answer("I confirmed receipt by mistake")
    assert_next_node(flow, "confirmed-dispute-button")
    flow.answer("Yes, I can still open one")
    assert_next_node(flow, "confirmed-by-mistake")


def test_holiday_season():
    flow = shipped_with_tracking().answer("It is moving slowly, or it has stopped")
    flow.answer("It is moving, just slowly")
    assert_next_node(flow, "protection-left")
    flow.answer("Plenty of time is left")
    assert_next_node(flow, "sale-or-holiday")
    flow.answer("Yes, or it is holiday season now")
    assert_next_node(flow, "holiday-delay")


# --- the tree as a whole -------------------------------------------------------------

def test_the_real_tree_validates_without_warnings():
    assert [w.format() for w in WARNINGS] == []


def test_every_path_ends_in_an_outcome_within_six_answers():
    paths = list(graph.all_paths(TREE.edges, TREE.start))
    assert all(isinstance(TREE.nodes[end], Outcome) for _, end in paths)
    assert max(len(path) for path, _ in paths) <= MAX_ANSWERS_TO_OUTCOME


def test_most_outcomes_are_within_four_answers():
    near = [o.id for o in TREE.outcomes() if len(TREE.shortest_path(o.id)) <= MOST_WITHIN]
    assert len(near) > len(list(TREE.outcomes())) / 2


def test_the_start_question_fits_a_phone():
    assert len(TREE.nodes[TREE.start].answers) <= 7


def test_a_reader_who_says_protection_is_ending_is_not_told_plenty_is_left():
    labels = [a.label for a in TREE.nodes["protection-ending"].answers]
    assert "Plenty of time is left" not in labels


@pytest.mark.parametrize("outcome", ["no-tracking-number", "false-shipment-no-scans",
                                     "fake-number-dispute"])
def test_day_or_two_advice_is_only_reached_after_the_protection_time_question(outcome):
    """Every answer leading to advice that says "give the seller a day or two" comes
    from a question about the protection time left."""
    askers = [q for q in TREE.questions() if any(a.next == outcome for a in q.answers)]
    assert askers and all(q.title == "How much buyer protection time is left?" for q in askers)


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
