"""YAML syntax errors in plain words, at the line to fix.

PyYAML reports where its parser gave up, in its own terms ("expected <block end>, but
found '?'"), often a line or more after the mistake. This module looks at the file
around that point (its tokens, its indentation) and names the likely mistake: a quote
or bracket never closed (where it opened), a line indented off (which line, and the
column expected), a tab (where it is), a colon inside a value. Anything else is still
said without parser jargon.
"""

from __future__ import annotations

import re

import yaml

# How PyYAML names what it found, in words.
_TOKENS = {
    "<block end>": "the end of a block",
    "<block mapping start>": "a key",
    "<block sequence start>": "a list",
    "<block collection start>": "a list",
    "?": "a key",
    "-": "a list item (- )",
    "<scalar>": "text",
    "<stream end>": "the end of the file",
    ":": "a colon",
    ",": "a comma",
    "]": "]",
    "}": "}",
    "[": "[",
    "{": "{",
}
_NAMES = re.compile(r"'([^']*)'|(<[a-z ]+>)")


def explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """(line, column, message), 1-based, for a syntax error in text."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or ""
    lines = text.splitlines()
    tokens = _tokens_until_error(text)

    tab = _tab_near(lines, line, column) if "\\t" in problem or "'\t'" in problem else None
    if tab:
        return tab
    quote = _unclosed_quote(tokens, line)
    if quote:
        return quote
    if exc.context == "while scanning a quoted scalar" and exc.context_mark:
        start = exc.context_mark
        return (start.line + 1, start.column + 1,
                "this quote is never closed; end the text with the same quote mark")
    bracket = _unclosed_bracket(tokens)
    if bracket and "<stream end>" in problem:
        return bracket
    if bracket and exc.context and "flow" in exc.context:
        line, column, _ = bracket
        return line, column, ("a value that starts with [ or { is a list or a mapping to YAML, "
                              "and this one does not read as one; if it is text, put the whole "
                              "value in quotes")
    if problem == "could not find expected ':'" and exc.context_mark:
        start = exc.context_mark
        return (start.line + 1, start.column + 1,
                "this line has no colon after its key; write it as `key: value`")
    if problem.startswith("expected '<document start>'"):
        return line, column, ("this line is outside the file's top-level block; indent it "
                              "under a key above, or remove it")
    if problem == "mapping values are not allowed here":
        return _colon_problem(tokens, lines, line, column)
    if problem.startswith("expected <block end>"):
        found = problem.split("but found ", 1)[-1].strip("'")
        return _indentation_problem(lines, line, column, found, exc.context_mark)
    return line, column, "YAML cannot read this: " + _plain(problem)


def _plain(problem: str) -> str:
    """PyYAML's words with its token names spelled out and its context left out."""
    def word(match: re.Match) -> str:
        name = match.group(1) or match.group(2)
        return _TOKENS.get(name, f"'{name}'")
    return _NAMES.sub(word, problem).replace("but got", "but found").replace(
        "expected the node content", "expected a value")


def _tokens_until_error(text: str) -> list[yaml.Token]:
    tokens: list[yaml.Token] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            tokens.append(token)
    except yaml.YAMLError:
        pass
    return tokens


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


_ITEM_KEY = re.compile(r"^( *)- +([^\s:#][^:#]*?):(?: |$)")


def _under_key(text: str) -> tuple[str, int] | None:
    """For a list item that opens a mapping (`- label: ...`): its key and the column,
    0-based, where the item's other keys stand (under that key)."""
    match = _ITEM_KEY.match(text)
    return (match.group(2), match.end(1) + text[match.end(1):].index(match.group(2))) \
        if match else None


def _content_line(lines: list[str], line: int, step: int) -> int | None:
    """The nearest line with content before (step -1) or after (step 1) a 1-based line."""
    number = line + step
    while 0 < number <= len(lines):
        if _is_content(lines[number - 1]):
            return number
        number += step
    return None


def _misplaced_item(lines: list[str], item: int) -> tuple[int, int, str] | None:
    """A list item indented unlike the list's next item: that item line is the one to
    move (the usual mistake: one `- ` two spaces off)."""
    text = lines[item - 1]
    if not text.lstrip().startswith("- "):
        return None
    opener = _content_line(lines, item, -1)
    floor = _indent(lines[opener - 1]) if opener else -1
    number = _content_line(lines, item, 1)
    while number is not None:
        other = lines[number - 1]
        if _indent(other) <= floor and not other.lstrip().startswith("- "):
            return None
        if other.lstrip().startswith("- ") and _indent(other) != _indent(text) and \
                _indent(other) > floor:
            return item, _indent(text) + 1, (
                f"line {item} is a list item indented {_indent(text)} spaces, but the next "
                f"item of its list (line {number}) {_indent(other)}; line them up (column "
                f"{_indent(other) + 1})")
        if other.lstrip().startswith("- ") and _indent(other) == _indent(text):
            return None
        number = _content_line(lines, number, 1)
    return None


def _tab_near(lines: list[str], line: int, column: int) -> tuple[int, int, str] | None:
    """The tab PyYAML stopped at (or the first on its line)."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    at = column - 1 if text[column - 1:column] == "\t" else text.find("\t")
    if at < 0:
        return None
    before = text[:at]
    if not before.strip():
        return line, at + 1, "a tab character in the indentation; indent with spaces"
    return line, at + 1, (f"a tab character after '{before.strip()}'; YAML needs spaces "
                          "here, not tabs")


def _unclosed_quote(tokens: list[yaml.Token], line: int) -> tuple[int, int, str] | None:
    """A quoted text that runs over a line end up to the error: its quote was most
    likely never closed (YAML reads on to the next quote mark, on another line)."""
    for token in reversed(tokens):
        if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and \
                token.end_mark.line > token.start_mark.line and \
                token.end_mark.line + 1 >= line - 1:
            start = token.start_mark
            return (start.line + 1, start.column + 1,
                    f"the quote ({token.style}) opened here is not closed on this line, so "
                    f"YAML reads on to the next {token.style} (line {token.end_mark.line + 1}); "
                    "close it on this line")
    return None


def _unclosed_bracket(tokens: list[yaml.Token]) -> tuple[int, int, str] | None:
    opened: list[yaml.Token] = []
    for token in tokens:
        if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
            opened.append(token)
        elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and opened:
            opened.pop()
    if not opened:
        return None
    token = opened[-1]
    mark, closing = token.start_mark, "]" if isinstance(token, yaml.FlowSequenceStartToken) else "}"
    opening = "[" if closing == "]" else "{"
    return (mark.line + 1, mark.column + 1,
            f"the {opening} opened here is never closed; close it with {closing}")


def _colon_problem(tokens: list[yaml.Token], lines: list[str], line: int,
                   column: int) -> tuple[int, int, str]:
    """A colon where YAML cannot start a key: inside one line's value, or on a line
    that YAML reads as more of the text above it."""
    scalar = next((t for t in reversed(tokens) if isinstance(t, yaml.ScalarToken)), None)
    if scalar is None or scalar.start_mark.line + 1 == line:
        return line, column, ("a colon followed by a space inside a value; put the whole "
                              "value in quotes (key: \"text: more text\")")
    start = scalar.start_mark.line + 1
    first = lines[start - 1]
    if scalar.start_mark.column == _indent(first):
        return start, _indent(first) + 1, (f"line {start} has no colon after its key; write "
                                           "it as `key: value`")
    own, here = _indent(first), _indent(lines[line - 1])
    misplaced = _misplaced_item(lines, start)
    if misplaced:
        return misplaced
    before = _content_line(lines, start, -1)
    if before is not None and here > own:
        above = lines[before - 1]
        item = _under_key(above)
        if own < _indent(above) and item:
            # line `start` is dedented out of the list item above it
            return start, own + 1, (
                f"line {start} is indented {own} spaces, less than the lines around it; "
                f"line it up under `{item[0]}:` on line {before} (column {item[1] + 1})")
        if own == _indent(above) and above.rstrip().endswith(":") and \
                not above.lstrip().startswith("- "):
            # line `start` stands beside the key whose block it belongs in
            return start, own + 1, (
                f"line {start} is indented {own} spaces, as much as line {before}, whose "
                f"block it belongs in; line it up with line {line} (column {here + 1})")
    item = _under_key(first)
    key = f"under `{item[0]}:` on line {start} (column {item[1] + 1})" if item else \
        f"with line {start} (column {own + 1})"
    return line, here + 1, (
        f"line {line} is indented {here} spaces, more than line {start} ({own}), so YAML "
        f"reads it as more of line {start}'s text; line it up {key}")


def _indentation_problem(lines: list[str], line: int, column: int, found: str,
                         context: yaml.Mark | None) -> tuple[int, int, str]:
    """A line that starts at a column no open block uses. Blame the line whose
    indentation breaks the file's two-space steps when there is one."""
    here = _indent(lines[line - 1]) if 0 < line <= len(lines) else column - 1
    above = [(n, _indent(lines[n - 1])) for n in range(line - 1, 0, -1)
             if _is_content(lines[n - 1])]
    chain, limit = [], None
    for number, indent in above:  # the lines this one could line up with
        if limit is None or indent < limit:
            chain.append((number, indent))
            limit = indent
    if found == "?" and context is not None and lines[context.line].lstrip().startswith("- "):
        misplaced = _misplaced_item(lines, context.line + 1)
        if misplaced:
            return misplaced
        before = _content_line(lines, line, -1)
        item = _under_key(lines[before - 1]) if before else None
        if item and here == _indent(lines[before - 1]):
            return line, here + 1, (
                f"line {line} is indented {here} spaces, as far as the list item's dash on "
                f"line {before}; to keep it in that item, line it up under `{item[0]}:` "
                f"(column {item[1] + 1})")
        owner = next(((n, i) for n, i in chain if i < context.column), None)
        where = f"line it up with line {owner[0]} (column {owner[1] + 1})" if owner \
            else "indent it less"
        return line, here + 1, (f"a key where the list that starts on line {context.line + 1} "
                                f"expects another item (- ); to end the list, {where}")
    if here in {indent for _, indent in chain}:
        return line, column, "YAML cannot read this: " + _plain(
            f"expected <block end>, but found '{found}'")
    first_child = len(chain) >= 2 and _content_line(lines, chain[0][0], -1) == chain[1][0]
    # the line above is the one off: at an odd column, or the first of its block, where
    # this line (at an even one) and the lines after it stand
    if len(chain) >= 2 and chain[0][1] > here > chain[1][1] and not here % 2 and \
            (chain[0][1] % 2 or first_child):
        previous, indent = chain[0]
        return previous, indent + 1, (
            f"line {previous} is indented {indent} spaces, but line {line}, in the same block, "
            f"{here}; line them up (column {here + 1})")
    options = " or ".join(f"line {n} (column {i + 1})" for n, i in chain[:2] if i != here)
    return line, here + 1, (f"line {line} is indented {here} spaces, which matches no line "
                            f"above it; line it up with {options}")
