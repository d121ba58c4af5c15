"""The real site's data, read once through the pipeline as the build reads it, for
tests that look at the tree, its translations or the tools. Nothing read here depends
on today's date (how old a fact's check is: test_facts_report.py, with its own date)."""

from __future__ import annotations

from pathlib import Path

from generator.model import Tree
from generator.pipeline import SiteData, load_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"

SITE: SiteData = load_site(ROOT / "decision_tree.yaml")
TREE: Tree = SITE.tree
TREES = SITE.trees
TOOLS = SITE.tools


def tree_at(path: str | Path) -> Tree:
    """Another tree file, checked as the build checks it."""
    return load_site(path).tree
