"""Relay pagination: opaque cursors, page-size checks and the shared PageInfo type."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from typing import TypeVar

import strawberry
from graphql import GraphQLError

MAX_FIRST = 100
MAX_SEARCH = 200
MAX_CURSOR = 40  # characters: the cursors this API returns are far shorter
_PREFIX = "cg1:"

T = TypeVar("T")


def encode_cursor(offset: int) -> str:
    """Opaque cursor of the item at ``offset`` in a list.

    >>> decode_cursor(encode_cursor(7))
    7
    """
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str, argument: str = "after") -> int:
    """Offset encoded in ``cursor``; raises a GraphQLError naming the argument when malformed."""
    text = ""
    if len(cursor) <= MAX_CURSOR:
        try:
            text = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("ascii")
        except (binascii.Error, UnicodeError, ValueError):
            pass
    digits = text[len(_PREFIX):] if text.startswith(_PREFIX) else ""
    if not digits.isdigit() or not digits.isascii():
        raise GraphQLError(f"Malformed cursor in argument '{argument}': {cursor[:40]!r} "
                           "is not a cursor this API returned")
    return int(digits)


def check_size(value: int | None, argument: str = "first", limit: int = MAX_FIRST,
               default: int = 0) -> int:
    """``value`` (``default`` when null) if it lies in [0, limit]; else a GraphQLError naming
    the argument and the limit."""
    if value is None:
        return default
    if not 0 <= value <= limit:
        raise GraphQLError(f"Argument '{argument}' must be between 0 and {limit}; got {value}")
    return value


def clean_search(text: str | None, argument: str = "search") -> str | None:
    """``text`` trimmed; None when blank; a GraphQLError when longer than MAX_SEARCH."""
    if text is None:
        return None
    text = text.strip()
    if len(text) > MAX_SEARCH:
        raise GraphQLError(f"Argument '{argument}' is {len(text)} characters long; "
                           f"the limit is {MAX_SEARCH}")
    return text or None


def page(items: Sequence[T], first: int | None, after: str | None,
         default: int = 20) -> tuple[int, Sequence[T]]:
    """The start offset and the items of one page: ``first`` items after the ``after`` cursor."""
    start, size = page_bounds(first, after, default)
    return start, items[start:start + size]


def page_bounds(first: int | None, after: str | None, default: int = 20) -> tuple[int, int]:
    """The start offset and size of the page ``first`` after ``after`` (for lists that the graph
    pages itself)."""
    first = check_size(first, default=default)
    return (decode_cursor(after) + 1 if after is not None else 0), first


@strawberry.type(description="Where a page of a connection sits in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="True when items follow this page.")
    has_previous_page: bool = strawberry.field(description="True when items precede this page.")
    start_cursor: str | None = strawberry.field(
        description="Cursor of the first item of the page; null when the page is empty.")
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last item of the page: pass it as `after` for the next page; "
                    "null when the page is empty.")


def page_info(start: int, count: int, total: int) -> PageInfo:
    """PageInfo of ``count`` items taken from offset ``start`` of ``total``."""
    return PageInfo(
        has_next_page=start + count < total,
        has_previous_page=start > 0,
        start_cursor=encode_cursor(start) if count else None,
        end_cursor=encode_cursor(start + count - 1) if count else None,
    )
