"""Each page's one edit button opens the file and line that hold its text: the tree
for an English page built from it, the entry in translations/ru.yaml for a Russian
one, tools.yaml for a tool page, content/ for a hand-written page."""

from __future__ import annotations

import re

from conftest import ROOT

REPO = "https://github.com/parcel-help/parcel-help"
EDIT = re.compile(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon"')


def edit_links(page) -> list[str]:
    return EDIT.findall(page.read_text(encoding="utf-8"))


def line_of(path: str, text: str) -> int:
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    return lines.index(text) + 1


def test_a_russian_guide_opens_its_entry_in_the_translation(site_dir):
    line = line_of("translations/ru.yaml", "  parcel-lost:")
    assert edit_links(site_dir / "ru" / "guides" / "parcel-lost" / "index.html") == [
        f"{REPO}/blob/main/translations/ru.yaml#L{line}"]


def test_the_russian_questionnaire_opens_the_first_questions_entry(site_dir):
    text = (ROOT / "translations" / "ru.yaml").read_text(encoding="utf-8")
    nodes_at = text.splitlines().index("nodes:")
    line = text.splitlines().index("  what-is-happening:", nodes_at) + 1
    assert edit_links(site_dir / "ru" / "questionnaire" / "index.html") == [
        f"{REPO}/blob/main/translations/ru.yaml#L{line}"]


def test_the_english_guide_opens_the_tree(site_dir):
    line = line_of("decision_tree.yaml", "  parcel-lost:")
    assert edit_links(site_dir / "guides" / "parcel-lost" / "index.html") == [
        f"{REPO}/blob/main/decision_tree.yaml#L{line}"]


def test_tool_pages_open_tools_yaml(site_dir):
    for page in ("tools/tracking", "ru/tools/tracking"):
        assert edit_links(site_dir / page / "index.html") == [f"{REPO}/blob/main/tools.yaml"]


def test_hand_written_russian_pages_open_their_markdown(site_dir):
    assert edit_links(site_dir / "ru" / "about" / "index.html") == [
        f"{REPO}/edit/main/content/ru/about.md"]


def test_a_questionnaire_step_has_no_edit_link_of_its_own(site_dir):
    page = (site_dir / "questionnaire" / "index.html").read_text(encoding="utf-8")
    assert page.count('rel="edit"') <= 1 and "pq-edit" not in page
    assert len(edit_links(site_dir / "questionnaire" / "index.html")) == 1
