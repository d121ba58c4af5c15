"""Markdown as GitHub reads it (CommonMark, with tables and strikethrough): which
texts of a summary are code spans, and what is left live around them."""

from __future__ import annotations

from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def read(markdown: str) -> tuple[list[str], str, list[str]]:
    """(every code span's text, all live text joined, the live token types: link_open,
    s_open, html_inline, ... beside text)."""
    spans, live, kinds = [], [], []

    def walk(tokens):
        for token in tokens:
            if token.type == "code_inline":
                spans.append(token.content)
            elif token.children:
                walk(token.children)
            else:
                kinds.append(token.type)
                if token.type == "text":
                    live.append(token.content)
    walk(_PARSER.parse(markdown))
    return spans, " ".join(live), kinds


PAYLOAD = "hi @octocat see #123 ~~gone~~ $x^2$ [link](https://evil.example) https://bare.example ``tick`` `"


def assert_inert(markdown: str, text: str = PAYLOAD) -> None:
    """text is in the summary only as one whole code span: no mention, reference,
    strike, math, link or HTML of it is live."""
    spans, live, kinds = read(markdown)
    assert text in spans, (text, spans)
    for marker in ("@octocat", "#123", "~~", "$x", "https://evil", "bare.example"):
        assert marker not in live, (marker, live)
    assert not {"link_open", "s_open", "html_inline"} & set(kinds), kinds
