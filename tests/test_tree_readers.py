"""Issue 23's readers, walked node by node through the real tree (GOV.UK smart-answers'
assert_next_node style), and the promises the tree makes to every reader as a whole.

No test here pins the English: each step picks the answer that leads to the next id,
reading its label from the loaded tree, so rewording an answer changes no test.
"""

from __future__ import annotations

from collections import Counter

import pytest

from generator import markup
from generator.model import Outcome, Question, Tree

from site_data import SITE, TREE
from test_tree import Flow, assert_next_node

MAX_ANSWERS_PER_QUESTION = 7


def walk(*ids: str) -> Flow:
    """A reader answering from the first question, each answer the one that leads to
    the next id given (Flow.answer_to asserts every step on the way)."""
    flow = Flow()
    for node_id in ids:
        flow.answer_to(node_id)
    return flow


SHIPPED_WITH_TRACKING = ("tracking-number-given", "tracking-shows")


# --- an order in several parcels ----------------------------------------------------------

def test_missing_items_ask_for_a_second_parcel_before_a_dispute():
    walk("arrived-wrong", "order-in-parts", "wait-for-second-parcel")


def test_one_parcel_that_came_short_goes_to_the_empty_parcel_advice():
    walk("arrived-wrong", "order-in-parts", "empty-where", "empty-opened-at-home")


def test_the_second_parcel_advice_waits_within_the_order_s_own_time():
    outcome = TREE.nodes["wait-for-second-parcel"]
    assert {name for _, name in markup.placeholders(outcome.deadline)} == {"act_before_end_days"}


# --- customs ---------------------------------------------------------------------------------

@pytest.mark.parametrize("outcome", ["customs-held", "customs-fee", "customs-payment-check"])
def test_customs_readers_reach_their_advice_in_four_answers(outcome):
    flow = walk(*SHIPPED_WITH_TRACKING, "customs-what", outcome)
    assert isinstance(flow.node, Outcome)


def test_returned_to_sender_is_its_own_answer_apart_from_customs():
    walk(*SHIPPED_WITH_TRACKING, "returned-to-sender")
    customs = TREE.nodes["customs-what"]
    assert "returned-to-sender" not in {a.next for a in customs.answers}


def test_a_payment_asked_at_the_door_names_the_chargeback_deadline():
    outcome = TREE.nodes["customs-payment-check"]
    assert "card_chargeback_days" in {n for _, n in markup.placeholders(outcome.deadline)}


# --- scams, named ----------------------------------------------------------------------------

@pytest.mark.parametrize("outcome", ["off-platform-request", "confirm-before-delivery"])
def test_scam_requests_from_a_seller_are_two_answers_away(outcome):
    walk("other-problems", outcome)


def test_a_refused_escalation_gives_the_payment_method_fallback():
    flow = walk("dispute-stage", "seller-refused-escalation")
    used = {name for _, name in markup.placeholders(flow.node.deadline)}
    assert {"paypal_claim_days", "card_chargeback_days"} <= used


# --- no tracking, tracking that stops or moves ---------------------------------------------

def test_no_tracking_number_on_a_cheap_order():
    walk("tracking-number-given", "no-number-shipped", "no-number-time-left",
         "no-tracking-number")


def test_lp_numbers_reach_the_internal_number_advice():
    walk(*SHIPPED_WITH_TRACKING, "no-news-where", "invalid-number-check",
         "internal-carrier-number")


def test_a_reader_who_has_not_run_the_checker_still_gets_advice():
    flow = walk(*SHIPPED_WITH_TRACKING, "no-news-where", "invalid-number-check")
    way_out = flow.node.answers[-1]
    flow.answer_to(way_out.next)
    assert_next_node(flow, "no-scans-time-left")


def test_stopped_tracking_asks_about_protection_in_the_same_step():
    walk(*SHIPPED_WITH_TRACKING, "tracking-movement", "stopped-how-long", "parcel-lost-dispute")
    walk(*SHIPPED_WITH_TRACKING, "tracking-movement", "stopped-how-long",
         "protection-ended-when", "dispute-after-protection")


def test_u_numbers_are_found_under_movement():
    walk(*SHIPPED_WITH_TRACKING, "tracking-movement", "untracked-protection", "untracked-wait")


def test_a_number_for_another_parcel_and_a_replaced_number_share_one_answer():
    walk(*SHIPPED_WITH_TRACKING, "number-changed-or-wrong", "fake-number-time-left",
         "fake-number-dispute")
    walk(*SHIPPED_WITH_TRACKING, "number-changed-or-wrong", "tracking-number-changed")


# --- confusing questions, now with one answer per case ---------------------------------------

@pytest.mark.parametrize("question", ["no-news-where", "arrived-wrong", "customs-what",
                                      "nothing-yet-how-long", "number-changed-or-wrong"])
def test_each_answer_but_the_way_out_leads_somewhere_else(question):
    """Two answers that lead to the same step are one answer split in two: a reader
    whose case fits both could not tell them apart before either."""
    targets = [a.next for a in TREE.nodes[question].answers[:-1]]
    assert len(targets) == len(set(targets))


def test_nothing_yet_names_the_number_of_days_it_compares_with():
    text = TREE.nodes["nothing-yet-how-long"].text
    assert "false_shipment_working_days" in {n for _, n in markup.placeholders(text)}


def test_a_completely_different_item_has_one_answer():
    walk("arrived-wrong", "wrong-item-dispute")


def test_empty_parcel_opened_at_home():
    walk("arrived-wrong", "empty-where", "empty-opened-at-home")


# --- old ids keep working --------------------------------------------------------------------

@pytest.mark.parametrize("old, new", [("customs-or-return", "customs-what"),
                                      ("lost-protection", "stopped-how-long")])
def test_split_and_merged_steps_keep_their_old_ids(old, new):
    assert old not in TREE.nodes
    assert TREE.aliases[old] == new


# --- every reader, the whole tree ----------------------------------------------------------

# How far each reader is from advice: tests/test_tree.py (six answers at most, most
# outcomes within four).


@pytest.mark.parametrize("lang", list(SITE.trees))
def test_no_question_has_more_than_seven_answers(lang):
    tree = SITE.trees[lang]
    assert max(len(q.answers) for q in tree.questions()) <= MAX_ANSWERS_PER_QUESTION


def way_out_labels(tree: Tree) -> set[str]:
    """A way out is worded as the tree words it elsewhere ("None of these", "I am not
    sure"): a label that ends two questions or more, so a reader meets the same words
    wherever no answer fits. (It is usually a question's last answer; an answer added
    after it keeps the translations of the answers before it.)"""
    counts = Counter(q.answers[-1].label for q in tree.questions())
    return {label for label, n in counts.items() if n >= 2}


def way_out(question: Question, shared: set[str]):
    return next((a for a in reversed(question.answers) if a.label in shared), None)


@pytest.mark.parametrize("lang", list(SITE.trees))
def test_every_question_has_a_way_out(lang):
    """The first question's last answer ("something else") leads to a question that
    has a way out itself; every other question has one."""
    tree = SITE.trees[lang]
    shared = way_out_labels(tree)
    without = [q.id for q in tree.questions()
               if q.id != tree.start and way_out(q, shared) is None]
    assert without == [], ("give each of these questions a way out, worded as the "
                           "others are (\"None of these\", \"I am not sure\")")
    last = tree.nodes[tree.nodes[tree.start].answers[-1].next]
    assert isinstance(last, Question) and way_out(last, shared)


@pytest.mark.parametrize("lang", list(SITE.trees))
def test_a_way_out_never_adds_more_than_one_step_before_advice(lang):
    """A reader who is not sure reaches advice at once, or after one more question."""
    tree = SITE.trees[lang]
    shared = way_out_labels(tree)
    for question in tree.questions():
        if question.id == tree.start:
            continue
        target = tree.nodes[way_out(question, shared).next]
        assert isinstance(target, Outcome) or any(
            isinstance(tree.nodes[a.next], Outcome) for a in target.answers), question.id
