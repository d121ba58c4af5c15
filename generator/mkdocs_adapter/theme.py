"""What the theme's templates (site_overrides/) get from the generator: the theme
colour, the embed's inlined files, and compiled templates kept across rebuilds."""

from __future__ import annotations

import os

import jinja2
from markupsafe import Markup
from mkdocs.structure.files import Files

from generator import build_cache, csp, embed

from . import serve
from .step_pages import SHELL_SOURCE, SHELL_TEMPLATE, Shells, drawn_once

# Material's indigo (mkdocs.yml's palette: primary), which the site's bars use: the
# browser's bar (main.html), the app icons, the manifests and the link previews.
THEME_COLOUR = "#4051b5"
_TEMPLATES = build_cache.Layered(serve.TEMPLATE_CACHE)


def templates_kept() -> None:
    """Every Jinja environment mkdocs makes for the theme (the pages', and Material's
    search's, which compiles its language template three times a build for its
    settings) keeps its compiled templates: once per process, across `mkdocs serve`
    rebuilds, and for the next build (build_cache.py). Jinja checks each against its
    template's source, so an edited template is compiled anew."""
    from mkdocs.theme import Theme

    if hasattr(Theme.get_env, "kept"):
        return
    make_env = Theme.get_env

    def get_env(theme: Theme) -> jinja2.Environment:
        env = make_env(theme)
        env.bytecode_cache = _TEMPLATES
        return env

    get_env.kept = True
    Theme.get_env = get_env


def prepare(env: jinja2.Environment, files: Files, inlined: csp.Inlined) -> jinja2.Environment:
    """The pages' environment (its compiled templates kept: templates_kept). The
    embed's page template inlines the site's own CSS and JS files."""

    def inline_asset(*paths: str) -> Markup:
        """The files' text, minified, as one inline element; the policy allows
        exactly this text (csp.Inlined)."""
        text = "".join(embed.minify(path, files.get_file_from_path(path).content_string)
                       for path in paths)
        return Markup(inlined.add(paths[0], text))

    # the step pages, written from a shell (step_pages.py); PARCEL_HELP_STEP_SHELL=off
    # renders each by its template, as tests compare
    shells = Shells(env, enabled=os.environ.get("PARCEL_HELP_STEP_SHELL") != "off")

    @jinja2.pass_context
    def step_page_html(context) -> Markup:
        return Markup(shells.page_html(context))
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({SHELL_TEMPLATE: SHELL_SOURCE}),
                                      env.loader])
    env.globals.update(step_page_html=step_page_html, inline_asset=inline_asset,
                       theme_colour=THEME_COLOUR,
                       embed_styles=embed.STYLES, embed_scripts=embed.SCRIPTS,
                       drawn_once=drawn_once())
    return env
