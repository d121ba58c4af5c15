"""The reader at the post office, in headless Chromium: after one visit the site works
with the network gone (the questionnaire, a guide, the three tools, in every
language; an uncached page shows the offline page), an outcome prints on one A4 page
without the screen's navigation, and "Copy link" copies the address of the step."""

from __future__ import annotations

import html
import re

import pytest


import yaml

from conftest import ROOT
from generator.i18n import locale
from steps import answer, pdf_pages, search, visible_step, wait_for_step, walk_to
from site_data import TOOLS, TREES
from site_languages import PREFIXED, READER_WORDS

pytestmark = pytest.mark.browser

LANGUAGES = {prefix: TREES[lang] for prefix, lang in PREFIXED}


def offline_title(prefix: str) -> str:
    """The offline page's title, from its front matter (content/[LANG/]offline.md)."""
    text = (ROOT / "content" / prefix / "offline.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])["title"]


@pytest.fixture(scope="module")
def offline(browser, site_url):
    """A reader who visited the home page once, then lost the network: one context,
    its service worker installed and in control, set offline."""
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    page.goto(site_url + "/")
    # ready: the worker is active, so its install (caching every file) is done.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    context.set_offline(True)
    yield page
    context.close()


def test_the_worker_cached_only_its_own_versioned_cache(offline, site_url):
    names = offline.evaluate("caches.keys()")
    assert len(names) == 1, names
    assert re.fullmatch(rf"parcel-help {re.escape(site_url)}/ [0-9a-f]{{16}}", names[0]), names


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_offline_the_questionnaire_walks_to_an_outcome(offline, site_url, prefix):
    tree = LANGUAGES[prefix]
    outcome, path = walk_to(tree, "empty-parcel")
    offline.goto(f"{site_url}/{prefix}questionnaire/")
    for question_id, given in path:
        assert visible_step(offline) == question_id
        answer(offline, given.label)
        wait_for_step(offline, given.next)
    assert visible_step(offline) == outcome.id
    assert offline.locator(f"#{outcome.id}-title").inner_text() == outcome.title


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_offline_a_steps_own_address_shows_the_step(offline, site_url, prefix):
    """The worker keeps each step's data, not its page: a step's address opened offline
    shows that step, from the first page and the step's data."""
    tree = LANGUAGES[prefix]
    outcome, path = walk_to(tree, "wrong-city-or-stranger")
    for node_id in (outcome.id, path[-1][0]):
        offline.goto(f"{site_url}/{prefix}questionnaire/{node_id}/")
        wait_for_step(offline, node_id)
        assert visible_step(offline) == node_id
        assert offline.url == f"{site_url}/{prefix}questionnaire/{node_id}/"
        assert offline.title().startswith(tree.nodes[node_id].title)


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_offline_every_guide_and_the_facts_page_open(offline, site_url, prefix):
    tree = LANGUAGES[prefix]
    for slug, guide in tree.guides.items():
        offline.goto(f"{site_url}/{prefix}guides/{slug}/")
        assert offline.locator("h1").inner_text() == guide.title
    offline.goto(f"{site_url}/{prefix}facts/")
    assert offline.locator(".fact").count() >= len(tree.facts)


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_offline_what_the_worker_keeps_packed_opens(offline, site_url, site_dir, prefix):
    """The steps' data, the search index and the map are cached gzipped in packs
    (generator/offline.py) and inflated by the worker: offline each is answered whole,
    with its type."""
    offline.goto(f"{site_url}/{prefix}map/")
    built = (site_dir / prefix / "map" / "index.html").read_text(encoding="utf-8")
    assert offline.title() == html.unescape(re.search(r"<title>(.*?)</title>", built, re.S).group(1))
    tree = LANGUAGES[prefix]
    for url in (f"{prefix}search/search_index.json", f"{prefix}questionnaire/steps/{tree.start}.json"):
        got = offline.evaluate("""url => fetch(url).then(r =>
            r.text().then(text => [r.status, r.headers.get('Content-Type'), text]))""",
                               f"{site_url}/{url}")
        assert got == [200, "application/json; charset=utf-8",
                       (site_dir / url).read_text(encoding="utf-8")], url


@pytest.mark.parametrize("prefix, lang", PREFIXED)
def test_offline_search_finds_a_step_and_opens_it(offline, site_url, prefix, lang):
    """Search runs offline from what the first visit cached (its scripts, Material's
    worker, the index from its pack); the result, a step's own address, shows the step."""
    found = READER_WORDS[lang]["find"][0]
    offline.goto(f"{site_url}/{prefix}")
    target = f"{site_url}/{prefix}questionnaire/{found['step']}/#{found['step']}-title"
    assert target in search(offline, found["word"])
    in_result = f"a[href*='#{found['step']}-title']"
    link = offline.locator(f".md-search-result__item {in_result}").first
    if not link.is_visible():  # folded under "N more on this page"
        offline.locator("details.md-search-result__more",
                        has=offline.locator(in_result)).locator("summary").click()
    link.click()
    wait_for_step(offline, found["step"])
    assert visible_step(offline) == found["step"]


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_offline_each_tool_works(offline, site_url, prefix):
    offline.goto(f"{site_url}/{prefix}tools/tracking/")
    form = offline.locator("form[data-tool='tracking-checker']")
    form.locator("input[name='number']").fill("RB123456785CN")
    form.locator("button[type='submit']").click()
    assert form.locator("[data-verdict]").get_attribute("data-verdict") == "valid-s10"

    offline.goto(f"{site_url}/{prefix}tools/deadlines/")
    form = offline.locator("form[data-tool='deadline-calculator']")
    form.locator("[name='end']").fill("2026-03-01")
    form.locator("button[type='submit']").click()
    assert form.locator("time[data-deadline]").count() > 0

    offline.goto(f"{site_url}/{prefix}tools/message/")
    form = offline.locator("form[data-tool='dispute-message']")
    form.locator("[name='order']").fill("8123456789012345")
    assert "8123456789012345" in form.locator("textarea[data-message]").input_value()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_offline_an_uncached_page_shows_the_offline_page(offline, site_url, prefix):
    offline.goto(f"{site_url}/{prefix}no-such-page/")
    assert offline.locator("h1").inner_text() == offline_title(prefix)
    links = offline.locator("article a").evaluate_all("links => links.map(a => a.href)")
    assert f"{site_url}/{prefix}questionnaire/" in links


# Every date the deadline calculator can link back with (the longest list an outcome
# shows): the day protection ends and each deadline of tools.yaml.
ALL_DATES = "&".join(f"{key}=2026-12-{10 + n}" for n, key in enumerate(
    ["protection_end", *(d.fact for d in TOOLS.deadlines)]))


# What the print test reads of an outcome's page, in one round trip (per outcome, a
# round trip per check cost more than the PDF). Visible as Playwright's is_visible()
# means it: a box of some size, and not visibility: hidden.
PRINTED = """([id, hidden, parts]) => {
  const visible = (element) => {
    if (!element) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== "hidden";
  };
  const step = document.getElementById(id);
  const dates = step ? [...step.querySelectorAll(".pq-deadline .pq-dates time")] : [];
  const address = step && step.querySelector(".pq-address");
  return {
    step: step !== null && step.matches("section") && visible(step),
    dates: dates.length,
    hidden_dates: dates.filter((time) => !visible(time)).length,
    shown: hidden.filter((selector) => [...document.querySelectorAll(selector)].some(visible)),
    parts: parts.filter((selector) => !visible(step && step.querySelector(selector))),
    address: visible(address) ? address.innerText : null,
    // the bottom of the lowest thing laid out (the document itself fills the window)
    height: Math.max(...[...document.body.querySelectorAll("*")].map(
      (element) => element.getBoundingClientRect().bottom)),
  };
}"""
SCREEN_ONLY = [".md-header", ".md-sidebar", ".md-search", ".md-footer", ".pq-share", ".pq-trail",
               ".pq-restart", ".pq-report", "button"]
PRINTED_PARTS = [".pq-do", ".pq-deadline"]


# The width an A4 page's text has (210 mm less print.css's side margins, @page), in
# CSS pixels; and how many of each language's tallest outcomes are printed to PDF.
_MARGINS = re.search(r"@page\s*\{[^}]*margin:\s*[\d.]+mm\s+([\d.]+)mm",
                     (ROOT / "site_overrides/assets/stylesheets/print.css").read_text())
PRINTED_WIDTH = round((210 - 2 * float(_MARGINS.group(1))) / 25.4 * 96)
TALLEST = 3


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_outcome_prints_on_one_page_without_the_screens_parts(make_page, site_url, prefix):
    """With the calculator's dates in the address, as its link back gives them: the
    outcomes that offer the calculator list them, and still fit one page. Each outcome's
    printed parts are checked in the print layout at A4's width; the PDF (the slow
    part) is made of the TALLEST outcomes there: if they fit one page, the shorter do."""
    tree = LANGUAGES[prefix]
    page = make_page(viewport={"width": PRINTED_WIDTH, "height": 1123})
    page.emulate_media(media="print")
    heights = {}
    for outcome in tree.outcomes():
        page.goto(f"{site_url}/{prefix}questionnaire/{outcome.id}/?{ALL_DATES}")
        printed = page.evaluate(PRINTED, [outcome.id, SCREEN_ONLY, PRINTED_PARTS])
        assert printed["step"], outcome.id
        if outcome.id in TOOLS.offered_on["deadline-calculator"]:
            assert printed["dates"] == 1 + len(TOOLS.deadlines), outcome.id
            assert printed["hidden_dates"] == 0, outcome.id
        else:
            assert printed["dates"] == 0, outcome.id
        assert printed["shown"] == [], outcome.id  # the screen's parts
        assert printed["parts"] == [], outcome.id  # what to do, the deadline
        # the step's address; its dates are printed above it
        assert printed["address"] is not None and printed["address"].endswith(
            f"/{prefix}questionnaire/{outcome.id}/"), outcome.id
        heights[outcome.id] = printed["height"]
    tallest = sorted(heights, key=lambda node_id: (-heights[node_id], node_id))[:TALLEST]
    too_long = {}
    for node_id in tallest:
        page.goto(f"{site_url}/{prefix}questionnaire/{node_id}/?{ALL_DATES}")
        pages = pdf_pages(page.pdf(format="A4"))
        if pages != 1:
            too_long[node_id] = pages
    assert len(tallest) == min(TALLEST, len(heights)) and too_long == {}
    assert len(set(heights.values())) > 1  # the heights are the content's, not the window's


def test_the_print_button_is_beside_an_outcome_and_calls_print(make_page, site_url):
    tree = LANGUAGES[""]
    outcome = next(tree.outcomes())
    page = make_page()
    page.goto(f"{site_url}/questionnaire/{outcome.id}/")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    button = page.locator(f"section#{outcome.id}").get_by_role("button", name="Print or save as PDF")
    button.click()
    assert page.evaluate("window.printed") == 1
    # not on a question: there is nothing to take away yet
    page.goto(f"{site_url}/questionnaire/")
    page.wait_for_function(f"document.querySelector('section#{tree.start} .pq-share')")
    assert page.get_by_role("button", name="Print or save as PDF").count() == 0


@pytest.mark.parametrize("prefix, lang", PREFIXED)
def test_copy_link_copies_the_address_of_the_step(make_page, site_url, prefix, lang):
    tree = LANGUAGES[prefix]
    label, done = locale(lang).t("share_copy"), locale(lang).t("share_copied").split(":")[0]
    page = make_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{site_url}/{prefix}questionnaire/")
    question = tree.nodes[tree.start]
    # an answer in the page's language (one left in English also carries a note)
    chosen = next(a for a in question.answers if a.label not in tree.fallbacks)
    answer(page, chosen.label)
    wait_for_step(page, chosen.next)
    step = visible_step(page)
    page.locator(f"section#{step}").get_by_role("button", name=label).click()
    status = page.locator(f"section#{step} .pq-share-status")
    status.filter(has_text=done).wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{site_url}/{prefix}questionnaire/{step}/" == page.url


def test_share_is_offered_only_where_the_browser_has_a_share_sheet(make_page, site_url):
    page = make_page()
    page.goto(f"{site_url}/questionnaire/")
    page.locator(".pq-share").wait_for()
    offered = page.evaluate("typeof navigator.share === 'function'")
    assert page.get_by_role("button", name="Share", exact=True).is_visible() == offered


def test_without_javascript_no_button_shows(make_page, site_url):
    page = make_page(javascript=False)
    outcome = next(LANGUAGES[""].outcomes())
    page.goto(f"{site_url}/questionnaire/{outcome.id}/")
    assert page.locator(".pq-share button:visible").count() == 0
