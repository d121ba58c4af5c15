"""Read-only data: what the pipeline hands on cannot be changed by what reads it."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any


def freeze(value: Any) -> Any:
    """Mappings become read-only views and lists tuples, all the way down; values that
    are already immutable (str, int, date, frozen dataclasses) are kept as they are."""
    if isinstance(value, (dict, MappingProxyType)):
        return MappingProxyType({key: freeze(item) for key, item in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(freeze(item) for item in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(value)
    return value
