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
    # Which to read first: 0 names its own fix (a suggestion, a naming rule), 1 is a
    # problem in place, 2 is likely a consequence of another (a node nothing reaches).
    rank: int = 1

    def format(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}:{self.column}: {prefix}{_printable(self.message)}"


def _printable(text: str) -> str:
    """Messages quote the contributor's text; control characters and line breaks in it
    (which YAML can spell as escapes) are shown as escapes, one problem per line."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


class TreeError(Exception):
    """The tree cannot be used; carries every problem found so far."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems
