"""Each template in site_overrides/ that takes the place of one of Material's (a copied
partial with a change, an empty one, main.html) names the upstream file's hash in its
header: "Upstream: Material 9.8.2, partials/toc.html, sha256 <16 hex>". When an update
of Material changes that file, this fails and says what to carry over; the override
would otherwise keep Material's old markup, silently."""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "site_overrides"
MATERIAL = Path(importlib.util.find_spec("material").origin).parent / "templates"
UPSTREAM = re.compile(r"Upstream: Material ([0-9.]+), (\S+), sha256 ([0-9a-f]{16})\.")


def _overrides() -> list[str]:
    """Every file of ours with the path of one of Material's templates."""
    return sorted(path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*")
                  if path.is_file() and (MATERIAL / path.relative_to(OVERRIDES)).is_file())


def test_the_overrides_are_found():
    assert {"partials/toc.html", "partials/search.html", "main.html"} <= set(_overrides())


@pytest.mark.parametrize("name", _overrides())
def test_each_override_was_made_from_the_installed_materials_file(name):
    header = UPSTREAM.search((OVERRIDES / name).read_text(encoding="utf-8"))
    upstream = MATERIAL / name
    now = hashlib.sha256(upstream.read_bytes()).hexdigest()[:16]
    assert header, (f"site_overrides/{name} takes the place of Material's {name} but does "
                    f"not say which version it was made from: add to its header comment "
                    f"'Upstream: Material {importlib.metadata.version('mkdocs-material')}, "
                    f"{name}, sha256 {now}.'")
    version, named, recorded = header.groups()
    assert named == name, f"site_overrides/{name}: its Upstream line names {named}"
    assert recorded == now, (
        f"Material {importlib.metadata.version('mkdocs-material')} changed {name} since "
        f"site_overrides/{name} was made from Material {version}'s. Compare the two "
        f"({upstream}), carry Material's change into the override where it applies "
        f"(its header says what the override changes and why), check the pages (make "
        f"test), then write 'sha256 {now}' and the new version in its Upstream line.")
