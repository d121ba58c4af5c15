"""tools.yaml after its check, as a typed, read-only model like the tree's (model.py):
the pages and their templates read fields, never the schema's keys as strings. One
Tools per language: its texts are that language's (translate.localize), with the
English kept where no current translation exists (fallbacks)."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Mapping

from ..loader import Loaded


def freeze(value: Any) -> Any:
    """Mappings become read-only views and lists tuples, all the way down."""
    if isinstance(value, dict):
        return MappingProxyType({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(freeze(item) for item in value)
    return value


@dataclass(frozen=True)
class Service:
    """A family of UPU S10 services, by the number's first letter."""

    name: str
    letters: tuple[str, ...]
    meaning: str
    step: str  # the questionnaire step for such a number


@dataclass(frozen=True)
class Carrier:
    """A carrier's own (non-S10) number format."""

    name: str
    format: tuple[Mapping[str, Any], ...]  # parts: {text: LP}, {digits: [12, 16]}, ...
    example: str
    meaning: str
    track_at: str
    step: str
    source: str


@dataclass(frozen=True)
class Tracking:
    source: str
    lookalikes: Mapping[str, str]  # a Cyrillic letter -> the Latin one it looks like
    services: Mapping[str, Service]
    s10_track_at: str
    bad_check_digit_step: str
    unknown_step: str
    carriers: tuple[Carrier, ...]


@dataclass(frozen=True)
class Deadline:
    """A date the calculator lists: a fact counted from one of the reader's dates."""

    fact: str
    start: str  # tools.yaml `from`: protection_end, window_start, ...
    direction: str  # before or after
    label: str
    rule: str  # with the slot {fact}


@dataclass(frozen=True)
class Message:
    """A dispute message: English, to send; its meaning in the page's language."""

    id: str
    situation: str
    date_label: str
    steps: tuple[str, ...]
    text: str
    meaning: str | None = None  # None in English


@dataclass(frozen=True)
class Tools:
    offered_on: Mapping[str, tuple[str, ...]]  # tool name -> the steps that offer it
    tracking: Tracking
    deadlines: tuple[Deadline, ...]
    messages: tuple[Message, ...]
    replacements: Mapping[str, str]
    path: str = "tools.yaml"
    # texts shown in English for want of a current translation (the renderer marks them)
    fallbacks: frozenset[str] = frozenset()


def build_tools(loaded: Loaded, fallbacks: frozenset[str] = frozenset()) -> Tools:
    data = loaded.data
    tracking = data["tracking"]
    return Tools(
        offered_on=freeze(data["offered_on"]),
        tracking=Tracking(
            source=tracking["source"], lookalikes=freeze(tracking["lookalikes"]),
            services=MappingProxyType({
                name: Service(name, tuple(s["letters"]), s["meaning"], s["step"])
                for name, s in tracking["services"].items()}),
            s10_track_at=tracking["s10_track_at"],
            bad_check_digit_step=tracking["bad_check_digit_step"],
            unknown_step=tracking["unknown_step"],
            carriers=tuple(Carrier(c["name"], freeze(c["format"]), c["example"], c["meaning"],
                                   c["track_at"], c["step"], c["source"])
                           for c in tracking["carriers"])),
        deadlines=tuple(Deadline(d["fact"], d["from"], d["direction"], d["label"], d["rule"])
                        for d in data["deadlines"]),
        messages=tuple(Message(m["id"], m["situation"], m["date_label"], tuple(m["steps"]),
                               m["text"], m.get("meaning")) for m in data["messages"]),
        replacements=freeze(data["replacements"]), path=loaded.path, fallbacks=fallbacks)
