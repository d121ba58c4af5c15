"""tools.yaml, the buyer tools' data: it validates against tools.schema.json and the
tree, and each kind of mistake is reported as tools.yaml:LINE:COLUMN: message."""

from __future__ import annotations

import json
import shutil

import pytest

from generator.errors import TreeError
from generator.loader import load_file
from generator.pipeline import load_site
from generator.tools import TOOLS
from generator.tools.check import check
from generator.render import Renderer, environment
from generator.tools.pages import country_names, offers

from conftest import FIXTURES, ROOT, build_site
from site_data import SITE, TODAY, TREE

TEXT = (ROOT / "tools.yaml").read_text(encoding="utf-8")


def test_the_real_file_is_valid():
    assert check(load_file(ROOT / "tools.yaml"), TREE) == []
    assert SITE.tools.path == str(ROOT / "tools.yaml")
    assert {c["example"] for c in SITE.tools.tracking["carriers"]} >= {
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
    ('en: The parcel has not arrived\n      ru: "Посылка не пришла"\n',
     "en: The parcel has not arrived\n", "no ru text: add `ru:` beside `en:` (the site is built in both)"),
])
def test_a_broken_file_gives_its_line(tmp_path, old, new, message):
    path, line = broken(tmp_path, old, new)
    found = problems(path)
    assert any(p.startswith(f"{path}:") and message in p for p in found), found
    lines = {int(p.split(":")[1]) for p in found if message in p}
    # the line of the change, or the next one for a change that adds a line
    assert lines & {line, line + 1}, (found, line)


def test_a_missing_field_is_named(tmp_path):
    path, _ = broken(tmp_path, "  s10_track_at:\n", "  s10_track_att:\n")
    found = problems(path)
    assert any("unknown field 's10_track_att'" in p and "did you mean 's10_track_at'" in p
               for p in found), found
    assert any("missing the required field 's10_track_at'" in p for p in found), found


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
    site = load_site(FIXTURES / "valid_tree.yaml", TODAY)
    tree = site.tree
    renderer = Renderer(site, "en")
    pages = renderer.pages()
    assert {"tools/index.md", "tools/tracking.md", "tools/deadlines.md",
            "tools/message.md"} <= set(pages)
    pages = {uri: page.fill(page.markdown) for uri, page in pages.items()}  # slots in place
    assert set(offers(renderer)) <= set(tree.nodes)
    for node_id in ("fake-number-time-left", "tracking-shows"):
        assert node_id not in tree.nodes and f"#{node_id}" not in pages["tools/tracking.md"]


def test_every_tool_is_offered_somewhere_and_links_use_known_pages():
    renderer = Renderer(SITE, "en")
    found = offers(renderer)
    assert {tool for links in found.values() for tool, _, _ in links} == {t.name for t in TOOLS}
    assert set(found) <= set(TREE.nodes)
    html = renderer.steps_html("../guides/")
    assert 'href="../tools/tracking/" data-tool-link="tracking-checker"' in html


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


MEANING = """    meaning:
      ru: |-
        Здравствуйте. Я не получил(а) свой заказ {order}."""


def test_a_message_without_its_russian_meaning_is_named_at_its_text(tmp_path):
    text = TEXT.replace(MEANING, "    meaning:\n      ru: |-\n        Здравствуйте.", 1)
    start = text.index("    meaning:\n      ru: |-\n        Здравствуйте.\n")
    end = text.index("  - id: empty-parcel")
    text = text[:start] + text[end:]
    path = tmp_path / "tools.yaml"
    path.write_text(text, encoding="utf-8")
    line = text[: text.index("    text: |-\n      Hello. I have not received my order")].count("\n") + 1
    assert f"{path}:{line}:11: message 'not-received' has no ru meaning: add `meaning: {{ru: ...}}`" \
        in problems(str(path))


def test_a_meaning_with_other_slots_than_its_text_is_refused(tmp_path):
    path, line = broken(tmp_path, MEANING, MEANING.replace("{order}", "{date}"))
    assert f"{path}:{line + 1}:11: the ru meaning of message 'not-received' must have the same " \
        "slots as its text: {date}, {order}, {tracking}" in problems(path)


def test_an_unknown_slot_in_a_meaning_is_refused_where_it_stands(tmp_path):
    """A meaning is a template like its text (tools.schema.json x-kind): the slot is
    pointed at on its own line and column."""
    path, line = broken(tmp_path, MEANING, MEANING.replace("{order}", "{orderr}"))
    assert f"{path}:{line + 2}:50: unknown slot {{orderr}}; the slots are {{order}}, " \
        "{tracking}, {date}" in problems(path)
