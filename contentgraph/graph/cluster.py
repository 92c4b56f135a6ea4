"""Where a build's per-file work runs: this process, a local Dask cluster, or an existing one.

``runner(scheduler, files)`` gives a context manager whose ``map(function, items, *shared)``
runs ``function(item, *shared)`` for each item and yields the results in the items' order,
keeping only a few items in flight (the client's memory does not grow with the work). On a
cluster the first items start as ``map`` is called (the caller may do other work while they
run), the ``shared`` values go to every worker once, and items carry the sources' bytes, so
workers need no access to the client's disk; a task's exception is raised by ``map``.

``scheduler``:

- ``None`` / ``"auto"``: a ``LocalCluster`` of one single-threaded worker process per core when
  there are at least ``AUTO_CLUSTER_FILES`` files to read and more than one core, else this
  process (starting a cluster costs a few seconds);
- ``"local"``: a ``LocalCluster`` whatever the work;
- ``"synchronous"``: this process, one item after another;
- anything else: the address of a running ``dask.distributed`` scheduler
  (``tcp://host:8786``), whose workers must have contentgraph installed.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from ..errors import BuildError

AUTO_CLUSTER_FILES = 400
CONNECT_TIMEOUT = "20s"
# A cluster of our own needs no sampling profiler (it wakes every 10 ms), nor health checks and
# monitors several times a second for dashboards no one reads: they cost an idle cluster 5% of
# a core, 2% with these.
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False,
                "distributed.admin.tick.interval": "1s",
                "distributed.admin.system-monitor.interval": "5s",
                "distributed.worker.memory.monitor-interval": "1s"}


class InProcess:
    """Runs every item here, in order."""

    def map(self, function: Callable, items: Iterable, *shared) -> Iterator:
        for item in items:
            yield function(item, *shared)


class OnDask:
    """Runs items as tasks of a dask.distributed ``client``, four per worker at a time."""

    def __init__(self, client):
        self.client = client
        self.workers = max(1, len(client.scheduler_info().get("workers", {})))

    def map(self, function: Callable, items: Iterable, *shared) -> Iterator:
        """The first tasks are submitted before this returns: the caller may do other work while
        they run."""
        # Data is scattered, never put inside a task: the scheduler (in this process for a local
        # cluster) would unpickle it and keep it until the task is forgotten. A list of one, as
        # scatter would split a dict or a list into futures of their items.
        shared = [self._scatter(value, broadcast=True) for value in shared]
        pending: deque = deque()
        items = iter(items)

        def submit(item) -> None:
            data = self._scatter(item)
            pending.append((data, self.client.submit(function, data, *shared, pure=False)))

        for item in itertools.islice(items, 4 * self.workers):
            submit(item)

        def results() -> Iterator:
            while pending:
                data, future = pending.popleft()
                result = future.result()
                future.release()
                data.release()
                for item in items:
                    submit(item)
                    break
                yield result
            for value in shared:
                value.release()
        return results()

    def _scatter(self, value, broadcast: bool = False):
        return self.client.scatter([value], broadcast=broadcast, hash=False)[0]


@contextlib.contextmanager
def runner(scheduler: str | None, files: int):
    """The runner ``scheduler`` names, for a build that reads ``files`` files."""
    choice = (scheduler or "auto").strip()
    cores = os.cpu_count() or 1
    if choice == "synchronous" or (choice == "auto" and (files < AUTO_CLUSTER_FILES
                                                         or cores < 2)):
        yield InProcess()
        return
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - a dependency
        raise BuildError(f"dask.distributed is not installed ({exc})") from None
    with contextlib.ExitStack() as stack:
        if choice in ("auto", "local"):
            stack.enter_context(dask.config.set(LOCAL_CONFIG))
            cluster = stack.enter_context(LocalCluster(
                n_workers=cores, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=logging.ERROR))
            # data goes to the workers and comes back straight, not through the scheduler
            yield OnDask(stack.enter_context(Client(cluster, set_as_default=False,
                                                    direct_to_workers=True)))
            return
        try:
            client = stack.enter_context(Client(choice, timeout=CONNECT_TIMEOUT,
                                                set_as_default=False))
        except (OSError, TimeoutError, ValueError) as exc:
            raise BuildError(f"cannot reach the Dask scheduler at {choice!r}: {exc}") from None
        if not client.scheduler_info().get("workers"):
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        yield OnDask(client)
