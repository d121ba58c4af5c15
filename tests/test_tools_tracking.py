"""The tracking-number checker in headless Chromium, through its contract:
<form data-tool="tracking-checker">, input name="number", a result with data-verdict."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from gates import assert_no_axe_violations
from site_data import TOOLS, TREE
from tools_pages import (PHONE, assert_fits_the_screen, assert_private, open_tool,
                         reach_from_step, shared_tool_page)

pytestmark = pytest.mark.browser

VECTORS = yaml.safe_load((ROOT / "tests" / "tracking_vectors.yaml").read_text(encoding="utf-8"))


def check(page, number: str):
    page.locator("form[data-tool='tracking-checker'] input[name='number']").fill(number)
    page.get_by_role("button", name="Check").click()
    result = page.locator("form[data-tool='tracking-checker'] [data-verdict]")
    result.wait_for(state="visible")
    return result


def test_there_are_enough_vectors_and_every_family_is_covered():
    assert len(VECTORS) >= 30
    verdicts = {v["verdict"] for v in VECTORS}
    assert verdicts == {"valid-s10", "bad-check-digit", "internal", "unknown", "empty"}
    first_letters = {v["input"].strip()[0] for v in VECTORS if v["verdict"] == "valid-s10"}
    for family, service in TOOLS.tracking.services.items():
        assert first_letters & set(service.letters), f"no vector for the {family} family"
    for carrier in TOOLS.tracking.carriers:
        assert carrier.example in {v["input"] for v in VECTORS}, carrier.name


@pytest.fixture(scope="module")
def checker(browser, site_url):
    """One page for the whole table: each check replaces the last answer."""
    with shared_tool_page(browser, site_url, "tracking") as page:
        yield page


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_vector(checker, vector):
    result = check(checker, vector["input"])
    assert result.get_attribute("data-verdict") == vector["verdict"], result.inner_text()
    text = result.inner_text()
    for words in vector.get("says", []):
        assert words in text
    if "step" in vector:
        href = result.locator("a").get_attribute("href")
        assert href == f"../../questionnaire/{vector['step']}/"
    if vector["verdict"] == "empty":
        field = checker.locator("input[name='number']")
        assert field.get_attribute("aria-invalid") == "true"
        assert "tc-result" in field.get_attribute("aria-describedby")
        assert checker.evaluate("document.activeElement.name") == "number"
    else:
        assert result.locator("a").count() == 1, "every answer leads to a step"


def test_a_ten_thousand_character_paste(checker):
    result = check(checker, "RB123456785GB" * 770)  # 10,010 characters
    assert result.get_attribute("data-verdict") == "unknown"
    assert "far too long" in result.inner_text()
    assert len(result.inner_text()) < 1000, "the paste is not echoed back"


def test_answer_is_announced_and_links_to_its_step(make_page, site_url):
    page = open_tool(make_page, site_url, "tracking")
    result = check(page, "RB123456786US")
    assert result.get_attribute("role") == "status"
    result.locator("a").click()
    page.wait_for_url(f"{site_url}/questionnaire/fake-number-time-left/")
    assert page.locator("section.pq-step:visible").get_attribute("id") == "fake-number-time-left"
    assert_private(page)


def test_reached_from_every_step_that_offers_it(make_page, site_url):
    page = make_page()
    for node_id in TOOLS.offered_on["tracking-checker"]:
        reach_from_step(page, site_url, node_id, "tracking-checker")
        assert page.url == f"{site_url}/tools/tracking/", node_id
        assert check(page, "UA123456785CN").get_attribute("data-verdict") == "valid-s10"


def test_without_javascript_the_rules_are_on_the_page(make_page, site_url):
    page = open_tool(make_page, site_url, "tracking", javascript=False)
    assert not page.locator("form[data-tool='tracking-checker']").is_visible()
    body = page.locator("article").inner_text()
    assert "8, 6, 4, 2, 3, 5, 9 and 7" in body
    for service in TOOLS.tracking.services.values():
        assert service.meaning.strip() in body
    for carrier in TOOLS.tracking.carriers:
        assert carrier.example in body
    assert page.locator("a[href='../../questionnaire/fake-number-time-left/']").count() >= 1


def test_accessible_and_fits_a_phone(make_page, site_url):
    page = open_tool(make_page, site_url, "tracking", viewport=PHONE)
    assert page.get_by_label("Tracking number", exact=True).count() == 1
    check(page, "UA123456785CN")
    assert_fits_the_screen(page)
    assert_no_axe_violations(page)
    check(page, "")
    assert_no_axe_violations(page)
    assert_private(page)


def test_steps_named_in_the_data_exist():
    steps = [s.step for s in TOOLS.tracking.services.values()]
    steps += [c.step for c in TOOLS.tracking.carriers]
    assert set(steps) <= set(TREE.nodes)
