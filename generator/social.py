"""Link previews: the Open Graph and Twitter card tags of a page and the preview image
of each language. Plain Python; the mkdocs adapter passes each page's title,
description and address, and writes the images after the build.

Titles and descriptions can be contributor text (a guide's title and summary): plain
text here, escaped once, for an attribute, by tags(); the template writes the values
as they are."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup, escape

from .languages import og_locale

PREVIEW = "assets/images/social/{lang}.png"


def preview_url(site_url: str, lang: str) -> str:
    return urljoin(site_url, PREVIEW.format(lang=lang))


def tags(*, title: str, description: str, url: str, site_name: str, site_url: str,
         lang: str) -> list[tuple[str, str, Markup]]:
    """(attribute, name, escaped value) for each <meta> of a page's link preview."""
    from generator.images import PREVIEW_SIZE

    plain = {
        ("property", "og:type"): "website",
        ("property", "og:site_name"): site_name,
        ("property", "og:title"): title,
        ("property", "og:description"): description,
        ("property", "og:url"): url,
        ("property", "og:locale"): og_locale(lang),
        ("property", "og:image"): preview_url(site_url, lang),
        ("property", "og:image:type"): "image/png",
        ("property", "og:image:width"): str(PREVIEW_SIZE[0]),
        ("property", "og:image:height"): str(PREVIEW_SIZE[1]),
        ("property", "og:image:alt"): site_name,
        # X (Twitter) reads title, description and image from og: when its own are missing
        ("name", "twitter:card"): "summary_large_image",
    }
    return [(attr, name, escape(value)) for (attr, name), value in plain.items()]


def write_images(site: Path, languages: list[str], strings: dict[str, dict],
                 address: str, colour: str) -> None:
    """Each language's preview image: its site name and description, and the address."""
    from generator import images

    for lang in languages:
        target = site / PREVIEW.format(lang=lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(images.preview(strings[lang]["site_name"],
                                          strings[lang]["site_description"], address, colour))
