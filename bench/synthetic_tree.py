"""Write a valid synthetic decision tree of N nodes, for the benchmark.

The nodes form a binary tree in heap order (node i answers to nodes 2i+1 and 2i+2):
questions inside, outcomes at the leaves, every node reachable, no cycle. Text is
about as long as the real tree's, and every fact and required guide is used, so the
validator passes with no warning (mkdocs --strict would stop on one).

    python bench/synthetic_tree.py 1000 /tmp/tree-1000.yaml

grow_real_tree() instead grows the real tree, Russian included (bench/scale.py).
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


# --- the real tree grown to N nodes, with its Russian translation ----------------------

WORDS = ("order seller parcel tracking carrier dispute refund status days screenshot "
         "customs courier locker address label photo message receipt protection timer "
         "warehouse sorting centre delivery notice payment evidence video weight box").split()
RU_WORDS = ("заказ продавец посылка трек перевозчик спор возврат статус дни скриншот "
            "таможня курьер постамат адрес этикетка фото сообщение получение защита таймер "
            "склад сортировка центр доставка извещение оплата доказательство видео вес "
            "коробка").split()


def _sentence(words: tuple[str, ...] | list[str], seed: int, length: int = 14) -> str:
    """Varied text (gzip must not find the same sentence a thousand times)."""
    picked = [words[(seed * 7 + n * 13 + (seed >> n % 5)) % len(words)] for n in range(length)]
    return f"{picked[0].capitalize()} {' '.join(picked[1:])} {seed}."


def grow_real_tree(total: int, folder: Path, root: Path) -> Path:
    """folder/decision_tree.yaml: the real tree (root's) plus synthetic nodes up to
    `total`, a binary tree under one more answer of the first question, every text in
    folder/translations/ru.yaml as well (with its source hash: no warning). Returns the
    tree's path; tools.yaml is the project's (borrowed, pipeline.py)."""
    from generator.translate import fingerprint

    tree = yaml.safe_load((root / "decision_tree.yaml").read_text(encoding="utf-8"))
    ru = yaml.safe_load((root / "translations" / "ru.yaml").read_text(encoding="utf-8"))
    extra = total - len(tree["nodes"])
    if extra < 3:
        return _write(folder, tree, ru)
    guide = next(iter(tree["guides"]))
    source = next(n for n in tree["nodes"].values() if n["type"] == "outcome")["sources"][:1]
    fact = next(iter(tree["facts"]))

    def both(seed: int, length: int = 14) -> tuple[str, dict]:
        english = _sentence(WORDS, seed, length)
        return english, {"source_hash": fingerprint(english), "text": _sentence(RU_WORDS, seed, length)}

    def sid(index: int) -> str:
        return f"grown-{index}"

    start = tree["nodes"][tree["start"]]
    label, ru_label = both(10**6, 6)
    start["answers"].append({"label": label, "next": sid(0)})
    ru["nodes"][tree["start"]]["answers"].append({"label": ru_label})
    for index in range(extra):
        children = [c for c in (2 * index + 1, 2 * index + 2) if c < extra]
        if len(children) == 1:
            children.append(extra - 1 if extra - 1 != children[0] else extra - 2)
        title, ru_title = both(index * 10 + 1, 8)
        if children:
            text, ru_text = both(index * 10 + 2)
            answers = [both(index * 10 + 3 + n, 7) for n in range(len(children))]
            tree["nodes"][sid(index)] = {"type": "question", "title": title, "text": text,
                                         "answers": [{"label": a[0], "next": sid(c)}
                                                     for a, c in zip(answers, children)]}
            ru["nodes"][sid(index)] = {"title": ru_title, "text": ru_text,
                                       "answers": [{"label": a[1]} for a in answers]}
        else:
            summary, ru_summary = both(index * 10 + 2, 30)
            steps = [both(index * 10 + 3 + n, 20) for n in range(3)]
            deadline = f"Act within {{{{ facts.{fact} }}}}."
            evidence, ru_evidence = both(index * 10 + 7, 10)
            avoid, ru_avoid = both(index * 10 + 8, 10)
            tree["nodes"][sid(index)] = {
                "type": "outcome", "title": title, "summary": summary,
                "steps": [s[0] for s in steps], "deadline": deadline, "evidence": [evidence],
                "avoid": [avoid], "guide": guide, "sources": source}
            ru["nodes"][sid(index)] = {
                "title": ru_title, "summary": ru_summary, "steps": [s[1] for s in steps],
                "deadline": {"source_hash": fingerprint(deadline),
                             "text": f"Действуйте в течение {{{{ facts.{fact} }}}}."},
                "evidence": [ru_evidence], "avoid": [ru_avoid]}
    return _write(folder, tree, ru)


class _NoAliases(yaml.SafeDumper):
    """The loader refuses anchors and aliases: write shared values out each time."""

    def ignore_aliases(self, data):
        return True


def _write(folder: Path, tree: dict, ru: dict) -> Path:
    (folder / "translations").mkdir(parents=True, exist_ok=True)
    for data, path in ((ru, folder / "translations" / "ru.yaml"),
                       (tree, folder / "decision_tree.yaml")):
        path.write_text(yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True,
                                  width=100), encoding="utf-8")
    return folder / "decision_tree.yaml"
