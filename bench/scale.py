"""`make bench-scale`: what a reader downloads, and what a build costs, as the tree grows.

The real tree (and its translations), then the real tree grown to 1,000 nodes
with synthetic situations translated too (synthetic_tree.grow_real_tree), and with
--huge to 10,000. For each: the full build's time, the questionnaire's first load and
the embed's first load in each language (the page, its CSS and JS, and the next steps'
data that questionnaire.js fetches as the first question shows), a step's page and a
step's data, the service worker's precache per language, and step to step in
Chromium (with the method's floors, frames and Event Timing: bench/browser.py). The
table goes into BENCHMARKS.md between its markers; the notes stay.

    .venv/bin/python bench/scale.py [--huge] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import builds  # noqa: E402
from browser import chromium, step_measures  # noqa: E402
from conftest import serve  # noqa: E402
from gates import gzipped_size, page_weight  # noqa: E402
from report import MOMENT_NAMES, event_timing_summary, frames_summary, steps_summary  # noqa: E402
from synthetic_tree import grow_real_tree  # noqa: E402
from site_languages import LANGUAGES as SITE_LANGUAGES, prefix  # noqa: E402

SIZES = (1_000,)
HUGE = 10_000
BEGIN = "<!-- bench/scale.py: generated, start -->"
END = "<!-- bench/scale.py: generated, end -->"
LANGUAGES = {lang: prefix(lang) for lang in SITE_LANGUAGES}  # languages.yaml's
STEPS = {"steps": 30, "pause_ms": 300}  # step to step: answers clicked, a reader's pause


def first_load(site: Path, page: Path) -> dict[str, int]:
    """Gzipped bytes: the page with its CSS and JS, and the next steps' data it fetches."""
    weight = sum(page_weight(site, page).values())
    targets = dict.fromkeys(re.findall(r'data-step="([^"]+)"', page.read_text(encoding="utf-8")))
    data = sum(gzipped_size(page.parent / "steps" / f"{target}.json") for target in targets
               if (page.parent / "steps" / f"{target}.json").is_file())
    return {"page": weight, "with_next_steps": weight + data}


def precache(site: Path) -> dict[str, int]:
    """Bytes the service worker stores per language, as it stores them: the language's
    own files (LANG/...; English at the root), plus those every language shares
    (assets/). The language's pages and what grows with the tree (the steps' data, the
    search index, the map) are in packs, gzipped (generator/offline.py): their share is
    counted apart too."""
    text = (site / "sw.js").read_text(encoding="utf-8")
    names = json.loads(re.search(r"var PRECACHE = (\[.*?\]);", text, re.S).group(1))
    packs = json.loads(re.search(r"var PACKS = (\{.*?\});", text, re.S).group(1))
    sizes: dict[str, int] = {lang: 0 for lang in LANGUAGES}
    sizes.update({f"{lang} packs": 0 for lang in LANGUAGES})
    for name in names:
        path = site / name
        path = path / "index.html" if name.endswith("/") or name == "./" else path
        size = path.stat().st_size if path.is_file() else 0
        owner = None if name.startswith("assets/") else next(
            (lang for lang, prefix in LANGUAGES.items() if prefix and name.startswith(prefix)), "en")
        for lang in LANGUAGES:
            if owner in (None, lang):
                sizes[lang] += size
        if owner and name in packs:
            sizes[f"{owner} packs"] += size
    return sizes


def measure_site(site: Path, nodes: int, build_seconds: float, browser) -> dict:
    row: dict = {"nodes": nodes, "build_s": build_seconds, "precache": precache(site)}
    for lang, prefix in LANGUAGES.items():
        row[f"questionnaire_{lang}"] = first_load(site, site / prefix / "questionnaire" / "index.html")
        row[f"embed_{lang}"] = first_load(site, site / prefix / "embed" / "index.html")
    steps = sorted((site / "questionnaire").glob("*/index.html"))
    row["step_page"] = median(gzipped_size(page) for page in steps)
    row["step_data"] = median(gzipped_size(data) for data in (site / "questionnaire" / "steps").glob("*.json"))
    url, server = serve(site)
    try:
        row["steps"] = step_measures(browser, f"{url}/questionnaire/", **STEPS)
    finally:
        server.shutdown()
    print(f"  {nodes} nodes: {row}", flush=True)
    return row


def measure(huge: bool) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="parcel-help-scale-") as temp, chromium() as browser:
        work = Path(temp)
        site = work / "real-site"
        seconds = builds.mkdocs_build(site)
        rows.append(measure_site(site, _nodes(ROOT / "decision_tree.yaml"), seconds, browser))
        for size in SIZES + ((HUGE,) if huge else ()):
            tree = grow_real_tree(size, work / f"tree-{size}", ROOT)
            site = work / f"site-{size}"
            seconds = builds.mkdocs_build(site, tree=tree)
            rows.append(measure_site(site, size, seconds, browser))
    return rows


def _nodes(tree: Path) -> int:
    import yaml
    return len(yaml.safe_load(tree.read_text(encoding="utf-8"))["nodes"])


def kb(size: float) -> str:
    return f"{size / 1000:.1f} KB"


def table(rows: list[dict]) -> list[str]:
    real = rows[0]
    head = ["", *(f"{row['nodes']:,} nodes" for row in rows)]
    lines = [BEGIN, "", "## At scale (`make bench-scale`, bench/scale.py)", "",
             "The real tree, then the real tree grown with synthetic situations, every "
             "language's translation included. Gzipped bytes; first load = the page, its CSS and JS (then, after "
             "\"+\", the next steps' data fetched as the first question shows); x: against "
             "the real tree.", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def line(name, value):
        lines.append("| " + " | ".join([name, *(value(row) for row in rows)]) + " |")

    line("full build (mkdocs build --strict)", lambda r: f"{r['build_s']:.1f} s ({r['build_s'] / real['build_s']:.1f}x)")
    for lang in LANGUAGES:
        line(f"`/{LANGUAGES[lang]}questionnaire/` first load, {lang}", lambda r, lang=lang: (
            f"{kb(r[f'questionnaire_{lang}']['page'])} "
            f"({r[f'questionnaire_{lang}']['page'] / real[f'questionnaire_{lang}']['page']:.2f}x)"
            f" + {kb(r[f'questionnaire_{lang}']['with_next_steps'] - r[f'questionnaire_{lang}']['page'])}"))
    for lang in LANGUAGES:
        line(f"`/{LANGUAGES[lang]}embed/` first load, {lang} (budget 14,336 B)", lambda r, lang=lang: (
            f"{r[f'embed_{lang}']['page']:,} B + next steps = {r[f'embed_{lang}']['with_next_steps']:,} B"))
    line("a step's page (HTML only, median)", lambda r: kb(r["step_page"]))
    line("a step's data (steps/ID.json, median)", lambda r: f"{r['step_data']:,} B")
    for lang in LANGUAGES:
        line(f"service worker precache, {lang} (as stored; of it, the packs: pages, steps' "
             "data, search index, map, gzipped)",
             lambda r, lang=lang: f"{r['precache'][lang] / 1e6:.2f} MB "
             f"({r['precache'][lang + ' packs'] / 1e6:.2f})")
    for moment, name in MOMENT_NAMES.items():
        line(f"step to step in Chromium, the click {name}: median / worst (floors: a trivial "
             "page; it with an address and title per step)", lambda r, m=moment: steps_summary(r["steps"][m]))
        line(f"step to step, the click {name}: painted in the first frame after the click",
             lambda r, m=moment: frames_summary(r["steps"][m]["steps"]))
        line(f"step to step, the click {name}: its Event Timing duration", lambda r, m=moment: (
            f"{event_timing_summary(r['steps'][m]['steps'])}; floors: "
            + "; ".join(event_timing_summary(r["steps"][m][f]) for f in ("floor", "floor_address"))))
    lines += ["", STEPS_NOTE, "", END]
    return lines


STEPS_NOTE = (
    "Step to step: answers clicked in headless Chromium (bench/browser.py: step_timings; "
    f"{STEPS['steps']} steps, the reader pausing {STEPS['pause_ms']} ms on each). Time: the "
    "click event's time stamp to the first task after the frame that paints the focused "
    "heading. The click comes at any moment in a frame, as a person's does (the mouse "
    "pressed after a wait spread evenly over a frame), or just after a frame, as "
    "Playwright's own click does (the next frame nearly a whole frame away). "
    "Floor: the same clicks and measurement, in the same run, on a page whose "
    "click handler only changes its heading's words and focuses it: the time from an input "
    "to the next frame in headless Chromium, which no page goes under; then the same page "
    "giving each step its own address (history.pushState) and title, as every step must. Frames: a "
    "requestAnimationFrame counter started by the click; 1 is the first frame after it. "
    "Event Timing: the click's `duration` as the browser reports it (PerformanceObserver "
    "\"event\", what INP measures: to the next paint shown), in 8 ms steps, none under 16 ms.")


def write(lines: list[str]) -> None:
    path = ROOT / "BENCHMARKS.md"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    block = "\n".join(lines)
    if BEGIN in old and END in old:
        new = old[:old.index(BEGIN)] + block + old[old.index(END) + len(END):]
    else:  # before the hand-written notes (run.py's NOTES heading), or at the end
        from run import NOTES
        at = old.index(NOTES) if NOTES in old else len(old)
        new = old[:at] + block + "\n\n" + old[at:]
    path.write_text(new, encoding="utf-8")
    print(f"Written to {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--huge", action="store_true", help=f"also {HUGE:,} nodes (long)")
    parser.add_argument("--no-write", action="store_true")
    options = parser.parse_args()
    lines = table(measure(options.huge))
    print("\n".join(lines))
    if not options.no_write:
        write(lines)


if __name__ == "__main__":
    main()
