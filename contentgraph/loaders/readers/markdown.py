"""Markdown with YAML front matter: metadata from the front matter, structure from markdown-it.

>>> page = parse_markdown("---\\ntitle: T\\ntags: a\\n---\\n# T\\n\\nSee [x](https://a.test/x).\\n\\n"
...                       "## Part\\n\\n- one\\n- two\\n")
>>> page.meta, page.links
({'title': 'T', 'tags': 'a'}, ['https://a.test/x'])
>>> page.items   # doctest: +NORMALIZE_WHITESPACE
[('heading', 'T', 1), ('paragraph', 'See x.', 0), ('heading', 'Part', 2),
 ('list_item', 'one', 0), ('list_item', 'two', 0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from ...errors import LoaderError
from ...yamlsafe import load_yaml
from ..cleaning import absolute_link, clean_inline, dedupe, iso_date
from ..slugs import slug_from_file, slug_from_url, slugify
from .base import Items, ReadResult, Source, drop_title_heading, make_document

_MD = MarkdownIt("commonmark").enable("table")
_FENCE = re.compile(r"^(?:---|\.\.\.)\s*$")
_KNOWN = {"title", "url", "author", "date", "tags", "slug", "reading_time"}


@dataclass(slots=True)
class MarkdownPage:
    meta: dict
    items: Items = field(default_factory=list)
    links: list[str] = field(default_factory=list)


class FrontMatterError(ValueError):
    """The front matter is broken; ``line`` is where (1-based), when known."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.line = line


def read(source: Source, options) -> ReadResult:
    """Read one Markdown file into one article."""
    try:
        page = parse_markdown(source.text)
    except FrontMatterError as exc:
        raise LoaderError(source.path, str(exc), exc.line) from exc
    meta = page.meta
    url = _text_field(source, meta, "url")
    title = _text_field(source, meta, "title") or _first_heading(page.items) \
        or Path(source.path).stem.replace("-", " ").replace("_", " ")
    published = None
    if meta.get("date") is not None:
        published = iso_date(meta["date"])
        if published is None:
            raise LoaderError(source.path, f"front matter 'date' is not a date: {meta['date']!r} "
                                           "(write it as YYYY-MM-DD)")
    explicit = _text_field(source, meta, "slug")
    slug = slugify(explicit) if explicit else (slug_from_url(url) or slug_from_file(source.path)
                                                or slugify(title))
    links = dedupe([u for u in (absolute_link(h, url) for h in page.links) if u])
    reading_time = meta.get("reading_time")
    doc = make_document(
        source, slug=slug, title=title, items=drop_title_heading(page.items, title), url=url,
        author=_text_field(source, meta, "author"), published=published, tags=_tags(source, meta),
        links=links, reading_time=reading_time if isinstance(reading_time, int) else None,
        metadata=_jsonable({k: v for k, v in meta.items() if k not in _KNOWN}),
    )
    return ReadResult(documents=[doc], explicit_slugs={slug} if explicit else set())


def parse_markdown(text: str) -> MarkdownPage:
    """Split front matter from the body and read the body's blocks and links.

    Raises FrontMatterError when the front matter is unterminated, not YAML, or not a mapping.
    """
    meta, body = split_front_matter(text)
    page = MarkdownPage(meta=meta)
    tokens = _MD.parse(body)
    kind_stack: list[str] = []
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            kind_stack.append("list_item")
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            kind_stack.pop()
        elif tok.type == "inline":
            opener = tokens[i - 1]
            text = clean_inline(_inline_text(tok, page.links))
            if opener.type == "heading_open":
                page.items.append(("heading", text, int(opener.tag[1])))
            elif opener.type in ("th_open", "td_open"):
                continue
            else:
                page.items.append((kind_stack[-1] if kind_stack else "paragraph", text, 0))
        elif tok.type == "tr_open":
            page.items.append(("paragraph", _table_row(tokens, i, page.links), 0))
    return page


def split_front_matter(text: str) -> tuple[dict, str]:
    """``(metadata, body)``; text without front matter gives ``({}, text)``."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        raise FrontMatterError("front matter opened with '---' on line 1 is never closed "
                               "(add a closing '---' line)", 1)
    try:
        meta = load_yaml("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        raise FrontMatterError(f"front matter is not valid YAML: {problem}",
                               min(mark.line + 2, end) if mark is not None else None) from exc
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(f"front matter must be a mapping of keys to values, not a "
                               f"{type(meta).__name__}", 2)
    return meta, "\n".join(lines[end + 1:])


def _inline_text(token, links: list[str]) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content if child.type != "html_inline" else "")
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "link_open":
            links.append(child.attrs.get("href", ""))
    return "".join(parts)


def _table_row(tokens, i: int, links: list[str]) -> str:
    cells = []
    for tok in tokens[i + 1:]:
        if tok.type == "tr_close":
            break
        if tok.type == "inline":
            cells.append(clean_inline(_inline_text(tok, links)))
    return " | ".join(c for c in cells if c)


def _first_heading(items: Items) -> str | None:
    return next((t for k, t, level in items if k == "heading" and level == 1), None)


def _text_field(source: Source, meta: dict, key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if not isinstance(value, (str, int, float)):
        raise LoaderError(source.path, f"front matter '{key}' must be text, not a "
                                       f"{type(value).__name__}")
    return str(value).strip() or None


def _tags(source: Source, meta: dict) -> list[str]:
    tags = meta.get("tags")
    if tags is None:
        return []
    if isinstance(tags, str):
        tags = [t for t in re.split(r"\s*,\s*", tags) if t]
    if not isinstance(tags, list) or not all(isinstance(t, (str, int)) for t in tags):
        raise LoaderError(source.path, "front matter 'tags' must be a list of words or a "
                                       "comma-separated string")
    return dedupe([str(t).strip() for t in tags if str(t).strip()])


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return iso_date(value) or str(value)
