"""Tracking-number formats (tools.yaml carriers' `format`): a list of parts instead of
a regular expression, so no contributor can write a pattern that backtracks for ever.

    [{text: LP}, {digits: [12, 16]}]   # "LP", then 12 to 16 digits

match() keeps the set of positions the parts so far can end at: at most one entry
per character, so the work is linear in the number's length for a given format.
tracking-checker.js runs the same algorithm on the same parts (passed in the page's
JSON data); tests/test_tools_tracking.py holds both to the same vectors.
"""

from __future__ import annotations

from functools import lru_cache
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


def _ends(parts: Sequence[Mapping[str, Any]], place: tuple[int, int]) -> list[tuple[int, int]]:
    """place (part index, characters read in it) and every place reached from it
    without reading: a text read whole, or a run at least its fewest long, may end."""
    found = [place]
    index, read = place
    while index < len(parts):
        part = parts[index]
        done = read == len(part["text"]) if "text" in part else \
            read >= count_range(next(iter(part.values())))[0]
        if not done:
            break
        index, read = index + 1, 0
        found.append((index, read))
    return found


def _wants(parts: Sequence[Mapping[str, Any]], place: tuple[int, int]):
    """What the next character may be at place: a character, a class name, or None."""
    index, read = place
    if index == len(parts):
        return None
    part = parts[index]
    if "text" in part:
        return part["text"][read] if read < len(part["text"]) else None
    (kind, count), = part.items()
    return kind if read < count_range(count)[1] else None


def _common(one, two) -> str | None:
    """A character both wants allow (a class stands for its first member)."""
    if one is None or two is None:
        return None
    if one in CLASSES and two in CLASSES:
        return {"digits": "0", "letters": "A"}[one] if one == two else None
    if one in CLASSES:
        one, two = two, one
    return one if two not in CLASSES and one == two or two in CLASSES and CLASSES[two](one) \
        else None


def overlap(first: Sequence[Mapping[str, Any]], second: Sequence[Mapping[str, Any]]) -> str | None:
    """The shortest number both formats take, or None when no number fits both.
    Breadth first over pairs of places, one in each format (at most 8 parts of at most
    40 characters: some 100,000 pairs), reading one character at a time."""
    ends_one = lru_cache(maxsize=None)(lambda place: tuple(_ends(first, place)))
    ends_two = lru_cache(maxsize=None)(lambda place: tuple(_ends(second, place)))
    start = ((0, 0), (0, 0))
    seen: dict = {start: ""}
    queue = [start]
    for pair in queue:  # grows while read: breadth first
        for one in ends_one(pair[0]):
            for two in ends_two(pair[1]):
                if one[0] == len(first) and two[0] == len(second):
                    return seen[pair]
                char = _common(_wants(first, one), _wants(second, two))
                following = ((one[0], one[1] + 1), (two[0], two[1] + 1))
                if char is not None and following not in seen:
                    seen[following] = seen[pair] + char
                    queue.append(following)
    return None
