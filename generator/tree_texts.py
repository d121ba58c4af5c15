"""The tree's Markdown texts, by where they are: for the facts page (which texts use
each fact) and the tree tests."""

from __future__ import annotations

from typing import Iterator

from . import markup
from .model import Outcome, Question, Tree


def node_texts(tree: Tree) -> Iterator[tuple[str, str]]:
    """(where, text) for every Markdown text in the tree; where is a node id or
    'guides/slug'."""
    for node in tree.nodes.values():
        if isinstance(node, Question):
            yield node.id, node.text or ""
        elif isinstance(node, Outcome):
            for text in (node.summary, node.deadline, node.note or "", *node.steps,
                         *node.evidence, *node.avoid):
                yield node.id, text
    for guide in tree.guides.values():
        for text in (guide.summary, *(s.text for s in guide.sections)):
            yield f"guides/{guide.slug}", text


def fact_usage(tree: Tree) -> dict[str, list[str]]:
    """For each fact, the nodes and guides whose text uses it (in tree order)."""
    used: dict[str, list[str]] = {name: [] for name in tree.facts}
    for where, text in node_texts(tree):
        for _, name in markup.placeholders(text):
            if name in used and where not in used[name]:
                used[name].append(where)
    return used
