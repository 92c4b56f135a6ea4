"""Comparable keys: an author's slug, a URL without its variations."""

from __future__ import annotations

import re


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by dashes.

    >>> slugify("Jo Watson, MSc")
    'jo-watson-msc'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"


def normalize_url(url: str) -> str:
    """A URL's comparable form: no scheme, ``www.``, query, fragment or trailing slash.

    >>> normalize_url("https://www.example.org/blog/post/?utm=1#top")
    'example.org/blog/post'
    """
    url = re.sub(r"^[a-z]+://", "", url.strip().lower())
    url = re.sub(r"^www\.", "", url)
    return re.split(r"[?#]", url, maxsplit=1)[0].rstrip("/")
