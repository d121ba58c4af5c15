"""Issue 10's reproducers: each attack a contributor could make through the three data
files is refused with FILE:LINE:COLUMN, or ends as inert text in the built page.

Each test writes the attack into a copy of the real files (data_copy.py). Refusals
are checked through the pipeline (the build reads the data the same way); what the
reader gets is checked in pages built by mkdocs, once for all the attacks that build.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import build_site
from data_copy import TRANSLATION, TOOLS, TREE, DataCopy
from generator import loader
from generator.tools import formats
from site_data import FIXTURES, ROOT
from site_languages import PREFIXES

# Attacks on the code, not a data change: `make check` leaves them to `make test`.
pytestmark = pytest.mark.slow
GUIDE = ("guides", "parcel-lost")


class Elements(HTMLParser):
    """Every start tag of a page: (tag, {attribute: value})."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def meta_description(page: str) -> str:
    return next(a["content"] for tag, a in Elements(page).tags
                if tag == "meta" and a.get("name") == "description")


# --- entity-encoded markup in a summary, and a link Markdown would make -------

SCRIPT_ON_LOAD = "Sum &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
JAVASCRIPT_LINK = "Sum [x]&#40;javascript:alert(1))"


@pytest.fixture(scope="module")
def attacked_site(tmp_path_factory) -> Path:
    """The site built with the attacks that pass the checks (1 and 2), in English and
    through a translation (the first translated language's)."""
    folder = tmp_path_factory.mktemp("attacked")
    copy = DataCopy(folder)
    copy.set(TREE, GUIDE + ("summary",), SCRIPT_ON_LOAD)
    copy.set(TREE, ("guides", "empty-parcel", "summary"), JAVASCRIPT_LINK)
    copy.set(TRANSLATION, GUIDE + ("summary", "text"), SCRIPT_ON_LOAD)
    copy.set(TRANSLATION, ("guides", "empty-parcel", "summary", "text"), JAVASCRIPT_LINK)
    tree = copy.write()
    site = folder / "site"
    result = build_site(site, tree)
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.parametrize("lang", PREFIXES)
def test_entity_encoded_markup_in_a_summary_stays_text(attacked_site, lang):
    page = (attacked_site / lang / "guides/parcel-lost/index.html").read_text(encoding="utf-8")
    # the description is the summary as a reader sees it, an attribute value and no more
    assert meta_description(page) == 'Sum "><img src=x onerror=alert(1)>'
    tags = Elements(page).tags
    assert not [a for tag, a in tags if tag == "img" and "onerror" in a]
    assert not [(tag, a) for tag, a in tags if any(name.startswith("on") for name in a)]


@pytest.mark.parametrize("page", [prefix + page for prefix in PREFIXES
                                  for page in ("index.html", "guides/index.html")]
                         + ["guides/empty-parcel/index.html"])
def test_no_javascript_link_from_a_summary(attacked_site, page):
    html = (attacked_site / page).read_text(encoding="utf-8")
    links = [a.get("href", "") for tag, a in Elements(html).tags if tag == "a"]
    assert not [href for href in links if "javascript" in href.lower()]
    assert "[x](javascript:alert(1))" in html  # shown as the text it is


# --- a source URL that would break out of Markdown's link ------------------------

@pytest.mark.parametrize("url, words", [
    ("https://example.com/a){: onclick=alert(1) }", "may not hold spaces, quotes"),
    ("https://example.com/a\n\n<script>alert(1)</script>", "a line break is not allowed"),
    ("https://example.com/a)b", "brackets ( ) [ ] must come in pairs"),
    ('https://example.com/"onmouseover="alert(1)', "may not hold spaces, quotes"),
    ("https://", "needs a host name"),
    ("https://example.com:99999/", "not a valid address"),
])
def test_a_source_url_is_parsed_and_refused(tmp_path, url, words):
    copy = DataCopy(tmp_path)
    source = GUIDE + ("sources", 1)
    title = copy.data[TREE]["guides"]["parcel-lost"]["sources"][1]  # translated already
    copy.set(TREE, source, {"title": title, "url": url})
    copy.assert_refused_at(TREE, source + ("url",), words, exact=False)


def test_a_link_that_is_not_https_is_refused(tmp_path):
    copy = DataCopy(tmp_path)
    source = GUIDE + ("sources", 1)
    title = copy.data[TREE]["guides"]["parcel-lost"]["sources"][1]
    copy.set(TREE, source, {"title": title, "url": "javascript:alert(1)//https://"})
    copy.assert_refused_at(TREE, source, "give a source name, or a title with an https url",
                           exact=False)


def test_a_fact_url_is_refused_too(tmp_path):
    copy = DataCopy(tmp_path)
    name = "seller_response_days"
    copy.set(TREE, ("facts", name, "url"), "https://example.com/a){: onclick=alert(1) }")
    copy.assert_refused_at(TREE, ("facts", name, "url"), "may not hold spaces, quotes",
                           exact=False)


# --- format strings ----------------------------------------------------------------

@pytest.mark.parametrize("rule, words", [
    ("Wait {0}.", "a brace that is not a slot; the slots are {fact}"),
    ("Wait {days", "a brace that is not a slot"),
    ("Wait {days}.", "unknown slot {days}; the slots are {fact}"),
    ("{fact.__class__.__mro__[1].__subclasses__}", "a brace that is not a slot"),
    ("{fact:>3000000}", "a brace that is not a slot"),
    ("Act { tabindex=0 } now, {fact} left.", "a brace that is not a slot"),
    ("Close }", "a brace that is not a slot"),
])
@pytest.mark.parametrize("name, location", [(TOOLS, ("deadlines", 0, "rule")),
                                            (TRANSLATION, ("tools", "deadlines", 0, "rule", "text"))])
def test_a_deadline_rule_has_named_slots_only(tmp_path, rule, words, name, location):
    """In English and in its translation alike."""
    copy = DataCopy(tmp_path)
    copy.set(name, location, rule)
    copy.assert_refused_at(name, location, words, exact=False)


def test_a_message_brace_is_refused_at_its_own_line(tmp_path):
    copy = DataCopy(tmp_path)
    location = ("messages", 0, "text")
    copy.set(TOOLS, location, "Hello.\nOrder {order}, {order.__class__}.\n")
    found = copy.refusals()
    line = int(copy.where(TOOLS, location).split(":")[1])
    # the text is written as a block (|): the problem is on its second line
    assert any(f"tools.yaml:{line + 2}:" in p and "a brace that is not a slot" in p
               for p in found), found


def test_slots_are_filled_in_one_pass_and_never_read_again():
    from generator.markup import fill_template
    assert fill_template("{fact} and {fact}", {"fact": "{fact} {0}"}) == "{fact} {0} and {fact} {0}"


# --- no regular expression from the data --------------------------------------------

def test_a_carrier_regular_expression_is_refused(tmp_path):
    copy = DataCopy(tmp_path)
    carrier = ("tracking", "carriers", 0)
    del copy.data[TOOLS]["tracking"]["carriers"][0]["format"]
    copy.set(TOOLS, carrier + ("pattern",), "(A|A)+B")
    found = copy.refusals()
    assert any("unknown field 'pattern'" in p for p in found), found
    assert any("missing the required field 'format'" in p for p in found), found


def test_formats_match_in_linear_time():
    """A format with overlapping runs against a long near-miss: the position set stays
    one entry per character, so this returns (a backtracking matcher would not)."""
    parts = [{"digits": [1, 40]}] * 8 + [{"text": "B"}]
    assert not formats.match(parts, "1" * 100_000)
    assert formats.match([{"text": "LP"}, {"digits": [12, 16]}], "LP001234567890")
    assert not formats.match([{"text": "LP"}, {"digits": [12, 16]}], "LP00123456789")


def test_the_checker_script_builds_no_regular_expression_from_data():
    script = (ROOT / "site_overrides/assets/javascripts/tools/tracking-checker.js").read_text()
    assert "new RegExp" not in script and "RegExp(" not in script


def test_python_and_the_vectors_agree_on_carriers():
    vectors = yaml.safe_load((ROOT / "tests/tracking_vectors.yaml").read_text(encoding="utf-8"))
    carriers = loader.load_file(ROOT / TOOLS).data["tracking"]["carriers"]
    for vector in vectors:
        number = re.sub(r"[\s-]", "", vector["input"]).upper()
        if vector["verdict"] in ("internal", "unknown") and number.isascii():
            matched = any(formats.match(c["format"], number) for c in carriers)
            assert matched == (vector["verdict"] == "internal"), vector


# --- characters no text may hold, however YAML spells them -------------------------

PLACES = [(TREE, GUIDE + ("summary",)), (TREE, ("nodes", "what-is-happening", "title")),
          (TRANSLATION, GUIDE + ("title", "text")), (TOOLS, ("messages", 0, "text")),
          (TOOLS, ("tracking", "source"))]


@pytest.mark.parametrize("character", ["\ud800", "\udfff", "\x7f", "\x9b", "\ufffe",
                                       "\U0010ffff", "\ufdd0", "\0", "\x1b", "\t"])
@pytest.mark.parametrize("name, location", PLACES)
def test_forbidden_characters_are_refused(tmp_path, name, location, character):
    copy = DataCopy(tmp_path)
    copy.set(name, location, f"Before{character}After")
    copy.assert_refused_at(name, location, f"character U+{ord(character):04X} at position 7",
                           exact=False)


@pytest.mark.parametrize("escape", ["\\x85", "\\x9b", "\\x7f", "\\ufffe", "\\0", "\\ud800",
                                    "\\e", "\\t", "\\a"])
def test_yaml_escapes_are_checked_after_unescaping(escape):
    """The escape as a contributor types it, in double quotes (raw bytes are fine)."""
    with pytest.raises(loader.TreeError) as refused:
        loader.load_bytes(f'a: "Before{escape}After"\n'.encode(), "f.yaml")
    assert refused.value.problems[0].format().startswith("f.yaml:1:4: character U+")


def test_validate_reports_a_surrogate_without_a_traceback(tmp_path):
    copy = DataCopy(tmp_path)
    copy.set(TREE, GUIDE + ("summary",), "Before\ud800After")
    tree = copy.write()
    result = subprocess.run([sys.executable, "-m", "generator", "validate", str(tree)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert "lone surrogate" in result.stderr + result.stdout


SAFE_CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
ANY_CHARACTERS = st.characters()


@settings(max_examples=300, deadline=None)
@given(st.text(ANY_CHARACTERS, max_size=30))
def test_any_text_is_accepted_or_refused_with_a_message(text):
    """Whatever a YAML escape can spell, the loader answers with data or a problem."""
    source = "a: " + yaml.safe_dump(text, allow_unicode=False).split("\n...")[0]
    try:
        data = loader.load_bytes(source.encode("utf-8"), "f.yaml").data
    except loader.TreeError as error:
        assert all(p.line >= 1 and p.column >= 1 for p in error.problems)
        assert loader.forbidden_character(text) is not None or error.problems
    else:
        assert loader.forbidden_character(data["a"]) is None
        data["a"].encode("utf-8")  # every accepted text can be written out


@settings(max_examples=200, deadline=None)
@given(st.text(SAFE_CHARACTERS, min_size=1, max_size=40))
def test_ordinary_text_of_any_script_is_kept(text):
    if loader.forbidden_character(text) is None:
        source = "a: " + yaml.safe_dump(text, allow_unicode=True).split("\n...")[0]
        assert loader.load_bytes(source.encode("utf-8"), "f.yaml").data["a"] == text


# --- long chains ---------------------------------------------------------------------

def chain_tree(folder: Path, length: int) -> Path:
    """The fixture tree with `length` questions in a row before its start."""
    data = yaml.safe_load((FIXTURES / "valid_tree.yaml").read_text(encoding="utf-8"))
    first = data["start"]
    for i in range(length, 0, -1):
        data["nodes"][f"chain-{i}"] = {"type": "question", "title": f"Question {i}?",
                                       "answers": [{"label": "Next", "next": first}]}
        first = f"chain-{i}"
    data["start"] = first
    path = folder / "chain.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_a_long_chain_validates_and_renders(tmp_path):
    from generator.pipeline import load_site
    from generator.render import Renderer
    site = load_site(chain_tree(tmp_path, 1500))
    pages = Renderer(site).pages()
    assert pages["map.md"].markdown.count("htmlslot") <= 3  # the list is one slot of HTML


@pytest.mark.build
def test_a_chain_of_250_questions_builds(tmp_path):
    result = build_site(tmp_path / "site", chain_tree(tmp_path, 250))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/map/index.html").read_text(encoding="utf-8")
    assert page.count("<ul>") >= 250


# --- a name is matched whole ---------------------------------------------------------

@pytest.mark.parametrize("name, location, value, words", [
    (TOOLS, ("messages", 0, "id"), "not-received\n", "use lower-case letters and digits"),
    (TOOLS, ("tracking", "services", "express", "letters", 0), "E\n", "use one capital"),
    (TREE, ("nodes", "what-is-happening", "answers", 0, "next"), "not-shipped-timer\n",
     "use lower-case letters and digits"),
    (TREE, ("facts", "seller_response_days", "checked"), "2026-11-01\n", "YYYY-MM-DD"),
])
def test_a_final_line_break_does_not_pass_a_pattern(tmp_path, name, location, value, words):
    copy = DataCopy(tmp_path)
    copy.set(name, location, value)
    copy.assert_refused_at(name, location, words, exact=False)


def test_a_node_id_key_with_a_line_break_is_refused(tmp_path):
    copy = DataCopy(tmp_path)
    nodes = copy.data[TREE]["nodes"]
    copy.data[TREE]["nodes"] = {("tracking-shows\n" if k == "tracking-shows" else k): v
                                for k, v in nodes.items()}
    found = copy.refusals()
    assert any("node id 'tracking-shows\\n' is not valid" in p for p in found), found


# --- the policy in every built page -------------------------------------------------------

def built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_built_page_has_the_policy_first(attacked_site):
    """First in <head> (after the charset, which starts nothing): it covers every
    script and style after it. The 404 page and the embed included."""
    pages = built_pages(attacked_site)
    assert {"404.html", "embed/index.html"} <= {p.relative_to(attacked_site).as_posix()
                                                 for p in pages}
    for path in pages:
        page = path.read_text(encoding="utf-8")
        head = page[page.index("<head>"):page.index("</head>")]
        tags = re.findall(r"<(?:meta|script|style|link|title|base)\b[^>]*>", head)
        policy = tags[1] if tags[0].startswith("<meta charset") else tags[0]
        assert "Content-Security-Policy" in policy, path
        for rule in ("default-src 'self'", "object-src 'none'", "base-uri 'none'",
                     "form-action 'none'", "worker-src 'self'", "manifest-src 'self'",
                     "img-src 'self' data:"):
            assert rule in policy, (path, rule)
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path
        assert not re.search(r"https?:|\*", policy), path


# What the policy allows, and what the build refuses: test_csp_sources.py.


def test_no_slot_token_is_left_in_the_built_site(site_dir):
    """Every token render.py put in a page's Markdown was swapped for its HTML: in the
    pages, their tables of contents and the search indexes."""
    left = [path for path in site_dir.rglob("*") if path.suffix in (".html", ".json")
            and "htmlslot" in path.read_text(encoding="utf-8")]
    assert left == []


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_plain_text_is_escaped_once_whatever_it_holds(text):
    from html import unescape

    from generator.markup import text_html
    written = str(text_html(text))
    assert not re.search(r'[<>"]', written)  # safe as text and as a "quoted" attribute
    assert unescape(written) == text  # and reads back as exactly the text: escaped once


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("<>\"'&;:/()[]{}!*_`#=\n jJaAvVsScCrRiIpPtTxX01:")), max_size=80))
def test_markdown_from_any_text_has_nothing_active(text):
    from generator.markup import to_html
    for tag, attributes in Elements(str(to_html(text))).tags:
        assert tag in {"p", "a", "em", "strong", "ul", "ol", "li", "code", "br", "blockquote"}
        assert set(attributes) <= {"href", "rel"}
        assert not attributes.get("href", "https:").lower().startswith(("javascript", "data"))
