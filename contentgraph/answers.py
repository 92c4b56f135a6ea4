"""The response cache: finished GraphQL answers, shared by every worker process of a server.

Answers live in a diskcache directory (SQLite and files) that the server's processes all open,
so an answer one worker computed serves the requests any worker takes, and the cache's bytes
are the operating system's page cache, not each worker's heap. Keys are digests of the graph's
build, the query, its variables and its operation name, so a worker still serving an older
build never hands out another build's answers; answers of a replaced build are no longer looked
up and make room as new ones are stored (oldest stored dropped first).

An answer is stored the second time a process computes it: most distinct queries are asked once
(a search, a filter), and writing each of them would cost every miss a write to disk and push
out the answers that are asked again (the front-end's pages).

The cache holds bytes only: a value of any other kind found in its directory is refused, never
unpickled. A cache that fails (a full disk, a deleted directory) costs its hits, never a
request: the failure is logged once and the answer is computed as if nothing were cached.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sqlite3
import tempfile
import threading
import weakref
from collections import OrderedDict
from pathlib import Path

import diskcache
import orjson
from diskcache.core import MODE_BINARY, MODE_RAW

log = logging.getLogger("contentgraph.answers")

_FAILURES = (OSError, sqlite3.Error, diskcache.Timeout, ValueError)


class _BytesOnly(diskcache.Disk):
    """diskcache's storage, refusing to read back anything but bytes (it would unpickle)."""

    def fetch(self, mode, filename, value, read):
        if mode not in (MODE_RAW, MODE_BINARY):
            raise ValueError(f"the response cache holds bytes only; found an entry of mode {mode}")
        return super().fetch(mode, filename, value, read)


class ResponseCache:
    """At most ``size`` answers and about ``budget`` bytes (its SQLite file counted); an
    answer over 1/LARGEST_SHARE of the budget is not kept, nor one this process has not
    computed before (among its last ``size`` * SEEN_PER_ANSWER). ``size`` 0 keeps nothing.

    ``directory`` None: a new private directory, removed when this cache is collected or the
    process that made it exits (not when a worker forked from that process does).
    """

    LARGEST_SHARE = 16
    SEEN_PER_ANSWER = 4

    def __init__(self, size: int, budget: int, directory: str | Path | None = None):
        self.size = size
        self.budget = budget
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._seen_lock = threading.Lock()
        if directory is None:
            directory = tempfile.mkdtemp(prefix="contentgraph-answers-")
            self._remove_folder = weakref.finalize(self, _remove, directory, os.getpid())
        self.directory = Path(directory)
        self._failed = False
        self._cache = diskcache.Cache(
            str(self.directory), disk=_BytesOnly, timeout=1, size_limit=budget,
            eviction_policy="least-recently-stored", sqlite_mmap_size=0,
            sqlite_cache_size=64, sqlite_synchronous=0)
        self._cache.close()  # each process (and thread) opens its own connection on first use

    def for_build(self, build: str) -> "BuildAnswers":
        """The answers computed from the graph build ``build``."""
        return BuildAnswers(self, build)

    def get(self, key: str) -> bytes | None:
        try:
            return self._cache.get(key)
        except _FAILURES as err:
            self._failure(err)
            return None

    def put(self, key: str, value: bytes) -> None:
        if self.size <= 0 or len(value) > self.budget // self.LARGEST_SHARE or \
                self._first_time(key):
            return
        try:
            self._cache.set(key, value)
            while len(self._cache) > self.size:
                oldest, _ = self._cache.peekitem(last=False)
                self._cache.delete(oldest)
        except (KeyError, *_FAILURES) as err:
            if not isinstance(err, KeyError):  # KeyError: another worker emptied it first
                self._failure(err)

    def _first_time(self, key: str) -> bool:
        """Whether ``key`` is new to this process's recent keys (it is remembered either way)."""
        with self._seen_lock:
            if key in self._seen:
                self._seen.move_to_end(key)
                return False
            self._seen[key] = None
            if len(self._seen) > self.size * self.SEEN_PER_ANSWER:
                self._seen.popitem(last=False)
            return True

    @property
    def bytes(self) -> int:
        """Bytes on disk: answers, keys and the SQLite file."""
        try:
            return self._cache.volume()
        except _FAILURES:
            return 0

    def __len__(self) -> int:
        try:
            return len(self._cache)
        except _FAILURES:
            return 0

    def _failure(self, err: Exception) -> None:
        if not self._failed:
            self._failed = True
            log.warning("response cache in %s failed, answering without it: %s",
                        self.directory, err)


class BuildAnswers:
    """The response cache seen from one graph build: keys are (query, variables, operation)."""

    def __init__(self, cache: ResponseCache, build: str):
        self.cache = cache
        self.build = build

    def key(self, operation: tuple) -> str:
        """A digest of the build and the operation (JSON: no two tuples share an encoding)."""
        return hashlib.blake2b(orjson.dumps([self.build, *operation]), digest_size=20).hexdigest()

    def get(self, operation: tuple) -> bytes | None:
        return self.cache.get(self.key(operation))

    def put(self, operation: tuple, answer: bytes) -> None:
        self.cache.put(self.key(operation), answer)


def _remove(directory: str, owner: int) -> None:
    if os.getpid() == owner:
        shutil.rmtree(directory, ignore_errors=True)
