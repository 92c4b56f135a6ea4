"""HTML pages: main-content extraction (trafilatura) with title, author, date and canonical URL;
HTML fragments (feed and export bodies): every block, nothing removed.

>>> items, links = fragment_items("<h2>Why</h2><p>A <a href='/x'>link</a>.</p><ul><li>one</li>"
...                               "</ul>Loose text", base="https://a.test/blog/")
>>> items, links
([('heading', 'Why', 2), ('paragraph', 'A link.', 0), ('list_item', 'one', 0), \
('paragraph', 'Loose text', 0)], ['https://a.test/x'])
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.etree
import lxml.html
import trafilatura

from ...errors import LoaderError
from ..cleaning import absolute_link, clean_inline, dedupe, iso_date
from ..slugs import slug_from_file, slug_from_url, slugify
from .base import Items, ReadResult, Source, drop_title_heading, make_document

_HEADING = re.compile(r"^h([1-6])$")
_SKIP = {"script", "style", "nav", "footer", "header", "aside", "form", "noscript", "template",
         "button", "iframe", "svg", "figure", "img", "#comment"}
_PARAGRAPH = {"p", "pre", "dt", "dd", "figcaption", "caption", "address", "summary", "td", "th",
              "cell", "code"}
_ITEM = {"li", "item"}
_LIST = {"ul", "ol", "list", "dl"}
_INLINE = {"a", "ref", "span", "em", "i", "b", "strong", "hi", "u", "small", "sup", "sub", "br",
           "lb", "abbr", "cite", "q", "mark", "time", "del", "ins", "s", "font", "label"}


def read(source: Source, options) -> ReadResult:
    """Read one HTML page into one article (main content only, boilerplate dropped)."""
    if "<" not in source.text:
        raise LoaderError(source.path, "malformed HTML: no tags at all (is it plain text? "
                                       "rename it to .txt)")
    xml = trafilatura.extract(source.text, output_format="xml", include_links=True,
                              include_comments=False, include_tables=True, with_metadata=True,
                              include_formatting=False)
    if not xml:
        raise LoaderError(source.path, "malformed or empty HTML: no main content could be "
                                       "extracted")
    try:
        root = lxml.etree.fromstring(xml.encode("utf-8"))
    except lxml.etree.XMLSyntaxError as exc:
        raise LoaderError(source.path, f"malformed HTML: extraction produced invalid XML "
                                       f"({exc})") from exc
    main = root.find("main")
    url = _canonical(source.text) or root.get("url")
    items, links = _items(main if main is not None else root, base=url)
    title = root.get("title") or next((t for k, t, _ in items if k == "heading"), None) \
        or Path(source.path).stem.replace("-", " ")
    items = drop_title_heading(items, title)
    if not items:
        raise LoaderError(source.path, "malformed or empty HTML: the page has a title but no "
                                       "text")
    slug = slug_from_url(url) or slug_from_file(source.path) or slugify(title)
    tags = [t.strip() for t in (root.get("tags") or "").split(",") if t.strip()]
    metadata = {k: root.get(k) for k in ("sitename", "description") if root.get(k)}
    doc = make_document(source, slug=slug, title=clean_inline(title), items=items, url=url,
                        author=root.get("author"), published=iso_date(root.get("date")),
                        tags=tags, links=links, metadata=metadata)
    return ReadResult(documents=[doc])


def fragment_items(html: str, base: str | None = None) -> tuple[Items, list[str]]:
    """The blocks and links of an HTML fragment (a post body), keeping all of its text.

    Text outside any block element is split into paragraphs at blank lines, as WordPress does.
    """
    if not html or not html.strip():
        return [], []
    if "<" not in html:
        return _loose_paragraphs(html), []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return _items(root, base)


def _items(root, base: str | None) -> tuple[Items, list[str]]:
    items: Items = []
    hrefs: list[str] = []
    _walk(root, items, hrefs)
    links = dedupe([u for u in (absolute_link(h, base) for h in hrefs) if u])
    return [(k, t, level) for k, t, level in items if t], links


def _walk(el, items: Items, hrefs: list[str]) -> None:
    tag = _tag(el)
    if tag in _SKIP:
        return
    heading = _HEADING.match(tag) or (tag == "head" and _HEADING.match(el.get("rend") or "h2"))
    if heading:
        items.append(("heading", _text(el, hrefs), int(heading.group(1))))
    elif tag in _PARAGRAPH:
        items.append(("paragraph", _text(el, hrefs), 0))
    elif tag in _ITEM:
        items.append(("list_item", _text(el, hrefs, skip=_LIST), 0))
        for child in el:
            if _tag(child) in _LIST:
                _walk(child, items, hrefs)
    else:  # a container: its own loose text, then its children
        loose = [el.text or ""]
        for child in el:
            if _tag(child) in _INLINE:
                loose.append(_text(child, hrefs, clean=False))
            else:
                items.extend(_loose_paragraphs("".join(loose)))
                loose = []
                _walk(child, items, hrefs)
            loose.append(child.tail or "")
        items.extend(_loose_paragraphs("".join(loose)))


def _text(el, hrefs: list[str], skip: set[str] = frozenset(), clean: bool = True) -> str:
    """Text of ``el`` and its descendants (except ``skip`` subtrees); collects link targets."""
    parts: list[str] = []

    def visit(node) -> None:
        tag = _tag(node)
        if tag in ("a", "ref") and (node.get("href") or node.get("target")):
            hrefs.append(node.get("href") or node.get("target"))
        if tag in ("br", "lb"):
            parts.append(" ")
        if node.text and tag not in _SKIP:
            parts.append(node.text)
        for child in node:
            if _tag(child) not in skip and _tag(child) not in _SKIP:
                visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(el)
    text = "".join(parts)
    return clean_inline(text) if clean else text


def _loose_paragraphs(text: str) -> Items:
    return [("paragraph", clean_inline(p), 0) for p in re.split(r"\n\s*\n", text)
            if clean_inline(p)]


def _tag(el) -> str:
    tag = el.tag
    return tag.split("}")[-1].lower() if isinstance(tag, str) else "#comment"


def _canonical(html: str) -> str | None:
    match = re.search(r"<link\b[^>]*\brel=[\"']?canonical[\"']?[^>]*>", html, re.I)
    href = match and re.search(r"\bhref=[\"']([^\"']+)[\"']", match.group(0), re.I)
    return href.group(1).strip() if href else None
