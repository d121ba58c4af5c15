"""What the quality gates (tests/test_gates_*.py), other tests and the benchmark share:
the pages of a built site, found by walking it (so every new page is checked without a
list to keep), the links, ids and text in a page, a page's gzipped weight, and axe."""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

# What a browser fetches by itself for a <link rel=...>; other rels are only links.
FETCHED_RELS = {"stylesheet", "preload", "icon", "modulepreload", "manifest"}


def built_pages(site_dir: Path) -> list[Path]:
    """Every HTML page of a built site, 404.html included."""
    return sorted(site_dir.rglob("*.html"))


# A step's page of the questionnaire or the embed (any language): questionnaire/ID/.
STEP_PAGE = re.compile(r"^(?:[a-z]{2}/)?(?:questionnaire|embed)/[^/]+/index\.html$")
STEP_KIND = re.compile(r'<section class="pq-step pq-(question|outcome)[^"]*" id="([^"]+)"')
SAMPLE_PER_KIND = 1


def step_kind(page: Path) -> str:
    """What a step's page shows: 'question' or 'outcome', or 'old id' (a retired id's
    page, showing the step that replaced it); 'missing' if it shows no step."""
    found = STEP_KIND.search(page.read_text(encoding="utf-8"))
    if found is None:
        return "missing"
    return found.group(1) if found.group(2) == page.parent.name else "old id"


# A situation's guide (any language): guides/ID/. The guides are one template filled
# with the tree's texts, whose markup is a handful of tags (markup.ALLOWED_TAGS).
GUIDE_PAGE = re.compile(r"^(?:[a-z]{2}/)?guides/[^/]+/index\.html$")


def browser_pages(site_dir: Path, every_guide: bool = False) -> list[Path]:
    """The pages the browser gates open: every page but the steps' (a page each, in
    each language, for the questionnaire and the embed) and the guides', of which a
    deterministic sample:
    - steps: in each folder, the first SAMPLE_PER_KIND question's, outcome's and old
      id's page, in id order. The steps' pages are one template and differ only in the
      step they hold; every step's HTML and links are checked without a browser
      (test_gates_html, test_gates_links), and the gates that measure a step's content
      in the browser swap every step's data into the first page (step_data).
    - guides (unless every_guide, for a gate that measures their words: the phone
      width): in each language, guides until every element shape of every guide is in
      one (guide_shapes: tag, classes, language, role, text or none; fewest guides,
      path order). A guide whose text makes an element no other guide has (an empty
      link, a payload that got through) is always among them. Every guide's HTML and
      links are checked without a browser."""
    chosen, seen, guides = [], {}, {}
    for page in built_pages(site_dir):
        relative = page.relative_to(site_dir).as_posix()
        if GUIDE_PAGE.match(relative) and not every_guide:
            guides.setdefault(relative.split("guides/")[0], []).append(page)
        elif not STEP_PAGE.match(relative):
            chosen.append(page)
        else:
            key = (relative.rsplit("/", 2)[0], step_kind(page))
            seen[key] = seen.get(key, 0) + 1
            if seen[key] <= SAMPLE_PER_KIND:
                chosen.append(page)
    for pages in guides.values():
        chosen += covering(pages)
    return sorted(chosen)


def covering(pages: list[Path]) -> list[Path]:
    """The fewest pages (greedy, ties in path order) whose shapes are every page's."""
    shapes = {page: guide_shapes(page) for page in pages}
    left, chosen = set().union(*shapes.values()), []
    while left:
        best = max(pages, key=lambda page: len(shapes[page] & left))  # first of the best
        chosen.append(best)
        left -= shapes[best]
    return chosen


class _Shapes(HTMLParser):
    """Each element's shape in a page's article: (tag, classes, lang, role, whether it
    holds any text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[list] = []  # [tag, classes, lang, role, has text], innermost last
        self.shapes: set[tuple] = set()
        self.depth = 0  # articles open

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if self.depth and tag not in VOID_TAGS:
            attrs = dict(attrs)
            self.open.append([tag, attrs.get("class") or "", attrs.get("lang") or "",
                              attrs.get("role") or "", False])
        elif self.depth:
            attrs = dict(attrs)
            self.shapes.add((tag, attrs.get("class") or "", attrs.get("lang") or "",
                             attrs.get("role") or "", False))

    def handle_data(self, data):
        if data.strip():
            for element in self.open:
                element[4] = True

    def handle_endtag(self, tag):
        if self.open and tag not in VOID_TAGS:
            while self.open:  # an element left open ends with its parent
                element = self.open.pop()
                self.shapes.add(tuple(element))
                if element[0] == tag:
                    break
        if tag == "article":
            self.depth -= 1


VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
             "source", "track", "wbr"}


@lru_cache(maxsize=None)
def guide_shapes(page: Path) -> frozenset:
    parser = _Shapes()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return frozenset(parser.shapes)


def step_data(page: Path) -> list[Path]:
    """A questionnaire's (or the embed's) first page: its steps' data, steps/ID.json,
    which questionnaire.js swaps into it. Any other page: none."""
    folder = page.parent / "steps"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


# Puts a step's data in place of the page's step, as questionnaire.js does; an old id's
# data names another step and holds no markup.
SWAP_STEP = """text => {
  const data = JSON.parse(text);
  if (data.html) document.querySelector("section.pq-step").outerHTML = data.html;
}"""


def page_url(site_dir: Path, page: Path) -> str:
    """The path a local server serves a built page at: '/', '/about/', '/404.html'."""
    relative = page.relative_to(site_dir).as_posix()
    return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


class PageLinks(HTMLParser):
    """The ids, links, fetched resources and meta tags of one HTML page."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, dict[str, str]]] = []  # (tag, attributes) with href or src
        self.loads: list[str] = []  # what the browser fetches by itself
        self.meta: dict[str, str] = {}  # <meta property|name=... content=...>
        self.manifest: str | None = None  # <link rel="manifest" href>
        self.bare_anchors = 0  # <a> without href: no link for a keyboard or a crawler

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "a" and not attrs.get("href"):
            self.bare_anchors += 1
        if attrs.get("href") or attrs.get("src"):
            self.links.append((tag, attrs))
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content", "")
        if tag == "link" and attrs.get("rel") == "manifest":
            self.manifest = attrs.get("href")
        if tag == "link":
            fetched = attrs.get("href") if set(attrs.get("rel", "").split()) & FETCHED_RELS else None
        else:
            fetched = attrs.get("src")
        if fetched:
            self.loads.append(fetched)

    @property
    def urls(self) -> list[tuple[str, str]]:
        """(tag, url) for every href and src."""
        return [(tag, attrs[name]) for tag, attrs in self.links
                for name in ("href", "src") if attrs.get(name)]


@lru_cache(maxsize=None)
def parse(path: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme in ("http", "https")


def gzipped_size(path: Path) -> int:
    # mtime=0: the size must not depend on when it was measured.
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def default_material_site(folder: Path) -> Path:
    """The baseline: a new mkdocs-material site with Material's defaults (Google Fonts
    included) and one short page."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text(
        "# Welcome\n\nA default Material page: a heading and a paragraph of text, with a "
        "[link](https://example.org/).\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text("site_name: Default\ntheme:\n  name: material\n", encoding="utf-8")
    return config


def page_weight(site_dir: Path, page: Path) -> dict[str, int]:
    """Gzipped bytes of a page's HTML and of each local stylesheet and script it loads
    (icons and images left out: a default Material page has the same favicon)."""
    weight = {page.relative_to(site_dir).as_posix(): gzipped_size(page)}
    for url in parse(page).loads:
        path = urlsplit(url).path
        if is_external(url) or not path.endswith((".css", ".js")):
            continue
        base = site_dir if path.startswith("/") else page.parent
        resource = (base / path.lstrip("/")).resolve()
        weight[resource.relative_to(site_dir.resolve()).as_posix()] = gzipped_size(resource)
    return weight


class _TextOf(HTMLParser):
    """The text inside the first element that has a given class."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self, css_class: str):
        super().__init__()
        self.css_class, self.depth, self.done, self.parts = css_class, 0, False, []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID or self.done:
            return
        if self.depth or self.css_class in (dict(attrs).get("class") or "").split():
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth and tag not in self.VOID:
            self.depth -= 1
            self.done = self.depth == 0

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def text_of(page: Path, css_class: str) -> str:
    """The text inside the first element with this class, character references read."""
    parser = _TextOf(css_class)
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return "".join(parser.parts)


def text_weight(page: Path, css_class: str) -> int:
    """Gzipped bytes of the plain text inside the element with this class: the words a
    page carries, as against its markup, styles and scripts."""
    text = " ".join(text_of(page, css_class).split())
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def embed_snippet(site_dir: Path) -> str:
    """The snippet embedders copy, as the embed guide shows it (in a <pre class="copy">)."""
    snippet = text_of(site_dir / "embed-guide" / "index.html", "copy")
    assert snippet, 'the embed guide shows the snippet in a <pre class="copy">'
    return snippet


def assert_no_axe_violations(page) -> None:
    """axe-core on a browser page as it is now (a state the all-pages gate cannot see)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
