"""tools.yaml after its check, as read-only data for the pages."""

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
class Tools:
    offered_on: Mapping[str, tuple[str, ...]]
    tracking: Mapping[str, Any]
    deadlines: tuple[Mapping[str, Any], ...]
    messages: tuple[Mapping[str, Any], ...]
    replacements: Mapping[str, str]
    path: str = "tools.yaml"
    # texts shown in English for want of a current translation (the renderer marks them)
    fallbacks: frozenset[str] = frozenset()


def build_tools(loaded: Loaded, fallbacks: frozenset[str] = frozenset()) -> Tools:
    data = loaded.data
    return Tools(offered_on=freeze(data["offered_on"]), tracking=freeze(data["tracking"]),
                 deadlines=freeze(data["deadlines"]), messages=freeze(data["messages"]),
                 replacements=freeze(data["replacements"]), path=loaded.path,
                 fallbacks=fallbacks)
