"""A page's Markdown taken from the cache folder (mkdocs_adapter/kept_render.py) is what
mkdocs's own render makes of it: HTML, table of contents, title, anchors and links to
anchors; a render that logged a problem is made again (and logs it again); a slot
key drawn by another process is taken back as this process's."""

from __future__ import annotations

import logging

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from generator.mkdocs_adapter import kept_render

PAGE = """# Parcel {key}

Text with a [link](other.md#wait) and [another](other.md), {token}.

## Wait {{#wait-here}}

### Deeper

<div markdown id="kept">**in HTML**</div>
"""


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("PARCEL_HELP_CACHE", raising=False)
    kept_render._kept.cache_clear()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "other.md").write_text("# Other\n\n## Wait\n")
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(docs),
                      "site_dir": str(tmp_path / "site"),
                      "markdown_extensions": ["toc", "attr_list", "md_in_html"]})
    errors, _ = config.validate()
    assert not errors
    yield docs, config
    kept_render._kept.cache_clear()


def _rendered(docs, config, text: str, kept: bool) -> dict:
    (docs / "a.md").write_text(text)
    files = get_files(config)
    page = Page(None, files.get_file_from_path("a.md"), config)
    page.read_source(config)
    if kept:
        kept_render.keep_render(page)
    page.render(config, files)
    return {"content": page.content, "toc": [kept_render._token(item) for item in page.toc],
            "active": [getattr(item, "active", False) for item in page.toc],
            "title": page._title_from_render, "anchors": page.present_anchor_ids,
            "links": {file.src_uri: links for file, links in page.links_to_anchors.items()}}


def _new_process(monkeypatch, key: str) -> None:
    kept_render._kept().save()
    kept_render._kept.cache_clear()
    monkeypatch.setattr(kept_render, "SLOT_KEY", key)


def test_a_kept_render_is_mkdocss_own(site, monkeypatch):
    docs, config = site
    text = PAGE.format(key="", token="plain")
    expected = _rendered(docs, config, text, kept=False)
    assert expected["links"] == {"other.md": {"wait": "other.md#wait"}}
    assert _rendered(docs, config, text, kept=True) == expected  # made and kept
    assert len(kept_render._kept().texts) == 1
    _new_process(monkeypatch, kept_render.SLOT_KEY)
    assert _rendered(docs, config, text, kept=True) == expected  # taken back
    assert not kept_render._kept().added


def test_the_slot_key_of_the_process_that_kept_it_is_not_taken_back(site, monkeypatch):
    docs, config = site
    monkeypatch.setattr(kept_render, "SLOT_KEY", "0123456789abcdef")
    first = PAGE.format(key="0123456789abcdef", token="htmlslot0123456789abcdefn0inline")
    _rendered(docs, config, first, kept=True)
    _new_process(monkeypatch, "fedcba9876543210")
    second = PAGE.format(key="fedcba9876543210", token="htmlslotfedcba9876543210n0inline")
    expected = _rendered(docs, config, second, kept=False)
    assert _rendered(docs, config, second, kept=True) == expected
    assert not kept_render._kept().added  # taken back, with this process's key
    assert "0123456789abcdef" not in str(expected)


def test_a_render_that_logged_a_problem_is_made_again(site, monkeypatch, caplog):
    docs, config = site
    text = "# Broken\n\nA [link](missing.md).\n"
    for _ in range(2):
        caplog.clear()
        with caplog.at_level(logging.INFO):
            _rendered(docs, config, text, kept=True)
        assert ["missing.md" in record.getMessage() for record in caplog.records] == [True]
        _new_process(monkeypatch, kept_render.SLOT_KEY)
    assert kept_render._kept().texts == {}


def test_markdown_holding_the_stand_in_for_the_key_is_not_kept(site):
    docs, config = site
    text = f"# Title\n\n{kept_render._STANDS_FOR_KEY}\n"
    expected = _rendered(docs, config, text, kept=False)
    assert _rendered(docs, config, text, kept=True) == expected
    assert kept_render._kept().texts == {}
