"""BENCHMARKS.md's figures section, written from what bench/run.py measured: only
words and tables here, no measuring."""

from __future__ import annotations

import os

def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def ratio(later, earlier) -> str:
    return f"{later / earlier:.1f}x" if later and earlier else "-"


def seconds(value) -> str:
    return "stopped" if value is None else f"{value:.2f} s"


def lines(results: dict) -> list[str]:
    """The report, section by section."""
    return [*_machine(results["machine"]), *_build(results["build"]),
            *_reload(results["reload"]), *_synthetic(results["synthetic"], results["timeout"]),
            *_weights(results["weights"]), *_browser(results["browser"]),
            *_lighthouse(results.get("lighthouse"))]


def _machine(machine: dict) -> list[str]:
    return ["# Benchmarks", "",
            "Written by `make bench` (`bench/run.py`); the figures below are from one run on",
            "the machine described. Time figures vary with the machine's load; sizes do not.",
            "", "| machine | |", "|---|---|",
            *(f"| {key} | {value} |" for key, value in machine.items()), ""]


def _build(real: dict) -> list[str]:
    return ["## Build time", "",
            "Median of 3. *Build*: `mkdocs build --strict` in a new process (Python's start",
            "included). *Generator*: read and check every data file, then render every page",
            "of every language (generator/pipeline.py and render.py), in-process.",
            "*Full build*: with what an earlier build kept (generator/build_cache.py: compiled",
            "templates, images, packs, each text's HTML), as a contributor's next build;",
            "*first build*: nothing kept (`PARCEL_HELP_CACHE=off`), as in CI.", "",
            "| site | generator | full build | first build |", "|---|---|---|---|",
            f"| the real site ({real['pages']} pages) | {seconds(real['generator'])} "
            f"| {seconds(real['build'])} | {seconds(real.get('build_cold', float('nan')))} |",
            ""]


def _reload(edit: dict) -> list[str]:
    return ["## Edit to reload", "",
            "`mkdocs serve` as `make serve` runs it (`--dirty`), a Chromium tab on the",
            "questionnaire: seconds from saving a changed English question in",
            "decision_tree.yaml to the tab showing it (livereload reloads it). It includes",
            "mkdocs's file polling and the page's reload. *Rebuild*: the build alone, as",
            f"mkdocs logs it. {edit['runs']} edits; the load average at the end.", "",
            "| median | min | max | rebuild (median) | load average |", "|---|---|---|---|---|",
            f"| {seconds(edit['median'])} | {seconds(edit['min'])} | {seconds(edit['max'])} "
            f"| {seconds(edit['build'])} | {edit['load']:.1f} on {os.cpu_count()} cores |", ""]


def _synthetic(rows: list[dict], timeout: int) -> list[str]:
    out = ["## Synthetic trees", "",
           "`bench/synthetic_tree.py` writes a valid tree of N nodes (a binary tree: questions",
           "inside, outcomes at the leaves, text about as long as the real tree's), built with",
           "`PARCEL_HELP_TREE`. The questionnaire stays one page, whatever N. Beside it: a plain",
           "Material site with N Markdown pages (Material's defaults: every page in the nav),",
           "built the same way. Growth: time for N over time for N/10 (the goal: at most",
           f"11x for 10x the nodes). One run each; a measurement is stopped after {timeout} s,",
           "and a plain build not started when the size before took over a tenth of that.", "",
           "| nodes | tree file | generator | growth | full build | growth "
           "| plain Material, N pages | growth |",
           "|---|---|---|---|---|---|---|---|"]
    previous = None
    for row in rows:
        out.append(f"| {row['nodes']:,} | {kb(row['tree_bytes'])} | {seconds(row['generator'])} "
                   f"| {ratio(row['generator'], previous and previous['generator'])} "
                   f"| {seconds(row['build'])} | {ratio(row['build'], previous and previous['build'])} "
                   f"| {seconds(row['plain'])} | {ratio(row['plain'], previous and previous['plain'])} |")
        previous = row
    return out + [""]


def _weights(weights: dict) -> list[str]:
    pages = weights["pages"]
    default_total = sum(pages["default Material page"].values())
    out = ["## Page weight", "",
           "Gzipped bytes (level 9) of the page's HTML and of the local stylesheets and scripts",
           "it loads (`tests/gates.py: page_weight`). The default Material page is a new",
           f"mkdocs-material site with one short page; it also links Google Fonts "
           f"({weights['fonts']} tags:",
           "a preconnect and a stylesheet, not counted in its bytes), which this site does not.",
           "", "| page | HTML | CSS + JS | total | vs default Material |", "|---|---|---|---|---|"]
    for name, weight in pages.items():
        html = next(iter(weight.values()))
        total = sum(weight.values())
        out.append(f"| {name} | {kb(html)} | {kb(total - html)} | {kb(total)} "
                   f"| {(total - default_total) / 1024:+.1f} KB |")
    return out + ["",
                  "The questionnaire beyond its words (its page, CSS and JS, less the default",
                  f"Material page, less the gzipped text of its steps, {kb(weights['words'])}): "
                  f"{kb(weights['beyond'])};",
                  "the budget is 10 KB (`tests/test_gates_build.py` asserts it, the same way, in",
                  "both languages). The embed's size, with the next steps' data it fetches, is in",
                  "the scale table (`bench/scale.py`).", ""]


def _browser(browser: dict) -> list[str]:
    measures = browser["steps"]
    walked = next(iter(measures.values()))["steps"]
    out = ["## In the browser (headless Chromium)", "",
           f"The questionnaire, {walked['steps']} answers clicked (starting again at each",
           "outcome): time from the click event to the next step's heading focused and",
           "painted (`requestAnimationFrame` after the focus, then the next task), and the",
           "requests made per step: by the page, and Chromium's own new request for the",
           "favicon on each change of address (Chromium does this, not the page). The",
           "time to the next frame depends on when the click comes: *at any moment*, as a",
           "person clicks (`page.mouse`, after a wait spread evenly over a frame), a frame",
           "can begin within a few milliseconds (the floors show it); *just after a frame*,",
           "as Playwright's own click comes (its checks before a click run on animation",
           "frames), the next frame is nearly a whole frame away, the least favourable",
           "case. *Floor*: the same clicks and",
           "measurement, in the same run, on a page whose click handler only changes its",
           "heading's words and focuses it (bench/browser.py: FLOOR_PAGE): the time from an",
           "input to the next frame in headless Chromium; *with address*: the same page",
           "giving each step its own address (history.pushState) and title, as every step",
           "must. *First frame*: a `requestAnimationFrame` counter started by the click,",
           "read in the frame that paints the focused heading (1: the first frame after the",
           "click). *Event Timing*: the click's `duration` as Chromium reports it",
           "(PerformanceObserver \"event\", what INP measures: from the click to the next",
           "paint shown), in 8 ms steps, none under 16 ms.", "",
           "| the click comes | median | worst | floor: median / worst | floor with address "
           "| painted in the first frame after the click | Event Timing "
           "| requests per step by the page (most) | favicon requests per step |",
           "|---|---|---|---|---|---|---|---|---|"]
    for moment, measure in measures.items():
        steps, floors = measure["steps"], (measure["floor"], measure["floor_address"])
        out.append(f"| {MOMENT_NAMES[moment]} | {steps['median_ms']:.1f} ms | {steps['worst_ms']:.1f} ms "
                   + "".join(f"| {f['median_ms']:.1f} / {f['worst_ms']:.1f} ms " for f in floors)
                   + f"| {frames_summary(steps)} | {event_timing_summary(steps)}; floors: "
                   + "; ".join(map(event_timing_summary, floors))
                   + f" | {steps['requests_per_step']} | {steps['favicon_per_step']} |")
    out += ["",
            "Offline after one visit: the home page loaded once (its service worker",
            "installed: the time from the page's load to the worker being ready, and what",
            "it cached), then the network cut off (`context.set_offline`), then each page",
            "opened; the questionnaires are walked to an outcome (the first answer each time).",
            "", "| site | worker | ready after load | cached | offline: what opened |",
            "|---|---|---|---|---|"]
    out += [offline_row(name, result) for name, result in browser["offline"].items()]
    out += ["", "Loading each page: requests to other hosts, and axe-core's violations.", "",
            "| page | requests to other hosts | axe-core violations |", "|---|---|---|"]
    for name, audit in browser["audits"].items():
        hosts = sorted({url.split("/")[2] for url in audit["foreign_requests"]})
        listed = f" ({', '.join(hosts)})" if hosts else ""
        violations = f" ({', '.join(audit['axe'])})" if audit["axe"] else ""
        out.append(f"| {name} | {len(audit['foreign_requests'])}{listed} "
                   f"| {len(audit['axe'])}{violations} |")
    return out + [""]


MOMENT_NAMES = {"any": "at any moment", "after a frame": "just after a frame"}


def steps_summary(measure: dict) -> str:
    """'median / worst ms (floors: median / worst; with address median / worst ms)' of
    one moment's walk (browser.step_measures)."""
    steps, floor, address = measure["steps"], measure["floor"], measure["floor_address"]
    return (f"{steps['median_ms']:.1f} / {steps['worst_ms']:.1f} ms "
            f"(floors {floor['median_ms']:.1f} / {floor['worst_ms']:.1f}; "
            f"{address['median_ms']:.1f} / {address['worst_ms']:.1f} ms)")


def frames_summary(steps: dict) -> str:
    """'painted in the first frame after the click in N of M steps' (and the most frames)."""
    text = f"{steps['first_frame']} of {steps['steps']}"
    if steps["frames_most"] > 1:
        text += f" (the others in at most {steps['frames_most']} frames)"
    return text


def event_timing_summary(steps: dict) -> str:
    """Event Timing's durations (8 ms steps; none reported under 16 ms): their median,
    and how many were 16 ms or less (the frame after the click's, or the one before)."""
    durations = steps.get("event_timing") or []
    if not durations:
        return "-"
    values = sorted(0 if duration is None else duration for duration in durations)
    middle = values[len(values) // 2]
    within = sum(value <= 16 for value in values)
    return (f"median {'under 16' if middle == 0 else f'{middle:.0f}'} ms, "
            f"16 ms or less in {within} of {len(values)}")


def offline_row(name: str, result: dict) -> str:
    """One site's row of the offline table (browser.offline_walk's result)."""
    cached = result["cached"]
    opened = "; ".join(f"{check}: {seen or 'no page (no connection)'}"
                       for check, seen in result["pages"].items())
    ready = f"{result['installed_ms'] / 1000:.1f} s" if result["worker"] else "-"
    return (f"| {name} | {'yes' if result['worker'] else 'no'} | {ready} "
            f"| {cached['files']} files, {kb(cached['bytes'])} | {opened} |")


def _lighthouse(results: dict | None) -> list[str]:
    if results is None:
        return []
    first = next(iter(results.values()))
    runs, version = len(first["performance"]), first["median"]["version"]
    out = ["## Lighthouse", "",
           f"Lighthouse {version} (npm, `node_modules/.bin/lighthouse`), default mobile",
           "emulation and simulated throttling (a slow 4G network, a CPU 4 times slower),",
           "Debian's Chromium headless, pages served from 127.0.0.1 gzipped, as a static",
           f"host serves them. {runs} runs a page: the scores and metrics are the run with",
           "the median performance score, and every run's performance score is listed.",
           "Audits that cost points are named.", "",
           "| page | performance (each run) | accessibility | best practices | SEO "
           "| FCP | LCP | TBT | CLS | SI | audits that cost points |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, result in results.items():
        run = result["median"]
        scores = run["scores"]
        metrics = run["metrics"]
        out.append(
            f"| {name} | {scores['performance']} ({', '.join(map(str, result['performance']))}) "
            f"| {scores['accessibility']} | {scores['best-practices']} | {scores['seo']} "
            + "".join(f"| {metrics[m] / 1000:.2f} s " for m in ("FCP", "LCP"))
            + f"| {metrics['TBT']:.0f} ms | {metrics['CLS']:.3f} | {metrics['SI'] / 1000:.2f} s "
            f"| {', '.join(run['lost']) or '-'} |")
    return out + [""]