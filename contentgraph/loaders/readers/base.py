"""What every reader takes and gives back, and the document builder they share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..cleaning import person_name
from ..model import Document, LoadError, make_blocks
from ..options import LoadOptions

Items = list[tuple[str, str, int]]  # (block kind, text, heading level) as make_blocks takes them


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded source file."""

    path: str
    text: str
    hash: str  # content_hash of the file's bytes


@dataclass(slots=True)
class ReadResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    explicit_slugs: set[str] = field(default_factory=set)  # slugs the source itself named


Reader = Callable[[Source, LoadOptions], ReadResult]


def make_document(source: Source, *, slug: str, title: str, items: Items, kind: str = "article",
                  part: str | None = None, **fields) -> Document:
    """A Document whose first block is its title (except answers), the rest from ``items``.

    ``part`` ("row=3", "item=2") marks one document of a multi-document file in ``source``.
    Body headings are at least level 2, so that only the title is level 1. The author is
    reduced to the person's name (``cleaning.person_name``).
    """
    body = [(k, t, max(level, 2) if k == "heading" else 0) for k, t, level in items if t]
    if "author" in fields:
        fields["author"] = person_name(fields["author"])
    if kind != "answer":
        body.insert(0, ("heading", title, 1))
    path = f"{source.path}#{part}" if part else source.path
    return Document(slug=slug, kind=kind, title=title, blocks=make_blocks(body), source=path,
                    source_hash=source.hash, **fields)


def drop_title_heading(items: Items, title: str) -> Items:
    """``items`` without a leading heading that repeats the title."""
    if items and items[0][0] == "heading" and items[0][1].casefold() == title.casefold():
        return items[1:]
    return items
