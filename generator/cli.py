"""Command line: `python -m generator validate [PATH]`, `python -m generator graph
[PATH] --format mermaid|dot`, `python -m generator render`,
`python -m generator translations ru [--update]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import TreeError
from .loader import load_file
from .translate import LANGUAGES, check_all, update
from .validate import validate

DEFAULT_TREE = "decision_tree.yaml"


def _loaded(path: str):
    """The file at path as loaded data, or None after printing why it cannot be read."""
    try:
        return load_file(path)
    except TreeError as error:
        print(error, file=sys.stderr)
        return None


def _validate(args: argparse.Namespace) -> int:
    loaded = _loaded(args.path)
    if loaded is None:
        return 1
    errors, warnings = validate(loaded)
    if not errors:  # translations are checked against a sound tree only
        more_errors, more_warnings = check_all(loaded)
        errors, warnings = errors + more_errors, warnings + more_warnings
    for problem in errors + warnings:
        print(problem.format(), file=sys.stderr)
    if errors:
        print(f"{args.path}: {len(errors)} error(s), {len(warnings)} warning(s)", file=sys.stderr)
        return 1
    print(f"{args.path}: valid ({len(warnings)} warning(s))")
    return 0


def _translations(args: argparse.Namespace) -> int:
    """Without --update: list what is missing or stale. With it: add missing entries."""
    loaded = _loaded(args.path)
    if loaded is None:
        return 1
    errors, _ = validate(loaded)
    if errors:
        print(f"{args.path}: fix the tree first (python -m generator validate)", file=sys.stderr)
        return 1
    if args.update:
        for line in update(loaded, args.lang):
            print(line)
    problems, warnings = check_all(loaded)
    for problem in problems + warnings:
        print(problem.format(), file=sys.stderr)
    print(f"{args.lang}: {len(problems)} to translate or re-translate")
    return 1 if problems else 0


def _valid_tree(path: str):
    """The tree at path, or None after printing why it cannot be used."""
    from .validate import load_and_validate

    try:
        return load_and_validate(path)[0]
    except TreeError as error:
        print(error, file=sys.stderr)
        return None


def _graph(args: argparse.Namespace) -> int:
    from .graph import FORMATS

    tree = _valid_tree(args.path)
    if tree is None:
        return 1
    sys.stdout.write(FORMATS[args.format](tree))
    return 0


def _render(args: argparse.Namespace) -> int:
    from .render import render_pages

    tree = _valid_tree(args.path)
    if tree is None:
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
    graph = commands.add_parser("graph", help="print the tree as a Mermaid or Graphviz graph "
                                              "(paste it into a pull request)")
    graph.add_argument("path", nargs="?", default=DEFAULT_TREE)
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    graph.set_defaults(run=_graph)
    words = commands.add_parser("translations", help="list the texts a translation lacks; "
                                                     "--update adds them, marked todo")
    words.add_argument("lang", choices=LANGUAGES)
    words.add_argument("path", nargs="?", default=DEFAULT_TREE)
    words.add_argument("--update", action="store_true",
                       help="add every missing text (English, `todo: true`) to "
                            "translations/LANG.yaml; existing entries stay as they are")
    words.set_defaults(run=_translations)
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
