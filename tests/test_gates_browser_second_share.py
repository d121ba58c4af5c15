"""The gates of test_gates_browser.py, on the other share of the pages: a file of its
own (its visit a module fixture of its own), so that pytest-xdist runs it beside the
first share, on another process (tests/scheduling.py)."""

from __future__ import annotations

import pytest

from test_gates_browser import (  # noqa: F401 (the fixture and the tests, collected here)
    site_visit, test_axe_finds_no_violation_in_the_dark_scheme,
    test_axe_finds_no_violation_on_any_page, test_every_page_was_visited,
    test_no_page_logs_a_console_error, test_no_page_requests_another_host,
    test_no_page_sets_a_cookie_or_stores_anything,
    test_no_page_violates_its_content_security_policy)

pytestmark = pytest.mark.browser

SHARE = 1
