"""Issue 19, item 8: the Content-Security-Policy comes from what the project itself
inlines (the embed's scripts and styles, from their files), never from whatever a
finished page holds; the build refuses any other inline script, style or event
handler, naming the page's source file."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from generator import csp, embed
from project_copy import build, copy_project
from site_data import ROOT

PAGE = "content/about.md"  # any hand-written page

INJECTED = {
    "script": "<script>alert(1)</script>",
    "data block": '<script type="application/json" id="__config">{"base": "x"}</script>',
    "style element": "<style>body{display:none}</style>",
    "style attribute": '<p style="display:none">hidden</p>',
    "event handler": '<img src="x.png" alt="" onerror="alert(1)">',
    "attribute list": "A paragraph.\n{: onclick=\"alert(1)\" }",
}


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.build
@pytest.mark.parametrize("kind", INJECTED)
def test_a_hand_written_page_with_inline_code_fails_the_build_naming_it(tmp_path, kind):
    project = copy_project(tmp_path)
    page = project / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\n\n" + INJECTED[kind] + "\n",
                    encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    named = [line for line in result.stderr.splitlines() if f"{PAGE}: " in line]
    assert named, result.stderr
    assert not (project / "site" / "about" / "index.html").exists() or \
        INJECTED[kind] not in (project / "site/about/index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_html_shown_as_code_in_a_page_is_no_code(tmp_path):
    """The embed guide shows the snippet's <script> as text: that passes."""
    project = copy_project(tmp_path)
    page = project / PAGE
    page.write_text(page.read_text(encoding="utf-8") +
                    "\n\n```html\n<script>alert(1)</script>\n```\n\n`<p style=\"x\">`\n",
                    encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr


def test_the_policy_names_only_what_the_project_inlined():
    """A page that holds code nobody registered: refused, and its hash is not in the
    policy; the registered code's hash is."""
    allowed = csp.Inlined(scripts={"ours()"}, style_attributes={embed.FRAME_STYLE})
    page = ('<html><head><meta charset="utf-8"><script>ours()</script>'
            '<script>theirs()</script><script type="application/json">{"b":1}</script>'
            '<script src="x.js"></script><style>p{}</style></head><body>'
            f'<iframe style="{embed.FRAME_STYLE}"></iframe><p style="color: red" '
            'onclick="x()">x</p></body></html>')
    policy = csp.policy(page, allowed)
    assert _hash("ours()") in policy and _hash("theirs()") not in policy
    assert _hash("p{}") not in policy and _hash("color: red") not in policy
    assert _hash(embed.FRAME_STYLE) in policy and "'unsafe-hashes'" in policy
    refused = csp.refusals(page, allowed)
    assert len(refused) == 4  # theirs(), the <style>, the red style, the onclick
    assert all("ours()" not in problem and "FRAME" not in problem for problem in refused)
    assert csp.with_policy(page, allowed).startswith(
        '<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')


def test_the_embeds_policy_hashes_its_script_files(site_dir):
    """The hashes in the built embed's policy are those of the site's own files that
    generator/embed.py lists (SCRIPTS), read from site_overrides/ and minified as the
    build inlines them."""
    page = (site_dir / "embed/index.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)[1]
    scripts = re.search(r"script-src ([^;]*)", policy)[1].split()
    assets = ROOT / "site_overrides"
    assert embed.SCRIPTS
    expected = [_hash(embed.minify(name, (assets / name).read_text(encoding="utf-8")))
                for name in embed.SCRIPTS]
    assert scripts == ["'self'", *expected]
