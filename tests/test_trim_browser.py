"""The trimmed stylesheets (generator/mkdocs_adapter/trim.py) style every element exactly as
Material's own do: each page is opened twice in Chromium, once as built and once with
Material's untrimmed files served in place of the trimmed ones, and the computed style
of every element (and of its ::before and ::after) must be the same, in the states
the site's scripts create while a reader uses the page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from importlib.resources import files

import pytest

from steps import PHONE, next_frames, search
from site_languages import PREFIXES

# Every element's computed style, one string per element and pseudo-element, keyed by
# the element's place in the page (to name it when it differs): a hash of it for each
# (only=null), or the strings themselves for the keys in only. Custom properties are
# left out: each holds the text it was written with (spaces and quotes differ once
# minified), and what they mean is compared in every property that uses them.
COMPUTED_STYLES = """only => {
  const out = {};
  const paths = new Map();  // each parent's path is worked out once, not per descendant
  const path = el => {
    if (!paths.has(el)) {
      const parent = el.parentElement;
      const index = parent ? Array.prototype.indexOf.call(parent.children, el) : 0;
      const here = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}[${index}]`;
      paths.set(el, parent ? path(parent) + '>' + here : here);
    }
    return paths.get(el);
  };
  const hash = text => {  // FNV-1a, 32 bits
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  // The properties' names, read once: every element's computed style lists the same
  // ones (its custom properties aside), and asking a style for its length or its i-th
  // name lists its custom properties anew each time.
  const root = getComputedStyle(document.documentElement);
  const names = [];
  for (let i = 0; i < root.length; i++) if (!root[i].startsWith('--')) names.push(root[i]);
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const key = path(el) + (pseudo || '');
      if (only && !only.includes(key)) continue;
      const style = getComputedStyle(el, pseudo);
      if (pseudo && style.content === 'none') continue;
      const values = names.map(name => name + ':' + style.getPropertyValue(name));
      out[key] = only ? values.join(';') : hash(values.join(';'));
    }
  }
  return out;
}"""

# Both openings of a page must be compared at rest, not halfway through a transition.
NO_TRANSITIONS = """document.addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent = '*,*::before,*::after{transition:none!important;animation:none!important}';
  document.head.append(style);
});"""


def untrimmed(name: str) -> str:
    folder = files("material") / "templates" / "assets" / "stylesheets"
    return next(path for path in folder.iterdir()
                if re.fullmatch(rf"{name}\.[0-9a-f]{{8}}\.min\.css", path.name)).read_text("utf-8")


def serving(css: str):
    return lambda route, request: route.fulfill(body=css, content_type="text/css")


def open_search(page) -> None:
    label = page.locator("label[for=__search]").first
    if label.is_visible():  # on a phone the search field opens from the header's icon
        label.click()
    search(page, "customs")


def open_drawer(page) -> None:
    page.locator("label.md-header__button[for=__drawer]").click()
    page.locator("nav.md-nav--primary").first.wait_for(state="visible")


def outcome(page) -> None:
    """At an outcome's own page, once questionnaire.js has run (the trail, the share
    buttons placed)."""
    page.locator("section.pq-step.pq-current .pq-share").wait_for(state="attached")


DESKTOP = {"width": 1280, "height": 900}

# The languages opened in Chromium: English and the first translated one. The others'
# pages come from the same templates and scripts, with other words (no stylesheet rule
# names a language): for every page a case opens, each of them uses only elements (tag,
# classes, direction) that the compared translated language's same page uses, which
# test_the_other_languages_pages_are_made_of_what_is_compared checks in the HTML. (A
# third language's two cases took about 50 s of Chromium at a load of 8.)
COMPARED = PREFIXES[:2]

CASES = [
    ("", PHONE, "light", None),
    ("", DESKTOP, "dark", None),
    *((prefix, PHONE, "dark", None) for prefix in COMPARED[1:]),
    ("facts/", PHONE, "light", None),
    ("questionnaire/parcel-lost-dispute/", PHONE, "light", outcome),
    ("tools/deadlines/", DESKTOP, "light", None),
    ("about/", DESKTOP, "light", open_search),
    *((prefix, PHONE, "light", open_search) for prefix in COMPARED[1:]),
    ("", PHONE, "light", open_drawer),
    ("404.html", DESKTOP, "light", None),
]


def opened(browser, url: str, viewport: dict, scheme: str, action, original: bool):
    """(the page in a new context, its style hashes), after action, once every style
    is what it stays."""
    # bypass_csp: the style that stops transitions midway is inline
    context = browser.new_context(viewport=viewport, color_scheme=scheme,
                                  service_workers="block", bypass_csp=True)
    page = context.new_page()
    page.add_init_script(NO_TRANSITIONS)
    if original:
        for name in ("main", "palette"):
            page.route(f"**/assets/stylesheets/{name}.*.min.css", serving(untrimmed(name)))
    page.goto(url)
    page.wait_for_load_state("load")
    if action:
        action(page)
    return page, settled(page)


def settled(page) -> dict:
    """The style hashes, once two readings a couple of frames apart agree."""
    before = None
    for _ in range(50):
        now = page.evaluate(COMPUTED_STYLES, None)
        if now == before:
            return now
        before = now
        next_frames(page)  # some sizes (the search panel's) settle a frame after
    raise AssertionError(f"{page.url}: the styles keep changing")


def differences(trimmed, mine: dict, original, theirs: dict) -> dict:
    """{element: {property: (trimmed, original)}} for each element styled differently
    (mine and theirs: each page's style hashes)."""
    assert len(mine) > 100 and mine.keys() == theirs.keys()
    keys = [key for key in mine if mine[key] != theirs[key]]
    if not keys:
        return {}
    found = {}
    details = [{key: dict(part.split(":", 1) for part in style.split(";") if ":" in part)
                for key, style in page.evaluate(COMPUTED_STYLES, keys).items()}
               for page in (trimmed, original)]
    for key in keys:
        a, b = details[0].get(key, {}), details[1].get(key, {})
        changed = {name: (a.get(name), b.get(name)) for name in a.keys() | b.keys()
                   if a.get(name) != b.get(name)}
        # Equal when read again: a passing moment (the header's margins flipped for a
        # frame now and then, in both pages alike), not a rule missing.
        if changed:
            found[key] = changed
    return found


@pytest.mark.parametrize("path, viewport, scheme, action", CASES,
                         ids=[f"{p or 'home'}-{v['width']}-{s}-{a.__name__ if a else 'loaded'}"
                              for p, v, s, a in CASES])
def test_every_element_looks_as_with_materials_own_stylesheets(browser, site_url, path,
                                                               viewport, scheme, action):
    url = f"{site_url}/{path}"
    (trimmed, mine), (original, theirs) = (opened(browser, url, viewport, scheme, action,
                                                  untrimmed_served)
                                           for untrimmed_served in (False, True))
    try:
        assert differences(trimmed, mine, original, theirs) == {}
    finally:
        trimmed.context.close()
        original.context.close()


class _Elements(HTMLParser):
    """Each element's tag, classes and direction: what a stylesheet's selectors see of
    a page besides its words."""

    def __init__(self, page: str):
        super().__init__()
        self.found: set[tuple] = set()
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.found.add((tag, tuple(sorted((attributes.get("class") or "").split())),
                        attributes.get("dir")))


def test_the_other_languages_pages_are_made_of_what_is_compared(site_dir):
    """The languages not opened in Chromium (COMPARED): each page the cases open, in
    each of them, has no element the compared translated language's page lacks."""
    def elements(prefix: str, path: str) -> set[tuple] | None:
        page = site_dir / prefix / (path if path.endswith(".html") else path + "index.html")
        return _Elements(page.read_text(encoding="utf-8")).found if page.is_file() else None

    paths = sorted({path for path, *_ in CASES if path not in PREFIXES} | {""})
    assert len(COMPARED) == min(2, len(PREFIXES)) and len(paths) >= 6
    for prefix in PREFIXES[len(COMPARED):]:
        for path in paths:
            theirs, compared = elements(prefix, path), elements(COMPARED[-1], path)
            assert (theirs is None) == (compared is None), (prefix, path)
            if theirs is not None:
                assert theirs - compared == set(), (prefix, path)
