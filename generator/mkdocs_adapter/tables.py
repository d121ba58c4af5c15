"""Regex post-processing of a page's HTML, for one job: wide tables that scroll.

Material's script wrapped each table in these as the page ran, so that a wide table
scrolls sideways on a phone; written into the page, they are there without
JavaScript (Material's script is not loaded: site.js) and nothing moves after the
first paint. Markdown's tables have no attributes; any other table is left as it is.
"""

from __future__ import annotations

import re

TABLE = re.compile(r"<table>.*?</table>", re.S)


def scrollable_tables(html_text: str) -> str:
    return TABLE.sub(lambda table: '<div class="md-typeset__scrollwrap"><div '
                     f'class="md-typeset__table">{table.group(0)}</div></div>', html_text)
