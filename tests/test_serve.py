"""`make serve` never appears stuck: with the server running on a copy of the project
and a page open in Chromium, a mistake in the tree turns the page into a list of
problems (FILE:LINE:COLUMN), the fix brings the page back, and an English edit shows
on a translated page in English, marked as not yet translated, and an edit of a locale
file (generator/locales/) shows too. The page reloads by itself (livereload); each
test waits for what a person would see."""

from __future__ import annotations

import json
import re
import time
import urllib.request

import pytest
import yaml

from serving import project_copy, served
from site_data import TREE
from generator import loader
from generator.i18n import locale
from generator.reserved import STEP_DATA_FOLDER
from site_languages import PREFIXES, TRANSLATED

pytestmark = pytest.mark.browser

OLD_TITLE = TREE.nodes[TREE.start].title  # from the data: a reworded tree passes too
WAIT = 120_000  # ms: a rebuild on a loaded 2-core machine; the wait ends when it shows
# what the server adds to each page it serves (mkdocs.livereload)
LIVERELOAD = re.compile(rb"<script>\nvar livereload = .*?\nlivereload\([0-9]+, [0-9]+\);\n</script>",
                        re.S)


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
        other.goto(url + f"{TRANSLATED[0]}/guides/parcel-lost/")
        assert "protection-lef" in other.locator(".build-errors").inner_text()
        other.close()

        tree.write_text(original, encoding="utf-8")
        page.wait_for_selector("#what-is-happening-title", timeout=WAIT)
        assert page.locator(".build-errors").count() == 0
        # make serve runs --dirty on purpose: mkdocs's warning about it is not shown
        assert "dirty" not in (folder / "serve.log").read_text(encoding="utf-8")
    finally:
        tree.write_text(original, encoding="utf-8")
        page.close()


def test_an_english_edit_shows_on_the_russian_page_marked(server, browser):
    folder, url = server
    tree = folder / "decision_tree.yaml"
    original = tree.read_text(encoding="utf-8")
    new_title = OLD_TITLE + " (edited)"
    page = browser.new_page()
    try:
        page.goto(url + f"{TRANSLATED[0]}/questionnaire/")
        page.wait_for_selector("#what-is-happening-title")
        tree.write_text(original.replace(f"title: {OLD_TITLE}\n", f"title: {new_title}\n", 1),
                        encoding="utf-8")
        english = page.wait_for_selector(
            f'#what-is-happening-title [lang="en"]:text-is("{new_title}")', timeout=WAIT)
        assert english.get_attribute("class") == "untranslated"
        note = page.locator("#what-is-happening-title .untranslated-note")
        assert note.inner_text() == locale(TRANSLATED[0]).t("untranslated_note") and note.is_visible()
    finally:
        tree.write_text(original, encoding="utf-8")
        page.close()


def test_a_locale_edit_shows_in_the_rebuilt_page(server, browser):
    """The locale's words are read once per version of the file, not once per process;
    the site's name is on every page (its title), so every page is rebuilt."""
    folder, url = server
    english = folder / "generator" / "locales" / "en.yaml"
    original = english.read_text(encoding="utf-8")
    name = yaml.safe_load(original)["strings"]["site_name"]  # from the data
    edited = name + " (edited)"
    page = browser.new_page()
    try:
        page.goto(url + "questionnaire/")
        page.wait_for_selector("#what-is-happening-title")
        assert page.title().endswith(name)
        english.write_text(original.replace(f"site_name: {name}\n",
                                            f"site_name: {edited}\n", 1), encoding="utf-8")
        page.wait_for_function("edited => document.title.endsWith(edited)", arg=edited,
                               timeout=WAIT)
        other = browser.new_page()  # a hand-written page, not rebuilt before the fix
        other.goto(url + "about/")
        assert other.title().endswith(edited)
        other.close()
    finally:
        english.write_text(original, encoding="utf-8")
        page.close()


def test_a_server_started_on_a_broken_tree_shows_the_problems_then_the_site(
        tmp_path, browser):
    """No earlier build to know the pages from: the nav's pages and any other address
    (the 404 page) list the problems; each comes back once the file is fixed."""
    folder = project_copy(tmp_path)
    tree = folder / "decision_tree.yaml"
    original = tree.read_text(encoding="utf-8")
    tree.write_text(original.replace("start: what-is-happening", "start: [what-is-happening"),
                    encoding="utf-8")
    line, column = _line_of(tree.read_text(encoding="utf-8"), "[what-is-happening")
    with served(folder) as url:
        page, guide = browser.new_page(), browser.new_page()
        page.goto(url + "questionnaire/")
        expected = (f"decision_tree.yaml:{line}:{column}: a value that starts with [ or {{ is "
                    "a list or a mapping to YAML, and this one does not read as one; if it is "
                    "text, put the whole value in quotes")
        assert expected in page.locator(".build-errors").inner_text()
        response = guide.goto(url + "guides/parcel-lost/")
        assert response.status == 404
        assert expected in guide.locator(".build-errors").inner_text()

        tree.write_text(original, encoding="utf-8")
        page.wait_for_selector("#what-is-happening-title", timeout=WAIT)
        guide.wait_for_selector("h1#parcel-lost, article h1", timeout=WAIT)
        assert guide.locator(".build-errors").count() == 0
        page.close()
        guide.close()


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def _wait_for(url: str, text: str) -> None:
    """Until the page at url holds text (the server rebuilds after each save)."""
    deadline = time.monotonic() + WAIT / 1000
    while text.encode() not in _fetch(url):
        assert time.monotonic() < deadline, f"{url} never showed {text!r}"
        time.sleep(0.1)


def _site(url: str) -> dict[str, bytes]:
    """Every page of the served site (its sitemap's), each language's search index
    (entries in order of address) and each step's data, with the server's own address
    and livereload script taken out."""
    def normal(body: bytes) -> bytes:
        return LIVERELOAD.sub(b"", body.replace(url.encode(), b"SITE/"))
    pages = re.findall(r"<loc>([^<]+)</loc>", _fetch(url + "sitemap.xml").decode())
    found = {page[len(url):]: normal(_fetch(page)) for page in pages}
    for prefix in PREFIXES:
        index = json.loads(normal(_fetch(f"{url}{prefix}search/search_index.json")))
        found[f"{prefix}search"] = json.dumps(
            [index["config"], sorted(index["docs"], key=lambda doc: doc["location"])]).encode()
        for folder in ("questionnaire", "embed"):
            for step in [*TREE.nodes, *TREE.aliases]:
                path = f"{prefix}{folder}/{STEP_DATA_FOLDER}/{step}.json"
                found[path] = normal(_fetch(url + path))
    return found


def test_after_edits_the_served_site_is_what_a_fresh_start_serves(tmp_path):
    """make serve rebuilds only what changed (--dirty, dirty.py), keeps parsed data
    files (parsed_files.py), the sitemap's alternates and the search entries of pages
    not rebuilt (serve_search.py): after an error and its fix (every page rebuilt), a
    translation's edit, then two English edits (a few pages rebuilt each time), every
    page, search index and step's data it serves is what a server started afresh on
    the same files serves. (The translation first: an English edit leaves that text
    shown in English.)"""
    folder = project_copy(tmp_path)
    tree = folder / "decision_tree.yaml"
    translation = folder / "translations" / f"{TRANSLATED[0]}.yaml"
    original = tree.read_text(encoding="utf-8")
    line = loader.load_file(translation).where(("nodes", TREE.start, "title", "text"))[0]
    lines = translation.read_text(encoding="utf-8").splitlines(keepends=True)
    translated_title = yaml.safe_load(lines[line - 1].split(":", 1)[1])
    with served(folder) as url:
        tree.write_text(original.replace(f"start: {TREE.start}", f"start: [{TREE.start}"),
                        encoding="utf-8")
        _wait_for(url + "guides/", "build-errors")
        tree.write_text(original, encoding="utf-8")
        _wait_for(url + "questionnaire/", f'id="{TREE.start}-title"')
        lines[line - 1] = lines[line - 1].replace(translated_title,
                                                  translated_title + " (edited)", 1)
        translation.write_text("".join(lines), encoding="utf-8")
        _wait_for(f"{url}{TRANSLATED[0]}/questionnaire/", translated_title + " (edited)")
        for edit in ("(2)", "(3)"):
            tree.write_text(original.replace(f"title: {OLD_TITLE}\n",
                                             f"title: {OLD_TITLE} {edit}\n", 1),
                            encoding="utf-8")
            _wait_for(url + "questionnaire/", f"{OLD_TITLE} {edit}")
        rebuilt = _site(url)
    with served(folder) as url:
        fresh = _site(url)
    assert rebuilt.keys() == fresh.keys()
    assert [path for path in fresh if rebuilt[path] != fresh[path]] == []
