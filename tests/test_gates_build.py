"""Gates on the built files: two builds from the same sources are byte-identical, and
the questionnaire stays within its size budget."""

from __future__ import annotations

from pathlib import Path

from conftest import build_site
from gates import page_weight, text_weight

# What the questionnaire may add to a plain page of this site, in gzipped bytes.
QUESTIONNAIRE_BUDGET = 10 * 1024


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_with_the_same_source_date_epoch_are_byte_identical(tmp_path, monkeypatch):
    # mkdocs takes page dates and the sitemap's gzip time stamp from SOURCE_DATE_EPOCH.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = tmp_path / "first", tmp_path / "second"
    for site in (first, second):
        result = build_site(site)
        assert result.returncode == 0, result.stderr
    first_files, second_files = files(first), files(second)
    assert sorted(first_files) == sorted(second_files)
    assert [name for name in first_files if first_files[name] != second_files[name]] == []
    assert "sitemap.xml.gz" in first_files and "search/search_index.json" in first_files


def added_weight(site_dir: Path, page: Path, plain: Path) -> int:
    """Gzipped bytes of a page's HTML, CSS and JS beyond a plain page's of the same site.
    Material's own CSS and JS are in both, so what is left is the page's own cost."""
    return sum(page_weight(site_dir, page).values()) - sum(page_weight(site_dir, plain).values())


def questionnaire_cost(site_dir: Path) -> tuple[int, int]:
    """(what the questionnaire page adds to a plain page, of which the steps' text).

    Method: gzipped HTML + CSS + JS of /questionnaire/ minus the same for /about/, a plain
    page of this site (so Material's CSS and JS cancel out). The steps' words are the
    tree's advice: content, which grows with the tree. The budget is for the rest, the
    questionnaire's own cost: its markup, its stylesheet and its script."""
    page = site_dir / "questionnaire" / "index.html"
    return added_weight(site_dir, page, site_dir / "about" / "index.html"), text_weight(page, "pq")


def test_the_questionnaire_adds_at_most_10_kb_to_a_plain_page(site_dir):
    weight = page_weight(site_dir, site_dir / "questionnaire" / "index.html")
    # it does load its own stylesheet and script, and they are counted
    assert {"assets/stylesheets/questionnaire.css", "assets/javascripts/questionnaire.js"} <= set(weight)
    added, text = questionnaire_cost(site_dir)
    assert 0 < text < added
    assert added - text <= QUESTIONNAIRE_BUDGET, f"adds {added} bytes, {text} of them text"
