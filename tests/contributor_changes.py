"""The English-only changes a contributor makes in a pull request, applied to a copy of
decision_tree.yaml: a reworded answer, a reworded question, a reworded outcome step, and
a new question with its outcome, English only (not the guide's worked example: the
tests practise that one on top of whatever is committed).

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


NEW_QUESTION, NEW_OUTCOME = "seller-asks-for-photos", "send-photos-in-the-chat"


def add_question(text: str) -> tuple[str, str, str]:
    """A new last answer on a question one answer from the start (one with room for
    it), leading to a new question, whose answers lead to a new outcome and to an
    existing step. The outcome uses the tree's first fact and guide, as a contributor's
    would use existing ones. Returns the text and the new question's and outcome's ids
    (numbered if the tree has them already: a pull request that made this change)."""
    data = yaml.safe_load(text)
    number = 1 + sum(1 for node in data["nodes"] if node.startswith(NEW_QUESTION))
    suffix = f"-{number}" if number > 1 else ""
    question, outcome = NEW_QUESTION + suffix, NEW_OUTCOME + suffix
    nodes, fact, guide = data["nodes"], next(iter(data["facts"])), next(iter(data["guides"]))
    host = next(a["next"] for a in nodes[data["start"]]["answers"]
                if nodes[a["next"]]["type"] == "question" and len(nodes[a["next"]]["answers"]) < 6)
    other = nodes[host]["answers"][0]["next"]
    lines = text.splitlines(keepends=True)
    at = lines.index(f"  {host}:\n")
    end = next(i for i in range(at + 1, len(lines)) if lines[i].startswith("  ")
               and not lines[i].startswith("   ") and lines[i].strip())  # the next node
    last = max(i for i in range(at, end) if lines[i].startswith("        next: "))
    lines.insert(last + 1, f"      - label: The seller asks me for photos of the parcel{suffix}\n"
                           f"        next: {question}\n")
    nodes = f"""
  {question}:
    type: question
    title: Did the seller say why they need the photos?
    answers:
      - label: Yes, to check a damaged item
        next: {outcome}
      - label: No, and they ask for money too
        next: {other}

  {outcome}:
    type: outcome
    title: Send the photos in the order chat
    summary: >-
      Photos in the order chat are your evidence if you open a dispute later.
    steps:
      - Take clear photos of the parcel, the label and the item.
      - Send them in the order chat, not by email or another app.
    deadline: >-
      Keep an eye on the time left: {{{{ facts.{fact} }}}}.
    guide: {guide}
    sources:
      - AliExpress help (evidence in the order chat)
"""
    text = "".join(lines)
    return text + ("" if text.endswith("\n") else "\n") + nodes, question, outcome


def apply(tree: Path) -> tuple[str, str]:
    """Every change at once; returns the new question's and outcome's ids."""
    text, question, outcome = add_question(reword(tree.read_text(encoding="utf-8")))
    tree.write_text(text, encoding="utf-8")
    return question, outcome


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    apply(Path(sys.argv[1]))
