"""What a reader can meet in the questionnaire, as text a reviewer can compare.

`python -m generator paths` lists, per outcome, how many paths from the first question
reach it and the shortest of them. `python -m generator diff BASE HEAD` compares two
sites as readers see them (Markdown, for a pull request's job summary): paths new or
ending elsewhere, and gone; outcomes reached by another number of paths; every text a
reader sees (tree, translations, tools), before and after. Like GOV.UK smart-answers'
regression checksums of every flow's outcomes, it makes a change visible in review.

Both stay small at any tree size: the number of paths can double with each question
(a chain of 18 two-answer questions has 262,144), so paths are counted, never listed
all (counting is one walk in topological order, with Python's big integers), and the
changed ones are found by following only the answers that changed, up to a cap. The
summary as a whole stays under a byte budget, far below GitHub's 1 MiB job-summary
limit. Every contributor text in it is a code span (inert.py): no @mention, #123,
~~strike~~, $math$ or link of a contributor's goes live in a pull request.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from typing import Any, Iterator, Mapping

from . import graph
from .inert import code_span
from .languages import SOURCE
from .model import Tree
from .pipeline import SiteData

# A path's identity: the (question id, answer index) pairs taken. Two trees share a
# path when the same answers to the same questions are given; a label's wording is a
# text change, not a different path.
Route = tuple[tuple[str, int], ...]

PATHS_SHOWN = 50  # changed paths listed per section; all are counted
PATHS_LOOKED_AT = 2_000  # paths of the base looked at for those gone
TEXT_SHOWN = 400  # characters of one text shown; a longer one is cut, marked
BUDGET = 400_000  # bytes of listed items in the whole summary (GitHub allows 1 MiB)


# --- counting paths -----------------------------------------------------------------

def path_counts(tree: Tree) -> dict[str, int]:
    """How many paths from the start reach each node (big integers, no enumeration)."""
    counts = {tree.start: 1}
    for node_id in graph.topological(tree.edges, tree.start):
        for target in tree.edges[node_id]:
            counts[target] = counts.get(target, 0) + counts[node_id]
    return counts


def _labels(tree: Tree, route: Route) -> list[str]:
    return [tree.nodes[q].answers[i].label for q, i in route]


def _shortest(tree: Tree, node_id: str) -> list[str]:
    return [answer.label for _, answer in tree.shortest_path(node_id)]


def paths_text(tree: Tree) -> str:
    """Per outcome, in the tree's order: how many paths reach it and the shortest."""
    counts = path_counts(tree)
    return "".join(f"{outcome.id}: {outcome.title} | {counts.get(outcome.id, 0)} path(s); "
                   f"shortest: {' > '.join(_shortest(tree, outcome.id))}\n"
                   for outcome in tree.outcomes())


# --- the paths that changed -----------------------------------------------------------

def _changed_answers(tree: Tree, other: Tree) -> set[tuple[str, int]]:
    """(question id, answer index) of tree whose answer leads elsewhere in other, or
    that other lacks. With another start, every answer counts as changed."""
    if tree.start != other.start:
        return {(q, i) for q, targets in tree.edges.items() for i in range(len(targets))}
    return {(q, i) for q, targets in tree.edges.items() for i, target in enumerate(targets)
            if i >= len(other.edges.get(q, ())) or other.edges[q][i] != target}


def _unchanged_count(tree: Tree, changed: set[tuple[str, int]]) -> int:
    """Paths from the start to an outcome that take no changed answer."""
    counts = {tree.start: 1}
    for node_id in graph.topological(tree.edges, tree.start):
        for index, target in enumerate(tree.edges[node_id]):
            if (node_id, index) not in changed and node_id in counts:
                counts[target] = counts.get(target, 0) + counts[node_id]
    return sum(counts.get(outcome.id, 0) for outcome in tree.outcomes())


def _changed_paths(tree: Tree, changed: set[tuple[str, int]]) -> Iterator[tuple[Route, str]]:
    """Paths that take at least one changed answer, depth first in answer order. Only
    answers that can still reach one are followed: each path costs its own length."""
    edges = tree.edges
    below: dict[str, bool] = {}
    for node_id in reversed(graph.topological(edges, tree.start)):
        below[node_id] = any((node_id, i) in changed or below[target]
                             for i, target in enumerate(edges[node_id]))
    stack: list[tuple[str, Route, bool]] = [(tree.start, (), False)]
    while stack:
        node_id, route, taken = stack.pop()
        if not edges[node_id]:
            if taken:
                yield route, node_id
            continue
        for index, target in reversed(list(enumerate(edges[node_id]))):
            now = taken or (node_id, index) in changed
            if now or below[target]:
                stack.append((target, route + ((node_id, index),), now))


def _end(tree: Tree, route: Route) -> str | None:
    """Where the same answers to the same questions end in tree, if they can be given."""
    node_id = tree.start
    for question, index in route:
        if node_id != question or index >= len(tree.edges.get(node_id, ())):
            return None
        node_id = tree.edges[node_id][index]
    return None if tree.edges.get(node_id) else node_id


# --- the summary ---------------------------------------------------------------------

def _shown(text: str) -> str:
    cut = text if len(text) <= TEXT_SHOWN else text[:TEXT_SHOWN] + f"… ({len(text)} characters)"
    return code_span(cut)


def _outcome(tree: Tree, node_id: str) -> str:
    return f"{code_span(node_id)} ({_shown(tree.nodes[node_id].title)})"


def _route(tree: Tree, route: Route) -> str:
    return " > ".join(_shown(label) for label in _labels(tree, route)) or "(the start)"


class _Summary:
    """Markdown sections under one byte budget: what does not fit is counted."""

    def __init__(self) -> None:
        self.lines = ["## What readers will see differently", ""]
        self.left = BUDGET
        self.any = False

    def section(self, title: str, total: int, items: Iterator[str], note: str = "") -> None:
        if not total:
            return
        self.any = True
        self.lines += [f"### {title} ({total})", ""] + ([note, ""] if note else [])
        shown = 0
        for item in items:
            line = f"- {item}"
            size = len(line.encode("utf-8")) + 1
            if size > self.left:
                break
            self.lines.append(line)
            self.left -= size
            shown += 1
        if shown < total:
            self.lines.append(f"- … and {total - shown} more, not shown here "
                              "(`python -m generator diff BASE HEAD` lists them)")
        self.lines.append("")

    def text(self) -> str:
        if not self.any:
            self.lines += ["No path, outcome or text changes.", ""]
        return "\n".join(self.lines)


def _first(items: Iterator, count: int) -> Iterator:
    for number, item in enumerate(items):
        if number == count:
            return
        yield item


def diff(base: SiteData, head: SiteData) -> str:
    """The changes a reader would meet, as Markdown sections (empty ones left out)."""
    old, new = base.tree, head.tree
    summary = _Summary()
    new_changed, old_changed = _changed_answers(new, old), _changed_answers(old, new)
    new_total = sum(path_counts(new).get(o.id, 0) for o in new.outcomes())
    old_total = sum(path_counts(old).get(o.id, 0) for o in old.outcomes())

    def added() -> Iterator[str]:
        for route, end in _changed_paths(new, new_changed):
            before = _end(old, route)
            yield (f"{_route(new, route)} → {_outcome(new, end)}" +
                   ("" if before is None else f", was {_outcome(old, before)}"))

    def removed() -> Iterator[str]:
        # those that end elsewhere are listed above; a bounded look for the gone ones
        for route, end in _first(_changed_paths(old, old_changed), PATHS_LOOKED_AT):
            if _end(new, route) is None:
                yield f"{_route(old, route)} → {_outcome(old, end)}"

    summary.section("Paths new or now ending in another outcome",
                    new_total - _unchanged_count(new, new_changed),
                    _first(added(), PATHS_SHOWN),
                    f"Of {new_total} paths; the first {PATHS_SHOWN} at most are listed.")
    summary.section("Paths no longer there or ending elsewhere",
                    old_total - _unchanged_count(old, old_changed),
                    _first(removed(), PATHS_SHOWN),
                    f"Of {old_total} paths before; those gone are listed, up to "
                    f"{PATHS_SHOWN}.")
    reach = _reach_changes(old, new)
    summary.section("Outcomes reached by other paths", len(reach), iter(reach))
    texts = list(_text_changes(base, head))
    summary.section("Texts changed", len(texts), iter(texts))
    return summary.text()


def _reach_changes(old: Tree, new: Tree) -> list[str]:
    before, after = path_counts(old), path_counts(new)
    found = []
    for outcome in [*new.outcomes(), *(o for o in old.outcomes() if o.id not in new.nodes)]:
        node_id = outcome.id
        count = (before.get(node_id, 0) if node_id in old.nodes else 0,
                 after.get(node_id, 0) if node_id in new.nodes else 0)
        shortest = [_shortest(tree, node_id) if node_id in tree.nodes else None
                    for tree in (old, new)]
        if count[0] != count[1] or shortest[0] != shortest[1]:
            way = shortest[1] if shortest[1] is not None else shortest[0]
            tree = new if shortest[1] is not None else old
            found.append(f"{_outcome(tree, node_id)}: {count[0]} → {count[1]} path(s); "
                         f"shortest now: " + (" > ".join(_shown(label) for label in way)
                                              if shortest[1] is not None else "none"))
    return found


# --- every text a reader sees -----------------------------------------------------------

# Where a text stands, not what it says; where an answer leads is the paths' part.
_NOT_TEXT = {"id", "line", "path", "fallbacks", "next"}


def _flatten(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """(place, text) for every value: the model's dataclasses, mappings and lists are
    walked, so a new field is compared without a change here."""
    if is_dataclass(value):
        for item in fields(value):
            if item.name not in _NOT_TEXT:
                yield from _flatten(getattr(value, item.name), f"{where}.{item.name}")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _flatten(item, f"{where}.{key}")
    elif isinstance(value, (list, tuple, frozenset, set)) and not isinstance(value, str):
        for index, item in enumerate(value):
            yield from _flatten(item, f"{where}.{index}")
    elif value is not None:
        yield where.lstrip("."), value.isoformat() if isinstance(value, date) else str(value)


def site_texts(site: SiteData) -> dict[str, str]:
    """Every text of the site by place: `nodes.ID.title`, `LANG: guides.SLUG.summary`,
    `tools.yaml: messages.0.text`, `LANG: tools.yaml: messages.0.meaning`, ..."""
    found: dict[str, str] = {}
    for lang, tree in site.trees.items():
        prefix = "" if lang == SOURCE else f"{lang}: "
        found.update((prefix + place, text) for place, text in _flatten(tree, ""))
        found.update((f"{prefix}tools.yaml: {place}", text)
                     for place, text in _flatten(site.tools_in(lang), ""))
    return found


def _text_changes(base: SiteData, head: SiteData) -> Iterator[str]:
    before, after = site_texts(base), site_texts(head)
    for place in [*after, *(p for p in before if p not in after)]:
        old, new = before.get(place), after.get(place)
        if old != new:
            yield (f"{code_span(place)}: " + ("(new)" if old is None else _shown(old)) +
                   " → " + ("(removed)" if new is None else _shown(new)))
