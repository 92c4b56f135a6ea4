"""Blocking work (GraphQL validation and execution, page rendering) runs in the app's worker
threads, so the event loop keeps answering other requests (``/healthz`` included) while it runs.

A few threads are enough: the work holds the GIL, so more threads would not run faster, and
the fewer threads compete with the event loop, the sooner it gets its turn.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import logging
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from starlette.requests import Request

log = logging.getLogger("contentgraph.server")

WORK_THREADS = 2
SWITCH_INTERVAL = 0.001  # seconds a thread holds the GIL before another may take it (5 ms)
SLOW_COLLECTION = 0.01  # seconds: a full collection this long freezes what survived it

T = TypeVar("T")


def keep_loop_responsive() -> None:
    """Process-wide settings for serving, so that no thread stops the others for long:

    - the GIL changes hands every millisecond (every 5 by default), so the event loop gets its
      turn sooner while worker threads compute;
    - a full garbage collection that took more than SLOW_COLLECTION means long-lived objects
      piled up (the facade's caches, filled by requests): what survived it is frozen, like the
      graph at load, so the next full collections are short again. A reload unfreezes and
      collects everything (``reload``).

    The collector's thresholds stay Python's: a larger young generation made no pause shorter
    (``bench/limits.py``) and left each server process 5 to 8 MiB larger after a load (the
    request objects it let pile up between collections fragment the heap).
    """
    sys.setswitchinterval(SWITCH_INTERVAL)
    gc.callbacks.append(_freeze_after_slow_collections)


_started: list[float] = []  # when the running full collection started


def _freeze_after_slow_collections(phase: str, info: dict) -> None:
    if info["generation"] != 2:
        return
    if phase == "start":
        _started[:] = [time.perf_counter()]
    elif _started and time.perf_counter() - _started[0] > SLOW_COLLECTION:
        gc.freeze()
        log.info("a full garbage collection took %.0f ms: what survived it is frozen (%d "
                 "objects in all)", (time.perf_counter() - _started[0]) * 1000,
                 gc.get_freeze_count())


def worker_pool() -> ThreadPoolExecutor:
    """The threads an app runs its blocking work in (``app.state.workers``, from the app's
    start to its end)."""
    return ThreadPoolExecutor(max_workers=WORK_THREADS, thread_name_prefix="contentgraph-work")


async def off_loop(request: Request, function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` run in the app's worker threads (the loop's default executor when
    the app has none: it was not started, as in a test client used without ``with``)."""
    executor = getattr(request.app.state, "workers", None)
    return await asyncio.get_running_loop().run_in_executor(
        executor, functools.partial(function, *args))


def page(render: Callable[[Request], T]) -> Callable[[Request], Any]:
    """An endpoint that renders with ``render(request)`` in the worker threads."""

    @functools.wraps(render)
    async def endpoint(request: Request) -> T:
        return await off_loop(request, render, request)

    return endpoint
