"""Small text helpers shared by the readers: whitespace, glued sentences, dates, names, URLs."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from urllib.parse import urldefrag, urljoin

_SPACE = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000][ \t\u00a0\u2000-\u200b\u202f"
                    r"\u205f\u3000]*| [ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_GLUED = re.compile(r"([a-z][a-z][.!?])([A-Z][a-z])")
_URL = re.compile(r"https?://[^\s<>\"'\u201c\u201d]+", re.IGNORECASE)
_DATE_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y",
    "%b %d %Y", "%d %B, %Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
)
_CREDENTIAL = re.compile(r"^[A-Z][A-Z.&/-]+$")  # LMFT, Ph.D., LCSW-C
_TAGLINE_START = re.compile(r"[,;(\"\u201c\u2018|]|[-\u2013\u2014]\s|www\.|https?://")
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
_NAME_WORD = r"(?:[A-Z][a-z]+(?:[-'\u2019][A-Z]?[a-z]+)*|Mc[A-Z][a-z]+|[A-Z]\.)"
_PERSON = re.compile(rf"^(?:Dr\.? )?{_NAME_WORD}(?: (?:de|van|von|der|da|di|du|le|la) ?)?"
                     rf"(?: {_NAME_WORD}){{1,3}}$")


def clean_line(text: str) -> str:
    """Collapse runs of spaces (also non-breaking ones) and trim."""
    return _SPACE.sub(" ", text).strip()


def clean_inline(text: str) -> str:
    """Collapse all whitespace, newlines included, to single spaces."""
    return clean_line(re.sub(r"\s+", " ", text))


def unglue_sentences(text: str) -> str:
    """Put back the space lost between sentences: 'change.It is' -> 'change. It is'.

    >>> unglue_sentences("to change.It is often about protection.See")
    'to change. It is often about protection. See'
    """
    return _GLUED.sub(r"\1 \2", text)


def iso_date(value: object) -> str | None:
    """An ISO 'YYYY-MM-DD' for a date, datetime or date-like string; None if it is not one.

    >>> [iso_date(v) for v in ("14 January 2025", "Mar 3, 2025", "Mon, 12 May 2025 09:00:00 +0000",
    ...                        "2025-06-02T08:00:00Z", "May 12", "soon")]
    ['2025-01-14', '2025-03-03', '2025-05-12', '2025-06-02', None, None]
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    return _iso_date_of_text(value)


@lru_cache(maxsize=4096)
def _iso_date_of_text(value: str) -> str | None:
    text = clean_inline(value)
    iso = re.match(r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$", text)
    if iso:
        text = iso.group(1)
    elif len(text) > 40 or not re.search(r"\d", text) or not _MONTH.search(text) \
            and "/" not in text:
        return None  # fast path: strptime is slow, and this cannot be a date
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def is_person_name(text: str) -> bool:
    """True for a line that looks like a person's name: 2-4 capitalised words, nothing else.

    >>> [is_person_name(t) for t in ("Jo Watson", "Arijana Palme", "Final Thoughts", "jowatson00")]
    [True, True, True, False]
    """
    return bool(_PERSON.match(text.strip()))


def person_name(text: str | None) -> str | None:
    """An author's name without the credentials, role or tagline after it, so that one person is
    one author however a byline or profile writes them.

    >>> [person_name(s) for s in ("Dana Reyes, LMFT", "Sam Ortiz LPC, CGT", "Dr. Ana Ruiz, PhD",
    ...     "Jo Park | Couples Counsellor", "Mary-Jane O'Neil MA", "harbourlane", "  ")]
    ['Dana Reyes', 'Sam Ortiz', 'Dr. Ana Ruiz', 'Jo Park', "Mary-Jane O'Neil", 'harbourlane', None]
    """
    text = clean_inline(text or "")
    cut = _TAGLINE_START.search(text)
    if cut:
        text = text[: cut.start()]
    words = text.split()
    while len(words) > 2 and _CREDENTIAL.match(words[-1]) and not all(map(_CREDENTIAL.match,
                                                                           words)):
        words.pop()  # "Ann Lee LMHC"
    return " ".join(words).strip(" .-") or None


def find_urls(text: str) -> list[str]:
    """The http(s) URLs in ``text``, in order, without trailing punctuation.

    >>> find_urls("see (https://a.test/x) and https://a.test/wiki/Foo_(bar).")
    ['https://a.test/x', 'https://a.test/wiki/Foo_(bar)']
    """
    urls = []
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?'\u2019")
        while url.endswith((")", "]")) and url.count(url[-1]) > url.count("([" [url[-1] == "]"]):
            url = url[:-1].rstrip(".,;:!?")
        urls.append(url)
    return urls


def absolute_link(href: str, base: str | None) -> str | None:
    """``href`` made absolute against ``base``, fragment dropped; None unless it is http(s)."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    url = urljoin(base, href) if base else href
    url = urldefrag(url)[0]
    return url if url.startswith(("http://", "https://")) else None


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None (no ``javascript:`` or ``data:``).

    >>> web_url(" https://a.test/x "), web_url("JavaScript:alert(1)")
    ('https://a.test/x', None)
    """
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def dedupe(items: list[str]) -> list[str]:
    """``items`` without repeats, first occurrence kept."""
    return list(dict.fromkeys(items))
