"""Tracking-number formats (tools.yaml carriers' `format`): a list of parts instead of
a regular expression, so no contributor can write a pattern that backtracks for ever.

    [{text: LP}, {digits: [12, 16]}]   # "LP", then 12 to 16 digits

match() keeps the set of positions the parts so far can end at: at most one entry
per character, so the work is linear in the number's length for a given format.
tracking-checker.js runs the same algorithm on the same parts (passed in the page's
JSON data); tests/test_tools_tracking.py holds both to the same vectors.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

CLASSES = {"digits": str.isdigit, "letters": lambda ch: "A" <= ch <= "Z"}


def count_range(count: Any) -> tuple[int, int]:
    return (count, count) if isinstance(count, int) else (count[0], count[1])


def match(parts: Sequence[Mapping[str, Any]], number: str) -> bool:
    """Whether number is exactly the parts, one after another."""
    ends = {0}
    for part in parts:
        following: set[int] = set()
        if "text" in part:
            text = part["text"]
            following = {at + len(text) for at in ends if number.startswith(text, at)}
        else:
            (kind, count), = part.items()
            fewest, most = count_range(count)
            belongs = CLASSES[kind]
            for at in ends:
                run = 0
                while run < most and at + run < len(number) and belongs(number[at + run]):
                    run += 1
                following.update(range(at + fewest, at + run + 1))
        ends = following
        if not ends:
            return False
    return len(number) in ends


def range_problem(parts: Sequence[Mapping[str, Any]]) -> str | None:
    """A count range written the wrong way round, or None."""
    for part in parts:
        for kind in CLASSES:
            if kind in part:
                fewest, most = count_range(part[kind])
                if fewest > most:
                    return f"{kind}: [{fewest}, {most}] has its fewest above its most"
    return None
