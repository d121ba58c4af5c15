"""The real tree, walked node by node (GOV.UK smart-answers' assert_next_node style),
and the promises it makes as a whole."""

from __future__ import annotations

import pytest

from generator import graph, markup
from generator.model import Outcome, Question
from generator.tree_texts import node_texts

from site_data import SITE, TREE

WARNINGS = list(SITE.warnings)
MAX_ANSWERS_TO_OUTCOME = 6
# Most readers should reach their advice quickly: this share of outcomes is at most
# MOST_WITHIN answers from the start (by the shortest way there).
MOST_WITHIN = 4
# The questions that ask how much buyer protection time is left.
PROTECTION_TIME_QUESTIONS = {"no-number-time-left", "no-scans-time-left",
                             "fake-number-time-left"}


class Flow:
    """A reader going through the questionnaire, one answer at a time. An answer is
    named by the step it leads to, never by its wording: a contributor who rewords an
    answer (in English only, or in any language) changes no path, and no test here."""

    def __init__(self):
        self.node = TREE.nodes[TREE.start]

    def answer_to(self, node_id: str) -> "Flow":
        """Take the current question's answer that leads to node_id."""
        assert isinstance(self.node, Question), f"{self.node.id} is an outcome"
        leads_to = [a.next for a in self.node.answers]
        assert node_id in leads_to, f"{self.node.id} has no answer to {node_id!r}; " \
                                    f"its answers lead to {leads_to}"
        self.node = TREE.nodes[node_id]
        return self


def assert_next_node(flow: Flow, node_id: str) -> None:
    assert flow.node.id == node_id


def test_parcel_not_shipped_and_timer_running():
    flow = Flow()
    assert_next_node(flow, "what-is-happening")
    flow.answer_to("not-shipped-timer")
    flow.answer_to("wait-for-shipment")


def test_tracking_stopped_and_protection_running_means_dispute():
    flow = Flow().answer_to("tracking-number-given")
    flow.answer_to("tracking-shows")
    flow.answer_to("tracking-movement")
    flow.answer_to("stopped-how-long")
    flow.answer_to("parcel-lost-dispute")


def shipped_with_tracking() -> Flow:
    flow = Flow().answer_to("tracking-number-given")
    flow.answer_to("tracking-shows")
    return flow


def test_bad_check_digit_asks_for_protection_time_before_the_fake_number_advice():
    flow = shipped_with_tracking().answer_to("no-news-where")
    flow.answer_to("invalid-number-check")
    flow.answer_to("fake-number-time-left")
    flow.answer_to("fake-number-dispute")


def test_fake_number_with_protection_about_to_end_goes_straight_to_acting():
    flow = shipped_with_tracking().answer_to("number-changed-or-wrong")
    flow.answer_to("fake-number-time-left")
    flow.answer_to("extend-or-dispute")


def test_not_found_only_at_the_national_post():
    flow = shipped_with_tracking().answer_to("no-news-where")
    flow.answer_to("post-not-found-yet")


def test_valid_number_with_no_news_for_days_asks_for_protection_time():
    flow = shipped_with_tracking().answer_to("no-news-where")
    flow.answer_to("invalid-number-check")
    flow.answer_to("no-scans-time-left")
    flow.answer_to("protection-long-over")


def test_nothing_yet_counts_working_days_then_asks_for_protection_time():
    flow = shipped_with_tracking().answer_to("no-news-where")
    flow.answer_to("nothing-yet-how-long")
    flow.answer_to("no-scans-time-left")
    flow.answer_to("false-shipment-no-scans")


def test_nothing_yet_and_shipped_recently_means_wait():
    flow = shipped_with_tracking().answer_to("no-news-where")
    flow.answer_to("nothing-yet-how-long").answer_to("wait-first-scan")


def test_no_tracking_number_asks_for_protection_time_first():
    flow = Flow().answer_to("tracking-number-given").answer_to("no-number-shipped")
    flow.answer_to("no-number-time-left")
    flow.answer_to("no-tracking-number")
    flow = Flow().answer_to("tracking-number-given").answer_to("no-number-shipped")
    flow.answer_to("no-number-time-left")
    flow.answer_to("dispute-after-protection")


@pytest.mark.parametrize("outcome", ["customs-held", "customs-fee"])
def test_customs_and_returned_to_sender(outcome):
    flow = shipped_with_tracking().answer_to("customs-what")
    flow.answer_to(outcome)
    shipped_with_tracking().answer_to("returned-to-sender")


def test_pickup_point_or_locker_with_no_code():
    flow = Flow().answer_to("delivered-where")
    flow.answer_to("pickup-no-notice")


@pytest.mark.parametrize("outcome", ["item-damaged", "item-not-as-described",
                                     "wrong-item-dispute", "someone-elses-parcel"])
def test_an_order_that_came_wrong(outcome):
    flow = Flow().answer_to("arrived-wrong")
    flow.answer_to(outcome)


def test_empty_parcel_from_a_courier_or_locker():
    flow = Flow().answer_to("arrived-wrong")
    flow.answer_to("empty-where")
    flow.answer_to("empty-courier-or-locker")


def test_refund_approved_but_not_received_outside_a_dispute():
    flow = Flow().answer_to("other-problems")
    flow.answer_to("refund-not-arrived")


def test_seller_asks_to_pay_outside_aliexpress():
    flow = Flow().answer_to("other-problems")
    flow.answer_to("off-platform-request")


def test_protection_about_to_end_offers_extend_or_dispute():
    flow = Flow().answer_to("protection-ending")
    flow.answer_to("extend-or-dispute")


def test_protection_ended_long_ago():
    flow = Flow().answer_to("protection-ending")
    flow.answer_to("protection-ended-when")
    flow.answer_to("protection-long-over")


def test_empty_parcel_still_at_the_post_office():
    flow = Flow().answer_to("arrived-wrong")
    flow.answer_to("empty-where")
    flow.answer_to("empty-at-post-office")


def test_delivered_to_a_stranger():
    flow = Flow().answer_to("delivered-where")
    flow.answer_to("delivered-elsewhere")


def test_seller_presses_to_close_the_dispute():
    flow = Flow().answer_to("dispute-stage")
    flow.answer_to("seller-pressure")


def test_seller_silent_and_closed_disputes():
    assert_next_node(Flow().answer_to("dispute-stage")
                     .answer_to("seller-silent"), "seller-silent")
    flow = Flow().answer_to("dispute-stage").answer_to("closed-how")
    flow.answer_to("reopen-dispute")


def test_receipt_confirmed_by_mistake():
    flow = Flow().answer_to("other-problems")
    flow.answer_to("confirmed-dispute-button")
    flow.answer_to("confirmed-by-mistake")


def test_holiday_season():
    flow = shipped_with_tracking().answer_to("tracking-movement")
    flow.answer_to("protection-left")
    flow.answer_to("sale-or-holiday")
    flow.answer_to("holiday-delay")


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
    """"Plenty of time is left" leads from protection-left to sale-or-holiday; a reader
    who said protection is ending is never offered that way."""
    assert "sale-or-holiday" in {a.next for a in TREE.nodes["protection-left"].answers}
    assert "sale-or-holiday" not in {a.next for a in TREE.nodes["protection-ending"].answers}


@pytest.mark.parametrize("outcome", ["no-tracking-number", "false-shipment-no-scans",
                                     "fake-number-dispute"])
def test_day_or_two_advice_is_only_reached_after_the_protection_time_question(outcome):
    """Every answer leading to advice that says "give the seller a day or two" comes
    from a question about the protection time left."""
    askers = [q.id for q in TREE.questions() if any(a.next == outcome for a in q.answers)]
    assert askers and set(askers) <= PROTECTION_TIME_QUESTIONS


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
