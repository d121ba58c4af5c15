"""`make serve` never appears stuck: with the server running on a copy of the project
and a page open in Chromium, a mistake in the tree turns the page into a list of
problems (FILE:LINE:COLUMN), the fix brings the page back, and an English edit shows
on the Russian page in English, marked as not yet translated. The page reloads by
itself (livereload); each test waits for what a person would see."""

from __future__ import annotations

import pytest

from serving import project_copy, served

pytestmark = pytest.mark.browser

OLD_TITLE = "What is happening with your order?"
WAIT = 120_000  # ms: a rebuild on a loaded 2-core machine; the wait ends when it shows


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = project_copy(tmp_path_factory.mktemp("project"))
    with served(folder) as url:
        yield folder, url


def _line_of(text: str, needle: str) -> tuple[int, int]:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def test_an_error_shows_in_the_browser_and_the_fix_brings_the_page_back(server, browser):
    folder, url = server
    tree = folder / "decision_tree.yaml"
    original = tree.read_text(encoding="utf-8")
    broken = original.replace("next: protection-left", "next: protection-lef", 1)
    line, _ = _line_of(broken, "next: protection-lef")
    page = browser.new_page()
    try:
        page.goto(url + "questionnaire/")
        page.wait_for_selector("#what-is-happening-title")
        tree.write_text(broken, encoding="utf-8")
        problems = page.wait_for_selector(".build-errors", timeout=WAIT)
        assert (f"decision_tree.yaml:{line}:15: no node 'protection-lef'; did you mean "
                "'protection-left'?") in problems.inner_text()
        # Every page says so, in either language: none is left stale or missing.
        other = browser.new_page()
        other.goto(url + "ru/guides/parcel-lost/")
        assert "protection-lef" in other.locator(".build-errors").inner_text()
        other.close()

        tree.write_text(original, encoding="utf-8")
        page.wait_for_selector("#what-is-happening-title", timeout=WAIT)
        assert page.locator(".build-errors").count() == 0
    finally:
        tree.write_text(original, encoding="utf-8")
        page.close()


def test_an_english_edit_shows_on_the_russian_page_marked(server, browser):
    folder, url = server
    tree = folder / "decision_tree.yaml"
    original = tree.read_text(encoding="utf-8")
    new_title = "What went wrong with your order?"
    page = browser.new_page()
    try:
        page.goto(url + "ru/questionnaire/")
        page.wait_for_selector("#what-is-happening-title")
        tree.write_text(original.replace(OLD_TITLE, new_title, 1), encoding="utf-8")
        english = page.wait_for_selector(
            f'#what-is-happening-title [lang="en"]:text-is("{new_title}")', timeout=WAIT)
        assert english.get_attribute("class") == "untranslated"
        note = page.locator("#what-is-happening-title .untranslated-note")
        assert note.inner_text() == "(ещё не переведено)" and note.is_visible()
    finally:
        tree.write_text(original, encoding="utf-8")
        page.close()
