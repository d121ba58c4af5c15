"""tools.yaml after its check, as read-only data for the pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ..loader import Loaded
from ..readonly import freeze


@dataclass(frozen=True)
class Tools:
    offered_on: Mapping[str, tuple[str, ...]]
    tracking: Mapping[str, Any]
    deadlines: tuple[Mapping[str, Any], ...]
    messages: tuple[Mapping[str, Any], ...]
    replacements: Mapping[str, str]
    path: str = "tools.yaml"


def build_tools(loaded: Loaded) -> Tools:
    data = loaded.data
    return Tools(offered_on=freeze(data["offered_on"]), tracking=freeze(data["tracking"]),
                 deadlines=freeze(data["deadlines"]), messages=freeze(data["messages"]),
                 replacements=freeze(data["replacements"]), path=loaded.path)
