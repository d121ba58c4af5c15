"""Gate: the Nu Html Checker (npm's vnu-jar, run with the machine's Java) finds no error
in any page of the built site. One JVM run checks the whole site.

`make test` installs both (npm ci; Debian's default-jre-headless when java is missing);
this test fails, never skips, when either is missing."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# The one list of Material markup the checker's errors are filtered for, each with why
# it stays. Everything else is an error.
MATERIAL_MARKUP = {
    # base.html's drawer and search toggles are checkboxes with autocomplete="off", so
    # that Firefox does not restore a toggle's state (an open drawer or search) when a
    # reader comes back to a page. The attribute is harmless and does what it is for.
    "autocomplete on Material's toggles": re.compile(
        r"^Attribute “autocomplete” is only allowed when the input type is .*"),
}
MATERIAL_EXTRACT = re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)"')


def is_material_markup(message: dict) -> bool:
    return (MATERIAL_EXTRACT.search(message.get("extract", "")) is not None
            and any(rule.match(message["message"]) for rule in MATERIAL_MARKUP.values()))


def check_html(directory: Path) -> list[dict]:
    """Every message the Nu Html Checker has for the HTML files under directory."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: install Debian's default-jre-headless (make test does)")
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} is missing: run `npm ci` (make test does)")
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html",
                             str(directory)], capture_output=True, text=True)
    # vnu exits 1 when it reports errors; anything it could not run says so on stderr
    # without JSON.
    try:
        return json.loads(result.stderr or result.stdout)["messages"]
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar did not run: {result.stderr or result.stdout}")


def describe(message: dict, site_dir: Path) -> str:
    where = message.get("url", "").removeprefix(f"file:{site_dir.resolve()}/")
    return f"{where}:{message.get('lastLine', '?')}: {message['message']}"


def test_every_page_is_valid_html(site_dir):
    errors = [describe(m, site_dir) for m in check_html(site_dir)
              if m["type"] in ("error", "non-document-error") and not is_material_markup(m)]
    assert errors == []


@pytest.mark.build  # the Nu Html Checker: Java and node_modules, as `make test` installs
def test_the_checker_reports_errors(tmp_path):
    """The gate itself: a broken page is reported, and the filter lets it through."""
    (tmp_path / "broken.html").write_text(
        '<!doctype html><html lang="en"><title>x</title><p><div>block in p</p></div>'
        '<input type="checkbox" autocomplete="off">', encoding="utf-8")
    errors = [m for m in check_html(tmp_path) if m["type"] == "error"]
    assert any("Stray end tag" in m["message"] or "No “p” element" in m["message"] for m in errors)
    assert [m for m in errors if "autocomplete" in m["message"] and not is_material_markup(m)]
