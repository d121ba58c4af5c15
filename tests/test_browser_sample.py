"""The guides the browser gates open (tests/gates.py browser_pages): every element shape
of every guide is in one of them, so a guide whose text makes an element no other has
(an empty link, markup that got through) is always opened."""

from __future__ import annotations

from gates import covering, guide_shapes

PAGE = """<html><body><nav><a href="/">Home</a></nav><article class="md-content__inner">
<h1>Title</h1><p>Text with <a href="https://example.org/">a link</a>.</p>{extra}
</article></body></html>"""


def _guides(tmp_path, *extras: str) -> list:
    pages = []
    for number, extra in enumerate(extras):
        page = tmp_path / f"guide-{number}" / "index.html"
        page.parent.mkdir()
        page.write_text(PAGE.format(extra=extra), encoding="utf-8")
        pages.append(page)
    return pages


def test_guides_of_one_shape_are_opened_once(tmp_path):
    pages = _guides(tmp_path, "<p>One.</p>", "<p>Two, other words.</p>", "")
    assert covering(pages) == [pages[0]]


def test_an_empty_link_is_a_shape_of_its_own(tmp_path):
    pages = _guides(tmp_path, "<ul><li>Item</li></ul>", "<p><a href=\"https://example.org/\"></a></p>",
                    "<ul><li>Other</li></ul>")
    assert covering(pages) == [pages[0], pages[1]]
    assert ("a", "", "", "", False) in guide_shapes(pages[1])


def test_only_the_article_counts_and_every_kept_shape_is_covered(tmp_path):
    pages = _guides(tmp_path, "<ol><li lang=\"en\">x</li></ol>", "<p><code>y</code><br></p>",
                    "<blockquote><p>z</p></blockquote>")
    chosen = covering(pages)
    assert set().union(*map(guide_shapes, chosen)) == set().union(*map(guide_shapes, pages))
    assert not any(shape[0] == "nav" for page in pages for shape in guide_shapes(page))
