"""Gate: every href and src in the built site resolves, fragments included; links to
other sites are https and open with rel="noopener"; every <a> has an href (one
without is no link for a keyboard or a crawler: Lighthouse's crawlable-anchors). Pages are found by walking the
built site, so pages added later are checked too."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import SITE_URL
from gates import built_pages, is_external, parse

# Schemes that name no page: nothing to resolve.
NOT_PAGES = ("mailto:", "tel:", "data:")


def unresolved(site_dir: Path, page: Path, url: str) -> str | None:
    """Why a link to this site does not resolve, or None when it does."""
    if url.startswith(SITE_URL):  # canonical links must name a page of this very site
        url = "/" + url[len(SITE_URL):]
    parts = urlsplit(url)
    path = unquote(parts.path)
    base = site_dir if path.startswith("/") else page.parent  # 404.html is root-relative
    target = (base / path.lstrip("/")).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return "no such file"
    if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in parse(target).ids:
        return "no such anchor"
    return None


def external_problem(tag: str, attrs: dict[str, str], url: str) -> str | None:
    if not url.startswith("https://"):
        return "not https"
    if tag in ("a", "area") and "noopener" not in attrs.get("rel", "").split():
        return 'no rel="noopener"'
    return None


def link_problems(site_dir: Path, page: Path) -> list[str]:
    found = parse(page)
    problems = [f"{page.relative_to(site_dir)}: <a> without href"] * found.bare_anchors
    for tag, attrs in found.links:
        for url in filter(None, (attrs.get("href"), attrs.get("src"))):
            if url.startswith(NOT_PAGES):
                continue
            if url.startswith("javascript:"):
                problem = "a javascript: link"
            elif is_external(url) and not url.startswith(SITE_URL):
                problem = external_problem(tag, attrs, url)
            else:
                problem = unresolved(site_dir, page, url)
            if problem:
                problems.append(f"{page.relative_to(site_dir)}: <{tag}> {url}: {problem}")
    return problems


def test_every_link_resolves_and_every_external_link_is_safe(site_dir):
    problems = [problem for page in built_pages(site_dir) for problem in link_problems(site_dir, page)]
    assert problems == []


def test_the_link_gate_reports_each_kind_of_problem(tmp_path):
    page = tmp_path / "page" / "index.html"
    page.parent.mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "index.html").write_text('<p id="there">', encoding="utf-8")
    page.write_text(
        '<h1 id="here">x</h1><a href="#here">fine</a><a href="../other/#there">fine</a>'
        '<a href="https://example.org/" rel="noopener noreferrer">fine</a>'
        '<a href="../nowhere/">1</a><a href="../other/#gone">2</a>'
        '<a href="http://example.org/" rel="noopener">3</a><a href="https://example.org/">4</a>'
        '<img src="missing.png" alt=""><a href="javascript:void(0)">6</a><a>7</a>',
        encoding="utf-8")
    assert link_problems(tmp_path, page) == [
        "page/index.html: <a> without href",
        "page/index.html: <a> ../nowhere/: no such file",
        "page/index.html: <a> ../other/#gone: no such anchor",
        "page/index.html: <a> http://example.org/: not https",
        'page/index.html: <a> https://example.org/: no rel="noopener"',
        "page/index.html: <img> missing.png: no such file",
        "page/index.html: <a> javascript:void(0): a javascript: link",
    ]
