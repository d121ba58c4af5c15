"""Edit to reload: with `mkdocs serve` running on a copy of the project (as `make
serve` runs it), save a change to an English question and time until the open
questionnaire page in Chromium shows it (livereload reloads the page by itself).

    .venv/bin/python bench/reload.py [--runs N]

Runs alone too; `make bench` includes it."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench")]

from browser import chromium  # noqa: E402

TITLE = "What is happening with your order?"
SERVE_ARGS = os.environ.get("SERVE_ARGS", "--dirty").split()  # as `make serve` (Makefile)


def project_copy(dest: Path) -> Path:
    """The files a fresh clone has that the site is built from."""
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.splitlines()
    for name in listed:
        if name.startswith(("tests/", "bench/", ".github/")) or not (ROOT / name).is_file():
            continue
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    return dest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served(folder: Path):
    """`mkdocs serve` in folder; yields its address once the first build is served."""
    port = free_port()
    log = open(folder / "serve.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
         *SERVE_ARGS], cwd=folder, stdout=log, stderr=subprocess.STDOUT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", MKDOCS_STRICT="false"))
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(url + "questionnaire/", timeout=5).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((folder / "serve.log").read_text())
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def build_times(log: str) -> list[float]:
    """The rebuilds' own durations, as mkdocs logs them (the first build left out)."""
    return [float(m) for m in re.findall(r"Documentation built in ([0-9.]+) seconds", log)][1:]


def edit_to_reload(runs: int = 5) -> dict:
    """Seconds from saving decision_tree.yaml to the page showing the change."""
    with tempfile.TemporaryDirectory() as work:
        folder = project_copy(Path(work))
        tree = folder / "decision_tree.yaml"
        original = tree.read_text(encoding="utf-8")
        times = []
        with served(folder) as url, chromium() as browser:
            page = browser.new_page()
            page.goto(url + "questionnaire/#what-is-happening")
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
