"""A bounded cache of work done once per parsed query document (or one of its nodes)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

CACHE_SIZE = 1024


class ByDocument:
    """A bounded LRU map keyed by the identity of a parsed document or AST node.

    The parser cache hands back the same document object for the same query text, so work
    that depends only on the document runs once per distinct text, without hashing the AST.
    Each entry keeps its key object alive, so an id is not reused while its entry is cached.
    """

    def __init__(self, size: int = CACHE_SIZE):
        self.size = size
        self.entries: OrderedDict[tuple, tuple[Any, Any]] = OrderedDict()

    def get(self, document, extra: tuple = ()) -> Any:
        entry = self.entries.get((id(document), *extra))
        return entry[1] if entry is not None and entry[0] is document else None

    def put(self, document, value: Any, extra: tuple = ()) -> None:
        self.entries[(id(document), *extra)] = (document, value)
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)
