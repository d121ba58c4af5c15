"""Command line: `python -m generator validate [PATH]`, `python -m generator render`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import TreeError
from .loader import load_file
from .validate import validate

DEFAULT_TREE = "decision_tree.yaml"


def _validate(args: argparse.Namespace) -> int:
    try:
        loaded = load_file(args.path)
    except TreeError as error:
        print(error, file=sys.stderr)
        return 1
    errors, warnings = validate(loaded)
    for problem in errors + warnings:
        print(problem.format(), file=sys.stderr)
    if errors:
        print(f"{args.path}: {len(errors)} error(s), {len(warnings)} warning(s)", file=sys.stderr)
        return 1
    print(f"{args.path}: valid ({len(warnings)} warning(s))")
    return 0


def _render(args: argparse.Namespace) -> int:
    from .render import render_pages
    from .validate import load_and_validate

    try:
        tree, _ = load_and_validate(args.path)
    except TreeError as error:
        print(error, file=sys.stderr)
        return 1
    out = Path(args.out)
    for uri, content in render_pages(tree).items():
        target = out / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    print(f"rendered into {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator",
                                     description="Check and render parcel-help's decision tree.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check the tree and list every problem")
    check.add_argument("path", nargs="?", default=DEFAULT_TREE)
    check.set_defaults(run=_validate)
    render = commands.add_parser("render", help="write the generated pages to a folder "
                                                "(for looking at them; the build does not need it)")
    render.add_argument("path", nargs="?", default=DEFAULT_TREE)
    render.add_argument("--out", default="build/generated")
    render.set_defaults(run=_render)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
