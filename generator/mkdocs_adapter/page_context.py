"""What one page's templates see: Material's words and <html lang> in the page's
language, its nav, a language menu linking to the same page in each language, the
search index of its own language, its alternates (hreflang), its edit link and its
link preview tags."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator import social
from generator.i18n import locale

from . import alternates
from .languages import ENGLISH, Overlay, page_language, url_in
from .links import edit_url
from .site_build import SiteBuild


def page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation,
                 build: SiteBuild) -> dict:
    lang = page_language(page.file.src_uri)
    page.edit_url = edit_url(config, *build.source(page.file))
    strings = locale(lang).data["strings"]
    changes: dict[str, Any] = {
        "site_name": strings["site_name"],
        "site_description": strings["site_description"],
        "theme": Overlay(config.theme, language=lang),
    }
    if len(build.languages) > 1:
        # true, not a list: Material shows its language menu (our
        # partials/alternate.html) but writes no <link rel="alternate">, for which its
        # script would fetch a sitemap.xml under each link (it expects one root per
        # language, not pages).
        changes["extra"] = Overlay(config.extra, alternate=True, languages=[
            {"name": locale(other).data["name"], "lang": other,
             "link": url_in(build.files, other, page), "current": other == lang}
            for other in build.languages])
    context["config"] = Overlay(config, **changes)
    # <link rel="alternate" hreflang> for each language the page exists in (main.html)
    context["alternates"] = alternates.of_page(build.files, page.file.src_uri,
                                               build.languages, config.site_url or "")
    # Link previews (generator/social.py, which escapes each value once).
    description = page.meta.get("description") or strings["site_description"]
    context["social_tags"] = social.tags(
        # plain text: page.title is HTML (a generated page's escaped, mkdocs's)
        title=Markup(page.title).striptags() if page.title else strings["site_name"],
        description=description, url=page.canonical_url or config.site_url,
        site_name=strings["site_name"], site_url=config.site_url, lang=lang)
    # Material writes page.meta.description into its <meta name="description"> as it
    # is: a guide's summary (contributor text) must arrive escaped, once.
    page.meta["description"] = escape(description)
    if lang != ENGLISH:
        context["nav"] = build.navs.get(lang, nav)
        # Material loads the search index from its "base": this language's folder.
        context["base_url"] = get_relative_url(f"{lang}/", page.url).rstrip("/") or "."
    return context
