"""The policy's scan of a page's inline code (generator/inline_scan.py, a regex pass
for speed) finds what a full HTML parser finds: the same kinds and texts in the same
order, on tricky markup and on every page of the built site."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from generator import csp

TRICKY = {
    "handler": '<p onclick="a()">x</p>',
    "a > inside a quoted value": '<a title="x>y" onmouseover=b>z</a>',
    "upper-case style, entity": '<div STYLE="color:red&amp;">',
    "code in a comment": "<!-- <script>bad()</script> -->ok<script>good()</script>",
    "data block": '<script type="application/json">{"a":1}</script>',
    "external script": '<script src="x.js"></script>',
    "upper-case end tag": "<style>p{}</style><SCRIPT>x</SCRIPT >",
    "a quote after =": "<a b='c onclick=x'>",
    "attribute after a slash": "<a/onclick=x>",
    "attribute right after a quote": '<a href="x"onload="y">',
    "< inside a script": "<script>if(a<b)c()</script>",
    "a tag inside a script": "<script>'<p onclick=x>'</script>",
    "attribute without a value": "<a onclick>",
    "svg style": "<svg><style>x</style></svg>",
    "doctype": "<!DOCTYPE html><html><body style=x></body></html>",
}


class _Oracle(HTMLParser):
    """Python's HTML parser, read as csp.py read pages before the scan."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._open: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(("handler", f"{name}={value or ''}"))
            elif name == "style":
                self.found.append(("style attribute", value or ""))
        if tag == "script" and "src" not in values:
            data = csp.DATA_TYPE.fullmatch((values.get("type") or "").strip())
            self._open = ("data" if data else "script", [])
        elif tag == "style":
            self._open = ("style", [])

    def handle_data(self, data):
        if self._open:
            self._open[1].append(data)

    def handle_endtag(self, tag):
        if self._open and tag in ("script", "style"):
            self.found.append((self._open[0], "".join(self._open[1])))
            self._open = None


def _parsed(page: str) -> list[tuple[str, str]]:
    oracle = _Oracle()
    oracle.feed(page)
    oracle.close()
    return oracle.found


@pytest.mark.parametrize("name", TRICKY)
def test_the_scan_finds_what_a_parser_finds_in_tricky_markup(name):
    assert csp.inline_code(TRICKY[name]).found == _parsed(TRICKY[name])


def test_the_scan_finds_something_in_each_tricky_case_that_holds_code():
    holding = [name for name in TRICKY if _parsed(TRICKY[name])]
    assert all(csp.inline_code(TRICKY[name]).found for name in holding)
    assert len(holding) >= len(TRICKY) - 2  # the cases test something


@pytest.mark.build
def test_the_scan_finds_what_a_parser_finds_on_every_built_page(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert csp.inline_code(page).found == _parsed(page), path


@pytest.mark.parametrize("fragment", ["<!-- open comment", "<script>open()", "<style>p{}",
                                      '<a title="open value', "<p", "<!DOCTYPE"])
def test_html_that_leaves_something_open_is_not_read_alone(fragment):
    # a step page written from its shell (step_pages.py) is then read whole
    assert csp.text_code("<p>x</p>" + fragment) is None


def test_html_placed_between_tags_is_read_alone_as_the_whole_page_reads_it():
    for name, fragment in TRICKY.items():
        code = csp.text_code(fragment)
        whole = csp.inline_code(f"<main>{fragment}</main><script>after()</script>").found
        assert code is not None and code.found + [("script", "after()")] == whole, name


def test_a_value_placed_in_a_tag_is_inert_only_if_it_can_end_neither_the_value_nor_the_tag():
    assert csp.inert_in_tag("https://example.org/a?b=1&amp;c=d#L12")
    assert not any(csp.inert_in_tag(value) for value in ('x" onclick="y', "x' y", "x>", "<p>"))
