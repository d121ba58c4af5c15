"""Command line: `python -m generator validate [PATH]`, `python -m generator graph
[PATH] --format mermaid|dot`, `python -m generator render`,
`python -m generator translations ru [--update]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import drawing
from .errors import Problem, TreeError
from .loader import load_file
from .pipeline import TREE_FILE, SiteData, check_site
from .render import Renderer
from .translate import LANGUAGES, update


def _report(path: str, errors: list[Problem], warnings: list[Problem]) -> None:
    """Every problem, then one summary line (on stderr, like the problems)."""
    for problem in errors + warnings:
        print(problem.format(), file=sys.stderr)
    if errors:
        print(f"{path}: {len(errors)} error(s), {len(warnings)} warning(s)", file=sys.stderr)


def _site(path: str) -> SiteData | None:
    """The checked site data, or None after printing every problem."""
    checked = check_site(path)
    if checked.site is None:
        _report(path, checked.errors, checked.warnings)
    return checked.site


def _validate(args: argparse.Namespace) -> int:
    checked = check_site(args.path)
    _report(args.path, checked.errors, checked.warnings)
    if checked.errors:
        return 1
    print(f"{args.path}: valid ({len(checked.warnings)} warning(s))")
    return 0


def _translations(args: argparse.Namespace) -> int:
    """Without --update: list what is missing or stale. With it: add missing entries."""
    checked = check_site(args.path)
    if checked.tree is None:
        _report(args.path, checked.errors, [])
        print(f"{args.path}: fix the tree first (python -m generator validate)", file=sys.stderr)
        return 1
    if args.update:
        try:
            tree = load_file(args.path)
        except TreeError as error:
            print(error, file=sys.stderr)
            return 1
        for line in update(tree, args.lang):
            print(line)
        checked = check_site(args.path)
    for problem in checked.errors + checked.warnings:
        print(problem.format(), file=sys.stderr)
    print(f"{args.lang}: {len(checked.errors)} to translate or re-translate")
    return 1 if checked.errors else 0


def _graph(args: argparse.Namespace) -> int:
    site = _site(args.path)
    if site is None:
        return 1
    sys.stdout.write(drawing.FORMATS[args.format](site.tree))
    return 0


def _render(args: argparse.Namespace) -> int:
    site = _site(args.path)
    if site is None:
        return 1
    out = Path(args.out)
    for uri, page in Renderer(site).pages().items():
        target = out / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.fill(page.markdown), encoding="utf-8")  # slots in place
    print(f"rendered into {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator",
                                     description="Check and render parcel-help's decision tree.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check the tree and list every problem")
    check.add_argument("path", nargs="?", default=TREE_FILE)
    check.set_defaults(run=_validate)
    graph = commands.add_parser("graph", help="print the tree as a Mermaid or Graphviz graph "
                                              "(paste it into a pull request)")
    graph.add_argument("path", nargs="?", default=TREE_FILE)
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    graph.set_defaults(run=_graph)
    words = commands.add_parser("translations", help="list the texts a translation lacks; "
                                                     "--update adds them, marked todo")
    words.add_argument("lang", choices=LANGUAGES)
    words.add_argument("path", nargs="?", default=TREE_FILE)
    words.add_argument("--update", action="store_true",
                       help="add every missing text (English, `todo: true`) to "
                            "translations/LANG.yaml; existing entries stay as they are")
    words.set_defaults(run=_translations)
    render = commands.add_parser("render", help="write the generated pages to a folder "
                                                "(for looking at them; the build does not need it)")
    render.add_argument("path", nargs="?", default=TREE_FILE)
    render.add_argument("--out", default="build/generated")
    render.set_defaults(run=_render)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
