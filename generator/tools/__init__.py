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

    @property
    def initials(self) -> str:
        """Its name's initials ("tc": tracking-checker), which begin its strings' keys in
        the locales (tools_tc_title, tools_tc_summary, ...) and its page's element ids."""
        return "".join(word[0] for word in self.name.split("-"))


TOOLS = (
    Tool("tracking-checker", "tracking"),
    Tool("deadline-calculator", "deadlines"),
    Tool("dispute-message", "message"),
)
BY_NAME = {tool.name: tool for tool in TOOLS}
