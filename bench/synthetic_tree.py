"""Write a valid synthetic decision tree of N nodes, for the benchmark.

The nodes form a binary tree in heap order (node i answers to nodes 2i+1 and 2i+2):
questions inside, outcomes at the leaves, every node reachable, no cycle. Text is
about as long as the real tree's, and every fact and required guide is used, so the
validator passes with no warning (mkdocs --strict would stop on one).

    python bench/synthetic_tree.py 1000 /tmp/tree-1000.yaml

grow_real_tree() instead grows the real tree, every configured language's translation
included (bench/scale.py).
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


# --- the real tree grown to N nodes, with every language's translation ----------------

WORDS = ("order seller parcel tracking carrier dispute refund status days screenshot "
         "customs courier locker address label photo message receipt protection timer "
         "warehouse sorting centre delivery notice payment evidence video weight box").split()


def _sentence(words: tuple[str, ...] | list[str], seed: int, length: int = 14) -> str:
    """Varied text (gzip must not find the same sentence a thousand times)."""
    picked = [words[(seed * 7 + n * 13 + (seed >> n % 5)) % len(words)] for n in range(length)]
    return f"{picked[0].capitalize()} {' '.join(picked[1:])} {seed}."


def _texts(data) -> list[str]:
    """Every translated text in a translation file (the `text` of each entry)."""
    if isinstance(data, dict):
        found = [data["text"]] if isinstance(data.get("text"), str) else []
        return found + [t for key, value in data.items() if key != "text" for t in _texts(value)]
    if isinstance(data, list):
        return [t for value in data for t in _texts(value)]
    return []


def language_words(translation: dict) -> list[str]:
    """The language's own words, from its translation file: its size of words and its
    letters (bytes per character), whatever the language, with no list kept here."""
    return sorted({word.lower() for text in _texts(translation) for word in text.split()
                   if word.isalpha() and len(word) > 2})


def grow_real_tree(total: int, folder: Path, root: Path) -> Path:
    """folder/decision_tree.yaml: the real tree (root's) plus synthetic nodes up to
    `total`, a binary tree under one more answer of the first question, every text in
    folder/translations/LANG.yaml as well for every configured language (languages.yaml,
    words drawn from that language's own translation; each with its source hash: no
    warning). Returns the tree's path; tools.yaml is the project's (borrowed,
    pipeline.py)."""
    from generator import languages
    from generator.translate import fingerprint

    tree = yaml.safe_load((root / "decision_tree.yaml").read_text(encoding="utf-8"))
    translations = {lang: yaml.safe_load((root / "translations" / f"{lang}.yaml")
                                         .read_text(encoding="utf-8"))
                    for lang in languages.translated(root)}
    extra = total - len(tree["nodes"])
    if extra < 3:
        return _write(folder, tree, translations)
    words = {lang: language_words(data) for lang, data in translations.items()}
    guide = next(iter(tree["guides"]))
    source = next(n for n in tree["nodes"].values() if n["type"] == "outcome")["sources"][:1]
    fact = next(iter(tree["facts"]))

    def each(seed: int, length: int = 14) -> tuple[str, dict[str, dict]]:
        """An English text and its translation into every language."""
        english = _sentence(WORDS, seed, length)
        return english, {lang: {"source_hash": fingerprint(english),
                                "text": _sentence(words[lang], seed, length)}
                         for lang in translations}

    def sid(index: int) -> str:
        return f"grown-{index}"

    start = tree["nodes"][tree["start"]]
    label, labels = each(10**6, 6)
    start["answers"].append({"label": label, "next": sid(0)})
    for lang, data in translations.items():
        data["nodes"][tree["start"]]["answers"].append({"label": labels[lang]})
    for index in range(extra):
        children = [c for c in (2 * index + 1, 2 * index + 2) if c < extra]
        if len(children) == 1:
            children.append(extra - 1 if extra - 1 != children[0] else extra - 2)
        title, titles = each(index * 10 + 1, 8)
        if children:
            text, texts = each(index * 10 + 2)
            answers = [each(index * 10 + 3 + n, 7) for n in range(len(children))]
            tree["nodes"][sid(index)] = {"type": "question", "title": title, "text": text,
                                         "answers": [{"label": a[0], "next": sid(c)}
                                                     for a, c in zip(answers, children)]}
            for lang, data in translations.items():
                data["nodes"][sid(index)] = {"title": titles[lang], "text": texts[lang],
                                             "answers": [{"label": a[1][lang]} for a in answers]}
        else:
            summary, summaries = each(index * 10 + 2, 30)
            steps = [each(index * 10 + 3 + n, 20) for n in range(3)]
            deadline = f"Act within {{{{ facts.{fact} }}}}."
            evidence, evidences = each(index * 10 + 7, 10)
            avoid, avoids = each(index * 10 + 8, 10)
            tree["nodes"][sid(index)] = {
                "type": "outcome", "title": title, "summary": summary,
                "steps": [s[0] for s in steps], "deadline": deadline, "evidence": [evidence],
                "avoid": [avoid], "guide": guide, "sources": source}
            for lang, data in translations.items():
                words_before = _sentence(words[lang], index * 10 + 9, 3).rsplit(" ", 1)[0]
                data["nodes"][sid(index)] = {
                    "title": titles[lang], "summary": summaries[lang],
                    "steps": [s[1][lang] for s in steps],
                    "deadline": {"source_hash": fingerprint(deadline),
                                 "text": f"{words_before} {{{{ facts.{fact} }}}}."},
                    "evidence": [evidences[lang]], "avoid": [avoids[lang]]}
    return _write(folder, tree, translations)


class _NoAliases(yaml.SafeDumper):
    """The loader refuses anchors and aliases: write shared values out each time."""

    def ignore_aliases(self, data):
        return True


def _write(folder: Path, tree: dict, translations: dict[str, dict]) -> Path:
    (folder / "translations").mkdir(parents=True, exist_ok=True)
    for data, path in (*((data, folder / "translations" / f"{lang}.yaml")
                         for lang, data in translations.items()),
                       (tree, folder / "decision_tree.yaml")):
        path.write_text(yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True,
                                  width=100), encoding="utf-8")
    return folder / "decision_tree.yaml"
