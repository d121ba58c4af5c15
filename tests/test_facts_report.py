"""How old a fact's check is, is a report (`make facts`), never a build failure: no
build, validation or test depends on today's date. Each test passes the date it means."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest

from conftest import ROOT, build_site
from data_copy import TREE, DataCopy
from generator import freshness
from markdown_inert import PAYLOAD, assert_inert
from site_data import TREE as REAL_TREE

LONG_AGO = "2000-01-01"  # any date more than a year before any day a test runs


def _facts(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "facts", *args], cwd=ROOT,
                          capture_output=True, text=True)


def _line_of(name: str) -> int:
    """The line of a fact's name in the tree file, read as text."""
    lines = (ROOT / TREE).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line == f"  {name}:")


def test_a_fact_checked_long_ago_is_no_warning(tmp_path):
    copy = DataCopy(tmp_path)
    name = next(iter(copy.data[TREE]["facts"]))
    copy.set(TREE, ("facts", name, "checked"), LONG_AGO)
    checked = copy.check()
    assert checked.site is not None
    assert [p.format() for p in checked.errors + checked.all_warnings] == []


@pytest.mark.build
def test_the_strict_build_passes_and_tells_of_an_overdue_fact_as_information(tmp_path):
    copy = DataCopy(tmp_path / "data")
    name = next(iter(copy.data[TREE]["facts"]))
    copy.set(TREE, ("facts", name, "checked"), LONG_AGO)
    result = build_site(tmp_path / "site", copy.write())
    assert result.returncode == 0, result.stderr
    told = [line for line in result.stderr.splitlines() if f"'{name}'" in line]
    assert told and all(line.startswith("INFO") for line in told), result.stderr


def test_make_facts_lists_every_fact_with_its_dates_and_line():
    ages = freshness.fact_ages(REAL_TREE)
    first_due = min(age.due for age in ages)
    result = _facts("--today", first_due.isoformat())
    assert result.returncode == 0, result.stdout + result.stderr
    for name, fact in REAL_TREE.facts.items():
        line = next(row for row in result.stdout.splitlines() if f"`{name}`" in row)
        due = fact.checked + freshness.MAX_AGE
        assert fact.checked.isoformat() in line and due.isoformat() in line
        assert f"decision_tree.yaml:{_line_of(name)};" in line
        assert fact.source.replace("`", "") in line


def test_make_facts_exits_1_on_the_day_after_one_is_due():
    first = min(freshness.fact_ages(REAL_TREE), key=lambda age: age.due)
    result = _facts("--today", (first.due + timedelta(days=1)).isoformat())
    assert result.returncode == 1
    overdue = [row for row in result.stdout.splitlines() if f"`{first.fact.name}`" in row]
    assert overdue and "overdue" in overdue[0]


def test_the_date_comes_from_the_command_line_not_the_calendar():
    assert freshness.overdue(REAL_TREE, date(1990, 1, 1)) == []
    assert len(freshness.overdue(REAL_TREE, date(9999, 1, 1))) == len(REAL_TREE.facts)


def test_contributor_text_in_the_report_is_inert(tmp_path):
    """The weekly workflow puts the report in its job summary, which GitHub renders."""
    copy = DataCopy(tmp_path)
    name = next(iter(copy.data[TREE]["facts"]))
    copy.set(TREE, ("facts", name, "source"), PAYLOAD)
    result = _facts(str(copy.write()), "--today", "2000-01-01")
    assert result.returncode == 0, result.stderr
    assert_inert(result.stdout)
