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
        return f"{self.path}:{self.line}:{self.column}: {prefix}{_printable(_short(self.message))}"


# Messages quote values through shown(); this is the net under it: no message, whatever
# it quotes, prints a contributor's 100 KB value in full.
MESSAGE_LIMIT = 1000


def _short(message: str) -> str:
    if len(message) <= MESSAGE_LIMIT:
        return message
    return message[:MESSAGE_LIMIT - 40] + f"… ({len(message):,} characters, cut)"


def shown(value: object, limit: int = 60) -> str:
    """A contributor's value quoted in a message: repr() of text, cut after limit
    characters with its length, so a huge value never fills the terminal."""
    if isinstance(value, str) and len(value) > limit:
        return repr(value[:limit])[:-1] + f"…' ({len(value):,} characters)"
    if isinstance(value, int) and value.bit_length() > 64:
        return f"a number of {value.bit_length():,} bits"
    return repr(value) if isinstance(value, str) else str(value)


def _printable(text: str) -> str:
    """Messages quote the contributor's text; control characters and line breaks in it
    (which YAML can spell as escapes) are shown as escapes, one problem per line."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


class TreeError(Exception):
    """The tree cannot be used; carries every problem found so far."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems
