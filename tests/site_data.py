"""The real site's data, read once through the pipeline as the build reads it, for
tests that look at the tree, its translations or the tools. The date is fixed, so
no test changes its result with the calendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.model import Tree
from generator.pipeline import SiteData, load_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 12, 1)

SITE: SiteData = load_site(ROOT / "decision_tree.yaml", TODAY)
TREE: Tree = SITE.tree
TREES = SITE.trees
TOOLS = SITE.tools


def tree_at(path: str | Path) -> Tree:
    """Another tree file, checked as the build checks it."""
    return load_site(path, TODAY).tree
