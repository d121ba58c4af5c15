"""site.js does on every page what Material's own script did here (Material's bundle is
not loaded): the colour switch, keyboard focus rings, the header's title, the table of
contents following the reader, the menu by keyboard and on a phone."""

from __future__ import annotations

import pytest

from steps import PHONE

pytestmark = pytest.mark.browser

GUIDE = "guides/buyer-protection-and-disputes/"


def test_no_page_loads_materials_bundle_and_javascript_is_announced(make_page, site_url):
    page = make_page()
    page.goto(f"{site_url}/{GUIDE}", wait_until="load")
    assert page.evaluate("document.documentElement.className") == "js"
    scripts = [url.removeprefix(site_url) for url in page.requests.urls if url.endswith(".js")]
    assert "/assets/javascripts/site.js" in scripts
    assert not [url for url in scripts if "/bundle." in url]
    assert page.console_errors == []


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


@pytest.mark.parametrize("system, other", [("light", "slate"), ("dark", "default")])
def test_the_colour_switch_follows_the_system_then_the_reader(make_page, site_url,
                                                             system, other):
    page = make_page(color_scheme=system)
    page.goto(f"{site_url}/", wait_until="load")
    first = "default" if system == "light" else "slate"
    assert scheme(page) == first
    switch = page.locator("form[data-md-component=palette] label:visible")
    assert switch.count() == 1  # the one that switches to the other scheme
    switch.click()
    assert scheme(page) == other
    # by keyboard: Enter on the focused switch goes back
    page.locator("form[data-md-component=palette] input:checked").focus()
    page.keyboard.press("Enter")
    assert scheme(page) == first
    # the system changing its setting: the page follows it
    page.emulate_media(color_scheme="dark" if system == "light" else "light")
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{other}'")


def test_keyboard_focus_draws_materials_focus_ring(make_page, site_url):
    page = make_page()
    page.goto(f"{site_url}/{GUIDE}", wait_until="load")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('focus-visible')")
    page.mouse.click(5, 400)  # away from it: focus leaves, and the ring with it
    assert page.evaluate("document.querySelectorAll('.focus-visible').length") == 0


def test_the_header_shows_the_pages_title_once_its_heading_is_under_it(make_page, site_url):
    page = make_page(viewport=PHONE)
    page.goto(f"{site_url}/{GUIDE}", wait_until="load")
    title = page.locator(".md-header__title")
    assert "md-header__title--active" not in title.get_attribute("class")
    assert "md-header--shadow" in page.locator(".md-header").get_attribute("class")
    page.mouse.wheel(0, 800)  # the reader scrolls down
    page.wait_for_function(
        "() => document.querySelector('.md-header__title').classList.contains('md-header__title--active')")
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function(
        "() => !document.querySelector('.md-header__title').classList.contains('md-header__title--active')")


def test_the_table_of_contents_marks_the_section_being_read(make_page, site_url):
    page = make_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{site_url}/{GUIDE}", wait_until="load")
    toc = page.locator("[data-md-component=toc] a.md-nav__link")
    assert page.locator("[data-md-component=toc] .md-nav__link--active").count() == 0
    third = toc.nth(2)
    target = third.get_attribute("href")
    third.click()
    page.wait_for_function(
        """href => document.querySelector(
             `[data-md-component=toc] a.md-nav__link--active[href="${href}"]`)""", arg=target)
    # Material's classes: the sections up to this one are passed
    assert page.locator("[data-md-component=toc] .md-nav__link--passed").count() == 3


def test_the_menu_works_by_keyboard_and_closes_when_the_page_moves(make_page, site_url):
    page = make_page(viewport=PHONE)
    page.goto(f"{site_url}/{GUIDE}", wait_until="load")
    page.locator(".md-header__button[for=__drawer]").click()
    drawer = "document.getElementById('__drawer').checked"
    assert page.evaluate(drawer)
    # a section of the menu: Enter on its focused label opens it, and it says so
    label = page.locator(".md-sidebar--primary label.md-nav__link[tabindex='0']").first
    section = page.locator(f"nav[aria-labelledby='{label.get_attribute('id')}']")
    assert section.get_attribute("aria-expanded") == "false"
    label.focus()
    page.keyboard.press("Enter")
    assert section.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Enter")
    assert section.get_attribute("aria-expanded") == "false"
    # the reader goes back to another place on the page with the menu open: it closes
    page.keyboard.press("Escape")
    page.goto(f"{site_url}/{GUIDE}#opening-a-dispute")
    page.locator(".md-header__button[for=__drawer]").click()
    assert page.evaluate(drawer)
    page.go_back()
    page.wait_for_function(f"() => !{drawer}")
    assert page.evaluate("location.hash") == ""
