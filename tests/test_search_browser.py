"""Typing into the site's search finds a questionnaire step, and the result opens that
step, in every language; our search script starts only when search is opened, works by
keyboard and on a phone, and shows the index's text only as text."""

from __future__ import annotations

import json

import pytest

from site_languages import LANGUAGES, READER_WORDS, prefix
from steps import PHONE, next_frames, search, visible_step, wait_for_answer

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("start, words, step", [
    (prefix(lang), found["word"], found["step"]) for lang in LANGUAGES
    for found in READER_WORDS[lang]["find"][:1]])
def test_search_result_opens_the_step(make_page, site_url, start, words, step):
    page = make_page()
    page.goto(f"{site_url}/{start}")
    target = f"{site_url}/{start}questionnaire/{step}/#{step}-title"  # the step's page
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


# --- our search script (site_overrides/assets/javascripts/search.js) -----------------

def search_requests(page) -> list[str]:
    """What runs search: our dialog script, Material's worker, the index."""
    return sorted(url.removeprefix(page.site_url) for url in page.requests.urls
                  if url.endswith(("search-dialog.js", "search_index.json"))
                  or "/workers/search." in url)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_fetches_its_index_only_once_opened(make_page, site_url, lang):
    start = prefix(lang)
    # no service worker: it would fetch the index for the offline cache
    page = make_page(service_workers="block")
    page.site_url = site_url
    page.goto(f"{site_url}/{start}guides/", wait_until="load")
    assert page.evaluate("document.documentElement.classList.contains('js')")  # Material ran
    assert "/assets/javascripts/search.js" in [u.removeprefix(site_url) for u in page.requests.urls]
    assert search_requests(page) == []
    assert search(page, READER_WORDS[lang]["common"])
    page.keyboard.press("Escape")
    page.keyboard.press("/")  # opened again: nothing loads twice
    page.keyboard.type(" AliExpress")
    page.wait_for_load_state("networkidle")  # a second load would have been asked for
    requested = search_requests(page)
    assert requested[0] == "/assets/javascripts/search-dialog.js"
    assert requested[1].startswith("/assets/javascripts/workers/search.")
    assert requested[2:] == [f"/{start}search/search_index.json"]
    assert page.console_errors == []


def is_open(page) -> bool:
    return page.evaluate("document.getElementById('__search').checked")


def wait_until_open(page, state: bool) -> None:
    """After a tap, as a person would see it: the toggle has followed the tap's click
    (the browser's gesture recogniser sends it after tap() returns), and the dialog has
    finished sliding in or out. Until then its back arrow is see-through and moving, and
    a tap aimed at it can land beside it."""
    page.wait_for_function(
        "state => document.getElementById('__search').checked === state"
        " && document.querySelector('.md-search__inner').getAnimations().length === 0",
        arg=state)


def focused(page) -> str:
    """The focused element's first class (site.js adds focus-visible after it)."""
    return page.evaluate("document.activeElement.classList[0] || document.activeElement.tagName")


def test_search_by_keyboard_alone(make_page, site_url):
    page = make_page()
    page.goto(f"{site_url}/guides/", wait_until="load")
    page.keyboard.press("/")
    assert is_open(page) and focused(page) == "md-search__input"
    page.keyboard.type("custom")
    wait_for_answer(page)
    assert page.locator(".md-search-result__meta").text_content().endswith("matching documents")
    page.keyboard.press("ArrowDown")
    assert focused(page) == "md-search-result__link"
    page.keyboard.press("s")  # a letter typed on a result goes on into the field
    assert focused(page) == "md-search__input"
    assert page.locator("input.md-search__input").input_value() == "customs"
    wait_for_answer(page)
    page.keyboard.press("ArrowDown")
    assert focused(page) == "md-search-result__link"
    page.keyboard.press("ArrowUp")
    assert focused(page) == "md-search__input"
    page.keyboard.press("Escape")
    assert not is_open(page) and focused(page) == "BODY"
    # "s" opens it again with the words kept, selected; Enter goes to the best result
    page.keyboard.press("s")
    assert is_open(page) and page.evaluate("getSelection().toString()") == "customs"
    best = page.locator(".md-search-result__link").evaluate_all(
        "links => links.sort((a, b) => b.firstElementChild.dataset.mdScore"
        " - a.firstElementChild.dataset.mdScore)[0].href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == best and not is_open(page)
    assert page.console_errors == []


def test_typing_in_a_form_does_not_open_search(make_page, site_url):
    page = make_page()
    page.goto(f"{site_url}/tools/tracking/", wait_until="load")
    field = page.locator("#tc-number")
    field.click()
    page.keyboard.type("sf/")
    assert field.input_value() == "sf/" and not is_open(page)


def test_the_reset_button_empties_the_search(make_page, site_url):
    page = make_page()
    page.goto(f"{site_url}/", wait_until="load")
    search(page, "customs")
    page.get_by_role("button", name="Clear").click()
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text="Type to start searching").wait_for()
    assert page.locator(".md-search-result__item").count() == 0
    assert page.locator("input.md-search__input").input_value() == ""
    assert focused(page) == "md-search__input" and is_open(page)


def test_on_a_phone_the_header_icon_opens_search_and_a_result_closes_it(make_page, site_url):
    page = make_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"{site_url}/questionnaire/", wait_until="load")
    assert not is_open(page)
    button = page.locator(".md-header__button[for=__search]")
    button.tap()
    wait_until_open(page, True)
    assert focused(page) == "md-search__input"
    page.locator(".md-search__icon[for=__search]").tap()  # the dialog's back arrow
    wait_until_open(page, False)
    button.tap()
    wait_until_open(page, True)
    assert focused(page) == "md-search__input"
    page.keyboard.type("locker")
    wait_for_answer(page)  # results for "lock" may still be on screen until then
    link = page.locator(".md-search-result__item a[href*='#pickup-no-notice-title']").first
    if not link.is_visible():
        page.locator("details.md-search-result__more",
                     has=page.locator("a[href*='#pickup-no-notice-title']")).locator("summary").tap()
    link.tap()
    page.wait_for_url("**#pickup-no-notice-title")
    assert visible_step(page) == "pickup-no-notice"
    wait_until_open(page, False)
    assert page.console_errors == []


def scroll_down(page, by: int = 300) -> None:
    """A person's scroll gesture in the middle of the screen; the devtools protocol
    answers once the gesture is over. Two frames later the page has seen its effect."""
    page.context.new_cdp_session(page).send("Input.synthesizeScrollGesture", {
        "x": PHONE["width"] // 2, "y": PHONE["height"] // 2, "yDistance": -by, "speed": 800})
    next_frames(page)


def test_on_a_phone_the_page_under_search_holds_still(make_page, site_url):
    """While search covers the screen, the page under it neither scrolls nor zooms out
    (search's opening circle reaches far past the screen's edge), and the reader finds
    it where they left it."""
    page = make_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"{site_url}/guides/empty-parcel/", wait_until="load")
    page.evaluate("scrollTo(0, 500)")
    page.locator(".md-header__button[for=__search]").tap()
    wait_until_open(page, True)
    page.keyboard.type("zzzz")  # no result: nothing in the dialog that could scroll
    wait_for_answer(page)
    scroll_down(page)
    assert page.evaluate("[scrollY, innerWidth]") == [500, PHONE["width"]]
    page.locator(".md-search__icon[for=__search]").tap()
    wait_until_open(page, False)
    assert page.evaluate("scrollY") == 500
    scroll_down(page)  # the same gesture scrolls the page once search is closed
    page.wait_for_function("() => scrollY > 500")
    assert page.evaluate("scrollY") <= 800  # and it scrolled once, not twice
    assert page.console_errors == []


# The index is built from our own pages, so its text is our escaped text. Should it ever
# hold markup, a result still shows only text, <mark>s and bare text-level elements.
CRAFTED = [
    {"location": "crafted/", "title": 'Zebra <img src=x onerror="window.pwned=1">',
     "text": '<p onclick="window.pwned=2" style="color:red">zebra <a href="javascript:'
             'window.pwned=3">link</a><script>window.pwned=4</script><svg onload="window.'
             'pwned=5"></svg><iframe srcdoc="<p>framed</p>"></iframe> &lt;b&gt;bold?&lt;/b&gt;'
             ' <code class="md-search__input">code</code></p>'},
    {"location": "javascript:window.pwned=6", "title": "Zebra two", "text": "<p>zebra</p>"},
]


def test_a_result_shows_index_markup_only_as_text(make_page, site_url, site_dir):
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    index["docs"] = CRAFTED
    page = make_page()
    page.route("**/search/search_index.json",
               lambda route: route.fulfill(json=index))
    page.goto(f"{site_url}/", wait_until="load")
    search(page, "zebra")
    page.locator(".md-search-result__item").nth(1).wait_for()
    articles = page.locator(".md-search-result__article")
    shown = articles.evaluate_all("""articles => articles.map(article => ({
        tags: [...article.querySelectorAll('*')].map(el => el.tagName.toLowerCase()),
        attributes: [...article.querySelectorAll(
            'h1 *, h2 *, p:not(.md-search-result__terms), p:not(.md-search-result__terms) *')]
            .flatMap(el => [...el.attributes].map(a => a.name)),
        text: article.textContent,
        href: article.parentElement.getAttribute('href')}))""")
    assert sorted(set(tag for one in shown for tag in one["tags"])) == [
        "code", "div", "h1", "mark", "p"]
    assert [a for one in shown for a in one["attributes"]] == []
    crafted = next(one for one in shown if "bold" in one["text"])
    assert "Zebra " in crafted["text"] and "<b>bold?</b>" in crafted["text"]
    assert "link" in crafted["text"]  # the <script>'s text too: shown, never run
    assert crafted["href"] == f"{site_url}/crafted/"
    assert [one["href"] for one in shown if "two" in one["text"]] == [None]
    assert page.evaluate("window.pwned") is None
