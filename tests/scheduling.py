"""The order and grouping of the tests for pytest-xdist (`make test` and `make check`
run with --dist loadgroup; tests/conftest.py calls schedule()).

The tests of a module that share a module-scoped fixture (a site with attacks, one
visit of every page, a server) form one group, run on one process, so the fixture is
made once (a parametrized fixture: a group per value, so its values can run side by
side). Every other test goes alone to whichever process is free. The longest go first,
so that no process is left with a long one at the end while the others have finished;
the order is the measured one (BENCHMARKS.md, "The suite, 2026-12-05"), slowest first.
"""

from __future__ import annotations

import pytest

LONGEST_FIRST = (
    "test_gates_browser_second_share", "test_payloads", "test_gates_browser",
    "test_trim_browser", "test_serve", "test_gates_phone_browser", "test_docs",
    "test_offline_browser", "test_security", "test_contributing", "test_tools_deadlines",
    "test_gates_html", "test_validate_properties", "test_refused",
)


def group(item) -> str | None:
    """The item's group: its module's name (and the value of a parametrized module
    fixture), when it uses a module-scoped fixture; None otherwise."""
    for name, definitions in item._fixtureinfo.name2fixturedefs.items():
        if definitions and definitions[-1].scope == "module":
            if definitions[-1].params is not None and hasattr(item, "callspec"):
                return f"{item.path.stem}-{item.callspec.params.get(name)}"
            return item.path.stem
    return None


def schedule(config, items: list) -> None:
    """Longest first (a stable sort: each module's own order is kept), and each item
    that shares a module fixture marked with its group (xdist_group)."""
    rank = {name: index for index, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.stem, len(rank)))
    for item in items:
        found = group(item)
        if found is not None:
            item.add_marker(pytest.mark.xdist_group(found))
            if config.getoption("dist", None) == "loadgroup" or \
                    getattr(config.option, "loadgroup", False):
                _name_group(item, found)


def _name_group(item, name: str) -> None:
    """What pytest-xdist does itself for xdist_group: the group after an @ in the
    test's id, where its scheduler looks for it. With pytest 9.2 its own renaming no
    longer takes (it sets _nodeid; the id is now _id: pytest-xdist issue 1386), and
    every test would be sent alone. Harmless once it is fixed: the last @ counts."""
    if hasattr(item, "_id"):
        from _pytest.nodeid import NodeId

        item._id = NodeId.parse(f"{item.nodeid}@{name}")
    else:
        item._nodeid = f"{item.nodeid}@{name}"
