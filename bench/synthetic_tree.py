"""Write a valid synthetic decision tree of N nodes, for the benchmark.

The nodes form a binary tree in heap order (node i answers to nodes 2i+1 and 2i+2):
questions inside, outcomes at the leaves, every node reachable, no cycle. Text is
about as long as the real tree's, and every fact and required guide is used, so the
validator passes with no warning (mkdocs --strict would stop on one).

    python bench/synthetic_tree.py 1000 /tmp/tree-1000.yaml
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import yaml

from generator.validate import REQUIRED_GUIDES

SENTENCE = ("Open the order page and look at the status line; it tells you what the "
            "seller and the carrier last reported.")


def node_id(index: int) -> str:
    return f"node-{index}"


def question(index: int, children: list[int]) -> dict:
    return {"type": "question", "title": f"Question {index}: what does the order page say?",
            "text": SENTENCE,
            "answers": [{"label": f"Answer {child}: the status says step {child}",
                         "next": node_id(child)} for child in children]}


def outcome(index: int, guide: str) -> dict:
    return {"type": "outcome", "title": f"Outcome {index}: open a dispute",
            "summary": f"{SENTENCE} The seller has {{{{ facts.answer_days }}}} to answer.",
            "steps": [SENTENCE, "Press Open dispute and describe what happened.",
                      "Attach the screenshots."],
            "deadline": "Act within {{ facts.answer_days }}.",
            "evidence": ["A screenshot of the tracking page."],
            "avoid": ["Do not confirm receipt."],
            "guide": guide, "sources": ["AliExpress help"]}


def make_tree(size: int) -> dict:
    if size < 3:
        raise ValueError("a tree needs at least 3 nodes")
    nodes = {}
    for index in range(size):
        children = [child for child in (2 * index + 1, 2 * index + 2) if child < size]
        if len(children) == 1:  # a question with one answer: give it a second, to a leaf
            children.append(size - 1 if size - 1 != children[0] else size - 2)
        nodes[node_id(index)] = (question(index, children) if children else
                                 outcome(index, REQUIRED_GUIDES[index % len(REQUIRED_GUIDES)]))
    guides = {slug: {"title": f"Guide {slug}", "summary": SENTENCE, "starts_at": node_id(0),
                     "sections": [{"heading": "What to do", "text": SENTENCE}],
                     "sources": ["AliExpress help"]} for slug in REQUIRED_GUIDES}
    facts = {"answer_days": {"label": "Seller's time to answer", "value": 5, "unit": "days",
                             "source": "AliExpress help", "checked": date.today().isoformat()}}
    return {"start": node_id(0), "facts": facts, "guides": guides, "nodes": nodes}


def write_tree(size: int, path: Path) -> Path:
    path.write_text(yaml.safe_dump(make_tree(size), sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    return path


if __name__ == "__main__":
    write_tree(int(sys.argv[1]), Path(sys.argv[2]))
