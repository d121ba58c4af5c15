"""A page's search entries made from its kept sections (mkdocs_adapter/search_sections.py)
are the entries Material's own indexing makes: in the same process that parsed the
page, and in a later one that reads the sections back from the cache folder."""

from __future__ import annotations

import markdown
import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc

from generator import build_cache
from generator.mkdocs_adapter import search_sections

PAGES = [
    # a title (h1 without an id), a preface, headings with ids, kept tags
    '<h1>Parcel <em>late</em></h1><p>Before any heading.</p>'
    '<h2 id="wait">Wait <code>30</code> days</h2><p>Then <strong>open</strong> a dispute'
    '<sup>1</sup>.</p><ul><li>one</li><li>two <a href="#x">link</a></li></ul>'
    '<h3 id="deep">Deeper</h3><pre><code>code  kept</code></pre>',
    # no h1: the first section takes the page's title; a heading without an id
    '<p>Only text &amp; an entity, &lt;tags&gt;</p><h2>No id</h2><p>more</p>'
    '<h2 id="later">Later</h2>text',
    # excluded from search: a block, and a whole section by its heading
    '<h1 id="t">T</h1><div data-search-exclude><p>hidden</p></div><p>shown</p>'
    '<h2 id="gone" data-search-exclude>Gone</h2><p>its text</p><h2 id="back">Back</h2>'
    '<script>var s = "<p>not text</p>";</script><style>p{}</style><p>end<br>line</p>',
    # empty page, a page of whitespace, a void element first
    '', '  \n ', '<img alt="x"><h2 id="a">A</h2>',
    'Ру́сский <h2 id="почему">Почему</h2><p>посылка не пришла</p>',
]


class _Page:
    def __init__(self, content: str, number: int) -> None:
        self.content = content
        self.url = f"page-{number}/"
        self.title = f"Page {number}"
        self.meta = {"tags": ["a", 1]} if number % 2 else {"search": {"boost": 2}}
        converter = markdown.Markdown(extensions=["toc"])
        converter.convert("# Title\n\n## Wait\n\n## Later\n")
        self.toc = get_toc(converter.toc_tokens)


def _entries(add) -> list[dict]:
    index = SearchIndex(lang=["en"], separator=" ", pipeline=[], fields={})
    add(index)
    return index.entries


def _materials(pages) -> list[dict]:
    return _entries(lambda index: [index.add_entry_from_context(page) for page in pages])


def _kept(pages) -> list[dict]:
    return _entries(lambda index: [search_sections.add_entry(index, page) for page in pages])


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("PARCEL_HELP_CACHE", raising=False)
    search_sections._kept.cache_clear()
    yield tmp_path / "parcel-help"
    search_sections._kept.cache_clear()


def test_entries_from_kept_sections_are_materials_own(cache):
    pages = [_Page(html, number) for number, html in enumerate(PAGES)]
    expected = _materials(pages)
    assert len(expected) > len(PAGES)
    assert _kept(pages) == expected  # parsed here
    assert _kept(pages) == expected  # taken from this process's kept sections
    search_sections._kept().save()
    search_sections._kept.cache_clear()
    again = search_sections._kept()
    assert len(again.texts) == len(set(PAGES))  # read back, as by the next build
    assert _kept(pages) == expected
    assert not again.added  # nothing parsed anew


def test_the_same_html_under_another_address_and_title_gets_its_own(cache):
    first, second = _Page(PAGES[1], 1), _Page(PAGES[1], 2)
    assert _kept([first, second]) == _materials([first, second])
