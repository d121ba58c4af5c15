"""Shared fixtures: the valid fixture tree, a built site, a local server, a browser.

Browser tests need Debian's chromium at /usr/bin/chromium (the README's test command
installs it). They fail, never skip, when it is missing.
"""

from __future__ import annotations

import fcntl
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from scheduling import schedule

ROOT = Path(__file__).resolve().parent.parent
# The tests serve a built site at a server's root, so they build it with an address at a
# root (SITE_URL): the published one's path (/parcel-help/, mkdocs.yml) starts the 404
# page's links, which a server at the root could not follow.
SITE_URL = "https://parcel-help.github.io/"
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
# Flags that keep Chromium from calling home on this closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-default-apps"]


@pytest.fixture
def valid_text() -> str:
    return (FIXTURES / "valid_tree.yaml").read_text(encoding="utf-8")


def build_site(dest: Path, tree: Path | None = None, **environment: str
               ) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` into dest, optionally from another tree file."""
    env = {**os.environ, **BUILD_ENV, **environment}
    if tree is not None:
        env["PARCEL_HELP_TREE"] = str(tree)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                           str(dest)], cwd=ROOT, env=env, capture_output=True, text=True)


# The shared build's page dates: fixed, so a second build can be compared byte for byte
# (tests/test_gates_build.py) and no test depends on today's date.
SITE_EPOCH = "1700000000"


def _content_files() -> dict[str, int]:
    return {p.relative_to(ROOT).as_posix(): p.stat().st_mtime_ns
            for p in (ROOT / "content").rglob("*")}


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> dict:
    """The real site, built once per test run and shared by every pytest-xdist worker:
    the first worker to ask builds it under a lock, the others wait and reuse it. (A
    worker's temporary folder sits in the run's own; a new run builds anew.) Returns the
    site's folder and content/ as it was before and after the build."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    record = shared / "site-build.json"
    with open(shared / "site-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.is_file():
            dest = shared / "site"
            before = _content_files()
            result = build_site(dest, SOURCE_DATE_EPOCH=SITE_EPOCH)
            assert result.returncode == 0, result.stdout + result.stderr
            record.write_text(json.dumps({"dir": str(dest), "content_before": before,
                                          "content_after": _content_files()}))
    return json.loads(record.read_text())


@pytest.fixture(scope="session")
def site_dir(site_build) -> Path:
    return Path(site_build["dir"])


@functools.lru_cache(maxsize=4096)
def _gzip_file(path: str, inode: int, mtime_ns: int, size: int) -> bytes:
    with open(path, "rb") as handle:
        return gzip.compress(handle.read(), compresslevel=6, mtime=0)


def _gzipped(path: str, stat: os.stat_result) -> bytes:
    """A file's gzipped bytes, compressed once while it keeps its inode, time and size
    (a build writes a changed file as a new one: site_writes.py): every test's pages
    load the same files, and compressing them anew for each request was the server
    threads' main work beside the tests."""
    return _gzip_file(path, stat.st_ino, stat.st_mtime_ns, stat.st_size)


class _StaticHostHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as a static host would: text gzipped when the browser
    accepts it (so Lighthouse and the benchmarks see real transfer sizes), over
    connections kept open between requests (HTTP/1.0 would open one per file, and
    Lighthouse's simulated slow network would charge a round trip for each)."""

    protocol_version = "HTTP/1.1"
    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")

    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if "gzip" in self.headers.get("Accept-Encoding", "") and \
                path.endswith(self.COMPRESSIBLE) and os.path.isfile(path):
            body = _gzipped(path, os.stat(path))
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *args):  # keep test output readable
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that hangs up mid-response (a page closed, a navigation) is normal
    here: no traceback for it. Anything else is still reported."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def serve(directory: Path):
    """Serve a folder on 127.0.0.1 at a free port; returns (base url, server)."""
    handler = functools.partial(_StaticHostHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def site_url(site_dir):
    url, server = serve(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class RequestLog:
    """Every request a page makes, to prove none leaves the local server."""

    def __init__(self, allowed_prefixes: tuple[str, ...]):
        self.allowed = allowed_prefixes
        self.urls: list[str] = []

    def __call__(self, request):
        self.urls.append(request.url)

    def foreign(self) -> list[str]:
        return [u for u in self.urls
                if not u.startswith(self.allowed) and not u.startswith(("data:", "blob:"))]


@pytest.fixture(scope="session")
def shared_pages(browser):
    from shared_pages import SharedPages

    pages = SharedPages(browser)
    yield pages
    pages.close()


@pytest.fixture
def make_page(shared_pages, site_url):
    """A page as new (no history, cookies, service worker or storage) that records
    requests and console errors. make_page(javascript=False) turns scripts off. The
    page may be one an earlier test left as new (tests/shared_pages.py says when)."""
    pages = []

    def make(javascript: bool = True, **options):
        key = shared_pages.key(javascript, options)
        page = shared_pages.take(key)
        if page is None:
            page = shared_pages.new(key, javascript, options)
            page.on("request", lambda request: page.requests(request))
            page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
            page.on("pageerror", lambda e: page.console_errors.append(str(e)))
            shared_pages.watch(page)
        page.spent = key is None
        pages.append(page)
        page.requests = RequestLog((site_url,))
        page.console_errors = []
        return page

    yield make
    for page in pages:
        shared_pages.give_back(page)


# --- host pages on another origin, for the embed's tests (tests/embedding.py) ----------

@pytest.fixture(scope="module")
def host(tmp_path_factory, site_url):
    from embedding import Host  # it uses this module's server

    host = Host(tmp_path_factory.mktemp("host"), site_url)
    assert host.url != site_url
    yield host
    host.server.shutdown()


@pytest.fixture
def open_host(make_page, site_url, host):
    from embedding import VIEWPORT

    def open_(body: str, javascript: bool = True):
        page = make_page(javascript=javascript, viewport=VIEWPORT)
        page.requests.allowed = (site_url, host.url)
        page.goto(host.page(body))
        return page
    return open_


# --- tiers: `make check` runs what needs no browser, builds no site and is not `slow` ---
# A test is marked by what it uses, so no browser test can slip into the fast tier:
# one that asks for the browser is `browser`; one that asks for a built site (or
# builds its own, marked by hand) is `build`.
BUILT_SITES = {"site_build", "site_dir", "site_url", "payload_site", "attacked_site", "default_material"}


# tryfirst: pytest-xdist reads the groups (scheduling.py) in its own hook of this name
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if "browser" in used:
            item.add_marker(pytest.mark.browser)
        if used & BUILT_SITES or "browser" in used:
            item.add_marker(pytest.mark.build)
    schedule(config, items)

