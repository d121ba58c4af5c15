"""Issue 19, item 9: a fixed deploy reaches returning readers, and two sites on one
origin keep their own caches. Served as a static host serves them, every file with
`Cache-Control: max-age=600`, at /a/ (and /b/), in headless Chromium."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from project_copy import build, copy_project

pytestmark = pytest.mark.browser

MARK = "Second build, with the fix"  # only in the second build's About page


class _Host(http.server.SimpleHTTPRequestHandler):
    """Each mount (/a/, /b/) serves the folder it points to now; a test swaps it."""

    def __init__(self, *args, mounts: dict[str, Path], **kwargs):
        self.mounts = mounts
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        for mount, folder in self.mounts.items():
            if path.startswith(mount):
                return str(folder.joinpath(*[p for p in path[len(mount):].split("/")
                                             if p not in ("", ".", "..")]))
        return "/nonexistent"

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' own
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def second_build(tmp_path_factory) -> Path:
    """The site again, its About page changed (a fix, as a reader would see it)."""
    project = copy_project(tmp_path_factory.mktemp("second"))
    about = project / "content" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + f"\n\n{MARK}\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture
def host(site_dir):
    mounts = {"/a/": site_dir, "/b/": site_dir}
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Host, mounts=mounts))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", mounts
    server.shutdown()
    server.server_close()


@pytest.fixture
def reader(browser):
    context = browser.new_context(service_workers="allow")
    yield context.new_page()
    context.close()


def visit_and_install(page, url: str) -> None:
    """A reader's first visit: the worker registers, caches the site, takes the page."""
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null")


# The reader's browser looks for a new worker (as it does on a visit) and waits until
# the new one is active: "activated", or "redundant" when its install failed.
UPDATE = """async (scope) => {
  const registration = await navigator.serviceWorker.getRegistration(scope);
  await registration.update();
  const worker = registration.installing || registration.waiting;
  if (!worker) return "no new worker";
  if (worker.state === "activated") return worker.state;
  return await new Promise(resolve => worker.addEventListener("statechange", () => {
    if (worker.state === "activated" || worker.state === "redundant") resolve(worker.state);
  }));
}"""


def test_a_returning_reader_gets_the_new_deploy_despite_max_age(reader, host, second_build):
    url, mounts = host
    visit_and_install(reader, f"{url}/a/about/")
    assert MARK not in reader.locator("article").inner_text()
    mounts["/a/"] = second_build  # the deploy, within the first one's 600 seconds
    assert reader.evaluate(UPDATE, f"{url}/a/") == "activated"
    reader.goto(f"{url}/a/about/")
    assert MARK in reader.locator("article").inner_text()
    names = reader.evaluate("caches.keys()")
    assert len(names) == 1, names  # the old version's cache is gone


def test_two_sites_on_one_origin_keep_their_own_caches(reader, host, second_build):
    url, mounts = host
    visit_and_install(reader, f"{url}/a/")
    visit_and_install(reader, f"{url}/b/")
    names = reader.evaluate("caches.keys()")
    a = [name for name in names if f"{url}/a/" in name]
    b = [name for name in names if f"{url}/b/" in name]
    assert len(a) == 1 and len(b) == 1 and len(names) == 2, names  # the same build: not shared
    mounts["/b/"] = second_build
    assert reader.evaluate(UPDATE, f"{url}/b/") == "activated"
    after = reader.evaluate("caches.keys()")
    assert a[0] in after and b[0] not in after and len(after) == 2, after
    # /a/ still works from its own cache, offline
    reader.context.set_offline(True)
    reader.goto(f"{url}/a/about/")
    assert MARK not in reader.locator("article").inner_text()
