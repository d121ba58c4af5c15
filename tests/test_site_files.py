"""The built site's file list (generator/site_files.py) is the one Path.rglob gives,
in its order: trim's key and the service worker's lists depend on it."""

from __future__ import annotations

import os

from generator.site_files import listed


def test_the_list_is_rglob_s(tmp_path):
    site = tmp_path / "site"
    for name in ("index.html", "a/b.html", "a-b/x.js", "a.b/y.json", ".hidden/z",
                 "assets/.map", "deep/er/still/page.html", ".html"):
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")
    (site / "empty").mkdir()
    os.symlink(site / "index.html", site / "link-to-file.html")
    os.symlink(site / "a", site / "link-to-folder")
    os.symlink(site / "nowhere", site / "broken-link")
    expected = [path.relative_to(site).as_posix()
                for path in sorted(site.rglob("*")) if path.is_file()]
    assert listed(site) == expected
    assert expected.index("a/b.html") < expected.index("a-b/x.js")  # parts, not text
