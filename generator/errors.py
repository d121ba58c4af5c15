"""Problems found in a contributor's file, reported as PATH:LINE:COLUMN: message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning, pointing at a place in the tree file (1-based)."""

    line: int
    column: int
    message: str
    path: str = ""
    severity: str = "error"  # or "warning"

    def format(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"


class TreeError(Exception):
    """The tree cannot be used; carries every problem found so far."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems
