"""Build-time measurements: the real site, synthetic trees, and plain Material sites
with as many Markdown pages, all built the same way (`mkdocs build --strict` in a new
process), plus the generator's own share (load, validate, render) timed in-process."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
# The loader refuses trees over 1 MB (a guard against opening the wrong file); 10,000
# synthetic nodes take about 5 MB, so the benchmark's builds lift that guard, and only it.
MKDOCS = ("import sys, generator.loader as loader; loader.MAX_BYTES = 10**9; "
          "from mkdocs.__main__ import cli; sys.argv[0] = 'mkdocs'; cli()")


def mkdocs_build(dest: Path, config: Path | None = None, tree: Path | None = None,
                 timeout: float | None = None, cache: bool = True) -> float | None:
    """Seconds that `mkdocs build --strict` took in a new process; None past timeout.
    cache=False: nothing kept from an earlier build is used (generator/build_cache.py),
    as on a fresh machine or in CI."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if not cache:
        env["PARCEL_HELP_CACHE"] = "off"
    if tree is not None:
        env["PARCEL_HELP_TREE"] = str(tree)
    command = [sys.executable, "-c", MKDOCS, "build", "--strict", "--quiet", "--site-dir", str(dest)]
    if config is not None:
        command += ["--config-file", str(config)]
    start = time.perf_counter()
    try:
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                                timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if result.returncode != 0:
        raise RuntimeError(f"build failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - start


def generator_seconds(tree: Path | None = None, timeout: float | None = None) -> float | None:
    """generator_share() in a new process (fresh imports, as in a build); None past timeout."""
    command = [sys.executable, str(Path(__file__)), "generator"] + ([str(tree)] if tree else [])
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                                env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    except subprocess.TimeoutExpired:
        return None
    if result.returncode != 0:
        raise RuntimeError(f"the generator failed:\n{result.stderr}")
    return float(result.stdout.split()[-1])


def generator_share(tree: Path | None = None) -> float:
    """Seconds of the generator's whole share of a build: the pipeline reads and checks
    every data file, then every language's renderer renders its pages (what the mkdocs
    adapter does in on_config and on_files)."""
    import generator.loader
    from generator.pipeline import load_site
    from generator.render import Renderer

    generator.loader.MAX_BYTES = 10**9
    start = time.perf_counter()
    site = load_site(tree or ROOT / "decision_tree.yaml")
    for lang in site.languages:
        Renderer(site, lang).pages()
    return time.perf_counter() - start


def repeat(measure, times: int) -> float:
    return median(measure() for _ in range(times))


def real_site(work: Path, times: int = 3) -> dict[str, float]:
    return {"build": repeat(lambda: mkdocs_build(work / "real-site"), times),
            "build_cold": repeat(lambda: mkdocs_build(work / "real-site", cache=False), times),
            "generator": repeat(generator_seconds, times)}



def plain_material_site(folder: Path, pages: int) -> Path:
    """A default Material site (no nav given, so every page is in it) with `pages`
    Markdown pages of about a questionnaire step's length."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nA plain Material site.\n", encoding="utf-8")
    for number in range(1, pages):
        (docs / f"page-{number}.md").write_text(
            f"# Page {number}\n\nOpen the order page and look at the status line; it tells "
            "you what the seller and the carrier last reported.\n\n- Press Open dispute.\n"
            "- Attach the screenshots.\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text("site_name: Plain\ntheme:\n  name: material\n", encoding="utf-8")
    return config


def synthetic(sizes: tuple[int, ...], timeout: float) -> list[dict]:
    """Generator, full build and plain Material build for each size; a measurement past
    timeout seconds is stopped (None), and a plain build is not started when the size
    before already took more than a tenth of it (it grows faster than linearly)."""
    from synthetic_tree import write_tree

    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="parcel-help-bench-") as temp:
        work = Path(temp)
        for size in sizes:
            tree = write_tree(size, work / f"tree-{size}.yaml")
            row = {"nodes": size, "tree_bytes": tree.stat().st_size,
                   "generator": generator_seconds(tree, timeout),
                   "build": mkdocs_build(work / f"site-{size}", tree=tree, timeout=timeout),
                   "plain": None}
            before = rows[-1]["plain"] if rows else 0
            if before is not None and before < timeout / 10:
                plain = plain_material_site(work / f"plain-{size}", size)
                row["plain"] = mkdocs_build(work / f"plain-site-{size}", config=plain,
                                            timeout=timeout)
            rows.append(row)
            print(f"  {size:>6} nodes: {row}", flush=True)
    return rows


if __name__ == "__main__":  # `builds.py generator [TREE]`: what generator_seconds runs
    sys.path.insert(0, str(ROOT))  # this checkout's generator, whatever is installed
    print(generator_share(Path(sys.argv[2]) if len(sys.argv) > 2 else None))
