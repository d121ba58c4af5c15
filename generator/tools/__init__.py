"""The buyer tools (tools.yaml): check.py checks the file against its schema and the
tree, model.py freezes it, pages.py renders the tool pages and the data their scripts
read. TOOLS is the one list of tools: the pages, the nav, the tools index and the
questionnaire's offers all come from it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tool:
    name: str  # in tools.yaml `offered_on`, the form's data-tool and the script's file name
    page: str  # its page: tools/PAGE.md
    words: str  # its strings in the locales: tools_WORDS_title, tools_WORDS_summary, ...


TOOLS = (
    Tool("tracking-checker", "tracking", "tc"),
    Tool("deadline-calculator", "deadlines", "dc"),
    Tool("dispute-message", "message", "dm"),
)
BY_NAME = {tool.name: tool for tool in TOOLS}
