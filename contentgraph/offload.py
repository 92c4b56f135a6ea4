"""Blocking work (GraphQL validation and execution, page rendering) runs in the app's worker
threads, so the event loop keeps answering other requests (``/healthz`` included) while it runs.

A few threads are enough: the work holds the GIL, so more threads would not run faster, and the
fewer threads compete with the event loop, the sooner it gets its turn (Python hands the GIL over
every few milliseconds).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from starlette.requests import Request

WORK_THREADS = 4

T = TypeVar("T")


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
