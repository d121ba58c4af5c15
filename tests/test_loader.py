"""Loader: whatever a contributor's file holds, a clear message with a line, never a
traceback; the command line exits 1 on errors and 0 on a valid tree."""

from __future__ import annotations

import subprocess
import sys

import pytest

from generator.errors import TreeError
from generator.loader import MAX_BYTES, load_bytes

from conftest import FIXTURES, ROOT


def load_error(raw: bytes) -> list[str]:
    with pytest.raises(TreeError) as caught:
        load_bytes(raw, "t.yaml")
    return [p.format() for p in caught.value.problems]


def test_positions_are_kept():
    loaded = load_bytes(b"nodes:\n  a:\n    title: Hello\n", "t.yaml")
    assert loaded.data == {"nodes": {"a": {"title": "Hello"}}}
    assert loaded.where(("nodes", "a", "title")) == (3, 12)
    assert loaded.where(("nodes", "a"), key=True) == (2, 3)


def test_dates_stay_text():
    assert load_bytes(b"checked: 2026-11-01\n", "t.yaml").data == {"checked": "2026-11-01"}


@pytest.mark.parametrize("raw, expected", [
    (b"", "t.yaml:1:1: the file is empty; it must hold the tree (start, facts, guides, nodes)"),
    (b"# only a comment\n", "t.yaml:1:1: the file is empty; it must hold the tree "
                            "(start, facts, guides, nodes)"),
    (b"a: 1\nb: [1,\n", "t.yaml:3:1: YAML syntax error: expected the node content, but "
                         "found '<stream end>' (while parsing a flow node)"),
    (b"nodes:\n\tstart: 1\n", "t.yaml:2:1: a tab character here; indent with spaces, not tabs"),
    (b"a: 1\nb: \xff\xfe\n", "t.yaml:2:4: the file is not UTF-8 text (byte 0xff); save it as UTF-8"),
    (b"a: 1\nb: x\x00y\n", "t.yaml:2:5: control character U+0000 is not allowed; remove it"),
    (b"a: 1\na: 2\n", "t.yaml:2:1: duplicate key 'a' (first defined on line 1); "
                      "YAML would silently keep only the last one"),
    (b"a: &x [1, 2]\nb: *x\n", "t.yaml:2:4: anchors and aliases (&name, *name) are not "
                               "supported; write the value out"),
    (b"a: &loop [*loop]\n", "t.yaml:1:11: anchors and aliases (&name, *name) are not "
                            "supported; write the value out"),
    (b"<<: {a: 1}\n", "t.yaml:1:1: merge keys (<<) are not supported; write the fields out"),
    (b"? [a, b]\n: 1\n", "t.yaml:1:3: a key must be plain text"),
    (b"a: !!python/object:os.system x\n", "t.yaml:1:4: cannot read the value 'x'"),
    (b"x: " + b"[" * 5000, "t.yaml:1:1: the file nests too deeply to read"),
    (b"- " * 60 + b"1", "t.yaml:1:103: nested more than 50 levels deep"),
])
def test_unreadable_files_explain_themselves(raw, expected):
    assert load_error(raw) == [expected]


def test_billion_laughs_is_refused_quickly():
    lines = [b"a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [b"a%d: &a%d [%s]" % (i, i, b", ".join([b"*a%d" % (i - 1)] * 9)) for i in range(1, 10)]
    assert load_error(b"\n".join(lines)) == [
        "t.yaml:2:10: anchors and aliases (&name, *name) are not supported; write the value out"]


def test_huge_file_is_refused():
    assert load_error(b"a: " + b"x" * MAX_BYTES) == [
        f"t.yaml:1:1: the file is {MAX_BYTES + 3:,} bytes; the limit is {MAX_BYTES:,} "
        "(is this the right file?)"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT,
                          capture_output=True, text=True)


def test_cli_accepts_a_valid_tree():
    result = run_cli("validate", str(FIXTURES / "valid_tree.yaml"))
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


def test_cli_reports_errors_with_exit_status_1(tmp_path):
    broken = tmp_path / "tree.yaml"
    text = (FIXTURES / "valid_tree.yaml").read_text().replace("next: lost", "next: lots")
    broken.write_text(text)
    result = run_cli("validate", str(broken))
    assert result.returncode == 1
    assert f"{broken}:88:15: no node 'lots'; did you mean 'lost'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_missing_file(tmp_path):
    result = run_cli("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    missing = tmp_path / "nope.yaml"
    assert result.stderr.splitlines() == [
        f"{missing}:1:1: cannot read the file: No such file or directory",
        f"{missing}: 1 error(s), 0 warning(s)"]
