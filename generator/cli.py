"""Command line (`make validate`, `make graph`, ... run it; README.md lists them):
`python -m generator validate [PATH] [--strict-translations]`, `graph [PATH] --format
mermaid|dot`, `paths [PATH]`, `diff BASE [HEAD]`, `facts [PATH] [--today DATE]`, `render`,
`translations [PATH] [--lang LANG] [--update]`."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import drawing, freshness, reader_paths
from .errors import Problem
from .pipeline import TREE_FILE, SiteData, check_site
from .render import Renderer
from . import translate
from .translate import translation_path
from .translation_file import update


def _report(path: str, errors: list[Problem], warnings: list[Problem]) -> None:
    """Every problem, then one summary line when there are errors (on stderr, like the
    problems); a valid tree's summary is _validate's, on stdout."""
    for problem in errors + warnings:
        print(problem.format(), file=sys.stderr)
    if errors:
        print(f"{path}: {len(errors)} error(s), {len(warnings)} warning(s)", file=sys.stderr)


def _site(path: str) -> SiteData | None:
    """The checked site data, or None after printing every problem."""
    checked = check_site(path)
    if checked.site is None:
        _report(path, checked.errors, checked.all_warnings)
    return checked.site


def _validate(args: argparse.Namespace) -> int:
    checked = check_site(args.path, strict_translations=args.strict_translations)
    _report(args.path, checked.errors, checked.all_warnings)
    if checked.errors:
        return 1
    print(f"{args.path}: valid ({len(checked.all_warnings)} warning(s))")
    return 0


def _translations(args: argparse.Namespace) -> int:
    """Without --update: list what is missing or stale. With it: add missing entries.
    Texts left to translate are not a failure (their pages show the English): exit 0
    unless the files cannot be read or checked. Each file is read once, by check_site."""
    checked = check_site(args.path)
    if checked.tree is None:
        _report(args.path, checked.errors, checked.all_warnings)
        print(f"{args.path}: fix the tree first (make validate)", file=sys.stderr)
        return 1
    langs = [args.lang] if args.lang else list(checked.translation_files)
    unknown = [lang for lang in langs if lang not in checked.translation_files]
    if unknown:
        print(f"{', '.join(unknown)}: not a language of languages.yaml (add it there first)",
              file=sys.stderr)
        return 1
    unread = [lang for lang in langs if checked.translation_files[lang] is None
              and translation_path(args.path, lang).is_file()]
    if args.update and unread:  # never written over: it would lose what it holds
        _report(args.path, checked.errors, checked.all_warnings)
        return 1
    for lang in langs:
        loaded = checked.translation_files[lang]
        if args.update:
            report, loaded = update(checked.units, translation_path(args.path, lang), loaded)
            for line in report:
                print(f"{lang}: {line}")
        if loaded is None:
            print(f"{lang}: {len(checked.units)} text(s) to translate or re-translate")
            continue
        # where each text stands now (the file as written: not read again)
        found = translate.states(checked.units, loaded)
        errors, warnings = translate.check(found, loaded, lang, checked.tree.facts)
        for problem in errors + warnings:
            print(problem.format(), file=sys.stderr)
        left = [s for s in found if s.shown_in_english]
        print(f"{lang}: {len(left)} text(s) to translate or re-translate")
    if checked.site is None:  # a translation that cannot be used (unsafe text, ...)
        _report(args.path, checked.errors, [])
        return 1
    return 0


def _graph(args: argparse.Namespace) -> int:
    site = _site(args.path)
    if site is None:
        return 1
    sys.stdout.write(drawing.FORMATS[args.format](site.tree))
    return 0


def _paths(args: argparse.Namespace) -> int:
    site = _site(args.path)
    if site is None:
        return 1
    sys.stdout.write(reader_paths.paths_text(site.tree))
    return 0


def _diff(args: argparse.Namespace) -> int:
    base, head = _site(args.base), _site(args.head)
    if base is None or head is None:
        return 1
    sys.stdout.write(reader_paths.diff(base, head))
    return 0


def _facts(args: argparse.Namespace) -> int:
    """Exit 1 when a fact is overdue (the weekly workflow then fails and shows it)."""
    site = _site(args.path)
    if site is None:
        return 1
    sys.stdout.write(freshness.report(site.tree, args.today))
    return 1 if freshness.overdue(site.tree, args.today) else 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


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
    check.add_argument("--strict-translations", action="store_true",
                       help="a text without a current translation is an error, not a "
                            "warning (for a release)")
    check.set_defaults(run=_validate)
    graph = commands.add_parser("graph", help="print the tree as a Mermaid or Graphviz graph "
                                              "(paste it into a pull request)")
    graph.add_argument("path", nargs="?", default=TREE_FILE)
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    graph.set_defaults(run=_graph)
    words = commands.add_parser("translations", help="list the texts a translation lacks; "
                                                     "--update adds them, marked todo")
    words.add_argument("path", nargs="?", default=TREE_FILE)
    words.add_argument("--lang", help="one language of languages.yaml (default: every one "
                                      "besides English)")
    words.add_argument("--update", action="store_true",
                       help="add every missing text (English, `todo: true`) to "
                            "translations/LANG.yaml; existing entries stay as they are")
    words.set_defaults(run=_translations)
    paths = commands.add_parser("paths", help="per outcome: how many paths from the first "
                                              "question reach it, and the shortest")
    paths.add_argument("path", nargs="?", default=TREE_FILE)
    paths.set_defaults(run=_paths)
    changes = commands.add_parser("diff", help="what readers would see differently between "
                                               "two trees (Markdown, for a pull request)")
    changes.add_argument("base", help="the tree before the change")
    changes.add_argument("head", nargs="?", default=TREE_FILE, help="the tree after it")
    changes.set_defaults(run=_diff)
    facts = commands.add_parser("facts", help="list every fact with its source, the date "
                                              "it was checked and the date it is due; "
                                              "exit 1 when one is overdue")
    facts.add_argument("path", nargs="?", default=TREE_FILE)
    facts.add_argument("--today", type=_day, default=date.today(),
                       help="the day to count from (YYYY-MM-DD; default: today)")
    facts.set_defaults(run=_facts)
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
