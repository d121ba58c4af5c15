"""The report link under every outcome: a well-formed new-issue address on the
project's repository, each value percent-encoded once, in every language."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.feedback import REPOSITORY, report_url
from generator.i18n import Locale, locale
from generator.render import Renderer

from site_data import SITE

ROOT = Path(__file__).resolve().parent.parent


def parts(url: str) -> tuple[str, dict[str, str]]:
    split = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(split.query, strict_parsing=True).items()}
    return f"{split.scheme}://{split.netloc}{split.path}", query


def test_the_repository_is_the_one_mkdocs_names():
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert re.search(r"^repo_url:\s*(\S+)\s*$", config, re.M).group(1) == REPOSITORY


@pytest.mark.parametrize("lang", list(SITE.trees))
def test_the_url_opens_a_new_issue_naming_the_outcome_and_language(lang):
    url = report_url("customs-held", locale(lang))
    address, query = parts(url)
    assert address == f"{REPOSITORY}/issues/new"
    assert set(query) == {"title", "body"}
    assert "customs-held" in query["title"]
    assert "customs-held" in query["body"] and re.search(rf"\b{lang}\b", query["body"])
    assert not re.search(r"[^A-Za-z0-9%&=?/:._~-]", url), "every other character is encoded"


def test_locale_text_is_percent_encoded_and_comes_back_unchanged():
    """A translator's words cannot add a parameter, end the query or break the HTML."""
    hostile = "a&labels=bug#x +%20 \"<b>\" ?é\nnext"
    words = Locale("en", {"strings": {"report_issue_title": hostile + " {outcome}",
                                      "report_issue_body": hostile + " {outcome} {lang}"}})
    url = report_url("general-help", words)
    _, query = parts(url)
    assert set(query) == {"title", "body"}
    assert query["title"] == hostile + " general-help"
    assert query["body"] == hostile + " general-help en"
    assert "+" not in url and " " not in url and "#" not in url and "<" not in url


class Links(HTMLParser):
    """Each outcome section's report links, by the section's id."""

    def __init__(self):
        super().__init__()
        self.section: str | None = None
        self.found: dict[str, list[dict]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "pq-outcome" in (attrs.get("class") or ""):
            self.section = attrs["id"]
            self.found[self.section] = []
        elif tag == "section":
            self.section = None
        elif tag == "a" and self.section and (attrs.get("href") or "").startswith(REPOSITORY):
            self.found[self.section].append(attrs)


def outcome_links(lang: str, embedded: bool) -> dict[str, list[dict]]:
    renderer = Renderer(SITE, lang)
    parser = Links()
    for outcome in SITE.trees[lang].outcomes():  # each as on its own page
        parser.feed(renderer.step_html(outcome, first=False, embedded=embedded))
    assert set(parser.found) == {o.id for o in SITE.trees[lang].outcomes()}
    return parser.found


@pytest.mark.parametrize("lang", list(SITE.trees))
def test_every_outcome_offers_the_report_link(lang):
    found = outcome_links(lang, embedded=False)
    for outcome_id, links in found.items():
        assert len(links) == 1, outcome_id
        _, query = parts(links[0]["href"])
        assert outcome_id in query["body"] and re.search(rf"\b{lang}\b", query["body"])
        assert set(links[0]["rel"].split()) == {"noopener", "noreferrer"}


@pytest.mark.parametrize("lang", list(SITE.trees))
def test_the_embed_leaves_the_report_to_the_whole_advice_it_links_to(lang):
    """An embedder's page links nowhere but this site; its outcomes' "whole advice"
    link opens the site's step, which has the report link."""
    assert all(links == [] for links in outcome_links(lang, embedded=True).values())
