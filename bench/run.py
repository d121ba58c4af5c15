"""`make bench`: measure the site against a default mkdocs-material site, print the
results and write them, with the machine they ran on, to BENCHMARKS.md.

    .venv/bin/python bench/run.py [--quick]

--quick skips the 10,000-node trees and Lighthouse (a few minutes less)."""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import builds  # noqa: E402
from browser import chromium, lighthouse, offline_walk, page_audit, step_timings  # noqa: E402
from conftest import serve  # noqa: E402
from gates import page_weight, text_weight  # noqa: E402

SIZES = (100, 1_000, 10_000)
# Past this many seconds a synthetic measurement is stopped and reported as such (a
# plain Material site puts every page in its nav, which costs time per page per page).
TIMEOUT = 300
# BENCHMARKS.md's hand-written notes start here; a new run keeps them.
NOTES = "## Notes (written by hand; `make bench` keeps this section)"


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "?")
    memory_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                         if line.startswith("MemTotal")))
    os_name = next((line.split("=", 1)[1].strip('"') for line in
                    Path("/etc/os-release").read_text().splitlines()
                    if line.startswith("PRETTY_NAME=")), platform.system())
    chromium_version = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True,
                                      text=True).stdout.strip()
    return {"CPU": f"{cpu}, {os.cpu_count()} cores", "RAM": f"{memory_kb / 1024**2:.1f} GiB",
            "OS": f"{os_name}, Linux {platform.release()}",
            "Python": platform.python_version(),
            "mkdocs / Material": f"{version('mkdocs')} / {version('mkdocs-material')}",
            "Browser": chromium_version, "Node": subprocess.run(
                ["node", "--version"], capture_output=True, text=True).stdout.strip(),
            "Load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
            "Date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def default_material_site(folder: Path) -> Path:
    """The baseline: a new mkdocs-material site with Material's defaults (Google Fonts
    included) and one short page."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text(
        "# Welcome\n\nA default Material page: a heading and a paragraph of text, with a "
        "[link](https://example.org/).\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text("site_name: Default\ntheme:\n  name: material\n", encoding="utf-8")
    return config


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def ratio(later, earlier) -> str:
    return f"{later / earlier:.1f}x" if later and earlier else "-"


def seconds(value) -> str:
    return "stopped" if value is None else f"{value:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    report: list[str] = []
    out = lambda line="": (print(line, flush=True), report.append(line))  # noqa: E731

    out("# Benchmarks")
    out()
    out("Written by `make bench` (`bench/run.py`); the figures below are from one run on")
    out("the machine described. Time figures vary with the machine's load; sizes do not.")
    out()
    out("| machine | |")
    out("|---|---|")
    for key, value in machine().items():
        out(f"| {key} | {value} |")
    out()

    with tempfile.TemporaryDirectory(prefix="parcel-help-bench-") as temp:
        work = Path(temp)
        print("Building the real site...", flush=True)
        real = builds.real_site(work)
        out("## Build time")
        out()
        out("Median of 3. *Build*: `mkdocs build --strict` in a new process (Python's start")
        out("included). *Generator*: load, validate and render every page of every language,")
        out("through the mkdocs hook, in-process.")
        out()
        out("| site | generator | full build |")
        out("|---|---|---|")
        out(f"| the real site ({real_pages(work)} pages) | {seconds(real['generator'])} "
            f"| {seconds(real['build'])} |")
        out()

        sizes = SIZES[:2] if quick else SIZES
        print("Synthetic trees (bench/synthetic_tree.py)...", flush=True)
        rows = builds.synthetic(sizes, TIMEOUT)
        out("## Synthetic trees")
        out()
        out("`bench/synthetic_tree.py` writes a valid tree of N nodes (a binary tree: questions")
        out("inside, outcomes at the leaves, text about as long as the real tree's), built with")
        out("`PARCEL_HELP_TREE`. The questionnaire stays one page, whatever N. Beside it: a plain")
        out("Material site with N Markdown pages (Material's defaults: every page in the nav),")
        out("built the same way. Growth: time for N over time for N/10 (the goal: at most")
        out(f"11x for 10x the nodes). One run each; a measurement is stopped after {TIMEOUT} s,")
        out("and a plain build not started when the size before took over a tenth of that.")
        out()
        out("| nodes | tree file | generator | growth | full build | growth | plain Material, N pages | growth |")
        out("|---|---|---|---|---|---|---|---|")
        previous = None
        for row in rows:
            out(f"| {row['nodes']:,} | {kb(row['tree_bytes'])} | {seconds(row['generator'])} "
                f"| {ratio(row['generator'], previous and previous['generator'])} "
                f"| {seconds(row['build'])} | {ratio(row['build'], previous and previous['build'])} "
                f"| {seconds(row['plain'])} | {ratio(row['plain'], previous and previous['plain'])} |")
            previous = row
        out()

        print("Page weights...", flush=True)
        site = work / "real-site"
        default_site = work / "default-site"
        builds.mkdocs_build(default_site, config=default_material_site(work / "default"))
        default_page = default_site / "index.html"
        guide = sorted((site / "guides").glob("*/index.html"))[0]
        pages = {"home": site / "index.html", f"a guide ({guide.parent.name})": guide,
                 "questionnaire": site / "questionnaire" / "index.html",
                 "a tool (deadlines)": site / "tools" / "deadlines" / "index.html"}
        for folder, name in (("embed", "embed"), ("ru/embed", "embed (Russian)")):
            if (site / folder / "index.html").exists():
                pages[name] = site / folder / "index.html"
        default_weight = page_weight(default_site, default_page)
        fonts = default_page.read_text(encoding="utf-8").count("fonts.g")
        out("## Page weight")
        out()
        out("Gzipped bytes (level 9) of the page's HTML and of the local stylesheets and scripts")
        out("it loads (`tests/gates.py: page_weight`). The default Material page is a new")
        out(f"mkdocs-material site with one short page; it also links Google Fonts ({fonts} tags:")
        out("a preconnect and a stylesheet, not counted in its bytes), which this site does not.")
        out()
        out("| page | HTML | CSS + JS | total | vs default Material |")
        out("|---|---|---|---|---|")
        for name, page in {"default Material page": default_page, **pages}.items():
            weight = page_weight(default_site if page == default_page else site, page)
            html = next(iter(weight.values()))
            total = sum(weight.values())
            out(f"| {name} | {kb(html)} | {kb(total - html)} | {kb(total)} "
                f"| {(total - sum(default_weight.values())) / 1024:+.1f} KB |")
        out()
        questionnaire = site / "questionnaire" / "index.html"
        words = text_weight(questionnaire, "pq")
        beyond = sum(page_weight(site, questionnaire).values()) - sum(default_weight.values()) - words
        out("The questionnaire beyond its words (its page, CSS and JS, less the default")
        out(f"Material page, less the gzipped text of its steps, {kb(words)}): {kb(beyond)};")
        out("the budget is 10 KB (`tests/test_gates_build.py` measures it against a plain page")
        out("of this site). The embed's outcomes load what to do now in one more request on")
        out("reaching one: " + ", ".join(
            f"`{folder}/outcomes.json` {kb(len(gzip.compress((site / folder / 'outcomes.json').read_bytes(), 9, mtime=0)))}"
            for folder in ("embed", "ru/embed") if (site / folder / "outcomes.json").exists()) + ".")
        out()

        print("Headless Chromium...", flush=True)
        site_url, server = serve(site)
        default_url, default_server = serve(default_site)
        try:
            with chromium() as browser:
                steps = step_timings(browser, f"{site_url}/questionnaire/")
                checks = {"questionnaire, walked to an outcome": "/questionnaire/",
                          "a guide": f"/guides/{guide.parent.name}/", "facts": "/facts/",
                          "tracking checker": "/tools/tracking/",
                          "deadline calculator": "/tools/deadlines/",
                          "message builder": "/tools/message/",
                          "Russian questionnaire, walked": "/ru/questionnaire/",
                          "a Russian guide": f"/ru/guides/{guide.parent.name}/",
                          "a page not cached": "/no-such-page/"}
                offline = {"default Material page": offline_walk(browser, default_url, {"home": "/"}),
                           "this site": offline_walk(browser, site_url, checks)}
                audits = {"default Material page": page_audit(browser, f"{default_url}/", default_url)}
                for name, page in pages.items():
                    path = page.parent.relative_to(site).as_posix()
                    audits[name] = page_audit(browser, f"{site_url}/{'' if path == '.' else path + '/'}",
                                              site_url)
            out("## In the browser (headless Chromium)")
            out()
            out(f"The questionnaire, {steps['steps']} answers clicked (starting again at each")
            out("outcome): time from the click event to the next step's heading focused and")
            out("painted (`requestAnimationFrame` after the focus, then the next task), and the")
            out("requests made per step: by the page, and Chromium's own new request for the")
            out("favicon on each change of address (Chromium does this, not the page).")
            out()
            out("| median | worst | requests per step by the page (most) | favicon requests per step |")
            out("|---|---|---|---|")
            out(f"| {steps['median_ms']:.1f} ms | {steps['worst_ms']:.1f} ms "
                f"| {steps['requests_per_step']} | {steps['favicon_per_step']} |")
            out()
            out("Offline after one visit: the home page loaded once (its service worker")
            out("installed: the time from the page's load to the worker being ready, and what")
            out("it cached), then the network cut off (`context.set_offline`), then each page")
            out("opened; the questionnaires are walked to an outcome (the first answer each time).")
            out()
            out("| site | worker | ready after load | cached | offline: what opened |")
            out("|---|---|---|---|---|")
            for name, result in offline.items():
                cached = result["cached"]
                opened = "; ".join(f"{check}: {seen or 'no page (no connection)'}"
                                   for check, seen in result["pages"].items())
                ready = f"{result['installed_ms'] / 1000:.1f} s" if result["worker"] else "-"
                out(f"| {name} | {'yes' if result['worker'] else 'no'} | {ready} "
                    f"| {cached['files']} files, {kb(cached['bytes'])} | {opened} |")
            out()
            out("Loading each page: requests to other hosts, and axe-core's violations.")
            out()
            out("| page | requests to other hosts | axe-core violations |")
            out("|---|---|---|")
            for name, audit in audits.items():
                hosts = sorted({url.split("/")[2] for url in audit["foreign_requests"]})
                out(f"| {name} | {len(audit['foreign_requests'])} {'(' + ', '.join(hosts) + ')' if hosts else ''} "
                    f"| {len(audit['axe'])} {'(' + ', '.join(audit['axe']) + ')' if audit['axe'] else ''} |")
            out()

            if not quick:
                print("Lighthouse...", flush=True)
                out("## Lighthouse")
                out()
                out("Lighthouse 12.2.3 (npm, `node_modules/.bin/lighthouse`), default mobile")
                out("emulation and throttling, Debian's Chromium headless, pages served from")
                out("127.0.0.1. Audits that cost points are named.")
                out()
                out("| page | performance | accessibility | best practices | SEO | audits that cost points |")
                out("|---|---|---|---|---|---|")
                targets = {"default Material page": f"{default_url}/", "home": f"{site_url}/",
                           "questionnaire": f"{site_url}/questionnaire/",
                           "a guide": f"{site_url}/guides/{guide.parent.name}/",
                           "a tool (deadlines)": f"{site_url}/tools/deadlines/"}
                for name, url in targets.items():
                    result = lighthouse(url)
                    out(f"| {name} | " + " | ".join(str(v) for v in result["scores"].values())
                        + f" | {', '.join(result['lost']) or '-'} |")
                out()
        finally:
            server.shutdown()
            default_server.shutdown()

    if not quick:
        write_report(report)


def write_report(report: list[str]) -> None:
    """BENCHMARKS.md: the new figures, then the hand-written notes kept from before."""
    path = ROOT / "BENCHMARKS.md"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    notes = old[old.index(NOTES):] if NOTES in old else f"{NOTES}\n"
    path.write_text("\n".join(report) + "\n" + notes, encoding="utf-8")
    print(f"Written to {path}")


def real_pages(work: Path) -> int:
    return len(list((work / "real-site").rglob("*.html")))


if __name__ == "__main__":
    main()
