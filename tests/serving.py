"""`mkdocs serve` on a copy of the project, as `make serve` runs it: for the tests
(tests/test_serve.py) and the edit-to-reload benchmark (bench/reload.py)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What `make serve` passes and sets (Makefile).
SERVE_ARGS = os.environ.get("SERVE_ARGS", "--dirty").split()
SERVE_ENV = {"NO_MKDOCS_2_WARNING": "1", "MKDOCS_STRICT": "false",
             "SITE_URL": "http://127.0.0.1:8000/"}


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
        env=dict(os.environ, **SERVE_ENV))
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
