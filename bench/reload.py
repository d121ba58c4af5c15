"""Edit to reload: with `mkdocs serve` running on a copy of the project (as `make
serve` runs it), save a change to an English question and time until the open
questionnaire page in Chromium shows it (livereload reloads the page by itself).

    .venv/bin/python bench/reload.py [--runs N]

Runs alone too; `make bench` includes it."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

from browser import chromium  # noqa: E402
from serving import SERVE_ARGS, build_times, project_copy, served  # noqa: E402

TITLE = "What is happening with your order?"


def edit_to_reload(runs: int = 5) -> dict:
    """Seconds from saving decision_tree.yaml to the page showing the change."""
    with tempfile.TemporaryDirectory() as work:
        folder = project_copy(Path(work))
        tree = folder / "decision_tree.yaml"
        original = tree.read_text(encoding="utf-8")
        times = []
        with served(folder) as url, chromium() as browser:
            page = browser.new_page()
            page.goto(url + "questionnaire/")
            for run in range(1, runs + 1):
                title = f"{TITLE[:-1]} (edit {run})?"
                page.wait_for_selector("#what-is-happening-title")
                saved = time.perf_counter()
                tree.write_text(original.replace(TITLE, title, 1), encoding="utf-8")
                page.wait_for_function("title => document.getElementById("
                                       "'what-is-happening-title')?.textContent === title",
                                       arg=title, timeout=60_000, polling=10)
                times.append(time.perf_counter() - saved)
        builds = build_times((folder / "serve.log").read_text(encoding="utf-8"))
        return {"runs": runs, "median": median(times), "min": min(times), "max": max(times),
                "build": median(builds) if builds else float("nan"),
                "load": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    result = edit_to_reload(parser.parse_args().runs)
    print(f"edit to reload (mkdocs serve {' '.join(SERVE_ARGS)}), {result['runs']} runs: "
          f"median {result['median']:.2f} s, min {result['min']:.2f} s, "
          f"max {result['max']:.2f} s; the rebuild alone (mkdocs's log): median "
          f"{result['build']:.2f} s; load average {result['load']:.1f} on "
          f"{os.cpu_count()} cores")


if __name__ == "__main__":
    main()
