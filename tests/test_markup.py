"""Contributor text reaches pages only as sanitised HTML, whatever it holds."""

from __future__ import annotations

import pytest

from generator import markup
from generator.i18n import locale
from generator.model import Fact
from datetime import date

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click][x]\n\n[x]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![pic](https://example.com/x.png)",
    "text { onclick=alert(1) }",
    "<a href='https://ok.example' onmouseover='alert(1)'>x</a>",
    "<iframe src='https://evil.example'></iframe>",
    "<style>body{display:none}</style>",
    "--8<-- \"mkdocs.yml\"",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_come_out_harmless(payload):
    html = str(markup.to_html(payload)).lower()
    for bad in ("<script", "<img", "<iframe", "<style", "javascript:", "onerror", "onclick=\"",
                "onmouseover", "data:text", " src="):
        assert bad not in html, (payload, html)


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if "<" in p[:2] or "](" in p
                                     or "]: " in p])
def test_validator_rejects_html_and_unsafe_links(payload):
    if payload.startswith("![pic](https"):
        assert list(markup.unsafe_parts(payload)) == []
    else:
        assert list(markup.unsafe_parts(payload)), payload


def test_markdown_still_works():
    html = markup.to_html("Go to **My Orders**, then [help](https://example.com/help).")
    assert html == ('<p>Go to <strong>My Orders</strong>, then '
                    '<a href="https://example.com/help" rel="noopener">help</a>.</p>')


def test_plain_text_stays_plain_in_markdown():
    assert markup.markdown_escape("1. *Not* a list <b> {: .x}") == \
        r"1\. \*Not\* a list &lt;b&gt; \{: \.x\}"


@pytest.mark.parametrize("value, high, lang, expected", [
    (5, None, "en", "5 days"), (1, None, "en", "1 day"), (1, 10, "en", "1 to 10 working days"),
])
def test_fact_text(value, high, lang, expected):
    unit = "working_days" if high else "days"
    fact = Fact("f", "F", value, unit, "src", date(2026, 1, 1), max=high)
    assert locale(lang).fact_text(fact) == expected


def test_facts_fill_in():
    text = markup.fill_facts("Wait {{facts.a}} or {{ facts.b|c }}.",
                             lambda n, phrase: n.upper() + (phrase or ""))
    assert text == "Wait A or Bc."
