"""Pages handed from test to test, so most browser tests skip a new context's cost.

A new context and its first page cost Chromium a new renderer, which is cold for its
first pages; in phase 2 of `make test` that was most of Chromium's CPU. A page that
comes back from a test in the state a new one would have is used again by the next
test that asks for the same options (conftest.make_page), after a navigation to
about:blank:
- the site keeps nothing between visits but its service worker, so pooled contexts
  block service workers (a test that needs one asks for service_workers="allow" and
  gets a new context, as every test did before);
- a test that changes the page or its context in a way a navigation does not undo
  (scripts or routes added, listeners, viewport, media, permissions, offline, the clock,
  a popup or a second page, a CDP session) marks it spent: its context is closed as
  before. The calls that can do that are wrapped below; anything else (the document,
  focus, scroll, the mouse's place, the history) is undone by the navigation, a mouse
  move and emptying the back and forward list.
"""

from __future__ import annotations

import functools

# Calls after which a page or its context differs from a new one for the next test.
SPENDING_PAGE_CALLS = (
    "add_init_script", "expose_function", "expose_binding", "route", "route_from_har",
    "route_web_socket", "unroute", "unroute_all", "set_viewport_size", "emulate_media",
    "set_extra_http_headers", "add_locator_handler", "on", "once", "set_default_timeout",
    "set_default_navigation_timeout", "expect_popup", "pause", "request_gc")
SPENDING_CONTEXT_CALLS = (
    "add_init_script", "expose_function", "expose_binding", "route", "route_from_har",
    "route_web_socket", "unroute", "unroute_all", "set_offline", "grant_permissions",
    "clear_permissions", "set_geolocation", "set_extra_http_headers", "add_cookies",
    "clear_cookies", "new_page", "new_cdp_session", "on", "once", "expect_page",
    "expect_event", "set_default_timeout", "set_default_navigation_timeout")
SPENDING_CLOCK_CALLS = ("install", "set_fixed_time", "set_system_time", "pause_at",
                        "fast_forward", "run_for", "resume")
# Input held down would carry over; a held key or button spends the page.
SPENDING_INPUT_CALLS = ("down",)
# Options a pooled context cannot share: a test that sets them gets its own context.
OWN_CONTEXT_OPTIONS = ("service_workers", "storage_state", "record_har_path",
                       "record_video_dir", "permissions")
KEPT = 8  # idle pages kept, one per set of options, the least recently used dropped


def _spend_on(owner, names, page) -> None:
    for name in names:
        call = getattr(owner, name, None)
        if call is None:
            continue

        @functools.wraps(call)
        def spending(*args, _call=call, **kwargs):
            page.spent = True
            return _call(*args, **kwargs)
        setattr(owner, name, spending)


def _forget_history(page) -> None:
    """The page's back and forward list emptied, as a new page's: a test going back
    from its first page must not reach the last test's pages. (The class's own
    new_cdp_session: the page's is wrapped to spend it.)"""
    session = type(page.context).new_cdp_session(page.context, page)
    try:
        session.send("Page.resetNavigationHistory")
    finally:
        session.detach()


class SharedPages:
    """One worker's idle pages, keyed by the options they were made with."""

    def __init__(self, browser):
        self.browser = browser
        self.idle: dict[tuple, object] = {}

    @staticmethod
    def key(javascript: bool, options: dict) -> tuple | None:
        if any(name in options for name in OWN_CONTEXT_OPTIONS):
            return None
        return (javascript, repr(sorted(options.items())))

    def take(self, key: tuple | None):
        return self.idle.pop(key, None) if key is not None else None

    def new(self, key: tuple | None, javascript: bool, options: dict):
        if key is not None:
            options = {**options, "service_workers": "block"}
        context = self.browser.new_context(java_script_enabled=javascript, **options)
        page = context.new_page()
        page.pool_key = key
        return page

    @staticmethod
    def watch(page) -> None:
        """Once per page, after conftest's own listeners: from here on, a call that
        would leave the page unlike a new one spends it."""
        page.spent = page.pool_key is None
        _spend_on(page, SPENDING_PAGE_CALLS, page)
        _spend_on(page.context, SPENDING_CONTEXT_CALLS, page)
        _spend_on(page.context.clock, SPENDING_CLOCK_CALLS, page)
        _spend_on(page.keyboard, SPENDING_INPUT_CALLS, page)
        _spend_on(page.mouse, SPENDING_INPUT_CALLS, page)

    def give_back(self, page) -> None:
        """Keep the page for the next test if it is as a new one would be after a
        navigation; otherwise close its context."""
        context = page.context
        if not page.spent and not page.is_closed() and context.pages == [page] \
                and page.pool_key not in self.idle:
            try:
                page.goto("about:blank")
                page.mouse.move(0, 0)
                _forget_history(page)
            except Exception:  # a page that cannot even leave is not reused
                pass
            else:
                self.idle[page.pool_key] = page
                while len(self.idle) > KEPT:
                    self.idle.pop(next(iter(self.idle))).context.close()
                return
        context.close()

    def close(self) -> None:
        for page in self.idle.values():
            page.context.close()
        self.idle.clear()
