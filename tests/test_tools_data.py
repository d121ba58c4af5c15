"""tools.yaml, the buyer tools' data: it validates against tools.schema.json and the
tree, and each kind of mistake is reported as tools.yaml:LINE:COLUMN: message."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from generator.errors import TreeError
from generator.loader import load_file
from generator.pipeline import load_site
from generator.tools import TOOLS
from generator.tools.check import check
from generator.render import Renderer, environment
from generator.tools.pages import (PROTECTION_END, calculator_dates, country_names,
                                   deadline_data, offers)

from conftest import FIXTURES, ROOT, build_site
from site_data import SITE, TREE
from site_languages import LANGUAGES, PREFIXED

TEXT = (ROOT / "tools.yaml").read_text(encoding="utf-8")


def test_the_real_file_is_valid():
    assert check(load_file(ROOT / "tools.yaml"), TREE) == []
    assert SITE.tools.path == str(ROOT / "tools.yaml")
    assert {c.example for c in SITE.tools.tracking.carriers} >= {
        "LP00123456789012", "YT1234567890123456"}


def broken(tmp_path, old: str, new: str) -> tuple[str, int]:
    """tools.yaml with one change; returns its path and the changed line's number."""
    assert TEXT.count(old) >= 1, old
    text = TEXT.replace(old, new, 1)
    path = tmp_path / "tools.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path), text[: text.index(new)].count("\n") + 1


def problems(path: str) -> list[str]:
    try:
        found = check(load_file(path), TREE)
    except TreeError as error:  # the file cannot be read as YAML
        found = error.problems
    assert found, "the broken file passed"
    return [p.format() for p in found]


@pytest.mark.parametrize("old, new, message", [
    ("    step: internal-carrier-number\n      source: parcel-help domain notes\n",
     "    step: no-such-step\n      source: parcel-help domain notes\n",
     "node 'no-such-step' is not in decision_tree.yaml"),
    ("      letters: [U]", "      letters: [U, R]", "letter R is already in service 'tracked'"),
    ("format: [{text: YT}, {digits: 16}]", 'format: [{regex: "(A|A)+B"}]',
     "give one of: text: LP, digits: 16, digits: [12, 16], letters: 2"),
    ("format: [{text: YT}, {digits: 16}]", "format: [{text: YT}, {digits: 15}]",
     "does not have the carrier's format"),
    ("format: [{text: YT}, {digits: 16}]", "format: [{text: YT}, {digits: [16, 12]}]",
     "has its fewest above its most"),
    ("  - fact: escalation_days", "  - fact: no_such_fact", "fact 'no_such_fact' is not"),
    ("  - fact: escalation_days", "  - fact: untracked_lost_months", "counts months"),
    ("Hello. I have not received my order {order}.", "Hello. I have not received my order {orderr}.",
     "unknown slot {orderr}; the slots are {order}, {tracking}, {date}"),
    ("The parcel was empty.", "The parcel was “empty”.", "may be garbled by a translator"),
    ("    direction: before", "    direction: earlier", "must be one of: before, after"),
    ("    example: LP00123456789012", "    example: lp001", "'example' 'lp001' is not valid"),
    ("  bad_check_digit_step: fake-number-time-left",
     "  bad_check_digit_step: fake-number-time-left\n  bad_check_digit_step: x",
     "duplicate key 'bad_check_digit_step'"),
    ("  unknown_step: fake-number-time-left", "\tunknown_step: fake-number-time-left",
     "a tab character in the indentation; indent with spaces"),
    ("situation: The parcel has not arrived", "situation: {en: The parcel has not arrived}",
     "'situation' must be text, not a set of fields"),
])
def test_a_broken_file_gives_its_line(tmp_path, old, new, message):
    path, line = broken(tmp_path, old, new)
    found = problems(path)
    assert any(p.startswith(f"{path}:") and message in p for p in found), found
    lines = {int(p.split(":")[1]) for p in found if message in p}
    # the line of the change, or the next one for a change that adds a line
    assert lines & {line, line + 1}, (found, line)


def test_a_missing_field_is_named(tmp_path):
    path, _ = broken(tmp_path, "  s10_track_at: ", "  s10_track_att: ")
    found = problems(path)
    assert any("unknown field 's10_track_att'" in p and "did you mean 's10_track_at'" in p
               for p in found), found
    assert any("missing the required field 's10_track_at'" in p for p in found), found


@pytest.mark.build
def test_the_build_stops_with_the_line_and_no_traceback(tmp_path):
    shutil.copy(ROOT / "decision_tree.yaml", tmp_path / "decision_tree.yaml")
    path, line = broken(tmp_path, "    - tracking-shows\n", "    - tracking-showz\n")
    result = build_site(tmp_path / "site", tree=tmp_path / "decision_tree.yaml")
    assert result.returncode != 0
    assert f"tools.yaml:{line}:" in result.stderr + result.stdout
    assert "node 'tracking-showz'" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_another_tree_gets_the_projects_tools_without_dead_links():
    """A tree with no tools.yaml beside it (tests, benchmarks) still has the tool
    pages the nav names; links to steps and facts it lacks are left out."""
    site = load_site(FIXTURES / "valid_tree.yaml")
    tree = site.tree
    renderer = Renderer(site, "en")
    pages = renderer.pages()
    assert {"tools/index.md", "tools/tracking.md", "tools/deadlines.md",
            "tools/message.md"} <= set(pages)
    pages = {uri: page.fill(page.markdown) for uri, page in pages.items()}  # slots in place
    assert set(offers(renderer)) <= set(tree.nodes)
    for node_id in ("fake-number-time-left", "tracking-shows"):
        assert node_id not in tree.nodes and f"{node_id}" not in pages["tools/tracking.md"]


def test_every_tool_is_offered_somewhere_and_links_use_known_pages():
    renderer = Renderer(SITE, "en")
    found = offers(renderer)
    assert {tool for links in found.values() for tool, _, _ in links} == {t.name for t in TOOLS}
    assert set(found) <= set(TREE.nodes)
    html = "".join(renderer.step_html(node, first=True) for node in TREE.nodes.values())
    assert 'href="../tools/tracking/" data-tool-link="tracking-checker"' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_calculator_and_its_steps_link_to_each_other(lang):
    """A step's link names it (?step=ID); the calculator's data has, for exactly those
    steps, the text of a link back to the questionnaire (the script adds the step's
    page and the dates). Other tools' links carry no step."""
    renderer = Renderer(SITE, lang)
    tree, offered = renderer.tree, SITE.tools.offered_on["deadline-calculator"]
    links = {node_id: [path for tool, path, _ in found if tool == "deadline-calculator"]
             for node_id, found in offers(renderer).items()}
    assert {node_id: paths for node_id, paths in links.items() if paths} == {
        node_id: [f"deadlines/?step={node_id}"] for node_id in offered}
    assert all("?" not in path for found in offers(renderer).values()
               for tool, path, _ in found if tool != "deadline-calculator")
    html = "".join(renderer.step_html(node, first=False) for node in tree.nodes.values())
    assert 'href="../../tools/deadlines/?step=keep-waiting" data-tool-link="deadline-calculator"' in html
    back = deadline_data(renderer)["back"]
    assert back["href"] == "../../questionnaire/"
    assert set(back["steps"]) == set(offered)
    for node_id, text in back["steps"].items():
        assert text == renderer.locale.t("tools_dates_back", title=tree.nodes[node_id].title)
        assert tree.nodes[node_id].title in text
    assert "dates_back" not in str(deadline_data(renderer)["strings"])  # built, not sent twice


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_questionnaire_gets_the_calculators_own_labels_and_date_writing(lang):
    renderer = Renderer(SITE, lang)
    calculator, dates = deadline_data(renderer), calculator_dates(renderer)
    # the calculator's order: the day protection ends, then each deadline of tools.yaml
    assert dates["dates"] == [[PROTECTION_END, calculator["strings"]["protection_end"]]] + [
        [row["fact"], row["label"]] for row in calculator["deadlines"]]
    assert [key for key, _ in dates["dates"][1:]] == [d.fact for d in SITE.tools.deadlines]
    assert PROTECTION_END not in TREE.facts  # its key cannot be mistaken for a fact's
    assert PROTECTION_END in {d.start for d in SITE.tools.deadlines}
    assert (dates["months"], dates["dateFormat"]) == (calculator["months"], calculator["dateFormat"])
    assert dates["title"] == renderer.locale.t("dates_from_calculator")


def test_the_questionnaire_page_carries_the_dates_data_and_the_embed_does_not(site_dir):
    for folder, lang in PREFIXED:
        page = (site_dir / folder / "questionnaire" / "index.html").read_text(encoding="utf-8")
        block = re.search(r'<script type="application/json" class="pq-dates-data">([^<]*)</script>',
                          page)
        assert block and json.loads(block.group(1)) == calculator_dates(Renderer(SITE, lang))
        assert re.findall(r'assets/javascripts/([\w-]+\.js)" defer', page)[-2:] == [
            "dates.js", "outcome-dates.js"]
        embed = (site_dir / folder / "embed" / "index.html").read_text(encoding="utf-8")
        assert "pq-dates" not in embed and "parcelDays" not in embed
        calculator = (site_dir / folder / "tools" / "deadlines" / "index.html").read_text(
            encoding="utf-8")
        scripts = re.findall(r'<script src="(?:\.\./)+assets/javascripts/([\w/-]+\.js)" defer>',
                             calculator)
        assert scripts.index("dates.js") < scripts.index("tools/deadline-calculator.js")


def test_country_names_and_safe_json():
    names = country_names("en")
    for code in ("CN", "HK", "SG", "MY", "TH", "RU", "US", "GB", "DE", "NL", "LT", "LV", "EE",
                 "PL"):
        assert code in names
    assert names["CN"] == "China" and "ZZ" not in names and "EU" not in names
    written = environment().from_string("{{ data|tojson }}").render(data={"x": "</script><b>&"})
    assert "<" not in written and "&" not in written
    assert json.loads(written) == {"x": "</script><b>&"}


def test_each_tool_has_one_small_script():
    scripts = sorted((ROOT / "site_overrides/assets/javascripts/tools").glob("*.js"))
    assert [s.stem for s in scripts] == sorted(t.name for t in TOOLS)
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        assert len(text.encode()) < 10_000, script.name  # unminified, comments included
        assert "fetch(" not in text and "XMLHttpRequest" not in text, script.name
        assert "localStorage" not in text and "document.cookie" not in text, script.name
