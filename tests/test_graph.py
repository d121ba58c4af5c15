"""The tree as a picture and as text: `python -m generator graph` (Mermaid, DOT), the
map page (links every node, accessible, nothing from another host), and the edit
links that take a contributor from any page to the tree."""

from __future__ import annotations

import contextlib
import io
import re
from html.parser import HTMLParser

import pytest

from generator.cli import main
from generator.drawing import columns, dot, mermaid, outline

from conftest import FIXTURES, ROOT
from site_data import TREE, tree_at
from steps import address

REPO = "https://github.com/parcel-help/parcel-help"
TREE_ON_HOST = f"{REPO}/blob/main/decision_tree.yaml"

# Mermaid flowchart syntax, as much of it as the command may print: a header, node
# declarations (box or stadium with a quoted label) and labelled arrows.
MERMAID_ID = r"[A-Za-z_][A-Za-z0-9_]*"
MERMAID_TEXT = r'"[^"]*"'
MERMAID_NODE = re.compile(rf"    ({MERMAID_ID})(?:\[{MERMAID_TEXT}\]|\(\[{MERMAID_TEXT}\]\))")
MERMAID_EDGE = re.compile(rf"    ({MERMAID_ID}) -->\|{MERMAID_TEXT}\| ({MERMAID_ID})")
MERMAID_KEYWORDS = {"end", "graph", "flowchart", "subgraph", "style", "class", "classDef",
                    "click", "linkStyle", "direction"}


def parse_mermaid(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """A strict reader: every line must be one of the forms above."""
    lines = text.splitlines()
    assert lines[0] in ("flowchart LR", "flowchart TD")
    nodes, edges = [], []
    for line in lines[1:]:
        if node := MERMAID_NODE.fullmatch(line):
            nodes.append(node.group(1))
        elif edge := MERMAID_EDGE.fullmatch(line):
            edges.append(edge.groups())
        else:
            pytest.fail(f"not Mermaid flowchart syntax: {line!r}")
    return nodes, edges


def run_graph(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["graph", *args])
    return status, out.getvalue(), err.getvalue()


def test_mermaid_has_one_node_per_tree_node_and_one_arrow_per_answer():
    status, text, _ = run_graph(str(ROOT / "decision_tree.yaml"), "--format", "mermaid")
    assert status == 0
    nodes, edges = parse_mermaid(text)
    assert len(nodes) == len(set(nodes)) == len(TREE.nodes)
    assert not set(nodes) & MERMAID_KEYWORDS
    names = dict(zip(TREE.nodes, nodes))  # declared in tree order
    expected = [(names[n.id], names[a.next]) for n in TREE.nodes.values() for a in n.answers]
    assert edges == expected


def tree_with_title(tmp_path, title: str):
    path = tmp_path / "tree.yaml"
    path.write_text((FIXTURES / "valid_tree.yaml").read_text().replace(
        "title: What is happening?", f"title: {title}"))
    return tree_at(path)


def test_mermaid_escapes_quotes_and_hashes(tmp_path):
    text = mermaid(tree_with_title(tmp_path, "'Is \"Order #5\" late?'"))
    parse_mermaid(text)
    assert '    n_start["Is #quot;Order #35;5#quot; late?"]' in text.splitlines()


def test_dot_has_every_node_and_answer():
    status, text, _ = run_graph(str(ROOT / "decision_tree.yaml"), "--format", "dot")
    assert status == 0
    assert text.startswith('digraph "decision tree" {') and text.endswith("}\n")
    declared = re.findall(r'^    "([a-z0-9-]+)" \[label="', text, flags=re.M)
    arrows = re.findall(r'^    "([a-z0-9-]+)" -> "([a-z0-9-]+)" \[label="', text, flags=re.M)
    assert declared == list(TREE.nodes)
    assert len(arrows) == sum(len(n.answers) for n in TREE.nodes.values())


def test_dot_escapes_quotes(tmp_path):
    text = dot(tree_with_title(tmp_path, "'Is \"it\" \\late?'"))
    assert '    "start" [label="Is \\"it\\" \\\\late?"];' in text.splitlines()


def test_graph_of_a_broken_tree_explains_instead(tmp_path):
    broken = tmp_path / "tree.yaml"
    broken.write_text((FIXTURES / "valid_tree.yaml").read_text().replace("next: lost", "next: lots"))
    status, out, err = run_graph(str(broken))
    assert (status, out) == (1, "")
    assert f"{broken}:88:15: no node 'lots'; did you mean 'lost'?" in err


def test_columns_put_every_answer_to_the_right():
    cols = columns(TREE)
    column_of = {node_id: i for i, col in enumerate(cols) for node_id in col}
    assert sorted(column_of) == sorted(TREE.nodes)
    for node in TREE.nodes.values():
        for answer in node.answers:
            assert column_of[answer.next] > column_of[node.id]


def test_outline_expands_each_node_once():
    items = outline(TREE)
    expanded = [item.node.id for item in items if not item.repeated]
    assert sorted(expanded) == sorted(TREE.nodes)
    # the start, then one item per answer of each expanded node
    assert len(items) == 1 + sum(len(n.answers) for n in TREE.nodes.values())


class _Page(HTMLParser):
    """Links on a page: inside the SVG picture and elsewhere; and the edit links."""

    def __init__(self):
        super().__init__()
        self.in_svg = 0
        self.svg_links: list[str] = []
        self.links: list[str] = []
        self.edit_links: list[str] = []
        self.svg_attrs: dict = {}
        self.in_step_edit = False  # inside <p class="pq-edit">

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p":
            self.in_step_edit = "pq-edit" in (attrs.get("class") or "")
        if tag == "svg" and not self.svg_attrs and "role" in attrs:
            self.svg_attrs = attrs
        self.in_svg += tag == "svg"
        if tag == "a" and attrs.get("href"):
            (self.svg_links if self.in_svg else self.links).append(attrs["href"])
            if "edit" in (attrs.get("rel") or "").split() or self.in_step_edit:
                self.edit_links.append(attrs["href"])

    def handle_endtag(self, tag):
        self.in_svg -= tag == "svg"
        self.in_step_edit = self.in_step_edit and tag != "p"


def parse(path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_map_page_links_every_node_in_the_picture_and_the_list(site_dir):
    page = parse(site_dir / "map" / "index.html")
    expected = {f"../questionnaire/{address(TREE, node_id)}" for node_id in TREE.nodes}
    assert set(page.svg_links) == expected
    assert len(page.svg_links) == len(TREE.nodes)
    assert expected <= set(page.links)  # the nested list, for screen readers
    assert page.svg_attrs["role"] == "graphics-document"
    assert page.svg_attrs["aria-labelledby"] == "tree-map-title"


@pytest.mark.browser
def test_map_page_is_accessible_and_its_boxes_open_steps(make_page, site_url):
    page = make_page()
    page.goto(f"{site_url}/map/")
    assert page.locator("svg title#tree-map-title").count() == 1
    # Each box is a link a keyboard can reach; following one opens that step.
    target = TREE.nodes[TREE.start].answers[0].next
    page.locator(f'svg a[href="../questionnaire/{target}/"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/questionnaire/{target}/")
    assert page.locator(f"section#{target}").is_visible()
    assert page.requests.foreign() == []


def test_pages_from_the_tree_edit_the_tree_at_their_line(site_dir):
    for slug, guide in TREE.guides.items():
        edit = parse(site_dir / "guides" / slug / "index.html").edit_links
        assert edit == [f"{TREE_ON_HOST}#L{guide.line}"], slug
    lines = (ROOT / "decision_tree.yaml").read_text(encoding="utf-8").splitlines()
    for slug, guide in TREE.guides.items():
        assert lines[guide.line - 1] == f"  {slug}:"
    assert parse(site_dir / "facts" / "index.html").edit_links[0].startswith(TREE_ON_HOST)


def test_the_questionnaire_has_one_edit_link_at_the_first_question(site_dir):
    """Readers see the theme's one edit button, not a link under every step."""
    links = parse(site_dir / "questionnaire" / "index.html").edit_links
    assert links == [f"{TREE_ON_HOST}#L{TREE.nodes[TREE.start].line}"]
    lines = (ROOT / "decision_tree.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[TREE.nodes[TREE.start].line - 1] == f"  {TREE.start}:"


def test_tool_pages_edit_their_heading(site_dir):
    link = parse(site_dir / "tools" / "tracking" / "index.html").edit_links
    assert len(link) == 1 and link[0].startswith(f"{REPO}/blob/main/generator/locales/en.yaml#L")


def test_hand_written_pages_edit_their_markdown(site_dir):
    assert parse(site_dir / "index.html").edit_links == [f"{REPO}/edit/main/content/index.md"]
    assert parse(site_dir / "about" / "index.html").edit_links == [
        f"{REPO}/edit/main/content/about.md"]


def test_the_repository_link_asks_no_api(site_dir):
    """Material's repository widget fetches stars from the host's API; ours is a plain link."""
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPO}"' in html
    assert 'data-md-component="source"' not in html
