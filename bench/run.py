"""`make bench`: measure the site against a default mkdocs-material site, print the
results and write them, with the machine they ran on, to BENCHMARKS.md.

    .venv/bin/python bench/run.py [--quick | --offline]

--quick skips the 10,000-node trees and Lighthouse (a few minutes less); --offline
measures only the offline walk of this site and prints its row."""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import builds  # noqa: E402
from browser import (chromium, lighthouse, offline_walk, page_audit,  # noqa: E402
                     step_measures)
from conftest import serve  # noqa: E402
from gates import default_material_site, page_weight, text_weight  # noqa: E402
from reload import edit_to_reload  # noqa: E402
import report  # noqa: E402
from site_languages import TRANSLATED  # noqa: E402

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


LIGHTHOUSE_RUNS = 5  # per page; the report shows the median (as Lighthouse advises)


def measure(work: Path, quick: bool) -> dict:
    """Every figure the report shows, measured in work (a scratch folder)."""
    results: dict = {"machine": machine(), "timeout": TIMEOUT}
    print("Building the real site...", flush=True)
    results["build"] = dict(builds.real_site(work), pages=real_pages(work))
    print("Edit to reload under make serve (bench/reload.py)...", flush=True)
    results["reload"] = edit_to_reload()
    print("Synthetic trees (bench/synthetic_tree.py)...", flush=True)
    results["synthetic"] = builds.synthetic(SIZES[:2] if quick else SIZES, TIMEOUT)
    print("Page weights...", flush=True)
    site, default_site = work / "real-site", work / "default-site"
    builds.mkdocs_build(default_site, config=default_material_site(work / "default"))
    pages = compared_pages(site, default_site)
    results["weights"] = weights(site, default_site, pages)
    print("Headless Chromium...", flush=True)
    site_url, server = serve(site)
    default_url, default_server = serve(default_site)
    try:
        with chromium() as browser:
            results["browser"] = in_the_browser(browser, site, site_url, default_url, pages)
        if not quick:
            print("Lighthouse...", flush=True)
            results["lighthouse"] = {name: lighthouse(url.replace("SITE", site_url)
                                                      .replace("DEFAULT", default_url),
                                                      LIGHTHOUSE_RUNS)
                                     for name, url in lighthouse_targets(site).items()}
    finally:
        server.shutdown()
        default_server.shutdown()
    return results


def compared_pages(site: Path, default_site: Path) -> dict[str, Path]:
    """The pages weighed and audited, the default Material page first."""
    pages = {"default Material page": default_site / "index.html",
             "home": site / "index.html", f"a guide ({first_guide(site)})":
             site / "guides" / first_guide(site) / "index.html",
             "questionnaire": site / "questionnaire" / "index.html",
             "a tool (deadlines)": site / "tools" / "deadlines" / "index.html"}
    for folder, name in (("embed", "embed"), *((f"{lang}/embed", f"embed ({lang})")
                                               for lang in TRANSLATED)):
        if (site / folder / "index.html").exists():
            pages[name] = site / folder / "index.html"
    return pages


def first_guide(site: Path) -> str:
    return sorted((site / "guides").glob("*/index.html"))[0].parent.name


def weights(site: Path, default_site: Path, pages: dict[str, Path]) -> dict:
    default_page = pages["default Material page"]
    found = {name: page_weight(default_site if page == default_page else site, page)
             for name, page in pages.items()}
    questionnaire = pages["questionnaire"]
    words = text_weight(questionnaire, "pq")
    return {"pages": found, "words": words,
            "beyond": sum(found["questionnaire"].values())
            - sum(found["default Material page"].values()) - words,
            "fonts": default_page.read_text(encoding="utf-8").count("fonts.g")}


def offline_checks(site: Path) -> dict[str, str]:
    """The pages the offline walk opens, {name: path}."""
    guide = first_guide(site)
    return {"questionnaire, walked to an outcome": "/questionnaire/",
            "a guide": f"/guides/{guide}/", "facts": "/facts/",
            "tracking checker": "/tools/tracking/", "deadline calculator": "/tools/deadlines/",
            "message builder": "/tools/message/",
            **{f"questionnaire ({lang}), walked": f"/{lang}/questionnaire/"
               for lang in TRANSLATED},
            **{f"a guide ({lang})": f"/{lang}/guides/{guide}/" for lang in TRANSLATED},
            "a page not cached": "/no-such-page/"}


def offline_only(work: Path) -> None:
    """`--offline`: the offline walk of this site alone, printed as the report's row."""
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                    str(work / "real-site")], cwd=ROOT, check=True)
    site_url, server = serve(work / "real-site")
    try:
        with chromium() as browser:
            result = offline_walk(browser, site_url, offline_checks(work / "real-site"))
    finally:
        server.shutdown()
    print("\n".join(f"{key}: {value}" for key, value in machine().items()))
    print(report.offline_row("this site", result))


def in_the_browser(browser, site: Path, site_url: str, default_url: str,
                   pages: dict[str, Path]) -> dict:
    checks = offline_checks(site)
    audits = {}
    for name, page in pages.items():
        if name == "default Material page":
            audits[name] = page_audit(browser, f"{default_url}/", default_url)
        else:
            path = page.parent.relative_to(site).as_posix()
            audits[name] = page_audit(browser, f"{site_url}/{'' if path == '.' else path + '/'}",
                                      site_url)
    return {"steps": step_measures(browser, f"{site_url}/questionnaire/"),
            "offline": {"default Material page": offline_walk(browser, default_url, {"home": "/"}),
                        "this site": offline_walk(browser, site_url, checks)},
            "audits": audits}


def lighthouse_targets(site: Path) -> dict[str, str]:
    """Pages for Lighthouse; SITE and DEFAULT stand for the two servers' addresses. The
    questionnaire's first page, and a later question's and an outcome's own pages."""
    question, outcome = step_pages(site)
    return {"default Material page": "DEFAULT/", "home": "SITE/",
            "questionnaire": "SITE/questionnaire/",
            "a question's page": f"SITE/questionnaire/{question}/",
            "an outcome's page": f"SITE/questionnaire/{outcome}/",
            "a guide": f"SITE/guides/{first_guide(site)}/",
            "a tool (deadlines)": "SITE/tools/deadlines/"}


def step_pages(site: Path) -> tuple[str, str]:
    """The first question (not the start) and the first outcome with pages, by id."""
    found = {}
    for page in sorted((site / "questionnaire").glob("*/index.html")):
        kind = re.search(r'<section class="pq-step pq-(question|outcome)[^"]*" id="([^"]+)"',
                         page.read_text(encoding="utf-8"))
        if kind and kind.group(2) == page.parent.name:
            found.setdefault(kind.group(1), kind.group(2))
    return found["question"], found["outcome"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--offline", action="store_true",
                        help="only the offline walk of this site, printed, not written")
    arguments = parser.parse_args()
    quick = arguments.quick
    with tempfile.TemporaryDirectory(prefix="parcel-help-bench-") as temp:
        if arguments.offline:
            return offline_only(Path(temp))
        results = measure(Path(temp), quick)
    lines = report.lines(results)
    print("\n".join(lines))
    if not quick:
        write_report(lines)


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
