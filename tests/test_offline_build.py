"""The built site's offline and link-preview files: the service worker's list and
version (generator/offline.py), the manifests and icons, and the Open Graph tags and
preview images of every page (generator/social.py)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from PIL import Image

from generator import offline, social

from conftest import ROOT, SITE_URL
from gates import PageLinks, built_pages, page_url, parse
from site_data import TREES
from generator.languages import og_locale
from site_languages import LANGUAGES, PREFIXED, PREFIXES

def shared_pages(site_dir: Path) -> list[Path]:
    """Every page but the embed's (a page of its own inside other sites' frames, not
    indexed, not meant to be shared; its bytes are budgeted) and 404.html (an error for
    any missing address: mkdocs renders it without a page, so with no title of its own)."""
    return [p for p in built_pages(site_dir) if "embed" not in p.relative_to(site_dir).parts
            and p.name != "404.html"]


def test_every_page_has_a_link_preview_with_an_image_that_exists(site_dir):
    missing = {}
    for page in shared_pages(site_dir):
        meta = parse(page).meta
        lacks = [name for name in ("og:title", "og:description", "og:image", "og:url",
                                   "og:locale", "twitter:card") if not meta.get(name)]
        image = meta.get("og:image", "")
        if not image.startswith(SITE_URL) or not (site_dir / image[len(SITE_URL):]).is_file():
            lacks.append(f"image {image}")
        if not meta.get("og:url", "").startswith(SITE_URL):
            lacks.append("absolute og:url")
        if lacks:
            missing[page_url(site_dir, page)] = lacks
    assert missing == {}
    assert len(shared_pages(site_dir)) > 40


@pytest.mark.parametrize("prefix, lang, locale_tag", [(prefix, lang, og_locale(lang))
                                                      for prefix, lang in PREFIXED])
def test_guides_preview_their_own_title_and_language(site_dir, prefix, lang, locale_tag):
    for slug, guide in TREES[lang].guides.items():
        meta = parse(site_dir / prefix / "guides" / slug / "index.html").meta
        assert meta["og:title"] == guide.title and meta["twitter:card"] == "summary_large_image"
        assert meta["og:url"] == f"{SITE_URL}{prefix}guides/{slug}/"
        assert meta["og:locale"] == locale_tag
        assert meta["og:image"] == f"{SITE_URL}assets/images/social/{lang}.png"
        # Material's own description tag gets the same (escaped once) text
        assert meta["description"] == meta["og:description"] != ""


def test_contributor_text_is_escaped_once_for_the_attribute():
    title = 'Say "no" & <wait> \'here\''
    tags = social.tags(title=title, description="a < b", url=SITE_URL, site_name="S",
                       site_url=SITE_URL, lang="en")
    values = {name: value for _, name, value in tags}
    html = "".join(f'<meta property="{name}" content="{value}">' for name, value in values.items())
    parsed = PageLinks()
    parsed.feed(html)
    assert parsed.meta["og:title"] == title and parsed.meta["og:description"] == "a < b"
    assert "&amp;amp;" not in html and '"no"' not in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_preview_images_are_made_for_each_language(site_dir, lang):
    with Image.open(site_dir / "assets" / "images" / "social" / f"{lang}.png") as image:
        assert image.format == "PNG" and image.size == (1200, 630)


def worker_list(site_dir: Path) -> tuple[str, list[str], dict, dict]:
    source = (site_dir / "sw.js").read_text(encoding="utf-8")
    version = re.search(r'^var VERSION = "([0-9a-f]{16})";$', source, re.M).group(1)
    precache = json.loads(re.search(r"^var PRECACHE = (\[.*?\]);$", source, re.M | re.S).group(1))
    packs = json.loads(re.search(r"^var PACKS = (\{.*?\});$", source, re.M | re.S).group(1))
    pages = json.loads(re.search(r"^var OFFLINE = (\{.*?\});$", source, re.M).group(1))
    return version, precache, packs, pages


def unpacked(site_dir: Path, pack: str) -> dict[str, list[str]]:
    return json.loads(gzip.decompress((site_dir / pack).read_bytes()).decode("utf-8"))


def kept(site_dir: Path) -> set[str]:
    """Every address the worker answers offline: those it caches, and those in its packs."""
    _, precache, packs, _ = worker_list(site_dir)
    return set(precache) | {url for pack in packs for url in unpacked(site_dir, pack)}


STEP_PAGE = re.compile(rf"^({'|'.join(PREFIXES[1:])})?questionnaire/[^/]+/$")


def test_the_worker_caches_every_page_but_the_embed_and_both_search_indexes(site_dir):
    """Every page but the embed's, the translation status and the questionnaire steps'
    own pages, of which it keeps the data, for every step in each language (offline, the
    first page shows a step from its data: sw.js, questionnaire.js)."""
    _, precache, _, pages = worker_list(site_dir)
    for url in precache:
        assert (site_dir / url / "index.html").is_file() or (site_dir / url).is_file(), url
    offline_urls = kept(site_dir)
    expected = {page_url(site_dir, p).lstrip("/") or "./" for p in shared_pages(site_dir)}
    steps = {url for url in expected if STEP_PAGE.match(url)}
    assert len(steps) >= len(TREES["en"].nodes)  # the steps have pages of their own
    status = {url for url in expected if url.endswith("translation-status/")}  # translators'
    assert status and expected - steps - status <= offline_urls
    assert not (steps | status) & offline_urls
    for prefix, lang in PREFIXED:
        tree = TREES[lang]
        assert {f"{prefix}questionnaire/steps/{node_id}.json"
                for node_id in [*tree.nodes, *tree.aliases]} <= offline_urls
    assert not [url for url in offline_urls if re.search(r"(^|/)embed/", url) or url.endswith(".map")]
    assert {f"{prefix}{name}" for prefix in PREFIXES
            for name in ("search/search_index.json", "manifest.webmanifest")} <= offline_urls
    assert pages == {prefix: f"{prefix}offline/" for prefix in PREFIXES}
    assert set(pages.values()) <= set(precache)


def test_packs_hold_each_file_as_built_and_the_worker_finds_it(site_dir):
    """A pack holds its files' exact texts, with their types; what a pack holds is not
    cached again, and the addresses sw.js matches (PACKS) are those of the pack."""
    _, precache, packs, _ = worker_list(site_dir)
    assert {f"{prefix}packs/steps.json.gz" for prefix in PREFIXES} <= set(packs) <= set(precache)
    for pack, patterns in packs.items():
        held = unpacked(site_dir, pack)
        assert held and not set(held) & set(precache), pack
        for url, (kind, text) in held.items():
            path = site_dir / url / "index.html" if url.endswith("/") else site_dir / url
            assert path.read_text(encoding="utf-8") == text, url
            assert kind == ("text/html; charset=utf-8" if url.endswith("/")
                            else "application/json; charset=utf-8"), url
            assert any(url == p or (p.endswith("*") and url.startswith(p[:-1]))
                       for p in patterns), url
    steps = unpacked(site_dir, "packs/steps.json.gz")
    assert packs["packs/steps.json.gz"] == ["questionnaire/steps/*"]
    assert set(steps) == {f"questionnaire/steps/{p.name}"
                          for p in (site_dir / "questionnaire" / "steps").glob("*.json")}


def test_a_languages_pages_share_one_pack_but_its_offline_page(site_dir):
    """A language's pages (but its steps' own and its large ones, which have packs of
    their own) are cached in one pack, gzipped as one; its offline page stays cached as
    it is, for the worker to show without inflating anything."""
    _, precache, packs, offline_pages = worker_list(site_dir)
    for prefix, lang in PREFIXED:
        pages = unpacked(site_dir, f"{prefix}packs/pages.json.gz")
        kept_alone = {url for pack, patterns in packs.items() if pack != f"{prefix}packs/pages.json.gz"
                      for url in patterns}
        guides = {f"{prefix}guides/{slug}/" for slug in TREES[lang].guides}
        assert guides <= set(pages) | kept_alone and guides & set(pages), prefix
        assert {prefix or "./", f"{prefix}about/", f"{prefix}tools/deadlines/"} <= set(pages)
        assert offline_pages[prefix] in precache and offline_pages[prefix] not in pages
        size = sum(len(text.encode("utf-8")) for _, text in pages.values())
        assert (site_dir / prefix / "packs" / "pages.json.gz").stat().st_size * 4 < size


def test_the_packs_are_the_same_bytes_for_the_same_files(tmp_path):
    """No date in a pack: a rebuild of the same site keeps the worker's VERSION. A
    large picture is cached as it is."""
    for prefix in PREFIXES:
        (tmp_path / prefix / "questionnaire" / "steps").mkdir(parents=True)
        (tmp_path / prefix / "questionnaire" / "steps" / "start.json").write_text('{"title": "x"}')
    (tmp_path / "map").mkdir()
    (tmp_path / "map" / "index.html").write_text("m" * offline.PACK_FROM)
    (tmp_path / "index.html").write_text("home")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\xff" * offline.PACK_FROM)  # not text
    first = offline.worker_source(tmp_path, list(LANGUAGES), "// code")
    assert '"photo.png"' in first.split("var PACKS")[0]
    assert (tmp_path / "packs" / "map.json.gz").is_file()
    assert all(f'"{prefix}packs/steps.json.gz"' in first for prefix in PREFIXES)
    assert '"map/"' not in first.split("var PACKS")[0]
    assert offline.worker_source(tmp_path, list(LANGUAGES), "// code") == first


def test_the_questionnaire_and_tools_have_every_script_and_stylesheet_cached(site_dir):
    """The worker's list comes from the build's files, not from a list kept by hand."""
    _, precache, _, _ = worker_list(site_dir)
    loaded = set()
    for page in shared_pages(site_dir):
        if not {"questionnaire", "tools"} & set(page.relative_to(site_dir).parts):
            continue
        for url in parse(page).loads:
            if url.endswith((".js", ".css")) and "://" not in url:
                loaded.add((page.parent / url).resolve().relative_to(site_dir.resolve()).as_posix())
    # the day functions, loaded by the calculator and the questionnaire
    assert {"assets/javascripts/dates.js", "assets/javascripts/outcome-dates.js"} <= loaded
    assert sorted(loaded - set(precache)) == []


def test_the_version_changes_with_any_cached_file(tmp_path):
    (tmp_path / "index.html").write_text("one")
    (tmp_path / "sw.js").write_text("// the worker")
    names = offline.cached_files(tmp_path, ["en"])
    assert names == ["index.html"]
    before = offline.version(tmp_path, names)
    (tmp_path / "index.html").write_text("two")
    assert offline.version(tmp_path, names) != before


@pytest.mark.parametrize("prefix, lang", PREFIXED)
def test_each_language_has_a_manifest_that_starts_there(site_dir, prefix, lang):
    manifest = json.loads((site_dir / prefix / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == lang and manifest["start_url"] == "./"
    assert manifest["name"] and manifest["short_name"] and manifest["theme_color"]
    for icon in manifest["icons"]:
        with Image.open((site_dir / prefix / icon["src"]).resolve()) as image:
            assert f"{image.size[0]}x{image.size[1]}" == icon["sizes"]
    about = parse(site_dir / prefix / "about" / "index.html")
    assert (site_dir / prefix / "about" / about.manifest).resolve() == \
        (site_dir / prefix / "manifest.webmanifest").resolve()


def test_the_embed_registers_no_worker(site_dir):
    for prefix in PREFIXES:
        html = (site_dir / prefix / "embed" / "index.html").read_text(encoding="utf-8")
        assert "serviceWorker" not in html and "offline.js" not in html


def test_under_mkdocs_serve_the_worker_caches_nothing(tmp_path):
    """Pages change with every edit there: the worker removes itself (sw.js)."""
    (tmp_path / "index.html").write_text("page")
    source = offline.worker_source(tmp_path, ["en"], "// code", caching=False)
    assert source.startswith('var VERSION = "serve";\nvar PRECACHE = null;')
    assert not (tmp_path / "packs").exists()
    worker = (ROOT / "site_overrides" / "sw.js").read_text(encoding="utf-8")
    assert "PRECACHE === null" in worker and "registration.unregister()" in worker
