"""The exit from mkdocs: ProperDocs (the maintained fork of mkdocs 1.x; `make build
ENGINE=properdocs`) builds this site to the same files, in its own virtual environment
with mkdocs uninstalled (Makefile: .venv-properdocs, which `make test` makes). Compared
with the shared build: the same file list, and the same bytes once the engine's name
is put aside."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import BUILD_ENV, ROOT, SITE_EPOCH

pytestmark = pytest.mark.build

ENGINE = ROOT / ".venv-properdocs" / "bin" / "python"
ENGINE_NAME = re.compile(rb"properdocs|mkdocs", re.I)


def _files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path
            for path in sorted(site.rglob("*")) if path.is_file()}


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":  # sitemap.xml.gz
        data = gzip.decompress(data)
    return ENGINE_NAME.sub(b"ENGINE", data)


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    assert ENGINE.is_file(), "no ProperDocs environment: run `make properdocs` (make test does)"
    no_mkdocs = subprocess.run([str(ENGINE), "-c", "import mkdocs"], capture_output=True)
    assert no_mkdocs.returncode != 0, ".venv-properdocs has mkdocs installed: `make properdocs`"
    dest = tmp_path_factory.mktemp("properdocs") / "site"
    result = subprocess.run(
        [str(ENGINE), "-m", "properdocs", "build", "--strict", "--site-dir", str(dest)],
        cwd=ROOT, env={**os.environ, **BUILD_ENV, "SOURCE_DATE_EPOCH": SITE_EPOCH},
        capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


def test_properdocs_builds_the_same_files(properdocs_site, site_dir):
    ours, theirs = _files(site_dir), _files(properdocs_site)
    assert sorted(theirs) == sorted(ours)
    different = [name for name in ours if _content(ours[name]) != _content(theirs[name])]
    assert not different, f"ProperDocs built these differently: {different[:20]}"
