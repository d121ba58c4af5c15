"""Gates in headless Chromium, for every page of the built site (found by walking it):
axe-core finds no violation, nothing is requested from any host but the local server,
no cookie, web storage or IndexedDB entry is set and no cache but the service worker's
own, the console shows no error, the page's Content-Security-Policy
(generator/csp.py) reports no violation. (No page is wider than a small phone:
tests/test_gates_phone_browser.py.)

One browser page visits every built page once (that keeps the suite fast); what each
visit saw is recorded, and each gate below asserts on its own part of the record. The
pages are shared between this file (SHARE 0) and test_gates_browser_second_share.py
(SHARE 1, the same tests), alternately in path order: pytest-xdist runs each file's
tests on one process (they share the visit: tests/scheduling.py), so the two shares
run side by side, and each grows by half a page per page a language adds."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe

from gates import browser_pages, built_pages, guide_shapes, page_url, step_kind
from site_languages import PREFIXES

pytestmark = pytest.mark.browser

# Web storage, cookies and IndexedDB stay empty. The one store the site keeps is the
# Cache API of its service worker (site_overrides/sw.js: the site's own files, for
# offline use, in caches named "parcel-help SCOPE VERSION"); any other cache is a failure.
STORAGE = """async () => [localStorage.length, sessionStorage.length, document.cookie,
  (await indexedDB.databases()).map(db => db.name),
  (await caches.keys()).filter(name => !/^parcel-help \\S+ [0-9a-f]{16}$/.test(name))]"""
NOTHING_STORED = [0, 0, "", [], []]
EVERY_RULE = {"resultTypes": ["violations"]}
# The dark scheme changes colours only: its pass runs axe's colour rules alone.
COLOUR_RULES = EVERY_RULE | {"runOnly": {"type": "rule",
                                         "values": ["color-contrast", "link-in-text-block"]}}


@dataclass
class Visit:
    violations: list[str] = field(default_factory=list)
    dark_violations: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    storage: list = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    colour_twins: int = 0  # list items the colour rules left out (AXE_WITH_TWINS)


@dataclass
class SiteVisit:
    visits: dict[str, Visit]
    cookies: list[dict]


# Records every Content-Security-Policy violation a page reports, from its first byte.
RECORD_CSP = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline")
    + " " + (e.sample || ""));
});"""


SHARES = 2
SHARE = 0


def share(site_dir, number: int) -> list:
    """The pages one file's visit opens: every SHARES-th of browser_pages, from number."""
    return browser_pages(site_dir)[number::SHARES]


# The colour rules (contrast, a link told from its text) cost per element checked: on a
# page listing a thousand texts (translation-status) they took 6 s a pass. An item of a
# list whose every element has the same tag, classes, language, own text or none and
# the same computed colours, background, font and decoration as an earlier item of the
# same list gets the same colour verdict, so they check the first TWINS_KEPT items of
# each such shape in a list and leave the rest (its twins) out. Every other rule sees
# the whole page. Only where at least TWINS_WORTH_IT are left out: the other rules then
# take a run of their own, which costs more than a few twins' colours.
COLOUR_RULE_IDS = COLOUR_RULES["runOnly"]["values"]
TWINS_KEPT = 2
TWINS_WORTH_IT = 100
AXE_WITH_TWINS = """async ([options, colourRules, kept, worthIt]) => {
  const STYLE = ["color", "background-color", "background-image", "font-size", "font-weight",
    "font-style", "text-decoration-line", "text-decoration-color", "border-bottom-style",
    "border-bottom-color", "opacity", "visibility", "display", "text-shadow"];
  const shape = element => {
    const style = getComputedStyle(element);
    const ownText = [...element.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    return JSON.stringify([element.tagName, element.getAttribute("class"), element.lang, ownText,
      STYLE.map(name => style.getPropertyValue(name)), [...element.children].map(shape)]);
  };
  const twins = [];
  for (const list of document.querySelectorAll("ul, ol")) {
    const seen = new Map();
    for (const item of list.children) {
      const same = (seen.get(shape(item)) || 0) + 1;
      seen.set(shape(item), same);
      if (same > kept) twins.push(item);
    }
  }
  let found;
  if (twins.length < worthIt) {
    found = (await axe.run(document, options)).violations;
  } else {
    const colours = {...options, runOnly: {type: "rule", values: colourRules}};
    found = (await axe.run({exclude: twins}, colours)).violations;
    if (!options.runOnly) {
      const others = {...options, rules: Object.fromEntries(
        colourRules.map(id => [id, {enabled: false}]))};
      found = found.concat((await axe.run(document, others)).violations);
    }
  }
  return [found.map(v => `${v.id} (${v.impact}): ${v.help} at ` +
    JSON.stringify(v.nodes.map(n => n.target))), twins.length < worthIt ? 0 : twins.length];
}"""


def violations(page, options: dict, worth_it: int = TWINS_WORTH_IT) -> tuple[list[str], int]:
    """axe-core's violations on the page (axe is already in it: inject_axe), and how
    many list items the colour rules left out as twins of an item they checked."""
    found, twins = page.evaluate(AXE_WITH_TWINS, [options, COLOUR_RULE_IDS, TWINS_KEPT, worth_it])
    return found, twins


def inject_axe(page, axe: Axe) -> None:
    """axe-core into the page, once per load (Axe().run() would inject it on every run)."""
    page.evaluate(axe.axe_script)


# Pages with Material's palette switch when site.js has applied the scheme (transitions
# off meanwhile); a page without one (the embed) follows the media query in its CSS.
SCHEME_APPLIED = """scheme => !document.querySelector("[data-md-component=palette]") ||
  (document.body.getAttribute("data-md-color-scheme") === scheme &&
   !document.body.hasAttribute("data-md-color-switching"))"""


def switch_scheme(page, media: str, scheme: str) -> None:
    page.emulate_media(color_scheme=media)
    page.wait_for_function(SCHEME_APPLIED, arg=scheme)


def visit_every_page(browser, site_url, site_dir, pages) -> SiteVisit:
    """Each page once: axe in the light scheme, then, on the same load, in the dark one
    (the scheme is a media feature: switching it repaints, with no second visit)."""
    context = browser.new_context(color_scheme="light")
    context.add_init_script(RECORD_CSP)
    page = context.new_page()
    axe = Axe()
    current = Visit()
    page.on("request", lambda r: r.url.startswith(site_url)
            or r.url.startswith(("data:", "blob:")) or current.foreign_requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and current.console_errors.append(m.text))
    page.on("pageerror", lambda e: current.console_errors.append(str(e)))
    visits = {}
    try:
        for built in pages:
            path = page_url(site_dir, built)
            current = visits[path] = Visit()
            page.goto(site_url + path)
            inject_axe(page, axe)
            current.violations, current.colour_twins = violations(page, EVERY_RULE)
            switch_scheme(page, "dark", "slate")
            current.dark_violations, _ = violations(page, COLOUR_RULES)
            switch_scheme(page, "light", "default")
            current.storage = page.evaluate(STORAGE)
            current.csp_violations = page.evaluate("window.__cspViolations")
        # A request or error coming late (the search index) counts for the page after;
        # the last page's are waited for here.
        page.wait_for_load_state("networkidle")
        return SiteVisit(visits, context.cookies())
    finally:
        context.close()


@pytest.fixture(scope="module")
def site_visit(request, browser, site_url, site_dir) -> SiteVisit:
    return visit_every_page(browser, site_url, site_dir, share(site_dir, request.module.SHARE))


def test_every_page_was_visited(request, site_visit, site_dir):
    """This file's share, all visited; the shares together are every page (below)."""
    expected = [page_url(site_dir, built) for built in share(site_dir, request.module.SHARE)]
    assert list(site_visit.visits) == expected and len(expected) > 10


def test_the_shares_are_every_page_once(site_dir):
    shares = [page_url(site_dir, built) for number in range(SHARES)
              for built in share(site_dir, number)]
    everything = [page_url(site_dir, built) for built in browser_pages(site_dir)]
    assert sorted(shares) == sorted(everything) and len(set(shares)) == len(shares) > 10
    assert "/404.html" in shares and "/questionnaire/" in shares
    # each kind of step's page (question, outcome, old id), in each language, for the
    # questionnaire and the embed: every kind the built steps have
    kinds = {page_url(site_dir, built): step_kind(built) for built in built_pages(site_dir)}
    for folder in (f"/{prefix}{part}/" for part in ("questionnaire", "embed") for prefix in PREFIXES):
        def steps(paths):
            return [path for path in paths
                    if path.startswith(folder) and path.count("/") == folder.count("/") + 1]
        built_kinds = {kinds[path] for path in steps(kinds)}
        assert {kinds[path] for path in steps(shares)} == built_kinds, folder
        assert {"question", "outcome"} <= built_kinds, folder
    # the guides opened in each language hold every element shape of its guides
    opened = set(browser_pages(site_dir))
    for prefix in PREFIXES:
        guides = sorted((site_dir / prefix / "guides").glob("*/index.html"))
        sample = [guide for guide in guides if guide in opened]
        assert sample, prefix
        assert set().union(*map(guide_shapes, sample)) == set().union(*map(guide_shapes, guides))


def test_axe_finds_no_violation_on_any_page(site_visit):
    assert {path: v.violations for path, v in site_visit.visits.items() if v.violations} == {}


def test_axe_finds_no_violation_in_the_dark_scheme(site_visit):
    """Material's slate scheme has colours of its own: contrast is checked there too."""
    assert {path: v.dark_violations for path, v in site_visit.visits.items()
            if v.dark_violations} == {}


def test_no_page_requests_another_host(site_visit):
    assert {path: v.foreign_requests for path, v in site_visit.visits.items()
            if v.foreign_requests} == {}


def test_no_page_sets_a_cookie_or_stores_anything(site_visit):
    assert site_visit.cookies == []
    assert {path: v.storage for path, v in site_visit.visits.items() if v.storage != NOTHING_STORED} == {}


def test_no_page_logs_a_console_error(site_visit):
    assert {path: v.console_errors for path, v in site_visit.visits.items()
            if v.console_errors} == {}


def test_no_page_violates_its_content_security_policy(site_visit):
    """Every script, style, frame and request the site itself makes is allowed by the
    policy in its own <meta> (issue 10): the policy blocks only injected code."""
    assert {path: v.csp_violations for path, v in site_visit.visits.items()
            if v.csp_violations} == {}


# Ten items of one shape, then one whose text has another colour, and a twin with an
# invalid ARIA attribute: the colour rule must find the odd item, the others the twin's.
TWINS_PAGE = """<!doctype html><html lang="en"><head><title>Twins</title>
<style>body { background: #fff; color: #222 } .pale { color: #ccc }</style></head>
<body><main><h1>Twins</h1><ul>%s
<li><code>key</code>: <span class="pale">pale text</span> (<a href="#x">a link</a>)</li>
<li><code>key</code>: <span aria-colour="red">text</span> (<a href="#x">a link</a>)</li>
</ul></main></body></html>""" % ("<li><code>key</code>: <span>text</span> "
                                 "(<a href=\"#x\">a link</a>)</li>" * 10)


def test_twins_left_out_of_the_colour_rules_hide_no_violation(browser):
    """The shortcut of AXE_WITH_TWINS loses nothing: an item of a list that differs
    from the others in colour is checked, and the other rules still see every item."""
    page = browser.new_page()
    try:
        page.set_content(TWINS_PAGE)
        inject_axe(page, Axe())
        found, twins = violations(page, EVERY_RULE, worth_it=1)
        dark, _ = violations(page, COLOUR_RULES, worth_it=1)
    finally:
        page.close()
    assert twins == 9  # eleven items of one shape, two kept; the pale one is its own
    assert sorted(v.split(" ")[0] for v in found) == ["aria-valid-attr", "color-contrast"], found
    assert '".pale"' in next(v for v in found if v.startswith("color-contrast"))
    assert [v.split(" ")[0] for v in dark] == ["color-contrast"], dark
