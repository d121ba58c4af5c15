"""Under `mkdocs serve` a data file whose bytes did not change is not parsed again
(generator/parsed_files.py): what is kept must be what a fresh read gives, after a
whole check of the site has used it, and a changed or broken file must be read anew."""

from __future__ import annotations

import shutil

from generator import i18n, languages, loader
from generator.parsed_files import ParsedFiles
from generator.pipeline import check_site
from site_data import ROOT, TREE

TITLE = TREE.nodes[TREE.start].title  # from the data: a reworded tree passes too


def _data_copy(folder):
    for name in ("decision_tree.yaml", "tools.yaml", "languages.yaml"):
        shutil.copy(ROOT / name, folder / name)
    shutil.copytree(ROOT / "translations", folder / "translations")
    return folder / "decision_tree.yaml"


def test_what_is_kept_is_a_fresh_read_after_the_site_was_checked_with_it():
    parsed = ParsedFiles()
    first = check_site(ROOT / "decision_tree.yaml", load=parsed.load)
    again = check_site(ROOT / "decision_tree.yaml", load=parsed.load)
    assert first.errors == again.errors == []
    assert again.site == first.site == check_site(ROOT / "decision_tree.yaml").site
    locales = [i18n.LOCALES / f"{lang}.yaml" for lang in languages.codes(ROOT)]
    assert len(first.files) >= 2 + len(languages.translated(ROOT))  # tree, tools, translations
    for path in [*first.files, *locales]:
        kept = parsed.load(path)
        assert kept is parsed.load(path)  # not parsed again
        fresh = loader.load_file(path)
        # nothing that used the kept data changed it
        assert (kept.data, kept.positions, kept.key_positions, kept.text) == \
            (fresh.data, fresh.positions, fresh.key_positions, fresh.text)


def test_a_changed_file_is_read_again_and_a_broken_one_every_time(tmp_path):
    tree = _data_copy(tmp_path)
    original = tree.read_text(encoding="utf-8")
    parsed = ParsedFiles()
    assert check_site(tree, load=parsed.load).site.tree.nodes[TREE.start].title == TITLE

    tree.write_text(original.replace(f"title: {TITLE}\n", f"title: {TITLE} (edited)\n", 1),
                    encoding="utf-8")
    assert check_site(tree, load=parsed.load).site.tree.nodes[TREE.start].title == \
        TITLE + " (edited)"

    tree.write_text(original.replace(f"start: {TREE.start}", f"start: [{TREE.start}", 1),
                    encoding="utf-8")
    broken = [p.format() for p in check_site(tree).errors]
    assert broken
    for _ in range(2):  # the same broken bytes: the same problems, each time
        assert [p.format() for p in check_site(tree, load=parsed.load).errors] == broken

    tree.write_text(original, encoding="utf-8")
    assert check_site(tree, load=parsed.load).site.tree.nodes[TREE.start].title == TITLE
