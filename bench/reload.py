"""Edit to reload: with `mkdocs serve` running on a copy of the project (as `make
serve` runs it), save a change to an English question and time until the open
questionnaire page in Chromium shows it (livereload reloads the page by itself).

    .venv/bin/python bench/reload.py [--runs N] [--cpu]

Runs alone too; `make bench` includes it. --cpu: instead, the CPU time of each rebuild
alone, in one process, as `mkdocs serve --dirty` runs them (load_config, then build
with the plugins kept from the first build): a figure the machine's load moves little,
for comparing two checkouts in alternating runs."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

from browser import chromium  # noqa: E402
from serving import SERVE_ARGS, SERVE_ENV, build_times, project_copy, served  # noqa: E402

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


def rebuild_cpu(runs: int = 5) -> dict:
    """CPU seconds (time.process_time) of each rebuild after an English edit, in process."""
    with tempfile.TemporaryDirectory() as work:
        folder = project_copy(Path(work))
        code = f"""
import logging, os, sys, time
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build
logging.disable(logging.WARNING)
url, site, tree = "http://127.0.0.1:8000/", {str(Path(work) / "site")!r}, Path("decision_tree.yaml")
original = tree.read_text(encoding="utf-8")
config = load_config("mkdocs.yml", site_dir=site)
config.plugins.on_startup(command="serve", dirty=True)
config.site_url = url
build(config, serve_url=url, dirty=True)
for run in range(1, {runs} + 1):
    tree.write_text(original.replace({TITLE!r}, {TITLE[:-1]!r} + f" (edit {{run}})?", 1), encoding="utf-8")
    start = time.process_time()
    config = load_config("mkdocs.yml", site_dir=site)
    config.site_url = url
    build(config, serve_url=url, dirty=True)
    print(time.process_time() - start)
"""
        result = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True,
                                text=True, env=dict(os.environ, **SERVE_ENV), check=True)
        times = [float(line) for line in result.stdout.split()]
        return {"runs": runs, "median": median(times), "min": min(times), "max": max(times),
                "load": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cpu", action="store_true", help="the rebuilds' CPU time, in process")
    options = parser.parse_args()
    if options.cpu:
        result = rebuild_cpu(options.runs)
        print(f"rebuild CPU in process (as mkdocs serve --dirty), {result['runs']} edits: "
              f"median {result['median']:.3f} s, min {result['min']:.3f} s, max "
              f"{result['max']:.3f} s; load average {result['load']:.1f} on {os.cpu_count()} cores")
        return
    result = edit_to_reload(options.runs)
    print(f"edit to reload (mkdocs serve {' '.join(SERVE_ARGS)}), {result['runs']} runs: "
          f"median {result['median']:.2f} s, min {result['min']:.2f} s, "
          f"max {result['max']:.2f} s; the rebuild alone (mkdocs's log): median "
          f"{result['build']:.2f} s; load average {result['load']:.1f} on "
          f"{os.cpu_count()} cores")


if __name__ == "__main__":
    main()
