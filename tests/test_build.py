"""The whole site with `mkdocs build --strict`: every node and guide is there, nothing
is loaded from another host, a broken tree stops the build. (Every link resolves:
tests/test_gates_links.py.)"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator.validate import REQUIRED_GUIDES

from conftest import FIXTURES, ROOT, SITE_URL, build_site
from gates import parse
from site_data import TREE, TREES
from site_languages import PREFIXED


STEP = re.compile(r'<section class="pq-step[^"]*" id="([^"]+)"')


def title_of(page_text: str) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", page_text, re.S).group(1))


@pytest.mark.parametrize("prefix, lang", PREFIXED)
def test_every_step_has_a_page_of_its_own_with_its_title_and_link_preview(site_dir, prefix,
                                                                         lang):
    """/questionnaire/ID/ (the start: /questionnaire/) holds that step only, under its
    own title, description and link preview; its data (steps/ID.json, which
    questionnaire.js swaps in) holds the same section; an old id's page shows the step
    that replaced it."""
    tree, folder = TREES[lang], site_dir / prefix / "questionnaire"
    for node in tree.nodes.values():
        page = folder / ("" if node.id == tree.start else node.id) / "index.html"
        text = page.read_text(encoding="utf-8")
        assert STEP.findall(text) == [node.id], node.id
        data = json.loads((folder / "steps" / f"{node.id}.json").read_text(encoding="utf-8"))
        assert data["html"] in text, node.id
        if node.id == tree.start:  # titled by the nav (mkdocs.yml), as before
            continue
        assert data["title"] == title_of(text), node.id
        meta = parse(page).meta
        assert title_of(text).startswith(node.title), node.id
        assert meta["og:title"] == node.title
        assert meta["og:url"] == f"{SITE_URL}{prefix}questionnaire/{node.id}/"
        assert meta["description"] == meta["og:description"] != ""
    for old, target in tree.aliases.items():
        assert STEP.findall((folder / old / "index.html").read_text(encoding="utf-8")) == [target]


@pytest.mark.parametrize("folder, lang", [(prefix + part, lang) for part in ("questionnaire", "embed")
                                          for prefix, lang in PREFIXED])
def test_every_answer_links_to_the_next_steps_page(site_dir, folder, lang):
    """Without JavaScript every reader path is a walk from page to page: each answer of
    each question, on the question's page, is a link to the page of the step it leads
    to (so every path through the tree, test_tree's included, works link by link)."""
    tree, root = TREES[lang], site_dir / folder
    for node in tree.questions():
        page = root / ("" if node.id == tree.start else node.id) / "index.html"
        links = re.findall(r'<a class="pq-answer" href="([^"]*)" data-step="([^"]+)"',
                           page.read_text(encoding="utf-8"))
        assert [step for _, step in links] == [answer.next for answer in node.answers], node.id
        for href, step in links:
            target = (page.parent / href / "index.html").resolve()
            assert STEP.findall(target.read_text(encoding="utf-8")) == [step], (node.id, href)


def test_every_guide_has_a_page(site_dir):
    for slug in set(REQUIRED_GUIDES) | set(TREE.guides):
        page = site_dir / "guides" / slug / "index.html"
        assert page.exists(), slug
        assert TREE.guides[slug].title in page.read_text(encoding="utf-8")


def test_home_page_starts_the_questionnaire_and_links_every_guide(site_dir):
    links = {url for _, url in parse(site_dir / "index.html").urls}
    assert "questionnaire/" in links
    assert {f"guides/{slug}/" for slug in TREE.guides} <= links


def test_guides_link_into_the_questionnaire_and_to_related_guides(site_dir):
    for slug, guide in TREE.guides.items():
        links = {url for _, url in parse(site_dir / "guides" / slug / "index.html").urls}
        start = "" if guide.starts_at == TREE.start else f"{guide.starts_at}/"
        assert f"../../questionnaire/{start}" in links, slug  # the step's own page
        for other in TREE.related_guides(slug):
            assert f"../{other}/" in links, (slug, other)


def test_facts_page_lists_every_fact(site_dir):
    ids = parse(site_dir / "facts" / "index.html").ids
    assert set(TREE.facts) <= ids


def test_nothing_is_loaded_from_another_host(site_dir):
    """Scripts, styles, images and fonts all come from the site itself."""
    foreign = [f"{page.relative_to(site_dir)}: {load}"
               for page in site_dir.rglob("*.html") for load in parse(page).loads
               if re.match(r"(https?:)?//", load)]
    for css in site_dir.rglob("*.css"):
        foreign += [f"{css.relative_to(site_dir)}: {url}" for url in
                    re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", css.read_text())]
    assert foreign == []


@pytest.mark.build
def test_broken_tree_stops_the_build_with_a_line_number(tmp_path):
    broken = tmp_path / "tree.yaml"
    broken.write_text((FIXTURES / "valid_tree.yaml").read_text().replace("next: lost", "next: lots"))
    result = build_site(tmp_path / "site", tree=broken)
    assert result.returncode == 1
    output = result.stdout + result.stderr  # mkdocs prints an Abort's message on stdout
    assert f"{broken}:88:15: no node 'lots'; did you mean 'lost'?" in output
    assert "Traceback" not in output


def test_generated_pages_are_not_written_into_content(site_build):
    """A build leaves content/ as it found it: generated pages stay virtual (written
    there, they would make `mkdocs serve` rebuild in a loop). The shared build recorded
    content/ before and after it ran (tests/conftest.py)."""
    assert (Path(site_build["dir"]) / "questionnaire" / "index.html").is_file()
    assert site_build["content_after"] == site_build["content_before"]
