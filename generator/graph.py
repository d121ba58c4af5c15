"""Graph walks over the tree's answers, all iterative: a chain of any length the
validator accepts also builds (recursion would stop at Python's limit, ~1,000 nodes).

Every function takes `edges`: node id -> the ids its answers lead to, in answer order.
The validator passes edges read from raw YAML (targets may be missing); the model
passes the tree's own. Drawing the tree (Mermaid, DOT, the map's picture) is drawing.py.
"""

from __future__ import annotations

from collections import deque
from graphlib import CycleError, TopologicalSorter
from typing import Iterator, Mapping, Sequence

Edges = Mapping[str, Sequence[str]]


def _targets(edges: Edges, node_id: str) -> Sequence[str]:
    """The known nodes an answer of node_id leads to (unknown targets are the
    validator's own error and are not followed)."""
    return [t for t in edges.get(node_id, ()) if t in edges]


def reachable(edges: Edges, start: str) -> list[str]:
    """Ids reachable from start (itself included), breadth first."""
    seen, queue, order = {start}, deque([start]), []
    while queue:
        current = queue.popleft()
        order.append(current)
        for target in _targets(edges, current):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return order


def shortest_paths(edges: Edges, start: str) -> dict[str, tuple[str, int]]:
    """For each reachable node but the start, (previous node, answer index) on a
    shortest path from start: follow it back to read the path."""
    previous: dict[str, tuple[str, int]] = {}
    seen, queue = {start}, deque([start])
    while queue:
        current = queue.popleft()
        for index, target in enumerate(edges.get(current, ())):
            if target in edges and target not in seen:
                seen.add(target)
                previous[target] = (current, index)
                queue.append(target)
    return previous


def loops(edges: Edges, start: str) -> Iterator[tuple[str, int, list[str]]]:
    """Each answer that leads back to a node on the current path from start:
    (node id, answer index, the loop as ids, first id repeated at the end)."""
    state: dict[str, int] = {start: 1}  # 1: on the path, 2: done
    path = [start]
    stack = [(start, iter(enumerate(edges.get(start, ()))))]
    while stack:
        node_id, answers = stack[-1]
        for index, target in answers:
            if target not in edges:
                continue
            if state.get(target) == 1:
                yield node_id, index, path[path.index(target):] + [target]
            elif target not in state:
                state[target] = 1
                path.append(target)
                stack.append((target, iter(enumerate(edges.get(target, ())))))
                break
        else:
            stack.pop()
            path.pop()
            state[node_id] = 2


def topological(edges: Edges, start: str) -> list[str]:
    """Reachable ids, each after every node with an answer leading to it (the tree
    has no loops: the validator refused them)."""
    nodes = reachable(edges, start)
    sorter = TopologicalSorter({n: [] for n in nodes})
    for node_id in nodes:
        for target in _targets(edges, node_id):
            sorter.add(target, node_id)
    try:
        return list(sorter.static_order())
    except CycleError as error:  # only a tree the validator refused can get here
        raise ValueError(f"answers lead in a loop: {' -> '.join(error.args[1])}") from None


def depths(edges: Edges, start: str) -> dict[str, int]:
    """Each reachable node's longest distance from start, in answers."""
    depth = {start: 0}
    for node_id in topological(edges, start):
        for target in _targets(edges, node_id):
            depth[target] = max(depth.get(target, 0), depth[node_id] + 1)
    return depth


def preorder(edges: Edges, start: str
             ) -> Iterator[tuple[int, str, tuple[str, int] | None, bool]]:
    """The tree depth first in answer order, as a nested list reads it:
    (depth, node id, (parent id, answer index) that leads here or None, seen before).
    A node that several answers lead to is expanded once."""
    shown: set[str] = set()
    stack: list[tuple[int, str, tuple[str, int] | None]] = [(0, start, None)]
    while stack:
        depth, node_id, via = stack.pop()
        repeated = node_id in shown
        yield depth, node_id, via, repeated
        if not repeated:
            shown.add(node_id)
            stack.extend((depth + 1, target, (node_id, index))
                         for index, target in reversed(list(enumerate(edges.get(node_id, ())))))


def all_paths(edges: Edges, start: str) -> Iterator[tuple[list[tuple[str, int]], str]]:
    """Every path from start to a node without answers: ([(node id, answer index),
    ...], the id it ends at). Depth first, in answer order. (The number of paths can
    grow fast with shared subtrees; the real tree has a few hundred.)"""
    stack: list[tuple[str, list[tuple[str, int]]]] = [(start, [])]
    while stack:
        node_id, path = stack.pop()
        answers = edges.get(node_id, ())
        if not answers:
            yield path, node_id
            continue
        stack.extend((target, path + [(node_id, index)])
                     for index, target in reversed(list(enumerate(answers))))
