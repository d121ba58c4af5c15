"""Where a page's links point that mkdocs does not make: the edit link (the file and
line a contributor changes) and the nav's tool pages."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from generator.tools import TOOLS

TOOLS_INDEX = "tools/index.md"


def edit_url(config: MkDocsConfig, source: str, line: int) -> str | None:
    """Where a contributor edits a page's text: the file on the repository host, at a
    line. GitHub's edit view (/edit/) ignores line anchors, so a data file opens in
    the file view (/blob/...#L12), which highlights the line and has the pencil
    button; a written page opens in the editor. The branch is edit_uri's
    (edit/BRANCH/content/ in mkdocs.yml)."""
    if not config.repo_url or not config.edit_uri:
        return None
    parts = config.edit_uri.strip("/").split("/")
    branch = parts[1] if len(parts) > 1 else "main"
    view = "edit" if source.endswith(".md") else "blob"  # a data file: at its line
    url = f"{config.repo_url.rstrip('/')}/{view}/{branch}/{source}"
    return f"{url}#L{line}" if line else url


def in_nav(src_uri: str) -> bool:
    """Each guide is reached from the guide index and the questionnaire (a short nav
    keeps every page small: Material renders the whole nav on every page); the map
    from About and CONTRIBUTING.md; the embed is framed by other sites and linked from
    the embed guide; a language's translation status from its About page; each
    questionnaire step from the step before it (the questionnaire's first page is in
    the nav; a nav page per step would cost every page: DESIGN.md)."""
    if src_uri.startswith("guides/"):
        return src_uri == "guides/index.md"
    if src_uri.startswith(("questionnaire/", "embed/")):
        return False
    return src_uri not in ("map.md", "embed.md", "translation-status.md")


def with_tool_pages(nav: list | None) -> list | None:
    """mkdocs.yml names the tools' index; each tool's page follows it in the nav, from
    the one list of tools (generator/tools/__init__.py)."""
    if not nav:
        return nav
    pages = [TOOLS_INDEX] + [f"tools/{tool.page}.md" for tool in TOOLS]
    result = []
    for item in nav:
        if isinstance(item, dict) and list(item.values()) == [TOOLS_INDEX]:
            item = {next(iter(item)): pages}
        result.append(item)
    return result
