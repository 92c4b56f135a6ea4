"""Slugs: stable (derived from a URL, a file name or a title) and unique within a load."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import unquote, urlparse

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_HEX = re.compile(r"[0-9a-f]+")


def slugify(text: str, max_length: int = 80) -> str:
    """Lower-case ASCII words joined by hyphens, cut at a word boundary.

    >>> slugify("Don't “panic”: Couples Counselling & EFT (2025)")
    'dont-panic-couples-counselling-eft-2025'
    >>> slugify("Ça va très bien")
    'ca-va-tres-bien'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['\u2019]", "", ascii_text.lower())
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
    return slug


def slug_from_url(url: str | None) -> str:
    """The slug of a URL's last path segment ('' when it has none).

    >>> slug_from_url("https://example-practice.test/blog/four-horsemen/")
    'four-horsemen'
    >>> slug_from_url("https://example-practice.test/?p=57")
    ''
    """
    if not url:
        return ""
    path = PurePosixPath(unquote(urlparse(url).path))
    name = path.stem if path.suffix in {".html", ".htm", ".php", ".aspx"} else path.name
    return slugify(name)


def slug_from_file(path: str) -> str:
    """The slug of a file's name, or '' when the name was made by a machine (a hash, an id, a
    number: "000_d1c78568e4f1.txt"), so that the title names the document instead.

    >>> slug_from_file("posts/Setting Boundaries.md"), slug_from_file("dump/004_9f3ab27c11d0.txt")
    ('setting-boundaries', '')
    >>> slug_from_file("2024-05-12-repair-attempts.html"), slug_from_file("page-17.txt")
    ('2024-05-12-repair-attempts', '')
    """
    slug = slugify(PurePosixPath(path.replace("\\", "/")).stem)
    words = [w for w in slug.split("-") if w]
    machine = [w for w in words if w.isdigit() or (len(w) >= 8 and _HEX.fullmatch(w)
                                                   and any(c.isdigit() for c in w))]
    named = [w for w in words if w not in machine and len(w) >= 3 and w != "page"]
    return slug if named else ""


class SlugRegistry:
    """Hands out unique slugs: a taken derived slug gets ``-2``, ``-3``...

    >>> reg = SlugRegistry()
    >>> reg.claim("a"), reg.claim("a"), reg.claim("a")
    ('a', 'a-2', 'a-3')
    """

    def __init__(self) -> None:
        self.owner: dict[str, str] = {}  # slug -> source that took it

    def claim(self, slug: str, source: str = "") -> str:
        unique, n = slug, 2
        while unique in self.owner:
            unique, n = f"{slug}-{n}", n + 1
        self.owner[unique] = source
        return unique
