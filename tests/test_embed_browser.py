"""The embed in real headless Chromium, inside host pages served from another origin
(a second local server): the documented snippet, auto-resize, forged messages, the
sandbox, two embeds, ?start=, no JavaScript in the frame, axe-core, privacy.

Clicks are real mouse clicks at the element's place on screen (page.mouse), which,
unlike locator.click(), never scroll the host page themselves: so a host page that
moves was moved by the embed."""

from __future__ import annotations

import pytest

from generator.i18n import locale

from embedding import FORGED_HEIGHT, answer, click, fits, frame_height, frame_of, walk
from gates import assert_no_axe_violations, embed_snippet
from site_data import TREE
from steps import address, visible_step, wait_for_step, walk_to

pytestmark = pytest.mark.browser

def test_snippet_embeds_and_fits_every_step_without_scrolling_the_host(open_host, host,
                                                                        site_dir, site_url):
    outcome, path = walk_to(TREE, "empty-parcel")
    page = open_host(host.snippet(site_dir))
    frame = frame_of(page)
    fits(frame)
    first = frame_height(page)
    # the snippet's fixed 40rem is replaced by the height of the frame's content
    content = frame.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
    assert abs(first - content) <= 1, (first, content)
    heights = walk(page, frame, path)  # the host page does not move (see walk)
    assert visible_step(frame) == outcome.id
    assert len({first, *heights}) > 1, "the frame's height follows its content"
    # within the frame, focus went to the new step's heading after the reader's click
    assert frame.evaluate("document.activeElement.id") == f"{outcome.id}-title"
    assert page.url.startswith(host.url)
    # the full guide opens in a new tab, leaving host and frame where they were
    with page.context.expect_page() as opened:
        click(page, frame.locator(f"section[id='{outcome.id}'] .pq-guide a"))
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.url == f"{site_url}/guides/{outcome.guide}/"
    assert tab.evaluate("window.opener") is None  # rel="noopener"
    assert visible_step(frame) == outcome.id
    # nothing stored, no cookie, no request to any other host
    assert frame.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.context.cookies() == []
    assert page.requests.foreign() == []
    assert page.console_errors == []


def test_the_page_stays_put_on_load(open_host, host, site_dir):
    page = open_host(host.snippet(site_dir, query="?start=" + walk_to(TREE, "empty-parcel")[0].id))
    frame = frame_of(page)
    fits(frame)
    assert page.evaluate("window.scrollY") == 0
    # no focus taken before the reader acts: not the frame, not a heading inside it
    assert page.evaluate("document.activeElement === document.body")
    assert frame.evaluate("document.activeElement === document.body")


def test_messages_from_other_windows_resize_nothing(open_host, host, site_dir):
    forged = f"{{type: 'parcel-help:height', height: {FORGED_HEIGHT}}}"
    page = open_host(
        host.snippet(site_dir) +
        # another frame on the host page, and the host page itself, post our shape
        f"<iframe title='Ads' srcdoc=\"<script>parent.postMessage({forged}, '*')</script>\">"
        "</iframe><script>window.seen = 0; addEventListener('message', e => "
        f"e.data.height === {FORGED_HEIGHT} && window.seen++); postMessage({forged}, '*')"
        "</script>")
    frame = frame_of(page)
    fits(frame)
    page.wait_for_function("window.seen === 2")  # both forged messages arrived
    fits(frame)
    assert frame_height(page) != FORGED_HEIGHT
    assert frame_height(page, 1) != FORGED_HEIGHT


def test_sandboxed_embed_walks_to_an_outcome(open_host, host, site_dir):
    outcome, path = walk_to(TREE, "wrong-city-or-stranger")
    page = open_host(host.snippet(site_dir, attributes='sandbox="allow-scripts allow-popups"'))
    frame = frame_of(page)
    assert frame.evaluate("origin") == "null"  # really sandboxed: an opaque origin
    fits(frame)
    walk(page, frame, path)  # the host page does not move (see walk)
    assert visible_step(frame) == outcome.id
    assert page.console_errors == []
    assert page.requests.foreign() == []


def test_the_embed_loads_each_step_it_shows(open_host, host, site_dir, site_url):
    """The embed's page carries its first question only: each next step's data
    (embed/steps/ID.json) is fetched once, as its link shows, and swapped in without a
    page load; the outcome shows what to do now and the frame grows to show it. A
    sandboxed frame, which may not read the data, loads each step's page instead
    (/embed/ID/), with the same advice and no error."""
    outcome, path = walk_to(TREE, "empty-parcel")
    page = open_host(host.snippet(site_dir))
    frame = frame_of(page)
    fits(frame)
    frame.evaluate("window.samePage = true")
    walk(page, frame, path)
    steps = frame.locator(f"section[id='{outcome.id}'] .pq-do li")
    assert steps.count() == len(outcome.steps)
    fits(frame)
    assert frame.evaluate("window.samePage") is True, "the steps came without a page load"
    assert frame.url == f"{site_url}/embed/{address(TREE, outcome.id)}"
    fetched = [u for u in page.requests.urls if "/embed/steps/" in u]
    assert len(fetched) == len(set(fetched)), "each step's data is fetched once"
    assert all(f"{site_url}/embed/steps/{given.next}.json" in fetched for _, given in path)
    assert page.console_errors == []

    sandboxed = open_host(host.snippet(site_dir, attributes='sandbox="allow-scripts allow-popups"'))
    frame = frame_of(sandboxed)
    walk(sandboxed, frame, path)
    assert frame.url == f"{site_url}/embed/{address(TREE, outcome.id)}"
    assert frame.locator(f"section[id='{outcome.id}'] .pq-do li").count() == len(outcome.steps)
    assert frame.locator(f"section[id='{outcome.id}'] .pq-deadline").is_visible()
    assert frame.locator(f"section[id='{outcome.id}'] .pq-full a").is_visible()
    assert sandboxed.console_errors == []


def test_two_embeds_resize_independently(open_host, host, site_dir):
    _, path = walk_to(TREE, "empty-parcel")
    page = open_host(host.snippet(site_dir) + host.snippet(site_dir, query="?start=" + path[1][0]))
    first, second = frame_of(page, 0), frame_of(page, 1)
    fits(first)
    fits(second)
    assert visible_step(second) == path[1][0]
    second_height = frame_height(page, 1)
    walk(page, first, path[:2])
    fits(first)
    assert frame_height(page, 1) == second_height
    assert visible_step(second) == path[1][0]
    # and the other way round
    first_height = frame_height(page, 0)
    answer(page, second, path[1][1].label)
    wait_for_step(second, path[1][1].next)
    fits(second)
    assert frame_height(page, 1) != second_height
    assert frame_height(page, 0) == first_height


def test_start_option_begins_at_that_step(make_page, site_url):
    _, path = walk_to(TREE, "invalid-tracking-number")
    step = path[-1][0]
    page = make_page()
    page.goto(f"{site_url}/embed/?start={step}")
    page.wait_for_url(f"{site_url}/embed/{address(TREE, step)}")
    assert visible_step(page) == step
    assert page.locator(".pq-notice").is_hidden()
    answer_link = page.locator(f"section[id='{step}'] .pq-answer", has_text=path[-1][1].label)
    answer_link.click()
    wait_for_step(page, path[-1][1].next)
    assert visible_step(page) == path[-1][1].next
    assert page.requests.foreign() == [] and page.console_errors == []


@pytest.mark.parametrize("old_id", list(TREE.aliases))
def test_start_at_an_old_id_shows_the_step_that_replaced_it(make_page, site_url, old_id):
    page = make_page()
    page.goto(f"{site_url}/embed/?start={old_id}")
    page.wait_for_url(f"{site_url}/embed/{address(TREE, TREE.aliases[old_id])}")
    assert visible_step(page) == TREE.aliases[old_id]
    assert page.locator(".pq-notice").is_hidden()


def test_unknown_start_shows_the_first_question_with_a_notice(make_page, site_url):
    page = make_page()
    page.goto(f"{site_url}/embed/?start=no-such-step")
    assert visible_step(page) == TREE.start
    notice = page.locator(".pq-notice")
    notice.wait_for(state="visible")  # once the step's data was not found
    assert notice.inner_text() == locale("en").t("unknown_step")


@pytest.mark.parametrize("how", ["sandbox without scripts", "JavaScript off"])
def test_embed_without_javascript_walks_to_an_outcome(open_host, host, site_dir, how):
    outcome, path = walk_to(TREE, "invalid-tracking-number")
    if how == "JavaScript off":  # for the host page too: no resize, a fixed height
        page = open_host(host.snippet(site_dir), javascript=False)
    else:  # only the frame has no scripts; the host page runs its own
        page = open_host(host.snippet(site_dir, attributes='sandbox="allow-popups"'))
    frame = frame_of(page)
    assert frame.locator(".pq").count() == 1 and frame.locator(".pq.pq-js").count() == 0
    for question_id, given in path:
        assert visible_step(frame) == question_id
        frame.locator("section.pq-step:visible").get_by_role(
            "link", name=given.label, exact=True).click()
        wait_for_step(frame, given.next)
    assert visible_step(frame) == outcome.id
    assert len(page.context.pages) == 1  # every step stayed in the frame
    assert page.requests.foreign() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_reports_no_violations_on_an_embed_outcome(make_page, site_url, scheme):
    """The all-pages gate sees the embed's first question; an outcome is a state of its own."""
    page = make_page(color_scheme=scheme)
    page.goto(f"{site_url}/embed/{address(TREE, walk_to(TREE, 'empty-parcel')[0].id)}")
    assert_no_axe_violations(page)


def test_embed_guide_has_a_copy_button_and_a_live_preview(make_page, site_url, site_dir):
    page = make_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{site_url}/embed-guide/")
    preview = page.locator("iframe[data-parcel-help]")
    assert preview.count() == 1
    frame = preview.element_handle().content_frame()
    frame.wait_for_load_state()
    fits(frame)  # the live preview is sized by the host script, like any embed
    assert visible_step(frame) == TREE.start
    page.locator("pre.copy button[data-md-type=copy]").click()
    assert page.evaluate("navigator.clipboard.readText()").strip() == embed_snippet(site_dir)
    assert page.requests.foreign() == [] and page.console_errors == []
