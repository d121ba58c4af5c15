"""The "this advice did not fit" link under every outcome: a new issue on the project's
repository, its title and body filled in, opened in the reader's own browser.

Nothing is sent by the site: the link is plain HTML, so it works without JavaScript,
and the reader sees (and may edit) everything before GitHub receives it. Without
JavaScript the report names the outcome and the language; with it, questionnaire.js
adds the answers that led there to the body (report_link.html.j2 gives it the words).
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from .i18n import Locale

# mkdocs.yml's repo_url (tests/test_feedback.py keeps the two the same): the generator
# reads no site config, the mkdocs adapter does.
REPOSITORY = "https://github.com/parcel-help/parcel-help"


def report_url(outcome_id: str, locale: Locale) -> str:
    """The new-issue address for a report on outcome_id, in locale's language. Every
    value is percent-encoded once here (spaces as %20, so GitHub shows no '+')."""
    title = locale.t("report_issue_title", outcome=outcome_id)
    body = locale.t("report_issue_body", outcome=outcome_id, lang=locale.lang)
    query = urlencode({"title": title, "body": body}, quote_via=quote, safe="")
    return f"{REPOSITORY}/issues/new?{query}"
