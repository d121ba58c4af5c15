"""The trimmed stylesheets (generator/trim.py) style every element exactly as
Material's own do: each page is opened twice in Chromium, once as built and once with
Material's untrimmed files served in place of the trimmed ones, and the computed style
of every element (and of its ::before and ::after) must be the same, in the states
Material's script creates while a reader uses the page."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

from steps import search

# Every element's computed style, one string per element and pseudo-element, with the
# element's place in the page to name it when it differs. Custom properties are left
# out: each holds the text it was written with (spaces and quotes differ once
# minified), and what they mean is compared in every property that uses them.
COMPUTED_STYLES = """() => {
  const out = {};
  const path = el => {
    const parts = [];
    for (; el && el.nodeType === 1; el = el.parentElement) {
      const index = [...(el.parentElement ? el.parentElement.children : [el])].indexOf(el);
      parts.unshift(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}[${index}]`);
    }
    return parts.join('>');
  };
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(el, pseudo);
      if (pseudo && style.content === 'none') continue;
      const values = [];
      for (let i = 0; i < style.length; i++)
        if (!style[i].startsWith('--'))
          values.push(style[i] + ':' + style.getPropertyValue(style[i]));
      out[path(el) + (pseudo || '')] = values.join(';');
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
    page.locator("section.pq-step.pq-current").wait_for()


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

CASES = [
    ("", PHONE, "light", None),
    ("", DESKTOP, "dark", None),
    ("ru/", PHONE, "dark", None),
    ("guides/", DESKTOP, "light", None),
    ("facts/", PHONE, "light", None),
    ("questionnaire/#parcel-lost-dispute", PHONE, "light", outcome),
    ("tools/deadlines/", DESKTOP, "light", None),
    ("about/", DESKTOP, "light", open_search),
    ("ru/", PHONE, "light", open_search),
    ("", PHONE, "light", open_drawer),
    ("404.html", DESKTOP, "light", None),
]


def styles(browser, url: str, viewport: dict, scheme: str, action, original: bool) -> dict:
    # bypass_csp: the style that stops transitions midway is inline
    context = browser.new_context(viewport=viewport, color_scheme=scheme,
                                  service_workers="block", bypass_csp=True)
    try:
        page = context.new_page()
        page.add_init_script(NO_TRANSITIONS)
        if original:
            for name in ("main", "palette"):
                page.route(f"**/assets/stylesheets/{name}.*.min.css", serving(untrimmed(name)))
        page.goto(url)
        page.wait_for_load_state("load")
        if action:
            action(page)
        return page.evaluate(COMPUTED_STYLES)
    finally:
        context.close()


@pytest.mark.parametrize("path, viewport, scheme, action", CASES,
                         ids=[f"{p or 'home'}-{v['width']}-{s}-{a.__name__ if a else 'loaded'}"
                              for p, v, s, a in CASES])
def test_every_element_looks_as_with_materials_own_stylesheets(browser, site_url, path,
                                                               viewport, scheme, action):
    url = f"{site_url}/{path}"
    trimmed = styles(browser, url, viewport, scheme, action, original=False)
    original = styles(browser, url, viewport, scheme, action, original=True)
    assert len(trimmed) > 100 and trimmed.keys() == original.keys()
    different = {}
    for element, style in trimmed.items():
        if style != original[element]:
            mine, theirs = (dict(p.split(":", 1) for p in s.split(";") if ":" in p)
                            for s in (style, original[element]))
            different[element] = {k: (mine.get(k), theirs.get(k))
                                  for k in mine.keys() | theirs.keys() if mine.get(k) != theirs.get(k)}
    assert different == {}
