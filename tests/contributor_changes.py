"""The English-only changes a contributor makes in a pull request, applied to a copy of
decision_tree.yaml: a reworded answer, a reworded question, a reworded outcome step, and
a new question with its outcome (CONTRIBUTING.md's worked example without its Russian).

Each is found by its place in the tree (a node id, an answer's index), never by today's
wording, so the changes stay valid when the tree's text changes. Used by
tests/test_contributing.py and bench/english_only_pr.sh (which runs `make check` and
`make test` on a copy changed this way)."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

REWORDED = " (reworded)"


def _replace_line(lines: list[str], start: int, old: str, new: str) -> None:
    at = next(i for i in range(start, len(lines)) if lines[i].rstrip("\n") == old)
    lines[at] = new + "\n"


def reword(text: str) -> str:
    """A reworded answer, question and outcome step; returns the new tree text."""
    data = yaml.safe_load(text)
    lines = text.splitlines(keepends=True)
    question = data["start"]
    node_at = lines.index(f"  {question}:\n")
    label = data["nodes"][question]["answers"][0]["label"]
    _replace_line(lines, node_at, f"      - label: {label}", f"      - label: {label}{REWORDED}")
    title = data["nodes"][question]["title"]
    _replace_line(lines, node_at, f"    title: {title}", f"    title: {title}{REWORDED}")
    # an outcome step written on one line, as most are
    outcome, step = next((i, s) for i, n in data["nodes"].items() if n["type"] == "outcome"
                         for s in n.get("steps", []) if f"      - {s}\n" in lines)
    _replace_line(lines, lines.index(f"  {outcome}:\n"), f"      - {step}",
                  f"      - {step}{REWORDED}")
    return "".join(lines)


def apply(tree: Path) -> None:
    from test_contributing import apply_worked_example  # the guide's own steps

    text = reword(tree.read_text(encoding="utf-8"))
    tree.write_text(apply_worked_example(text), encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    apply(Path(sys.argv[1]))
