"""The site data is read-only all the way down: no reader of SiteData (the renderer,
a template, a tool page, a test) can change what the next reader sees. Each level is
tried by hand, then a walk tries every value the site data holds."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any, Mapping

import pytest

from site_data import SITE, TREE

IMMUTABLE = (str, int, float, bool, date, type(None), frozenset)


def refuses(change) -> None:
    """change() raises: FrozenInstanceError (an AttributeError) or TypeError."""
    with pytest.raises((AttributeError, TypeError)):
        change()


def test_the_top_of_the_site_data_cannot_be_changed():
    refuses(lambda: setattr(SITE, "trees", {}))
    refuses(lambda: setattr(SITE, "tools", None))
    refuses(lambda: setattr(SITE, "translations", {}))
    refuses(lambda: SITE.trees.__setitem__("xx", TREE))
    refuses(lambda: SITE.trees.pop("en"))
    refuses(lambda: SITE.translations.__setitem__("xx", ()))
    refuses(lambda: SITE.files.append("x"))
    refuses(lambda: SITE.warnings.append(None))


def test_a_tree_its_mappings_and_its_nodes_cannot_be_changed():
    node_id, node = next((i, n) for i, n in TREE.nodes.items() if n.kind == "question")
    refuses(lambda: setattr(TREE, "start", node_id))
    refuses(lambda: TREE.nodes.__setitem__(node_id, node))
    refuses(lambda: TREE.nodes.__delitem__(node_id))
    refuses(lambda: TREE.facts.__setitem__("new", None))
    refuses(lambda: TREE.guides.__setitem__("new", None))
    refuses(lambda: TREE.aliases.__setitem__("old", node_id))
    refuses(lambda: TREE.section_lines.__setitem__("nodes", 1))
    refuses(lambda: TREE.fallbacks.add("x"))
    refuses(lambda: setattr(node, "title", "x"))
    refuses(lambda: node.answers.append(node.answers[0]))
    refuses(lambda: node.answers.__setitem__(0, node.answers[-1]))
    refuses(lambda: setattr(node.answers[0], "next", TREE.start))
    outcome = next(TREE.outcomes())
    refuses(lambda: outcome.steps.append("x"))
    fact = next(iter(TREE.facts.values()))
    refuses(lambda: setattr(fact, "value", 0))
    guide = next(iter(TREE.guides.values()))
    refuses(lambda: setattr(guide.sections[0], "text", "x"))
    # what the tree works out and keeps
    refuses(lambda: TREE.edges.__setitem__(node_id, ()))
    TREE.shortest_path(outcome.id)
    refuses(lambda: TREE._shortest.__setitem__(outcome.id, (node_id, 0)))


def test_the_translations_and_their_entries_cannot_be_changed():
    lang = next(lang for lang in SITE.languages if lang != "en")
    states = SITE.translations[lang]
    refuses(lambda: states.append(states[0]))
    with_entry = next(s for s in states if s.entry is not None)
    refuses(lambda: setattr(with_entry, "state", "translated"))
    refuses(lambda: with_entry.entry.__setitem__("text", "x"))
    refuses(lambda: setattr(SITE.trees[lang].nodes[TREE.start], "title", "x"))


def test_the_tools_data_cannot_be_changed():
    tools = SITE.tools
    refuses(lambda: setattr(tools, "tracking", {}))
    refuses(lambda: tools.offered_on.__setitem__("x", ()))
    refuses(lambda: tools.tracking["carriers"][0].__setitem__("name", "x"))
    refuses(lambda: tools.deadlines[0].__setitem__("x", 1))
    refuses(lambda: tools.messages.append(tools.messages[0]))
    refuses(lambda: tools.replacements.__setitem__("x", "y"))


def mutable_places(value: Any, path: str, seen: set[int]) -> list[str]:
    """Every place below value that a reader could change, or a value of a type this
    walk does not know: each one named by its path."""
    if isinstance(value, IMMUTABLE) or id(value) in seen:
        return []
    seen.add(id(value))
    if dataclasses.is_dataclass(value):
        found = []
        for field in dataclasses.fields(value):
            try:
                setattr(value, field.name, getattr(value, field.name))
                found.append(f"{path}.{field.name} (attribute)")
            except dataclasses.FrozenInstanceError:
                pass
            found += mutable_places(getattr(value, field.name), f"{path}.{field.name}", seen)
        return found
    if isinstance(value, Mapping):
        found = []
        for key, item in value.items():
            try:
                value[key] = item  # type: ignore[index]
                found.append(f"{path}[{key!r}] (mapping)")
            except TypeError:
                pass
            found += mutable_places(item, f"{path}[{key!r}]", seen)
        return found
    if isinstance(value, tuple):
        return [place for index, item in enumerate(value)
                for place in mutable_places(item, f"{path}[{index}]", seen)]
    return [f"{path}: {type(value).__name__}"]


def test_no_value_anywhere_in_the_site_data_can_be_changed():
    for tree in SITE.trees.values():  # what each tree works out, kept on it
        tree.edges, tree._shortest
    seen: set[int] = set()
    found = mutable_places(SITE, "SITE", seen)
    found += [place for lang, tree in SITE.trees.items()
              for place in mutable_places(tree.edges, f"SITE.trees[{lang!r}].edges", seen)
              + mutable_places(tree._shortest, f"SITE.trees[{lang!r}]._shortest", seen)]
    assert not found, "changeable:\n" + "\n".join(found[:20])
    assert len(seen) > len(TREE.nodes)  # the walk went down, not just across the top
