"""Measurements in headless Chromium: an answer's click to the next step's heading
focused and painted, requests per step, requests to other hosts, axe-core, the site
offline after one visit, Lighthouse."""

from __future__ import annotations

import json
import os
import random
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-default-apps"]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

# Click to painted, measured three ways on the page (an init script, before the page's
# own scripts):
# - time: the click event's own time stamp, to the first moment after the frame that
#   shows the focused heading (requestAnimationFrame runs just before that frame's
#   paint; a task queued from it runs after the paint);
# - frames: a requestAnimationFrame counter started by the click (before the page's
#   own listeners run), read in the frame that paints the focused heading: 1 is the
#   first frame after the click;
# - Event Timing (PerformanceObserver "event", as INP measures an interaction): the
#   click's duration, from its time stamp to the next paint after its handlers, in 8 ms
#   steps; Chromium reports none under 16 ms (the API's lowest threshold).
STEP_TIMER = """
window.__steps = [];
window.__eventTimings = [];
let clicked = null;
document.addEventListener("click", (event) => {
  if (!event.target.closest(".pq-answer")) return;
  const step = { at: event.timeStamp, frames: 0, counting: true };
  clicked = step;
  const count = () => {
    if (!step.counting) return;
    step.frames += 1;
    requestAnimationFrame(count);
  };
  requestAnimationFrame(count);
}, true);
document.addEventListener("focusin", (event) => {
  if (!event.target.classList.contains("pq-title") || clicked == null) return;
  const step = clicked;
  clicked = null;
  requestAnimationFrame(() => {
    step.counting = false;
    const frame = step.frames;
    setTimeout(() => window.__steps.push({ at: step.at, ms: performance.now() - step.at, frame }));
  });
});
if (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes.includes("event")) {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === "click") window.__eventTimings.push({ at: entry.startTime, ms: entry.duration });
    }
  }).observe({ type: "event", durationThreshold: 16 });
}
"""

# The method's floor: the same clicks and the same measurement on a page whose click
# handler only changes its heading's words and focuses it, served the same way. What
# the questionnaire's step costs is its time less this one. With `data-address`, the
# handler also does what every step must do besides: give the step its own address
# (history.pushState, after which Chromium asks for the favicon again) and title.
FLOOR_PAGE = """<!doctype html>
<html lang="en"{address}><head><meta charset="utf-8"><title>A trivial step</title>
<link rel="icon" href="/favicon.png"><script src="floor.js" defer></script></head>
<body><main><section class="pq-step">
<h1 class="pq-title" tabindex="-1">Question 0</h1>
<ul><li><a class="pq-answer" href="#yes">Yes</a></li><li><a class="pq-answer" href="#no">No</a></li></ul>
</section></main></body></html>
"""
FLOOR_SCRIPT = """document.addEventListener("click", (event) => {
  if (!event.target.closest(".pq-answer")) return;
  event.preventDefault();
  const heading = document.querySelector(".pq-title");
  const number = Number(heading.textContent.split(" ")[1]) + 1;
  heading.textContent = "Question " + number;
  if (document.documentElement.hasAttribute("data-address")) {
    history.pushState({ step: number }, "", "/questionnaire/" + number + "/");
    document.title = heading.textContent;
  }
  heading.blur();
  heading.focus();
});
"""


def _icon(size: int = 48) -> bytes:
    """A PNG of one colour, the size of the site's favicon."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + b"\x39\x49\xab\xff" * size for _ in range(size))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def step_timings(browser, url: str, steps: int = 50, pause_ms: int = 0,
                 moment: str = "any") -> dict:
    """Answer questions as a person would, `steps` times (starting again at each
    outcome), cycling through the answers so many paths are walked. pause_ms: a
    reader's time on each step before answering (the next steps' data is fetched
    meanwhile, as questionnaire.js does when a step shows). moment: when in a frame the
    click comes (MOMENTS)."""
    rng = random.Random(steps)
    page = browser.new_page()
    page.add_init_script(STEP_TIMER)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="networkidle")
    per_step = []
    for number in range(steps):
        step = page.locator("section.pq-step:visible")
        if "pq-outcome" in step.get_attribute("class"):
            step.locator(".pq-restart a").click()
            step = page.locator("section.pq-step:visible")
        answers = step.locator(".pq-answer")
        if pause_ms:
            page.wait_for_timeout(pause_ms)
        before = len(requests)
        MOMENTS[moment](page, answers.nth(number % answers.count()), rng)
        # a function, not an expression: Playwright evaluates an expression with eval(),
        # which the page's Content-Security-Policy refuses
        page.wait_for_function(f"() => window.__steps.length > {number}")
        per_step.append(requests[before:])
    timed = page.evaluate("window.__steps")
    event_timings = _event_timings(page, timed[-1]["at"])
    page.close()
    times = [step["ms"] for step in timed]
    # Event Timing's entry for each answer's click (none: under 16 ms)
    durations = [next((entry["ms"] for entry in event_timings if abs(entry["at"] - step["at"]) < 0.01), None)
                 for step in timed]
    # Chromium asks for the favicon again on each change of address, whatever the page
    # does: counted apart from the page's own requests.
    own = [[url for url in urls if not url.endswith("/favicon.png")] for urls in per_step]
    return {"steps": len(times), "median_ms": median(times), "worst_ms": max(times),
            "first_frame": sum(step["frame"] == 1 for step in timed),
            "frames_most": max(step["frame"] for step in timed),
            "event_timing": durations,
            "requests_per_step": max(map(len, own)),
            "favicon_per_step": max(len(urls) - len(mine) for urls, mine in zip(per_step, own))}


def _click_at_any_moment(page, answer, rng: random.Random) -> None:
    """A person's click: at a moment unrelated to the page's frames. The answer is
    scrolled into view and found first, then, after a wait spread evenly over a frame
    (16.7 ms at 60 Hz), the mouse presses it (page.mouse: no checks before it)."""
    answer.scroll_into_view_if_needed()
    box = answer.bounding_box()
    page.wait_for_timeout(rng.uniform(0, FRAME_MS))
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def _click_after_a_frame(page, answer, rng: random.Random) -> None:
    """Playwright's own click: its checks (visible, stable, receiving events) run on
    animation frames, so the click comes about 2 ms after a frame starts and waits
    nearly a whole frame for the next: the least favourable moment."""
    answer.click()


FRAME_MS = 1000 / 60
# When each answer is clicked: "any", as a person's click comes (with no frame drawn
# just before, headless Chromium begins one within a few ms: the floors show it);
# "after a frame", the least favourable moment (the next frame is nearly a whole frame
# away), as Playwright clicks.
MOMENTS = {"any": _click_at_any_moment, "after a frame": _click_after_a_frame}


def _event_timings(page, last_click: float) -> list[dict]:
    """The Event Timing entries of the clicks, once the last click's has come (it comes
    after its paint is shown), or a second later (a click under 16 ms has none)."""
    from playwright.sync_api import TimeoutError as Timeout

    try:
        page.wait_for_function("(at) => window.__eventTimings.some(entry => entry.at >= at)",
                               arg=last_click, timeout=1_000)
    except Timeout:  # the last click was under 16 ms
        pass
    return page.evaluate("window.__eventTimings")


def step_floor(browser, steps: int = 50, pause_ms: int = 0, address: bool = False,
               moment: str = "any") -> dict:
    """step_timings on FLOOR_PAGE, served as the site is (tests/conftest.py: serve);
    address: its handler changes the address and the title too."""
    from conftest import serve

    with tempfile.TemporaryDirectory(prefix="parcel-help-floor-") as temp:
        folder = Path(temp) / "questionnaire"
        folder.mkdir()
        page = FLOOR_PAGE.format(address=" data-address" if address else "")
        (folder / "index.html").write_text(page, encoding="utf-8")
        (folder / "floor.js").write_text(FLOOR_SCRIPT, encoding="utf-8")
        (Path(temp) / "favicon.png").write_bytes(_icon())
        url, server = serve(Path(temp))
        try:
            return step_timings(browser, f"{url}/questionnaire/", steps=steps, pause_ms=pause_ms,
                                moment=moment)
        finally:
            server.shutdown()


def step_measures(browser, url: str, steps: int = 50, pause_ms: int = 0) -> dict:
    """For each moment in a frame (MOMENTS): the questionnaire at url, and the method's
    floors in the same run (the trivial page; it with an address and title per step)."""
    return {moment: {"steps": step_timings(browser, url, steps, pause_ms, moment),
                     "floor": step_floor(browser, steps, pause_ms, moment=moment),
                     "floor_address": step_floor(browser, steps, pause_ms, True, moment)}
            for moment in MOMENTS}


def page_audit(browser, url: str, local: str) -> dict:
    """Requests to other hosts while a page loads, and axe-core's violations on it.
    Requests to other hosts are answered with an error, so the page does not wait."""
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    foreign: list[str] = []
    page.route(lambda url: not url.startswith(local), lambda route: (
        foreign.append(route.request.url), route.abort()))
    page.goto(url, wait_until="networkidle")
    violations = Axe().run(page).response["violations"]
    page.close()
    return {"foreign_requests": foreign,
            "axe": [f"{v['id']} ({v['impact']})" for v in violations]}


# The metrics behind the performance score, and their short names in the report.
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP",
           "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS",
           "speed-index": "SI"}


def lighthouse_run(url: str) -> dict:
    """One Lighthouse run in its default mobile emulation: the four category scores
    (0-100), the performance metrics, and the audits that cost points."""
    with tempfile.TemporaryDirectory(prefix="parcel-help-lighthouse-") as temp:
        report = Path(temp) / "report.json"
        subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json",
                        f"--output-path={report}", "--chrome-flags=--headless --no-sandbox",
                        f"--only-categories={','.join(CATEGORIES)}"],
                       env=dict(os.environ, CHROME_PATH=CHROMIUM), check=True,
                       capture_output=True, timeout=300)
        result = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    audits = result["audits"]
    lost = sorted({ref["id"] for name in CATEGORIES for ref in result["categories"][name]["auditRefs"]
                   if ref["weight"] and audits[ref["id"]]["score"] is not None
                   and audits[ref["id"]]["score"] < 1})
    return {"scores": scores, "lost": lost, "version": result["lighthouseVersion"],
            "metrics": {name: audits[audit]["numericValue"] for audit, name in METRICS.items()}}


def lighthouse(url: str, runs: int) -> dict:
    """A page measured `runs` times: each run's performance score, and the run with the
    median one (what Lighthouse's own docs suggest reporting: a single run varies with
    the machine's load, mostly through Material's script in Total Blocking Time)."""
    found = [lighthouse_run(url) for _ in range(runs)]
    by_score = sorted(found, key=lambda run: run["scores"]["performance"])
    return {"median": by_score[len(by_score) // 2],
            "performance": [run["scores"]["performance"] for run in found]}


WORKER_WAIT_MS = 30_000  # a loaded machine may take seconds to go idle and cache


def offline_walk(browser, site_url: str, checks: dict[str, str]) -> dict:
    """One visit to the home page, then the network gone: does each page in checks
    ({name: path}) still open, and what did the first visit leave cached? A page
    "opens" when it loads with its own <h1> (not the offline page's). For a site
    without a service worker (the default Material page) every check fails."""
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    page.goto(site_url + "/", wait_until="load")
    # The site registers its worker when the browser is next idle after load
    # (offline.js), so asking at load finds none: wait for `ready` (a worker
    # registered and active, its install, which caches, done), and take a site whose
    # worker is not ready within WORKER_WAIT_MS of load to have none.
    installed_ms = page.evaluate("""(wait) => {
        const loaded = performance.getEntriesByType("navigation")[0].loadEventEnd;
        const ready = navigator.serviceWorker.ready.then(() => performance.now() - loaded);
        const none = new Promise(done => setTimeout(() => done(null), wait));
        return Promise.race([ready, none]);
    }""", WORKER_WAIT_MS)
    has_worker = installed_ms is not None
    cached = page.evaluate("""async () => {
        let files = 0, bytes = 0;
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const request of await cache.keys()) {
            files += 1;
            bytes += (await (await cache.match(request)).arrayBuffer()).byteLength;
          }
        }
        return {files, bytes};
    }""")
    context.set_offline(True)
    results = {}
    for name, path in checks.items():
        try:
            page.goto(site_url + path, wait_until="load", timeout=15_000)
            heading = page.locator("h1").first.inner_text(timeout=5_000)
            results[name] = heading
        except Exception as error:  # noqa: BLE001 - a failed load is the measurement
            results[name] = None if "ERR_INTERNET_DISCONNECTED" in str(error) else f"error: {error}"
        if results[name] and "questionnaire" in path:  # walk it: the first answer each time
            results[name] = _walk(page)
    context.close()
    return {"worker": has_worker, "installed_ms": installed_ms,
            "cached": cached, "pages": results}


def _walk(page) -> str | None:
    """Click the first answer until an outcome shows; its title, or None."""
    for _ in range(30):
        outcome = page.locator("section.pq-outcome:visible")
        if outcome.count():
            return "outcome: " + outcome.locator(".pq-title").inner_text()
        page.locator("section.pq-step:visible a.pq-answer").first.click()
    return None
