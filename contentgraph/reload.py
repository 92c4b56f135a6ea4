"""Hot reload without downtime: one holder of the served graph, swapped atomically.

A request takes ``holder.generation`` once, at its start, and uses that generation's graph and
response cache to the end, so a swap never changes the graph under a request in flight. A new
graph store is opened in a worker thread; one that fails to open is logged and the old graph
keeps serving. A build replaces the store file by renaming a new one over it, so the old
generation keeps reading the file it opened until no request holds it.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .answers import BuildAnswers, ResponseCache
from .graph.facade import ConceptGraph

log = logging.getLogger("contentgraph.reload")


@dataclass(frozen=True)
class Generation:
    """One served graph and the response cache's answers computed from it."""

    graph: ConceptGraph
    cache: BuildAnswers
    number: int = 0


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_size


class GraphHolder:
    """Holds the served graph; ``swap`` and ``reload`` replace it atomically.

    ``cache`` keeps the answers of every graph it serves; ``path`` is the graph store to reload
    from (None: a graph that is never reloaded).
    """

    def __init__(self, graph: ConceptGraph, cache: ResponseCache,
                 path: str | Path | None = None,
                 loader: Callable[[Path], ConceptGraph] = ConceptGraph.load):
        self.path = Path(path) if path is not None else None
        self.cache = cache
        self.loader = loader
        self._generation = Generation(graph, self.cache.for_build(graph.build_id))
        self._stat = _stat(self.path) if self.path is not None else None
        self._lock = asyncio.Lock()
        _freeze()

    @property
    def current(self) -> ConceptGraph:
        """The graph served now."""
        return self._generation.graph

    @property
    def generation(self) -> Generation:
        """The graph served now with its response cache: take it once per request."""
        return self._generation

    def swap(self, graph: ConceptGraph) -> None:
        """Serve ``graph`` from now on, with the response cache's answers of its build."""
        number = self._generation.number + 1
        self._generation = Generation(graph, self.cache.for_build(graph.build_id), number)
        _freeze()

    def reload(self) -> bool:
        """Load ``path`` and swap it in (blocking); on failure log and keep the old graph."""
        if self.path is None:
            return False
        stat = _stat(self.path)
        try:
            graph = self.loader(self.path)
        except Exception as err:  # noqa: BLE001 - any failure keeps the old graph serving
            log.error("graph store %s failed to load, still serving the graph built at %s: %s",
                      self.path, self.current.built_at, err)
            self._stat = stat
            return False
        self._stat = stat
        self.swap(graph)
        log.info("serving graph store %s built at %s", self.path, graph.built_at)
        return True

    async def reload_async(self) -> bool:
        """``reload`` in a worker thread; one reload at a time."""
        async with self._lock:
            return await asyncio.to_thread(self.reload)

    def changed(self) -> bool:
        """True when the store file (inode, mtime or size) differs from the last one loaded."""
        return self.path is not None and _stat(self.path) not in (None, self._stat)

    async def watch(self, interval: float) -> None:
        """Poll the store file every ``interval`` seconds and reload when it changes."""
        while True:
            await asyncio.sleep(interval)
            if self.changed():
                await self.reload_async()

    def handle_sighup(self, loop: asyncio.AbstractEventLoop) -> Callable[[], None]:
        """Make SIGHUP reload the store; returns a function that removes the handler."""
        tasks: set[asyncio.Task] = set()

        def on_signal() -> None:
            task = loop.create_task(self.reload_async())
            tasks.add(task)
            task.add_done_callback(tasks.discard)

        loop.add_signal_handler(signal.SIGHUP, on_signal)
        return lambda: loop.remove_signal_handler(signal.SIGHUP)


def _freeze() -> None:
    """Move the loaded graph out of the cyclic collector's sight: it lives until the next swap.

    Unfreezing first lets the collector reclaim the previous graph once no request holds it.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
