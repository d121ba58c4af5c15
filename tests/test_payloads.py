"""A corpus of XSS payloads written into every text field of the three data files, the
fields found by walking the schemas (kinds.fields), so a new field is covered with no
new test. Each payload is either refused with FILE:LINE:COLUMN at its own field, or
the site builds and its pages gain nothing that runs: no event-handler attribute, no
javascript:/data: URL, no script, iframe, object, embed, form, base or meta refresh
the real site does not have; a browser walking the built pages sees no dialog and no
Content-Security-Policy violation.

The payloads are batched: every field gets one in each round (rounds shift which), and
one build per round shows them all. Refused fields go back to their real text and the
data is checked again, until it is accepted.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import build_site, serve
from data_copy import KEYS, ORIGINAL, TRANSLATION, TOOLS, TREE, DataCopy, get_at
from generator import kinds
from generator.schema_check import load_schema
from generator.tools.check import SCHEMA_PATH as TOOLS_SCHEMA
from generator.validate import SCHEMA_PATH as TREE_SCHEMA
from gates import SWAP_STEP, browser_pages, built_pages, page_url, step_data

PAYLOADS = [
    # OWASP XSS filter evasion cheat sheet, and variants
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
    "<embed src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<form action=\"https://evil.example\"><button>Go</button></form>",
    "<a href=\"javascript&colon;alert(1)\">x</a>",
    "<BODY ONLOAD=alert('XSS')>",
    "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
    "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    # entity- and percent-encoded
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    "Sum &quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    # breaking out of attributes, titles and scripts
    "\"><svg onload=alert(1)>",
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "--><script>alert(1)</script><!--",
    "\" onmouseover=\"alert(1)",
    # Markdown links, references, images, autolinks
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](java&#09;script:alert(1))",
    "[x]&#40;javascript:alert(1))",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    # attr_list and md_in_html tricks
    "text{: onclick=alert(1) }",
    "[x](https://example.com){: onmouseover=alert(1) }",
    "Heading { #x onclick=\"alert(1)\" }",
    "<div markdown=\"1\">[x](javascript:alert(1))</div>",
    # template and format syntax
    "{{ 7*7 }} {% raw %}",
    "{{ facts.__class__ }}",
    "{0} {fact:>99} {fact.__class__}",
    "${alert(1)} #{alert(1)}",
    # our own markers and slot tokens
    "<!-- parcel-help:guide-list --> htmlslot0inline htmlslot1block phslot0x",
]
ROUNDS = (0, 17)

# URL attributes whose value a browser follows or runs
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster",
                  "background", "srcdoc"}
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "form", "base", "frame", "applet"}


def text_fields() -> list[tuple[str, tuple, str]]:
    """(file, location, kind) of every string a contributor writes, from the schemas;
    a translation's text has the kind of the English it translates."""
    found = []
    tree_schema, tools_schema = load_schema(TREE_SCHEMA), load_schema(TOOLS_SCHEMA)
    for location, kind, schema in kinds.fields(tree_schema, ORIGINAL[TREE]):
        if kind.startswith("key:") or _fixed(schema):
            continue
        found.append((TREE, location, kind))
        key = KEYS[TREE].get(location)
        if key and key[0] != "sources":  # a source name's entry moves with it
            found.append((TRANSLATION, key + ("text",), kind))
    for location, kind, schema in kinds.fields(tools_schema, ORIGINAL[TOOLS]):
        if not kind.startswith("key:") and not _fixed(schema):
            found.append((TOOLS, location, kind))
            key = KEYS[TOOLS].get(location)
            if key and key[0] != "sources":  # a source name's entry moves with it
                found.append((TRANSLATION, key + ("text",), kind))
    return found


def _fixed(schema: dict) -> bool:
    """Left out: names of mappings (ids; test_security.py attacks them) and words from
    a fixed list (a node's type picks which rules apply to the rest of the node)."""
    return "enum" in schema or "const" in schema


def test_every_field_has_a_kind():
    """A schema field without x-kind would be neither checked by its kind nor here."""
    missing = [(name, location) for name, location, kind in text_fields() if kind not in kinds.KINDS]
    assert missing == []
    assert {kind for _, _, kind in text_fields()} >= {"plain_text", "markdown", "id", "template"}


def inject(folder: Path, offset: int) -> tuple[DataCopy, Counter]:
    """A copy with a payload in every field; refused fields restored. Returns the copy
    and how many fields of each kind kept their payload."""
    copy = DataCopy(folder)
    fields = text_fields()
    placed = {}
    # an English text and its translation go back together (their facts must agree),
    # and a message with its meaning (their slots must agree)
    partner = {}
    for name, location, _ in fields:
        key = KEYS[name].get(location) if name in KEYS else None
        if key and key[0] != "sources":
            partner[(name, location)] = (TRANSLATION, key + ("text",))
            partner[(TRANSLATION, key + ("text",))] = (name, location)
    for index, (name, location, kind) in enumerate(fields):
        payload = PAYLOADS[(index + offset) % len(PAYLOADS)]
        copy.set(name, location, payload)
        placed[(name, location)] = kind
    while True:
        checked = copy.check()
        if checked.site is not None:
            return copy, Counter(placed.values())
        refused = set()
        positions = {name: copy.positions(name) for name in (TREE, TRANSLATION, TOOLS)}
        lines: dict[tuple, list[tuple]] = {}  # (file, line) -> the fields on it
        parents: dict[tuple, list[tuple]] = {}  # (file, line) -> fields of a mapping there
        for name, location in placed:
            start = positions[name].where(location)[0]
            value = get_at(copy.data[name], location)
            # a block text (|) holds its own lines below its first
            for line in range(start, start + 2 + value.count("\n")):
                lines.setdefault((name, line), []).append((name, location))
            # a value that picks its mapping's schema (a node's type) is refused there
            for near in (positions[name].where(location, key=True)[0],
                         positions[name].where(location[:-1], key=True)[0]):
                parents.setdefault((name, near), []).append((name, location))
        for key in placed:
            if key in partner:
                lines.setdefault((partner[key][0], positions[partner[key][0]].where(
                    partner[key][1])[0]), []).append(key)
        for problem in checked.errors:
            text = problem.format()
            assert re.match(r"(.*):(\d+):(\d+): ", text), f"not FILE:LINE:COLUMN: {text}"
            name = next(n for n in (TRANSLATION, TOOLS, TREE) if problem.path.endswith(n))
            hits = lines.get((name, problem.line)) or parents.get((name, problem.line))
            assert hits, f"a problem at no injected field: {text}"
            refused.update(hits)
            refused.update(partner[hit] for hit in hits if hit in partner)
        for name, location in refused:
            copy.set(name, location, get_at(ORIGINAL[name], location))
            placed.pop((name, location), None)


class Active(HTMLParser):
    """What in a page could run or send the reader elsewhere: a Counter of findings."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.found: Counter = Counter()
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.found[f"<{tag}>"] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.found[f"{tag} {name}="] += 1
            if name in URL_ATTRIBUTES and value:
                plain = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if plain.startswith(("javascript:", "data:", "vbscript:")):
                    self.found[f"{tag} {name}={plain[:11]}"] += 1
            if tag == "meta" and name == "http-equiv" and (value or "").lower() == "refresh":
                self.found["meta refresh"] += 1

    handle_startendtag = handle_starttag


def findings(site: Path) -> dict[str, Counter]:
    return {page_url(site, path): Active(path.read_text(encoding="utf-8")).found
            for path in built_pages(site)}


@pytest.fixture(scope="module", params=ROUNDS)
def payload_site(request, tmp_path_factory) -> tuple[Path, Counter]:
    folder = tmp_path_factory.mktemp(f"payloads{request.param}")
    copy, kept = inject(folder, request.param)
    site = folder / "site"
    result = build_site(site, copy.write())
    assert result.returncode == 0, result.stderr
    return site, kept


def test_payloads_reach_the_pages(payload_site):
    """Not a vacuous pass: many payloads of every reader-facing kind are built."""
    _, kept = payload_site
    assert kept["plain_text"] > 100 and kept["markdown"] > 50, kept


def test_built_pages_gain_nothing_active(payload_site, site_dir):
    site, _ = payload_site
    real, attacked = findings(site_dir), findings(site)
    assert set(attacked) == set(real)
    gained = {page: attacked[page] - real[page] for page in attacked
              if attacked[page] - real[page]}
    assert gained == {}


def test_a_browser_sees_no_dialog_and_no_policy_violation(payload_site, browser):
    """Every page the browser gates open (steps' pages: their sample), and on each first
    page of the questionnaire and the embed every step swapped in from its data, as
    questionnaire.js does: no payload opens a dialog or trips the policy."""
    site, _ = payload_site
    url, server = serve(site)
    context = browser.new_context()
    context.add_init_script("""window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.effectiveDirective + " " + (e.blockedURI || "inline"));
});""")
    page = context.new_page()
    dialogs, violations, swapped = [], {}, 0
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for path in browser_pages(site):
            address = page_url(site, path)
            page.goto(url + address)
            steps = step_data(path)
            for data in steps:
                page.evaluate(SWAP_STEP, data.read_text(encoding="utf-8"))
                swapped += 1
            if steps:  # what the swapped-in markup loads (and any handler it runs) is done
                page.wait_for_load_state("networkidle")
            found = page.evaluate("window.__cspViolations")
            if found:
                violations[address] = found
    finally:
        context.close()
        server.shutdown()
    assert swapped > 4 * 60  # every step of both languages, the questionnaire's and the embed's
    assert dialogs == [] and violations == {}
