"""What a reader can meet in the questionnaire, as text a reviewer can compare.

`python -m generator paths` lists every path from the first question to an outcome:
the answers given, then the outcome. `python -m generator diff BASE HEAD` compares two
trees as readers see them: paths added, removed or now ending in another outcome,
outcomes whose advice changed, facts whose figures changed (Markdown, for a pull
request's job summary). Like GOV.UK smart-answers' regression checksums of every
flow's outcomes, it makes a change to what readers get visible in review.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from . import graph
from .markup import markdown_escape
from .model import Fact, Outcome, Tree

# A path's identity: the (question id, answer index) pairs taken. Two trees share a
# path when the same answers to the same questions are given; a label's wording is
# advice text, not a different path.
Route = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class ReaderPath:
    route: Route
    labels: tuple[str, ...]
    outcome: str

    def text(self, tree: Tree) -> str:
        return " > ".join(self.labels) + f" => {self.outcome}: {tree.nodes[self.outcome].title}"


def reader_paths(tree: Tree) -> list[ReaderPath]:
    """Every path from the start to an outcome, depth first in answer order."""
    return [ReaderPath(tuple(route), tuple(tree.nodes[q].answers[i].label for q, i in route),
                       end)
            for route, end in graph.all_paths(tree.edges, tree.start)]


def paths_text(tree: Tree) -> str:
    return "".join(path.text(tree) + "\n" for path in reader_paths(tree))


# --- the difference between two trees --------------------------------------------------

ADVICE_FIELDS = [f.name for f in fields(Outcome) if f.name not in ("id", "line", "answers")]
FIGURE_FIELDS = ("value", "max", "unit")


def _code(text: str) -> str:
    return markdown_escape(text)


def _path_line(path: ReaderPath, tree: Tree) -> str:
    return f"{_code(' > '.join(path.labels))} → {_outcome(tree, path.outcome)}"


def _outcome(tree: Tree, node_id: str) -> str:
    return f"**{_code(node_id)}** ({_code(tree.nodes[node_id].title)})"


def _figure(fact: Fact) -> str:
    span = f"{fact.value}" if fact.max is None else f"{fact.value} to {fact.max}"
    return f"{span} {fact.unit.replace('_', ' ')}"


def diff(base: Tree, head: Tree) -> str:
    """The changes a reader would meet, as Markdown sections (empty ones left out)."""
    old = {p.route: p for p in reader_paths(base)}
    new = {p.route: p for p in reader_paths(head)}
    sections = {
        "Paths added": [_path_line(new[r], head) for r in new if r not in old],
        "Paths removed": [_path_line(old[r], base) for r in old if r not in new],
        "Paths now ending in another outcome": [
            f"{_code(' > '.join(new[r].labels))} → {_outcome(head, new[r].outcome)}, was "
            f"{_outcome(base, old[r].outcome)}"
            for r in new if r in old and old[r].outcome != new[r].outcome],
        "Outcomes whose advice changed": [
            f"{_outcome(head, node_id)}: " + ", ".join(changed)
            for node_id, changed in _changed_advice(base, head)],
        "Facts whose figures changed": [
            f"**{_code(name)}** ({_code(fact.label)}): {_figure(base.facts[name])} → "
            f"{_figure(fact)}"
            for name, fact in head.facts.items() if name in base.facts and
            any(getattr(fact, f) != getattr(base.facts[name], f) for f in FIGURE_FIELDS)],
    }
    out = ["## What readers will see differently", ""]
    if not any(sections.values()):
        return "\n".join(out + ["No path, outcome or figure changes.", ""])
    for title, items in sections.items():
        if items:
            out += [f"### {title} ({len(items)})", ""] + [f"- {item}" for item in items] + [""]
    return "\n".join(out)


def _changed_advice(base: Tree, head: Tree) -> list[tuple[str, list[str]]]:
    found = []
    for node_id, node in head.nodes.items():
        before = base.nodes.get(node_id)
        if isinstance(node, Outcome) and isinstance(before, Outcome):
            changed = [name for name in ADVICE_FIELDS if getattr(node, name) != getattr(before, name)]
            if changed:
                found.append((node_id, changed))
    return found
