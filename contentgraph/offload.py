"""Blocking work (GraphQL validation and execution, page rendering) runs in the app's worker
threads, so the event loop keeps answering other requests (``/healthz`` included) while it runs.

A few threads are enough: the work holds the GIL, so more threads would not run faster, and
the fewer threads compete with the event loop, the sooner it gets its turn.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from starlette.requests import Request

WORK_THREADS = 4
SWITCH_INTERVAL = 0.001  # seconds a thread holds the GIL before another may take it (5 ms)
GC_THRESHOLDS = (50_000, 20, 10)  # young collections after 50,000 objects (700)

T = TypeVar("T")


def keep_loop_responsive() -> None:
    """Process-wide settings for serving: the GIL changes hands every millisecond, so the
    event loop gets its turn sooner while worker threads compute; and the cyclic garbage
    collector runs less often (each collection stops every thread; with a larger young
    generation a request's objects mostly die before a collection could promote them, so the
    long full collections come far more rarely)."""
    sys.setswitchinterval(SWITCH_INTERVAL)
    gc.set_threshold(*GC_THRESHOLDS)


def worker_pool() -> ThreadPoolExecutor:
    """The threads an app runs its blocking work in (``app.state.workers``)."""
    return ThreadPoolExecutor(max_workers=WORK_THREADS, thread_name_prefix="contentgraph-work")


async def off_loop(request: Request, function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` run in the app's worker threads (the loop's default executor when
    the app has none)."""
    executor = getattr(request.app.state, "workers", None)
    return await asyncio.get_running_loop().run_in_executor(
        executor, functools.partial(function, *args))


def page(render: Callable[[Request], T]) -> Callable[[Request], Any]:
    """An endpoint that renders with ``render(request)`` in the worker threads."""

    @functools.wraps(render)
    async def endpoint(request: Request) -> T:
        return await off_loop(request, render, request)

    return endpoint
