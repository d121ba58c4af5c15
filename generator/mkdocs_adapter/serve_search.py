"""The search index under `mkdocs serve --dirty` (make serve). Material's search keeps
the last build's entries and, on a rebuild, replaces those of one page: it assumes a
save changes one page. Here one save rebuilds several (an English edit: the step in
every language, the map, the translation status pages), and the other rebuilt pages'
old entries stayed beside their new ones: a search found a title no longer there.
This keeps the entries of the pages not rebuilt and lets Material add the rebuilt
pages' new ones, so the index holds what a fresh build's does (tests/test_serve.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel

SEARCH = "material/search"


class KeptSearch:
    def __init__(self) -> None:
        self.entries: list[dict] = []  # the last build's index entries, as written

    def before_pages(self, config: MkDocsConfig, files: Files) -> None:
        """Before the pages are built (on_env): the index starts with the entries of
        the pages that will not be rebuilt, and Material merges nothing itself."""
        search = config.plugins.get(SEARCH)
        if search is None:
            return
        pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        unchanged = {file.page.url for file in pages if not file.is_modified()}
        search.search_index_prev = None
        search.search_index.entries = [entry for entry in self.entries
                                       if entry["location"].split("#")[0] in unchanged]

    def after_build(self, config: MkDocsConfig) -> None:
        """After Material wrote the index (on_post_build): its entries, for the next."""
        search = config.plugins.get(SEARCH)
        if search is not None:
            self.entries = list(search.search_index.entries)
