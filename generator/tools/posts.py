"""National posts (tools.yaml `posts`): where a reader tracks a postal number once the
parcel reaches their country. Data, not code: each post names the languages whose
readers it serves (`readers`). The English site, written for everyone, lists every
post; a translated site lists the posts its readers use, by the name they know."""

from __future__ import annotations

from typing import Any, Iterator, Mapping, Sequence

from babel import Locale

from ..errors import Problem
from ..languages import SOURCE
from ..loader import Loaded


def listed(posts: Sequence[Mapping[str, Any]], lang: str,
           countries: Mapping[str, str]) -> list[dict[str, str]]:
    """The posts a page in lang lists: name as its readers know it, country name in
    lang, tracking page."""
    return [{"name": post.get("local_name", post["name"]) if lang in post["readers"]
             else post["name"],
             "country": countries.get(post["country"], post["country"]),
             "track_at": post["track_at"]}
            for post in posts if lang == SOURCE or lang in post["readers"]]


def problems(loaded: Loaded) -> Iterator[Problem]:
    """What the schema cannot say: a post listed twice, a country CLDR does not know."""
    territories = Locale.parse(SOURCE).territories
    first: dict[tuple[str, str], int] = {}
    for i, post in enumerate(loaded.data.get("posts") or ()):
        if post["country"] not in territories:
            yield loaded.problem(("posts", i, "country"),
                                 f"'{post['country']}' is not a country code (ISO 3166, "
                                 "such as RU or MX)")
        for field in ("name", "track_at"):
            seen = first.setdefault((field, post[field]), i)
            if seen != i:
                yield loaded.problem(("posts", i, field),
                                     f"post {i + 1} has the same {field} as post {seen + 1}")
