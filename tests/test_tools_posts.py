"""National posts as data (tools.yaml `posts`, generator/tools/posts.py): each
language's tracking checker page links the posts its readers use, on their own
tracking sites; the English page lists them all. A broken entry is reported at its
line."""

from __future__ import annotations

import pytest

from generator.kinds import url_problem
from generator.loader import load_file
from generator.render import Renderer
from generator.tools.check import check
from generator.tools.pages import country_names

from conftest import ROOT
from site_data import SITE, TREE

POSTS = SITE.tools.posts
LANGUAGES = list(SITE.languages)
TEXT = (ROOT / "tools.yaml").read_text(encoding="utf-8")


def _tracking_page(lang: str) -> str:
    pages = Renderer(SITE, lang).pages()
    page = pages[next(uri for uri in pages if uri.endswith("tools/tracking.md"))]
    return page.fill(page.markdown)


def test_every_post_has_a_checked_tracking_site_and_a_country():
    assert POSTS, "tools.yaml lists no national posts"
    for post in POSTS:
        assert url_problem(post["track_at"]) is None, post["name"]
        assert post["country"] in country_names("en"), post["name"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_links_the_posts_its_readers_use(lang):
    page = _tracking_page(lang)
    countries = country_names(lang)
    for post in POSTS:
        link = f'<a href="{post["track_at"]}" rel="noopener">'
        if lang == "en" or lang in post["readers"]:
            name = post.get("local_name", post["name"]) if lang in post["readers"] \
                else post["name"]
            assert f'{link}{name}</a> ({countries[post["country"]]})' in page, post["name"]
        else:
            assert link not in page, post["name"]


def test_a_language_some_post_serves_has_at_least_one_post_listed():
    served = {lang for post in POSTS for lang in post["readers"]}
    for lang in set(LANGUAGES) & served:
        assert any(lang in post["readers"] for post in POSTS)


def _problems(tmp_path, old: str, new: str) -> tuple[list[str], int]:
    assert TEXT.count(old) == 1, old
    text = TEXT.replace(old, new)
    path = tmp_path / "tools.yaml"
    path.write_text(text, encoding="utf-8")
    line = TEXT[: TEXT.index(old)].count("\n") + 1  # the same line after the change
    return [p.format() for p in check(load_file(path), TREE)], line


def test_a_plain_http_tracking_site_is_refused_at_its_line(tmp_path):
    site = POSTS[0]["track_at"]  # the first post's, whichever it is
    found, line = _problems(tmp_path, f"track_at: {site}",
                            f"track_at: {site.replace('https://', 'http://', 1)}")
    assert any(f"tools.yaml:{line}:" in p and "https://" in p for p in found), found


def test_an_unknown_country_is_refused_at_its_line(tmp_path):
    country = next(p["country"] for p in POSTS if TEXT.count(f"country: {p['country']}\n") == 1)
    found, line = _problems(tmp_path, f"    country: {country}\n", "    country: XY\n")
    assert found == [f"{tmp_path / 'tools.yaml'}:{line}:14: 'XY' is not a country code "
                     "(ISO 3166, such as RU or MX)"]


def test_a_post_listed_twice_is_named(tmp_path):
    first, second = POSTS[0]["name"], POSTS[1]["name"]
    found, line = _problems(tmp_path, f"  - name: {second}\n", f"  - name: {first}\n")
    assert found == [f"{tmp_path / 'tools.yaml'}:{line}:11: post 2 has the same name as post 1"]
