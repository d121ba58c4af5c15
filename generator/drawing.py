"""The tree drawn: Mermaid and Graphviz text to paste into a pull request, and
the geometry of the picture on the site's map page.

The picture is laid out here, in plain Python, so the build needs no Graphviz or
browser: nodes go into columns by their longest distance from the start (every
answer then points to the right), and a few barycentre sweeps order each column so
that a node sits near the nodes it comes from and leads to.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from . import graph
from .model import Node, Question, Tree

# Picture geometry, in SVG units (pixels at 100% zoom).
BOX_WIDTH, BOX_HEIGHT = 220, 58
COLUMN_GAP, ROW_GAP = 80, 14
MARGIN = 10
LINE_CHARS, MAX_LINES = 30, 3  # a title wraps to at most three lines in its box
SWEEPS = 4


# --- text formats for pull requests ------------------------------------------------

def mermaid(tree: Tree) -> str:
    """A Mermaid flowchart: questions as boxes, outcomes as rounded boxes, answers as
    labelled arrows. Ids become n_words_with_underscores (Mermaid reads '-' as an edge
    and 'end' as a keyword)."""
    lines = ["flowchart LR"]
    for node in tree.nodes.values():
        left, right = ('["', '"]') if isinstance(node, Question) else ('(["', '"])')
        lines.append(f"    {_mermaid_id(node.id)}{left}{_mermaid_text(node.title)}{right}")
    for node in tree.nodes.values():
        for answer in node.answers:
            lines.append(f'    {_mermaid_id(node.id)} -->|"{_mermaid_text(answer.label)}"| '
                         f"{_mermaid_id(answer.next)}")
    return "\n".join(lines) + "\n"


def _mermaid_id(node_id: str) -> str:
    return "n_" + node_id.replace("-", "_")


def _mermaid_text(text: str) -> str:
    # Mermaid's entity codes: '#' first, so the codes themselves stay intact.
    return " ".join(text.split()).replace("#", "#35;").replace('"', "#quot;")


def dot(tree: Tree) -> str:
    """The same graph in Graphviz's DOT language."""
    lines = ['digraph "decision tree" {', "    rankdir=LR;",
             '    node [shape=box, fontname="sans-serif"];']
    for node in tree.nodes.values():
        style = "" if isinstance(node, Question) else ', style="rounded,filled"'
        lines.append(f"    {_dot_text(node.id)} [label={_dot_text(node.title)}{style}];")
    for node in tree.nodes.values():
        for answer in node.answers:
            lines.append(f"    {_dot_text(node.id)} -> {_dot_text(answer.next)} "
                         f"[label={_dot_text(answer.label)}];")
    return "\n".join(lines) + "\n}\n"


def _dot_text(text: str) -> str:
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


FORMATS = {"mermaid": mermaid, "dot": dot}


# --- the picture's layout ----------------------------------------------------------

@dataclass(frozen=True)
class Box:
    node: Node
    x: int
    y: int
    lines: tuple[str, ...]  # the title, wrapped to fit


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str
    path: str  # SVG path data: a curve from the source's right to the target's left


@dataclass(frozen=True)
class Layout:
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]
    width: int
    height: int


def columns(tree: Tree) -> list[list[str]]:
    """Node ids by column (longest distance from the start), each column ordered to
    keep arrows short and crossings few."""
    depth = graph.depths(tree.edges, tree.start)
    result: list[list[str]] = [[] for _ in range(max(depth.values()) + 1)]
    for node_id in tree.nodes:  # file order to begin with
        if node_id in depth:
            result[depth[node_id]].append(node_id)
    parents: dict[str, list[str]] = {node_id: [] for node_id in depth}
    for node_id in depth:
        for answer in tree.nodes[node_id].answers:
            parents[answer.next].append(node_id)
    children = {node_id: [a.next for a in tree.nodes[node_id].answers] for node_id in depth}
    for _ in range(SWEEPS):
        _sort_by_neighbours(result[1:], parents, result)
        _sort_by_neighbours(result[-2::-1], children, result)
    return result


def _sort_by_neighbours(sweep: list[list[str]], neighbours: dict[str, list[str]],
                        all_columns: list[list[str]]) -> None:
    """Reorder each column of the sweep by the mean height of each node's neighbours
    (a node without any keeps its place)."""
    height: dict[str, float] = {}
    for column in all_columns:
        height.update(_heights(column))
    for column in sweep:

        def key(node_id: str) -> float:
            near = [height[n] for n in neighbours[node_id]]
            return sum(near) / len(near) if near else height[node_id]

        column.sort(key=key)  # sort in place: all_columns sees the new order
        height.update(_heights(column))  # only this column's heights changed


def _heights(column: list[str]) -> dict[str, float]:
    """Each node's height in the picture, columns centred on one another."""
    return {node_id: index - (len(column) - 1) / 2 for index, node_id in enumerate(column)}


def layout(tree: Tree) -> Layout:
    cols = columns(tree)
    tallest = max(len(c) for c in cols)
    step_x, step_y = BOX_WIDTH + COLUMN_GAP, BOX_HEIGHT + ROW_GAP
    boxes: dict[str, Box] = {}
    for x_index, column in enumerate(cols):
        offset = (tallest - len(column)) * step_y / 2  # centre the column
        for y_index, node_id in enumerate(column):
            boxes[node_id] = Box(tree.nodes[node_id], MARGIN + x_index * step_x,
                                 round(MARGIN + offset + y_index * step_y),
                                 _wrap(tree.nodes[node_id].title))
    edges = []
    for box in boxes.values():
        for answer in box.node.answers:
            target = boxes[answer.next]
            x1, y1 = box.x + BOX_WIDTH, box.y + BOX_HEIGHT // 2
            x2, y2 = target.x, target.y + BOX_HEIGHT // 2
            bend = (x2 - x1) // 2
            edges.append(Edge(box.node.id, answer.next, answer.label,
                              f"M{x1},{y1} C{x1 + bend},{y1} {x2 - bend},{y2} {x2},{y2}"))
    return Layout(tuple(boxes.values()), tuple(edges),
                  width=2 * MARGIN + len(cols) * step_x - COLUMN_GAP,
                  height=2 * MARGIN + tallest * step_y - ROW_GAP)


def _wrap(title: str) -> tuple[str, ...]:
    return tuple(textwrap.wrap(title, LINE_CHARS, max_lines=MAX_LINES, placeholder=" …"))


# --- the text alternative ----------------------------------------------------------

@dataclass(frozen=True)
class OutlineItem:
    depth: int
    node: Node
    answer: str | None  # the answer that leads here (None for the start)
    repeated: bool  # already shown higher up: not expanded again


def outline(tree: Tree) -> list[OutlineItem]:
    """The tree as a nested list, depth first in answer order. A node that several
    answers lead to is expanded once; later mentions only link to it."""
    return [OutlineItem(depth, tree.nodes[node_id],
                        None if via is None else tree.nodes[via[0]].answers[via[1]].label,
                        repeated)
            for depth, node_id, via, repeated in graph.preorder(tree.edges, tree.start)]
