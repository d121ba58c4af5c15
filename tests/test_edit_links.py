"""Each page's one edit button opens the file and line that hold its text: the tree
for an English page built from it (a guide's, the first step's for the questionnaire,
the section's for the facts and guides lists), the entry in translations/LANG.yaml for
a translated one, the heading's line in the locale file for a tool page, content/ for a
hand-written page."""

from __future__ import annotations

import pytest

import re

from conftest import ROOT
from site_data import SITE
from site_languages import PREFIXED, TRANSLATED

REPO = "https://github.com/parcel-help/parcel-help"
EDIT = re.compile(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon"')


def edit_links(page) -> list[str]:
    return EDIT.findall(page.read_text(encoding="utf-8"))


def line_of(path: str, text: str) -> int:
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    return lines.index(text) + 1


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_translated_guide_opens_its_entry_in_the_translation(site_dir, lang):
    line = line_of(f"translations/{lang}.yaml", "  parcel-lost:")
    assert edit_links(site_dir / lang / "guides" / "parcel-lost" / "index.html") == [
        f"{REPO}/blob/main/translations/{lang}.yaml#L{line}"]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_translated_questionnaire_opens_the_first_questions_entry(site_dir, lang):
    text = (ROOT / "translations" / f"{lang}.yaml").read_text(encoding="utf-8")
    nodes_at = text.splitlines().index("nodes:")
    line = text.splitlines().index("  what-is-happening:", nodes_at) + 1
    assert edit_links(site_dir / lang / "questionnaire" / "index.html") == [
        f"{REPO}/blob/main/translations/{lang}.yaml#L{line}"]


def test_the_english_guide_opens_the_tree(site_dir):
    line = line_of("decision_tree.yaml", "  parcel-lost:")
    assert edit_links(site_dir / "guides" / "parcel-lost" / "index.html") == [
        f"{REPO}/blob/main/decision_tree.yaml#L{line}"]


def test_tool_pages_open_their_heading_in_the_locale_file(site_dir):
    """A tool page's words (its heading, its introduction) are the locale's strings."""
    for prefix, lang in PREFIXED:
        locale_file = f"generator/locales/{lang}.yaml"
        for page, words in (("tools/tracking", "tc"), ("tools/deadlines", "dc"),
                            ("tools/message", "dm"), ("tools", None)):
            key = f"tools_{words}_title" if words else "tools_title"
            lines = (ROOT / locale_file).read_text(encoding="utf-8").splitlines()
            line = next(n for n, text in enumerate(lines, 1) if text.startswith(f"  {key}:"))
            assert edit_links(site_dir / (prefix + page) / "index.html") == [
                f"{REPO}/blob/main/{locale_file}#L{line}"], (lang, page)


def test_each_step_has_a_source_line_for_its_edit_link():
    """The questionnaire's link opens its first step; a page of one step opens that
    step: Tree.node_source gives the file and line of any step, in each language."""
    for tree in SITE.trees.values():
        lines = (ROOT / tree.path).read_text(encoding="utf-8").splitlines()
        for node_id in tree.nodes:
            path, line = tree.node_source(node_id)
            # A step not translated yet: the translation's nodes: section, where
            # `make translations` adds it.
            expected = f"  {node_id}:" if f"  {node_id}:" in lines else "nodes:"
            assert (path, lines[line - 1]) == (tree.path, expected), node_id


def test_the_facts_and_guides_lists_open_their_section(site_dir):
    for prefix, data_file in (("", "decision_tree.yaml"),
                              *((f"{lang}/", f"translations/{lang}.yaml") for lang in TRANSLATED)):
        for page, section in (("facts", "facts:"), ("guides", "guides:")):
            assert edit_links(site_dir / (prefix + page) / "index.html") == [
                f"{REPO}/blob/main/{data_file}#L{line_of(data_file, section)}"], page


@pytest.mark.parametrize("lang", TRANSLATED)
def test_hand_written_translated_pages_open_their_markdown(site_dir, lang):
    assert edit_links(site_dir / lang / "about" / "index.html") == [
        f"{REPO}/edit/main/content/{lang}/about.md"]


def test_a_questionnaire_step_has_no_edit_link_of_its_own(site_dir):
    page = (site_dir / "questionnaire" / "index.html").read_text(encoding="utf-8")
    assert page.count('rel="edit"') <= 1 and "pq-edit" not in page
    assert len(edit_links(site_dir / "questionnaire" / "index.html")) == 1
