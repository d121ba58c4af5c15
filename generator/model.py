"""The validated tree as immutable objects, and the graph questions asked of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from typing import Iterator, Mapping, Union

from . import graph


@dataclass(frozen=True)
class Fact:
    name: str
    label: str
    value: int
    unit: str
    source: str
    checked: date
    max: int | None = None
    url: str | None = None
    note: str | None = None
    line: int = 0  # of its name in the tree file


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None


@dataclass(frozen=True)
class Answer:
    label: str
    next: str


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    answers: tuple[Answer, ...]
    text: str | None = None
    line: int = 0
    kind = "question"


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    summary: str
    steps: tuple[str, ...]
    deadline: str
    guide: str
    evidence: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    note: str | None = None
    sources: tuple[Source, ...] = ()
    line: int = 0
    kind = "outcome"
    answers: tuple[Answer, ...] = field(default=(), init=False)


Node = Union[Question, Outcome]


@dataclass(frozen=True)
class Section:
    heading: str
    text: str


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str
    summary: str
    starts_at: str
    sections: tuple[Section, ...]
    sources: tuple[Source, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Tree:
    start: str
    facts: Mapping[str, Fact]
    guides: Mapping[str, Guide]
    nodes: Mapping[str, Node]  # in file order
    path: str = "decision_tree.yaml"  # the file that holds its text (translations/LANG.yaml)
    aliases: Mapping[str, str] = field(default_factory=dict)  # old id -> node id
    # Texts left in English in a translated tree (no current translation): shown marked.
    fallbacks: frozenset[str] = frozenset()
    # The line of each top-level section (facts, guides, nodes) in the file at path.
    section_lines: Mapping[str, int] = field(default_factory=dict)

    def node_source(self, node_id: str) -> tuple[str, int]:
        """The file and line where a contributor edits one step's text: the edit link
        of the questionnaire (its first step) and of a page of one step."""
        return self.path, self.nodes[node_id].line

    def aliases_of(self, node_id: str) -> list[str]:
        """The old ids that now lead to node_id."""
        return [old for old, target in self.aliases.items() if target == node_id]

    @cached_property
    def edges(self) -> dict[str, tuple[str, ...]]:
        """Node id -> the ids its answers lead to (graph.py walks these)."""
        return {node_id: tuple(a.next for a in node.answers)
                for node_id, node in self.nodes.items()}

    def reachable(self, node_id: str) -> list[str]:
        """Ids reachable from node_id (itself included), breadth first."""
        return graph.reachable(self.edges, node_id)

    def outcomes(self) -> Iterator[Outcome]:
        return (n for n in self.nodes.values() if isinstance(n, Outcome))

    def questions(self) -> Iterator[Question]:
        return (n for n in self.nodes.values() if isinstance(n, Question))

    def guides_reached_from(self, node_id: str) -> list[str]:
        """Guides that the outcomes below node_id point to, in tree order."""
        found: list[str] = []
        for nid in self.reachable(node_id):
            node = self.nodes[nid]
            if isinstance(node, Outcome) and node.guide not in found:
                found.append(node.guide)
        return found

    def related_guides(self, slug: str) -> list[str]:
        """Guides whose situations overlap this one's in the tree: the guides its
        part of the tree ends in, and the guides whose part of the tree ends in it."""
        related = [g for g in self.guides_reached_from(self.guides[slug].starts_at) if g != slug]
        for other in self.guides.values():
            if other.slug != slug and other.slug not in related and \
                    slug in self.guides_reached_from(other.starts_at):
                related.append(other.slug)
        return related

    def outcomes_for_guide(self, slug: str) -> list[Outcome]:
        return [o for o in self.outcomes() if o.guide == slug]

    def shortest_path(self, target: str) -> list[tuple[str, Answer]]:
        """The fewest answers from the start to target, as (question id, answer) pairs."""
        previous = self._shortest
        path: list[tuple[str, Answer]] = []
        node = target
        while node in previous:
            source, index = previous[node]
            path.append((source, self.nodes[source].answers[index]))
            node = source
        return path[::-1]

    @cached_property
    def _shortest(self) -> dict[str, tuple[str, int]]:
        return graph.shortest_paths(self.edges, self.start)
