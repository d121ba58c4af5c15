"""Rules the tools' scripts apply in the browser and the build applies in Python, each
defined once, here. pages.py gives them to the scripts in each page's JSON data (so no
script holds its own copy), and the page's rules take their figures from here too.

- S10: a UPU S10 postal number, in the parts of formats.py, and its check-digit weights.
- Plain ASCII: what a dispute message may hold (check.py refuses anything else in
  tools.yaml; dispute-message.js flags it in what a reader types).
"""

from __future__ import annotations

# UPU S10: 2 letters (the service), 8 digits and a check digit, 2 letters (the country).
# The checker reads a number as S10 before any carrier's format (tracking-checker.js).
S10 = ({"letters": 2}, {"digits": 9}, {"letters": 2})
# The check digit: the 8 digits times these weights, summed; 11 - (sum mod 11), where
# 10 gives 0 and 11 gives 5.
S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)

# Plain ASCII a seller's machine translator leaves alone: a line break and the printable
# characters, space to tilde, as (first, last) code points.
PLAIN_ASCII = ((0x0A, 0x0A), (0x20, 0x7E))


def is_plain(character: str) -> bool:
    return any(first <= ord(character) <= last for first, last in PLAIN_ASCII)


def first_not_plain(text: str) -> int | None:
    """The index of text's first character that is not plain ASCII, or None."""
    return next((i for i, character in enumerate(text) if not is_plain(character)), None)

