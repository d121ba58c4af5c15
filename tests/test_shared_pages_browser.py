"""The pages make_page hands from test to test (tests/shared_pages.py) come back as a
new page would be: no history to go back into, nothing the last test set; a page the
last test changed for good is never handed on."""

from __future__ import annotations

import pytest

from shared_pages import SharedPages

pytestmark = pytest.mark.browser


@pytest.fixture
def pool(browser):
    pages = SharedPages(browser)
    yield pages
    pages.close()


def _page(pool: SharedPages, **options):
    key = pool.key(True, options)
    page = pool.take(key) or pool.new(key, True, options)
    pool.watch(page)
    return page


def test_a_page_handed_back_has_no_history_and_blocks_service_workers(pool, site_url):
    page = _page(pool)
    page.goto(site_url + "/")
    page.goto(site_url + "/about/")
    pool.give_back(page)
    again = _page(pool)
    assert again is page  # reused, not a new context
    assert again.url == "about:blank"
    assert again.evaluate("history.length") == 1
    assert again.go_back() is None and again.url == "about:blank"
    again.goto(site_url + "/")
    # the site's service worker never registers in a shared context (a test that needs
    # one gets its own): it would precache the site, and stay for the next test
    registered = again.evaluate("""navigator.serviceWorker.register("/sw.js")
      .then(() => navigator.serviceWorker.getRegistrations()).then(all => all.length)""")
    assert registered == 0


# one call of each kind shared_pages wraps: the page's, its context's, its clock's, input
@pytest.mark.parametrize("change", [
    lambda page: page.add_init_script("window.changed = true"),
    lambda page: page.context.set_offline(True),
    lambda page: page.context.clock.set_fixed_time("2024-01-01T00:00:00Z"),
    lambda page: page.keyboard.down("Shift"),
], ids=["init script", "offline", "clock", "key held"])
def test_a_page_changed_for_good_is_not_handed_on(pool, change):
    page = _page(pool)
    change(page)
    pool.give_back(page)
    assert page.is_closed()
    assert _page(pool) is not page


def test_a_page_with_its_own_options_is_never_shared(pool):
    page = _page(pool, service_workers="allow")
    assert page.spent
    pool.give_back(page)
    assert page.is_closed()
