"""Property tests: break the real tree at random (delete keys, swap types, rename ids,
truncate the file, insert random bytes) and run `python -m generator validate` on it.
Whatever the file holds: exit status 0 or 1, no traceback, and every line of output
is a problem at a line inside the file (or the closing summary)."""

from __future__ import annotations

import contextlib
import copy
import io
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from generator.cli import main
from generator.loader import load_file, walk

from conftest import ROOT

# Random breakage of the code's input: `make check` leaves it to `make test`.
pytestmark = pytest.mark.slow
REAL_TEXT = (ROOT / "decision_tree.yaml").read_bytes()
REAL_DATA = load_file(ROOT / "decision_tree.yaml").data
NODE_IDS = sorted(REAL_DATA["nodes"])

# Bounded: each property runs ten trees (about half a second each on the real tree).
# No shrinking: on a 2,000-line file it can take minutes; the failing example is
# printed as found, and the place in the tree it names is small enough to read.
FEW = settings(max_examples=10, deadline=None, derandomize=True,
               phases=[Phase.explicit, Phase.reuse, Phase.generate],
               suppress_health_check=[HealthCheck.too_slow])

OTHER_VALUES = st.sampled_from([None, 0, -1, 3.5, True, "", "text", "Yes", [], {}, [1, "a"],
                                {"a": 1}, "x" * 6000, "2026-02-30", "{{ facts.nope }}"])


PLACES = [place for place, _ in walk(REAL_DATA) if place]


def edited(place: tuple, change) -> dict:
    """A deep copy of the real tree with change(parent, key) applied at place."""
    data = copy.deepcopy(REAL_DATA)
    parent = data
    for step in place[:-1]:
        parent = parent[step]
    change(parent, place[-1])
    return data


def run_validator(raw: bytes) -> None:
    """Validate raw as a tree file, in-process, and check what the command says. Run
    in-process, any exception (what a reader of the CLI would see as a traceback)
    propagates out of main() and fails the property with the example that caused it."""
    with tempfile.TemporaryDirectory(prefix="tree-props-") as folder:
        path = Path(folder) / "tree.yaml"
        path.write_bytes(raw)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["validate", str(path)])
    output = out.getvalue() + err.getvalue()
    assert status in (0, 1), output
    lines_in_file = raw.count(b"\n") + 1
    problem = re.compile(re.escape(str(path)) + r":(\d+):(\d+): ")
    for line in output.splitlines():
        found = problem.match(line)
        if found:
            assert 1 <= int(found.group(1)) <= lines_in_file, line
            assert int(found.group(2)) >= 1, line
        else:  # the closing line: "PATH: valid (...)" or "PATH: N error(s), ..."
            assert re.fullmatch(re.escape(str(path)) + r": (valid|\d+ error).*", line), line


def dump(data) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


@FEW
@given(place=st.sampled_from(PLACES))
def test_deleting_a_key(place):
    def delete(parent, key):
        del parent[key]
    run_validator(dump(edited(place, delete)))


@FEW
@given(place=st.sampled_from(PLACES), value=OTHER_VALUES)
def test_swapping_a_type(place, value):
    def swap(parent, key):
        parent[key] = value
    run_validator(dump(edited(place, swap)))


@FEW
@given(old=st.sampled_from(NODE_IDS), new=st.text(min_size=0, max_size=20))
def test_renaming_an_id(old, new):
    data = copy.deepcopy(REAL_DATA)
    data["nodes"] = {(new if key == old else key): value for key, value in data["nodes"].items()}
    run_validator(dump(data))


@FEW
@given(cut=st.integers(min_value=0, max_value=len(REAL_TEXT)))
def test_truncating_the_file(cut):
    run_validator(REAL_TEXT[:cut])


@FEW
@given(at=st.integers(min_value=0, max_value=len(REAL_TEXT)),
       junk=st.binary(min_size=1, max_size=16))
def test_inserting_random_bytes(at, junk):
    run_validator(REAL_TEXT[:at] + junk + REAL_TEXT[at:])


@FEW
@given(at=st.integers(min_value=0, max_value=len(REAL_TEXT)),
       junk=st.text(alphabet=":-[]{}&*!|>'\"#%@`\t\n ,?", min_size=1, max_size=8))
def test_inserting_yaml_punctuation(at, junk):
    """Random bytes are mostly refused as not UTF-8; YAML's own symbols go deeper."""
    run_validator(REAL_TEXT[:at] + junk.encode() + REAL_TEXT[at:])
