"""Turn validated data into the immutable model."""

from __future__ import annotations

from datetime import date

from .loader import Loaded
from .model import Answer, Fact, Guide, Outcome, Question, Section, Source, Tree


def _sources(items) -> tuple[Source, ...]:
    return tuple(Source(s) if isinstance(s, str) else Source(s["title"], s["url"])
                 for s in items or ())


def build_tree(loaded: Loaded) -> Tree:
    """Build the model from data that has passed validation."""
    data = loaded.data

    def line(*location) -> int:
        return loaded.where(location, key=True)[0]

    facts = {
        name: Fact(name=name, label=f["label"], value=f["value"], unit=f["unit"],
                   source=f["source"], checked=date.fromisoformat(f["checked"]),
                   max=f.get("max"), url=f.get("url"), note=f.get("note"),
                   line=line("facts", name))
        for name, f in data["facts"].items()
    }
    guides = {
        slug: Guide(slug=slug, title=g["title"], summary=g["summary"], starts_at=g["starts_at"],
                    sections=tuple(Section(s["heading"], s["text"]) for s in g["sections"]),
                    sources=_sources(g.get("sources")), line=line("guides", slug))
        for slug, g in data["guides"].items()
    }
    nodes = {}
    for node_id, n in data["nodes"].items():
        if n["type"] == "question":
            nodes[node_id] = Question(
                id=node_id, title=n["title"], text=n.get("text"),
                answers=tuple(Answer(a["label"], a["next"]) for a in n["answers"]),
                line=line("nodes", node_id))
        else:
            nodes[node_id] = Outcome(
                id=node_id, title=n["title"], summary=n["summary"], steps=tuple(n["steps"]),
                deadline=n["deadline"], guide=n["guide"], evidence=tuple(n.get("evidence", ())),
                avoid=tuple(n.get("avoid", ())), note=n.get("note"),
                sources=_sources(n.get("sources")), line=line("nodes", node_id))
    return Tree(start=data["start"], facts=facts, guides=guides, nodes=nodes, path=loaded.path,
                aliases=dict(data.get("aliases") or {}),
                section_lines={name: line(name) for name in ("facts", "guides", "nodes")})
