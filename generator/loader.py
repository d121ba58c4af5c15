"""Read the tree file into plain Python data, remembering where every value stood.

PyYAML's own loaders silently keep the last of two equal keys and expand aliases
without limit, so we compose the node graph ourselves and build the data from it:
equal keys and aliases become errors with a line number, and nothing a contributor
can write ends in a traceback.
"""

from __future__ import annotations

import hashlib
import itertools
import pickle
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from . import yaml_errors
from .errors import Problem, TreeError
from .errors import shown as quoted

# A data file larger than this is a mistake (the wrong file, a paste gone wrong). Set
# from measured growth: the real tree takes about 1.9 KB a node in English and 3.3 KB
# in Russian (Cyrillic: two bytes a letter), so a 1,000-node tree needs about 2 MB and
# its translation 3.3 MB; 8 MB leaves more than twice that.
MAX_BYTES = 8_000_000
MAX_DEPTH = 50  # the tree nests about 8 levels deep

# A place in the data: a tuple of mapping keys and list indexes.
Location = tuple


def walk(data: Any, location: Location = ()) -> Iterator[tuple[Location, Any]]:
    """Every place in loaded data, the data itself first: (location, value)."""
    yield location, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk(value, location + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk(value, location + (index,))


def texts(data: Any, location: Location = ()) -> Iterator[tuple[Location, str]]:
    """Every string in loaded data, with its location."""
    return ((at, value) for at, value in walk(data, location) if isinstance(value, str))


@dataclass
class Loaded:
    """The file's data and, for every location in it, where it stood (line, column)."""

    data: Any
    path: str
    positions: dict[Location, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Location, tuple[int, int]] = field(default_factory=dict)
    lines: int = 1
    text: str = ""  # the file as read, for messages that point inside a block of text

    def where(self, location: Location, key: bool = False) -> tuple[int, int]:
        """Line and column of a location, or of its nearest ancestor we know."""
        table = self.key_positions if key else self.positions
        loc = tuple(location)
        while loc:
            if loc in table:
                return table[loc]
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, location: Location, message: str, key: bool = False,
                severity: str = "error", rank: int = 1) -> Problem:
        line, column = self.where(location, key)
        return Problem(line, column, message, self.path, severity, rank)


def load_file(path: str | Path) -> Loaded:
    """Load a tree file; raise TreeError with readable problems if it cannot be read."""
    return load_bytes(read_bytes(path), str(path))


def load_file_kept(path: str | Path) -> Loaded:
    """load_file, a file read as before taken from the cache folder (build_cache.py):
    parsing the tree and its translations was a twentieth of a build's CPU. Kept under
    the file's bytes and name, PyYAML's version and parser, and the generator's code;
    a file with problems is never kept, so its messages are always made anew."""
    from . import build_cache

    raw = read_bytes(path)
    if build_cache.folder() is None or len(raw) > MAX_BYTES:
        return load_bytes(raw, str(path))
    key = (hashlib.sha256(raw).hexdigest(), str(path), yaml.__version__, yaml.__with_libyaml__)
    return pickle.loads(build_cache.kept_bytes(
        "loaded", key, lambda: pickle.dumps(load_bytes(raw, str(path)), pickle.HIGHEST_PROTOCOL)))


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, or TreeError saying why it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise TreeError([Problem(1, 1, f"cannot read the file: {exc.strerror or exc}",
                                 str(path))])


def load_bytes(raw: bytes, shown: str) -> Loaded:
    if len(raw) > MAX_BYTES:
        raise TreeError([Problem(1, 1, f"the file is {len(raw):,} bytes; the limit is "
                                 f"{MAX_BYTES:,} (is this the right file?)", shown)])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise TreeError([Problem(line, column, "the file is not UTF-8 text "
                                 f"(byte 0x{raw[exc.start]:02x}); save it as UTF-8", shown)])
    bad = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if bad:
        line, column = _line_col(text, bad.start())
        raise TreeError([Problem(line, column, f"control character U+{ord(bad.group()):04X} "
                                 "is not allowed; remove it", shown)])
    # anywhere in the file, comments too: a bidi control in a comment can reorder how
    # the lines around it read in a review (Trojan Source)
    hidden = [Problem(*_line_col(text, at), invisible_message(text[at]), shown)
              for at in itertools.islice(invisible_characters(text), 20)]
    if hidden:
        raise TreeError(hidden)
    try:
        root = _compose(text)
    except _AliasFound as exc:
        raise TreeError([Problem(exc.line, exc.column, "anchors and aliases (&name, *name) "
                                 "are not supported; write the value out", shown)])
    except yaml.MarkedYAMLError as exc:
        raise TreeError([_syntax_problem(exc, text, shown)])
    except yaml.YAMLError as exc:  # errors without a position
        raise TreeError([Problem(1, 1, f"YAML syntax error: {exc}", shown)])
    except RecursionError:
        raise TreeError([Problem(1, 1, "the file nests too deeply to read", shown)])
    loaded = Loaded(None, shown, lines=text.count("\n") + 1, text=text)
    if root is None:
        raise TreeError([Problem(1, 1, "the file is empty; it must hold the tree "
                                 "(start, facts, guides, nodes)", shown)])
    builder = _Builder(loaded)
    loaded.data = builder.build(root, (), 0)
    problems = builder.problems or list(_character_problems(loaded))
    if problems:
        raise TreeError(sorted(problems))
    return loaded


def _compose(text: str) -> yaml.Node | None:
    """libyaml (C, ~20 times faster: `make serve` rebuilds within a second) when it
    reads the file without complaint; otherwise PyYAML's own parser, whose errors and
    positions the messages are written for, and which stops at the first alias. (A
    file with a tab goes the slow way too: libyaml accepts some that PyYAML refuses.)"""
    if yaml.__with_libyaml__ and "\t" not in text:
        try:
            if not any(isinstance(event, yaml.AliasEvent)
                       for event in yaml.parse(text, Loader=yaml.CSafeLoader)):
                return yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=_NoAliasLoader)


# Characters no text of ours may hold, checked on the values as loaded (YAML escapes
# such as "\x9b" or "\ud800" already turned into characters): C0 and C1 controls but
# the line break, DEL, lone surrogates (they cannot be written as UTF-8) and Unicode
# non-characters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF).
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                       + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
                                 for plane in range(17)) + "]")


def forbidden_character(text: str) -> str | None:
    """Why text cannot be used, or None: the first character it may not hold."""
    bad = FORBIDDEN.search(text)
    if bad is None:
        return invisible_character(text)
    code = ord(bad.group())
    kind = ("a lone surrogate" if 0xD800 <= code <= 0xDFFF else
            "a non-character" if code >= 0xFDD0 else "a control character")
    return (f"character U+{code:04X} at position {bad.start() + 1} is {kind}, "
            "which text may not hold; remove it")


# Characters that show nothing, or reorder the text around them: with them the YAML a
# reviewer reads is not the page a reader gets (an unclosed U+202E turns the site's
# own "Change" into "egnahC"; tag characters and variation selectors carry hidden
# text). Every format character (Unicode category Cf: bidi controls and isolates,
# zero-width characters, U+FEFF, tags), the other default-ignorable code points, and
# characters drawn blank (Hangul fillers, Braille blank), line and paragraph separators.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160"
    "\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u2800\u3164"
    "\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001345f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")
ZWNJ, ZWJ, VS15, VS16 = "\u200c", "\u200d", "\ufe0e", "\ufe0f"
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _joins(text: str, at: int) -> bool:
    """The few invisible characters that are part of writing, where they are:
    U+200D joining two emoji (a family, a flag: 👩‍💻), U+FE0E/U+FE0F once after a
    visible character (text or emoji style), U+200C between two letters of a script
    that uses it (Persian, Hindi: U+0590 and above; never inside Latin or Cyrillic)."""
    char = text[at]
    before, after = text[at - 1:at], text[at + 1:at + 2]
    if char in (VS15, VS16):
        return bool(before) and not INVISIBLE.match(before) and not before.isspace()
    if char == ZWJ:
        return before != "" and after != "" and _emoji(after) and \
            (_emoji(before) or before == VS16 or 0x1F3FB <= ord(before) <= 0x1F3FF)
    if char == ZWNJ:
        return all(c != "" and ord(c) >= 0x590 and unicodedata.category(c)[0] in "LM"
                   for c in (before, after))
    return False


def _emoji(char: str) -> bool:
    return unicodedata.category(char) == "So"


def invisible_characters(text: str) -> Iterator[int]:
    """The offset of each invisible or reordering character in text."""
    return (found.start() for found in INVISIBLE.finditer(text)
            if not _joins(text, found.start()))


def invisible_message(char: str, where: str = "") -> str:
    """Why char may not stand in a text; where: ' at position N', or ''."""
    name = unicodedata.name(char, "a format character")
    what = ("changes the direction of the text around it" if char in BIDI else "is invisible")
    hint = (" (U+200D is kept only between two emoji)" if char == ZWJ else
            " (U+200C is kept only between letters of a script that needs it)"
            if char == ZWNJ else "")
    return (f"character U+{ord(char):04X} ({name}){where} {what}, so the file reads "
            f"differently from the page; remove it{hint}")


def invisible_character(text: str) -> str | None:
    for offset in invisible_characters(text):
        return invisible_message(text[offset], f" at position {offset + 1}")
    return None


def _character_problems(loaded: Loaded) -> Iterator[Problem]:
    """Every key and text holding a forbidden character, at its own place."""
    for location, value in walk(loaded.data):
        if location and isinstance(location[-1], str):
            why = forbidden_character(location[-1])
            if why:
                yield loaded.problem(location, f"key {quoted(location[-1])}: {why}", key=True)
        if isinstance(value, str):
            why = forbidden_character(value)
            if why:
                yield loaded.problem(location, why)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Problem:
    line, column, message = yaml_errors.explain(exc, text)
    return Problem(line, column, message, shown)


class _AliasFound(Exception):
    def __init__(self, mark: yaml.Mark):
        super().__init__()
        self.line, self.column = mark.line + 1, mark.column + 1


class _NoAliasLoader(yaml.SafeLoader):
    """Stops at the first alias: expanding one can build a loop or a billion laughs."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _AliasFound(self.peek_event().start_mark)
        return super().compose_node(parent, index)


class _Builder:
    """Turns composed YAML nodes into dicts, lists and scalars, recording positions."""

    _scalars = yaml.SafeLoader("")  # only its scalar constructors are used

    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.problems: list[Problem] = []

    def _add(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(mark.line + 1, mark.column + 1, message, self.loaded.path))

    def build(self, node: yaml.Node, location: Location, depth: int) -> Any:
        mark = node.start_mark
        self.loaded.positions[location] = (mark.line + 1, mark.column + 1)
        if depth > MAX_DEPTH:
            self._add(node, f"nested more than {MAX_DEPTH} levels deep")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, location, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, location + (i,), depth + 1)
                    for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, location: Location, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._add(key_node, "merge keys (<<) are not supported; write the fields out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._add(key_node, "a key must be plain text")
                continue
            if key_node.tag != "tag:yaml.org,2002:str":
                self._add(key_node, _not_text_key(key_node))
                continue
            key = key_node.value
            mark = key_node.start_mark
            if key in result:
                first = self.loaded.key_positions[location + (key,)]
                self._add(key_node, f"duplicate key {quoted(key)} (first defined on line "
                                    f"{first[0]}); YAML would silently keep only the last one")
                continue
            self.loaded.key_positions[location + (key,)] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, location + (key,), depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # keep dates as text, as the schema expects
        if node.tag == "tag:yaml.org,2002:int" and not PLAIN_INT.fullmatch(node.value):
            self._add(node, _odd_number(node.value))
            return None
        try:
            return self._scalars.construct_object(node, deep=False)
        except (yaml.YAMLError, ValueError, OverflowError):
            self._add(node, f"cannot read the value {quoted_short(node.value)}")
            return None


# A whole number as people write it. YAML 1.1 reads more as numbers: 010 is 8
# (octal), 0x10 16, 0b10 2, 1_000 1000, 1:30 90 (base 60); and 0x followed by 4,000
# digits is a number Python will not print. Those are refused with the text as written.
PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]{0,14})")
_YAML_WORDS = {"tag:yaml.org,2002:int": "a number", "tag:yaml.org,2002:float": "a number",
               "tag:yaml.org,2002:bool": "true or false", "tag:yaml.org,2002:null": "empty",
               "tag:yaml.org,2002:timestamp": "a date"}


def quoted_short(text: str) -> str:
    return quoted(text, 40)


def _odd_number(text: str) -> str:
    return (f"YAML 1.1 reads {quoted_short(text)} as a number, not as written (010 is 8, "
            "0x10 is 16, 1:30 is 90); write a whole number in plain digits (at most 15), "
            "or put text in quotes")


def _not_text_key(node: yaml.Node) -> str:
    """A key YAML reads as something other than text: `010:` would be the id 8."""
    if not isinstance(node, yaml.ScalarNode):
        return "a key must be plain text"
    what = _YAML_WORDS.get(node.tag, "something other than text")
    written = node.value or "(nothing)"
    return (f"key {quoted_short(written)} is {what} to YAML, not text; names are text: "
            f"put it in quotes ('{quoted(written, 40)[1:-1]}')")
