"""A least-recently-used cache bounded by the size of what it holds, in bytes.

Sizes are measured when a value goes in (``deep_size``: the objects it reaches, each counted
once), so the bound holds whatever the corpus: a hot concept page stays, the rest is dropped.

>>> cache = ByteCache(max_bytes=2000)
>>> cache.get_or("a", lambda: "x" * 1200)[:3]
'xxx'
>>> _ = cache.get_or("b", lambda: "y" * 1200)   # "a" is dropped to make room
>>> len(cache), cache.bytes <= 2000
(1, True)
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from enum import Enum
from typing import Any

_MISSING = object()


class ByteCache:
    """At most ``max_bytes`` of values (0: keep nothing), least recently used dropped first.
    Safe to share between threads."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get_or(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value cached under ``key``, or ``compute()``'s, cached if it fits."""
        with self._lock:
            found = self._items.get(key, _MISSING)
            if found is not _MISSING:
                self._items.move_to_end(key)
                return found[0]
        value = compute()
        if not self.max_bytes:
            return value
        size = deep_size(value)
        if size > self.max_bytes:
            return value
        with self._lock:
            if key not in self._items:
                self._items[key] = (value, size)
                self.bytes += size
                while self.bytes > self.max_bytes:
                    _, (_, dropped) = self._items.popitem(last=False)
                    self.bytes -= dropped
        return value

    def __len__(self) -> int:
        return len(self._items)


def deep_size(value: Any) -> int:
    """Bytes of ``value`` and everything it reaches through containers and slots, each object
    counted once (interned small objects included: an over-estimate, never an under-one)."""
    seen: set[int] = set()
    total = 0
    stack = [value]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, (Enum, type)):  # shared, not the value's own
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        if isinstance(obj, (str, bytes, int, float, bool)) or obj is None:
            continue
        if isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, (list, tuple, set, frozenset)):
            stack.extend(obj)
        else:
            for name in getattr(type(obj), "__slots__", ()):
                stack.append(getattr(obj, name, None))
            if hasattr(obj, "__dict__"):
                stack.append(vars(obj))
    return total
