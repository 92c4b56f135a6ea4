"""Scraped pages as plain text: title on the first line, byline, headings, lists, FAQ, no furniture.

The page shape is that of a blog post copied out of a browser: the first line is the title; a
byline may follow ("- handle", "- May 12", "- 5 min read" or "By Name | 14 January 2025 | 5 min
read"); then the text, one paragraph per line or per blank-line-separated group; at the end an
author signature and bio, navigation and comment residue. Site furniture (navigation, share and
menu residue, phone numbers, disclaimers, calls to action) is dropped wherever it appears.

>>> page = parse_page("Title\\nBy Ann Lee | 3 May 2024 | 4 min read\\n\\nWhy it matters\\n"
...                   "Text here.\\nSigns include:\\nshouting\\nsilence\\nCall us on 020 7946 0000\\n"
...                   "Ann Lee\\nAnn is a therapist.\\nPrevious\\nOther post")
>>> page.author, page.published, page.reading_time
('Ann Lee', '2024-05-03', 4)
>>> [(kind, text) for kind, text, _ in page.items]   # doctest: +NORMALIZE_WHITESPACE
[('heading', 'Why it matters'), ('paragraph', 'Text here.'), ('paragraph', 'Signs include:'),
 ('list_item', 'shouting'), ('list_item', 'silence')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..cleaning import (clean_line, dedupe, find_urls, is_person_name, iso_date, person_name,
                        unglue_sentences)
from ..furniture import CREDENTIALS, CTA, CTA_WORDS, DISCLAIMER, DISCLAIMER_WORDS, PHONE
from ..slugs import slug_from_file, slug_from_url, slugify
from .base import Items, ReadResult, Source, make_document

_NAV = {
    "previous", "next", "comments", "comment", "share", "share this", "share this post", "menu",
    "skip to content", "skip to main content", "back to blog", "back", "home", "read more",
    "reply", "like", "likes", "tweet", "facebook", "twitter", "x", "linkedin", "pinterest",
    "instagram", "email", "print", "whatsapp", "copy link", "recent posts", "see all",
    "related posts", "leave a comment", "leave a reply", "post not marked as liked", "search",
    "subscribe", "tags", "categories", "back to top", "top", "log in", "sign up", "blog",
    "about the author", "written by", "posted in", "all posts", "you may also like",
}
_TAIL_MARKERS = {"previous", "next", "comments", "share", "share this", "share this post",
                 "related posts", "recent posts", "see all", "leave a comment", "leave a reply",
                 "you may also like", "all posts", "related articles", "related reading",
                 "more articles", "more posts", "similar posts", "popular posts", "latest posts",
                 "read next", "keep reading", "you might also like", "more from the blog",
                 "recommended reading", "further reading"}
_COUNT_RESIDUE = re.compile(r"^\d+\s+(comments?|likes?|views?|shares?|replies)$", re.I)
_READING_TIME = re.compile(r"^(\d+)\s*(?:min(?:ute)?s?)\.?(?:\s+read)?$", re.I)
_MONTH_DAY = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? "
                        r"\d{1,2}(?:st|nd|rd|th)?$|^\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|"
                        r"sep|sept|oct|nov|dec)[a-z]*$", re.I)
_DATE_PREFIX = re.compile(r"^(?:posted|published|updated|last updated)(?: on)?:?\s+", re.I)
_BULLET = re.compile(r"^(?:[-*\u2022\u25aa\u25e6\u2013\u2014]|\d{1,2}[.)])\s+(?=\S)")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_FAQ = re.compile(r"\bFAQs?\b|frequently asked|common questions|questions and answers", re.I)
_QA_PREFIX = re.compile(r"^(Q|A|Question|Answer)\s*[:.]\s+", re.I)
_ROLE = re.compile(r"\b(?:psycho)?therapist|counsel+or|psychologist|psychiatrist|coach|"
                   r"social worker|founder|director|clinician|practitioner|consultant", re.I)
_AUTHOR_MARKER = re.compile(r"^(?:about the author|written by|author|about me)\s*:?\s*$", re.I)
_END_PUNCT = ".!?;,:\u2026"
_CLOSERS = "\"'\u201d\u2019)]*_"
_MINOR = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "if", "in", "into", "is",
          "nor", "of", "on", "or", "the", "to", "vs", "with", "your", "you", "can", "be", "are"}


@dataclass(slots=True)
class Page:
    """What a scraped page says, before it becomes a Document."""

    title: str
    items: Items = field(default_factory=list)
    author: str | None = None
    published: str | None = None
    reading_time: int | None = None
    url: str | None = None
    links: list[str] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)


def read(source: Source, options) -> ReadResult:
    """Read one scraped page (``.txt``) into one article."""
    page = parse_page(source.text)
    slug = slug_from_url(page.url) or slug_from_file(source.path) or slugify(page.title)
    doc = make_document(source, slug=slug, title=page.title, items=page.items, url=page.url,
                        author=page.author, published=page.published,
                        reading_time=page.reading_time, links=page.links,
                        metadata=page.metadata)
    return ReadResult(documents=[doc])


def parse_page(text: str) -> Page:
    """Parse a scraped page's text (see the module docstring). Raises ValueError if it is empty."""
    lines = [line.strip() for line in clean_line(unglue_sentences(text)).split("\n")]
    first = next((i for i, line in enumerate(lines) if line and not is_furniture(line)), None)
    if first is None:
        raise ValueError("no text, only site furniture (navigation, menus, phone numbers)")
    page = Page(title=_strip_heading_marks(lines[first]))
    start = _read_header(lines, first + 1, page)
    end = _read_signature(lines, start, page)
    body: list[str | None] = []  # None marks a blank line
    for line in _join_wrapped(lines[start:end]):
        if not line:
            body.append(None)
        elif _is_url_only(line):
            page.links.append(line)
        elif not is_furniture(line):
            page.links.extend(find_urls(line))
            body.append(line)
    page.items = classify(body)
    page.links = dedupe(page.links)
    return page


def is_furniture(line: str) -> bool:
    """True for site furniture: navigation, share/menu residue, phone numbers, disclaimers,
    calls to action.

    >>> [is_furniture(t) for t in ("Previous", "3 Comments", "Call us on 020 7946 0321",
    ...  "Home | About | Blog", "Book a FREE consultation today.", "The cycle is common.")]
    [True, True, True, True, True, False]
    """
    key = line.strip(" .:!>\u203a\u00bb\u2039\u00ab|-").casefold()
    if key in _NAV or key.isdigit() or _COUNT_RESIDUE.match(key) or \
            not any(c.isalnum() for c in line):
        return True
    words = len(line.split())
    if "|" in line and words <= 16 and not _ends_sentence(line):
        return True
    if words <= 10 and PHONE.search(line):
        return True
    low = line.casefold()  # cheap keyword checks first: the regexes are slow on long lines
    if words <= 80 and any(k in low for k in DISCLAIMER_WORDS) and DISCLAIMER.search(line):
        return True
    return words <= 60 and any(k in low for k in CTA_WORDS) and bool(CTA.search(line))


def classify(lines: list[str | None]) -> Items:
    """Headings, paragraphs, list items, FAQ questions and answers from content lines
    (``None`` = a blank line)."""
    items: Items = []
    in_faq = False
    in_run = False  # inside a list: after a lead-in line ending with ':' or a run of short lines
    answering = False  # after a FAQ question, until the next question or heading
    following: list[str | None] = []  # the next non-blank line after each line
    nxt: str | None = None
    for line in reversed(lines):
        following.append(nxt)
        nxt = line if line is not None else nxt
    following.reverse()
    for line, nxt in zip(lines, following):
        if line is None:
            continue
        bullet = _BULLET.match(line)
        if _MD_HEADING.match(line):
            kind = "heading"
        elif match := _QA_PREFIX.match(line):
            kind = "question" if match.group(1)[0] in "qQ" else "answer"
            line = line[match.end():]
        elif bullet and (not bullet.group(0)[0].isdigit() or in_run or
                         (nxt is not None and _BULLET.match(nxt))):
            kind = "list_item"  # "- item", or "1. item" among other items
            line = _BULLET.sub("", line)
        elif in_faq and line.endswith("?") and len(line.split()) <= 30:
            kind = "question"
        elif in_run and _item_like(line) and not _ends_sentence(line) \
                and not _heading_like(line, nxt, strict=True):
            kind = "list_item"
        elif _heading_like(line, nxt):
            kind = "heading"
        elif line.endswith("?") and _title_case(line) and len(line.split()) <= 14 and nxt \
                and not in_faq:
            kind = "heading"
        elif _item_like(line) and not _ends_sentence(line) and nxt and _item_like(nxt) \
                and not _ends_sentence(nxt) and not _title_case(line):
            kind = "list_item"  # a run of short unpunctuated lines, without a lead-in
        elif answering:
            kind = "answer"
        else:
            kind = "paragraph"
        if kind == "heading":
            line = _strip_heading_marks(line)
            in_faq = bool(_FAQ.search(line))
            answering = False
        elif kind == "question":
            answering = True
        in_run = kind == "list_item" or (kind == "paragraph" and line.endswith(":"))
        if line:
            items.append((kind, line, 2 if kind == "heading" else 0))
    return items


def _read_header(lines: list[str], i: int, page: Page) -> int:
    """Read the byline after the title into ``page``; return the index where the text starts."""
    seen = 0
    while i < len(lines) and seen < 10:
        line = lines[i]
        if not line:
            i += 1
            continue
        if _is_url_only(line) and page.url is None:
            page.url = find_urls(line)[0]
        elif not _byline(line, page) and not is_furniture(line):
            break
        i += 1
        seen += 1
    return i


def _byline(line: str, page: Page) -> bool:
    """Take what a byline line says into ``page``; False if ``line`` is not a byline."""
    text = re.sub(r"^[-\u2022\u00b7*]\s*", "", line)
    bulleted = text != line
    parts = [p.strip() for p in re.split(r"\s[|\u00b7\u2022]\s", text) if p.strip()]
    if not parts or (len(parts) == 1 and not bulleted and not _byline_part(parts[0], dry=True)):
        return False
    if len(text.split()) > 16 or not all(_byline_part(p, dry=True) or bulleted for p in parts):
        return False
    for part in parts:
        if not _byline_part(part, page=page):
            page.metadata.setdefault("byline", []).append(part)
    return True


def _byline_part(part: str, page: Page | None = None, dry: bool = False) -> bool:
    """Recognise a byline part (author, date, reading time); store it unless ``dry``."""
    by = re.match(r"^(?:by|written by|posted by|author:)\s+(.+)$", part, re.I)
    minutes = _READING_TIME.match(part)
    when = _DATE_PREFIX.sub("", part)
    date = iso_date(when)
    if by and is_person_name(person_name(by.group(1)) or ""):
        if not dry:
            page.author = page.author or person_name(by.group(1))
    elif minutes:
        if not dry:
            page.reading_time = int(minutes.group(1))
    elif date:
        if not dry:
            page.published = page.published or date
    elif _MONTH_DAY.match(when):
        if not dry:
            page.metadata["date_text"] = when  # a date without a year
    else:
        return False
    return True


def _read_signature(lines: list[str], start: int, page: Page) -> int:
    """Find the author signature and trailing residue; return where the text ends."""
    half = start + (len(lines) - start) // 2
    end = len(lines)
    for i in range(half, len(lines)):
        if lines[i].strip(" .:").casefold() in _TAIL_MARKERS:
            end = i
            break
    for i in range(start + (end - start) // 2, end):
        # a name with credentials after it ("Ann Lee, MA, LMFT") signs the article by itself
        name = person_name(lines[i]) if CREDENTIALS.search(lines[i]) else lines[i]
        if name and is_person_name(name) and (name != lines[i] or _signature_follows(lines, i)):
            if page.author is None:
                page.author = name
            bio = [x for x in lines[i + 1:end] if x and not is_furniture(x) and not
                   _is_url_only(x)]
            if bio:
                page.metadata["author_bio"] = " ".join(bio)
            end = i
            if i > start and _AUTHOR_MARKER.match(_previous(lines, i) or ""):
                end = lines.index(_previous(lines, i), start)
            break
    return end


def _signature_follows(lines: list[str], i: int) -> bool:
    """Whether the name on line ``i`` signs the article: a bio, a role or a phone follows, or an
    "About the author" line precedes."""
    first = lines[i].removeprefix("Dr. ").split()[0]
    nxt = next((x for x in lines[i + 1:] if x), "")
    prev = _previous(lines, i) or ""
    if _AUTHOR_MARKER.match(prev):
        return True
    if re.match(rf"^(?:{re.escape(first)}|She|He|They)\b(?:['\u2019]s| is| has| works| was)",
                nxt):
        return True
    if PHONE.search(nxt) and len(nxt.split()) <= 6:
        return True
    return len(nxt.split()) <= 8 and not _ends_sentence(nxt) and bool(
        _ROLE.search(nxt) or CREDENTIALS.search(nxt))


def _previous(lines: list[str], i: int) -> str | None:
    return next((x for x in reversed(lines[:i]) if x), None)


def _join_wrapped(lines: list[str]) -> list[str]:
    """Undo hard line wrapping: join a line to the previous one when it continues its sentence."""
    long_lines = [line for line in lines if len(line) > 40]
    wrapped = bool(long_lines) and max(len(x) for x in lines) <= 100 and \
        sum(55 <= len(x) <= 80 for x in long_lines) >= 0.6 * len(long_lines)
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        continues = line and prev and not prev.endswith(":") and not _BULLET.match(line) and (
            (wrapped and len(prev) >= 45) or
            (len(prev) >= 60 and not _ends_sentence(prev) and line[0].islower()))
        if continues:
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return out


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in _END_PUNCT if line.rstrip(_CLOSERS) else False


def _item_like(line: str) -> bool:
    """Short enough to be a list item, and not a lead-in."""
    return len(line.split()) <= 25 and not line.endswith(":")


def _heading_like(line: str, nxt: str | None, strict: bool = False) -> bool:
    """A short line without final punctuation that introduces text; ``strict``: also in title
    case and followed by a sentence (used inside lists)."""
    words = line.split()
    if nxt is None or len(words) > 14 or _ends_sentence(line) or not line[:1].isupper() \
            and not line[:1].isdigit():
        return False
    if strict:
        return _title_case(line) and _ends_sentence(nxt)
    return _ends_sentence(nxt) or nxt.endswith(":") or _title_case(line)


def _title_case(line: str) -> bool:
    """Most words that are not small words start with a capital letter."""
    words = [w.strip(_CLOSERS + "\"'\u201c(?:") for w in line.split()]
    words = [w for w in words if w and w.lower() not in _MINOR and w[0].isalpha()]
    if len(words) < 2:
        return bool(words) and words[0][0].isupper() and len(line.split()) <= 3
    return sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _is_url_only(line: str) -> bool:
    urls = find_urls(line)
    return len(urls) == 1 and line.strip("<>()[] ") == urls[0]


def _strip_heading_marks(line: str) -> str:
    return _MD_HEADING.sub("", line).strip().strip("#").strip()
