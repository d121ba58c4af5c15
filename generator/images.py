"""Pictures made at build time with Pillow: the app icon and the link preview (Open
Graph) image of each language. Same input, same bytes: Pillow writes no time stamp
into a PNG, so rebuilds stay byte-identical.

The text needs a font with Cyrillic letters and no web request: DejaVu Sans, from
Debian's fonts-dejavu-core (the Makefile installs it, as it does chromium)."""

from __future__ import annotations

import io
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from . import build_cache

if TYPE_CHECKING:  # Pillow is imported when a picture is drawn: most builds take them
    from PIL import Image, ImageDraw, ImageFont  # from the cache folder

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
PREVIEW_SIZE = (1200, 630)
WHITE = "#ffffff"


class FontMissing(RuntimeError):
    pass


def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if not path.is_file():
        raise FontMissing(f"{path} is missing: install Debian's fonts-dejavu-core "
                          "(make build does)")
    return ImageFont.truetype(str(path), size)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _parcel(draw: ImageDraw.ImageDraw, left: float, top: float, size: float) -> None:
    """A parcel: a box with a band of tape across its lid, in white lines."""
    width = max(2, round(size / 14))
    draw.rectangle((left, top, left + size, top + size * .8), outline=WHITE, width=width)
    draw.line((left, top + size * .28, left + size, top + size * .28), fill=WHITE, width=width)
    draw.rectangle((left + size * .4, top, left + size * .6, top + size * .28), fill=WHITE)


# Kept per process: `make serve` rebuilds the site on every save, the pictures seldom
# change, and drawing them was a tenth of a rebuild.
@lru_cache(maxsize=8)
def icon(size: int, colour: str) -> bytes:
    """The app icon: a parcel on the site's colour, with a margin that survives a
    round mask. Kept for the next build, as the previews."""
    key = (size, colour, _pillow())  # build_cache adds the drawing code
    return build_cache.kept_bytes("icons", key, lambda: _icon(size, colour))


@lru_cache(maxsize=None)
def _pillow() -> str:
    return metadata.version("pillow")


def _icon(size: int, colour: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (size, size), colour)
    _parcel(ImageDraw.Draw(image), size * .25, size * .3, size * .5)
    return _png(image)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


@lru_cache(maxsize=8)
def preview(title: str, text: str, address: str, colour: str) -> bytes:
    """A 1200x630 link preview: the site's name, what it is for, and its address.
    Kept for the next build (build_cache.py), under all it is drawn from: its words,
    colour, fonts and Pillow's version (build_cache adds the drawing code)."""
    fonts = [(path.stat().st_size, path.stat().st_mtime_ns)
             for path in (FONT_DIR / "DejaVuSans-Bold.ttf", FONT_DIR / "DejaVuSans.ttf")
             if path.is_file()]
    key = (title, text, address, colour, PREVIEW_SIZE, fonts, _pillow())
    return build_cache.kept_bytes("previews", key,
                                  lambda: _preview(title, text, address, colour))


def _preview(title: str, text: str, address: str, colour: str) -> bytes:
    from PIL import Image, ImageDraw

    width, height = PREVIEW_SIZE
    image = Image.new("RGB", PREVIEW_SIZE, colour)
    draw = ImageDraw.Draw(image)
    margin = 80
    _parcel(draw, margin, margin, 110)
    draw.text((margin + 150, margin + 20), title, font=_font(True, 64), fill=WHITE)
    body = _font(False, 40)
    y = margin + 190
    for line in _wrap(draw, text, body, width - 2 * margin)[:5]:
        draw.text((margin, y), line, font=body, fill=WHITE)
        y += 54
    draw.text((margin, height - margin - 36), address, font=_font(True, 36), fill=WHITE)
    return _png(image)
