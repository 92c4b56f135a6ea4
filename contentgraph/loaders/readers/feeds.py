"""WordPress exports (WXR) and RSS/Atom feeds: one article per published post or entry, bodies
through the HTML reader. Attachments, drafts and other non-post items are skipped."""

from __future__ import annotations

import io
import re
import time
from xml.sax import SAXParseException

import feedparser
import lxml.etree

from ...errors import LoaderError
from ..cleaning import clean_inline, dedupe, iso_date
from ..model import LoadError
from ..slugs import slug_from_url, slugify
from .base import ReadResult, Source, make_document
from .html import fragment_items

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_WXR = "wordpress.org/export"
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_DC = "http://purl.org/dc/elements/1.1/"


def read(source: Source, options) -> ReadResult:
    """Read a WordPress export or an RSS/Atom feed, telling them apart by their content."""
    head = source.text[:4096]
    return read_wxr(source) if _WXR in head else read_feed(source)


def read_wxr(source: Source) -> ReadResult:
    """One article per published post or page of a WordPress export."""
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = lxml.etree.fromstring(_utf8(source.text), parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise LoaderError(source.path, f"malformed WordPress export XML: {exc.msg}",
                          exc.lineno) from exc
    channel = root.find("channel")
    if channel is None:
        raise LoaderError(source.path, "WordPress export without a <channel> element")
    authors = {_wp(a, "author_login"): _wp(a, "author_display_name")
               for a in channel if _local(a) == "author"}
    result = ReadResult()
    for n, item in enumerate(channel.iterfind("item"), 1):
        if _wp(item, "post_type") not in ("post", "page") or _wp(item, "status") != "publish":
            continue
        title = clean_inline(item.findtext("title") or "")
        link = (item.findtext("link") or "").strip() or None
        body = item.findtext(f"{{{_CONTENT}}}encoded") or ""
        items, links = fragment_items(body, base=link)
        if not title or not items:
            result.errors.append(LoadError(source.path, f"post {n} ({title or 'untitled'}) has "
                                           f"{'no title' if not title else 'no content'}",
                                           item.sourceline))
            continue
        creator = (item.findtext(f"{{{_DC}}}creator") or "").strip()
        explicit = slugify(_wp(item, "post_name"))
        slug = explicit or slug_from_url(link) or slugify(title)
        tags = dedupe([clean_inline(c.text) for c in item.iterfind("category") if c.text])
        published = iso_date(item.findtext("pubDate")) or iso_date(_wp(item, "post_date"))
        result.documents.append(make_document(
            source, slug=slug, title=title, items=items, url=link,
            author=authors.get(creator) or creator or None, published=published, tags=tags,
            links=links, part=f"item={n}", metadata={"post_id": _wp(item, "post_id")}))
        if explicit:
            result.explicit_slugs.add(slug)
    return result


def read_feed(source: Source) -> ReadResult:
    """One article per entry of an RSS or Atom feed."""
    feed = feedparser.parse(io.BytesIO(_utf8(source.text)), sanitize_html=True,
                            resolve_relative_uris=True)
    exc = feed.get("bozo_exception")
    if feed.bozo and isinstance(exc, SAXParseException):
        raise LoaderError(source.path, f"malformed feed XML: {exc.getMessage()}",
                          exc.getLineNumber())
    if not feed.entries:
        if not feed.version:
            raise LoaderError(source.path, "not an RSS or Atom feed, nor a WordPress export")
        raise LoaderError(source.path, "the feed has no entries")
    result = ReadResult()
    for n, entry in enumerate(feed.entries, 1):
        title = clean_inline(entry.get("title", ""))
        link = entry.get("link") or None
        body = entry["content"][0].get("value", "") if entry.get("content") else \
            entry.get("summary", "")
        items, links = fragment_items(body, base=link)
        if not title or not items:
            result.errors.append(LoadError(source.path, f"entry {n} ({title or 'untitled'}) "
                                           f"has {'no title' if not title else 'no content'}"))
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        result.documents.append(make_document(
            source, slug=slug_from_url(link) or slugify(title), title=title, items=items,
            url=link, author=entry.get("author_detail", {}).get("name") or entry.get("author"),
            published=time.strftime("%Y-%m-%d", stamp) if stamp else None,
            tags=dedupe([t.term for t in entry.get("tags", []) if t.get("term")]), links=links,
            part=f"item={n}", metadata={"id": entry["id"]} if entry.get("id") else {}))
    return result


def _utf8(text: str) -> bytes:
    """The text as UTF-8 bytes, its XML declaration saying so (the text is decoded already)."""
    declaration = '<?xml version="1.0" encoding="utf-8"?>'
    text = text.lstrip("\ufeff")
    if _XML_DECL.match(text):
        return _XML_DECL.sub(declaration, text, count=1).encode()
    return (declaration + text).encode()  # on the same line: line numbers stay right


def _local(el) -> str:
    return el.tag.split("}")[-1] if isinstance(el.tag, str) else ""


def _wp(el, name: str) -> str:
    """Text of the ``wp:<name>`` child (any WXR version), stripped; '' if absent."""
    for child in el:
        if isinstance(child.tag, str) and child.tag.endswith("}" + name) and _WXR in child.tag:
            return (child.text or "").strip()
    return ""
