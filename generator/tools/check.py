"""Check tools.yaml: its schema (with its own words: tools.schema.json), then what a
schema cannot say: each field's kind (kinds.py: links, message slots), node ids and
fact names that must exist in the tree, letters claimed twice, carrier formats against
their examples."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from .. import kinds, reserved
from ..errors import Problem
from ..loader import Loaded, Location
from ..model import Tree
from ..schema_check import load_schema, schema_problems
from . import formats

SCHEMA_PATH = Path(__file__).resolve().parent.parent.parent / "tools.schema.json"

S10_SHAPE = re.compile(r"[A-Z]{2}[0-9]{9}[A-Z]{2}")
DAY_UNITS = {"days", "working_days"}


def check(loaded: Loaded, tree: Tree | None) -> list[Problem]:
    """Every problem in tools.yaml; the tree's node ids and facts are checked unless
    tree is None (a test tree borrowing the project's tools.yaml)."""
    problems = schema_problems(loaded, SCHEMA_PATH, describe)
    problems += kinds.check(loaded, load_schema(SCHEMA_PATH))
    if not problems:
        problems = [*_node_problems(loaded, tree), *_letter_problems(loaded),
                    *_lookalike_problems(loaded), *_carrier_problems(loaded),
                    *_overlap_problems(loaded), *_deadline_problems(loaded, tree),
                    *_message_problems(loaded)]
    return sorted(set(problems))


def describe(location: Location) -> str:
    """A place in tools.yaml in words: "tracking carrier 2 field 'example'"."""
    if not location:
        return "the file"
    words = []
    for index, part in enumerate(location):
        if isinstance(part, int):
            words.append(f"item {part + 1}")
        elif index == 0:
            words.append(f"'{part}'")
        else:
            words.append(f"field '{part}'")
    return " ".join(words)


def _node_ids(data: dict) -> Iterator[tuple[Location, str]]:
    """Every place in tools.yaml that names a questionnaire step."""
    for tool, ids in data["offered_on"].items():
        for i, node_id in enumerate(ids):
            yield ("offered_on", tool, i), node_id
    tracking = data["tracking"]
    for key in ("bad_check_digit_step", "unknown_step"):
        yield ("tracking", key), tracking[key]
    for family, service in tracking["services"].items():
        yield ("tracking", "services", family, "step"), service["step"]
    for i, carrier in enumerate(tracking["carriers"]):
        yield ("tracking", "carriers", i, "step"), carrier["step"]
    for i, message in enumerate(data["messages"]):
        for j, node_id in enumerate(message["steps"]):
            yield ("messages", i, "steps", j), node_id


def _node_problems(loaded: Loaded, tree: Tree | None) -> Iterator[Problem]:
    if tree is None:
        return
    for location, node_id in _node_ids(loaded.data):
        if node_id not in tree.nodes:
            yield loaded.problem(location, f"node '{node_id}' is not in {Path(tree.path).name}")


def _letter_problems(loaded: Loaded) -> Iterator[Problem]:
    owner: dict[str, str] = {}
    for family, service in loaded.data["tracking"]["services"].items():
        for i, letter in enumerate(service["letters"]):
            if letter in owner:
                yield loaded.problem(("tracking", "services", family, "letters", i),
                                     f"letter {letter} is already in service '{owner[letter]}'")
            owner[letter] = family


def _lookalike_problems(loaded: Loaded) -> Iterator[Problem]:
    """The checker swaps look-alikes after upper-casing what the reader typed; a Latin
    capital or a digit there would change real numbers ('8': B turns every S10 number
    with an 8 into one with a wrong check digit)."""
    for char, latin in loaded.data["tracking"]["lookalikes"].items():
        if re.fullmatch(r"[A-Z0-9]", char):
            yield loaded.problem(("tracking", "lookalikes", char),
                                 f"look-alike '{char}' is a character tracking numbers are made "
                                 f"of: reading it as {latin} would change real numbers; list only "
                                 "characters that look like Latin capitals", key=True)


def _overlap_problems(loaded: Loaded) -> Iterator[Problem]:
    """The checker tries S10 first, then each carrier in order, and names the first
    format that takes a number: a format that takes some of an earlier one's numbers
    (or postal S10 numbers) would name the wrong carrier for them."""
    carriers = loaded.data["tracking"]["carriers"]
    for later, carrier in enumerate(carriers):
        where = ("tracking", "carriers", later, "format")
        name = f"carrier {later + 1} ({carrier['name']})"
        if formats.range_problem(carrier["format"]) or S10_SHAPE.fullmatch(carrier["example"]):
            continue  # said already (_format_problems)
        both = formats.overlap(formats.S10, carrier["format"])
        if both:
            yield loaded.problem(where, f"the format of {name} takes postal (S10) numbers such "
                                        f"as {both}, which the checker reads as S10 first; "
                                        "make it narrower")
            continue
        for earlier in range(later):
            first = carriers[earlier]
            both = None if formats.range_problem(first["format"]) else \
                formats.overlap(first["format"], carrier["format"])
            if both:
                line = loaded.where(("tracking", "carriers", earlier, "format"))[0]
                yield loaded.problem(where, f"the format of {name} overlaps carrier "
                                            f"{earlier + 1} ({first['name']}, line {line}): "
                                            f"both take numbers such as {both}, and the checker "
                                            "names the first; make the formats distinct")
                break


def _carrier_problems(loaded: Loaded) -> Iterator[Problem]:
    for i, carrier in enumerate(loaded.data["tracking"]["carriers"]):
        yield from _format_problems(loaded, ("tracking", "carriers", i), carrier)


def _deadline_problems(loaded: Loaded, tree: Tree | None) -> Iterator[Problem]:
    for i, deadline in enumerate(loaded.data["deadlines"] if tree is not None else ()):
        fact = tree.facts.get(deadline["fact"])
        where = ("deadlines", i, "fact")
        if fact is None:
            yield loaded.problem(where, f"fact '{deadline['fact']}' is not in the tree's facts")
        elif fact.unit not in DAY_UNITS:
            yield loaded.problem(where, f"fact '{fact.name}' counts {fact.unit}; the calculator "
                                        "counts days or working days only")



def _message_problems(loaded: Loaded) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, message in enumerate(loaded.data["messages"]):
        where = ("messages", i)
        why = reserved.message_id_problem(message["id"])
        if why:
            yield loaded.problem(where + ("id",), why)
        if message["id"] in seen:
            yield loaded.problem(where + ("id",), f"message id '{message['id']}' is used twice")
        seen.add(message["id"])
        text = message["text"]
        odd = re.search(r"[^\n -~]", text)
        if odd:
            yield kinds.text_problem(loaded, where + ("text",), odd.start(),
                           f"character {odd.group()!r} (U+{ord(odd.group()):04X}) may be "
                           "garbled by a translator; messages use plain ASCII only")


def _format_problems(loaded: Loaded, where: tuple, carrier: dict) -> Iterator[Problem]:
    parts = carrier["format"]
    wrong_way = formats.range_problem(parts)
    if wrong_way:
        yield loaded.problem(where + ("format",), wrong_way)
    elif not formats.match(parts, carrier["example"]):
        yield loaded.problem(where + ("example",), f"example {carrier['example']} does not "
                             "have the carrier's format")
    elif S10_SHAPE.fullmatch(carrier["example"]):
        yield loaded.problem(where + ("example",), "example has the shape of a postal (S10) "
                             "number; a carrier format must not claim those")
