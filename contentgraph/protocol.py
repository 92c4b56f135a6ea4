"""uvicorn's HTTP protocol with a read deadline: a client gets ``read_timeout`` seconds to send
a whole request (its head and its body), counted from the connection or from the request's first
byte; a slower one is disconnected, so stalled or trickling clients hold no connection for long.
Between requests, uvicorn's keep-alive timeout closes idle connections.
"""

from __future__ import annotations

import asyncio
import logging

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .errors import one_line

log = logging.getLogger("contentgraph.server")


class _Deadline:
    """What both protocols share: arm, disarm and expire the deadline."""

    read_timeout: float = 10.0
    _deadline: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.read_timeout, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            where = "%s:%d" % self.client if self.client else "a client"
            log.info("client error: %s", one_line(
                f"closed the connection of {where}: its request did not arrive within "
                f"{self.read_timeout:g} s (setting read_timeout)"))
            self.transport.close()

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)


class TimedH11Protocol(_Deadline, H11Protocol):
    """h11's protocol with the deadline."""

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE:
            self._arm()
        super().data_received(data)
        if self.conn.their_state not in (h11.IDLE, h11.SEND_BODY):
            self._disarm()


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # pragma: no cover - httptools is not installed: h11 serves
    HttpToolsProtocol = None
    Fastest = TimedH11Protocol
else:
    class TimedHttpToolsProtocol(_Deadline, HttpToolsProtocol):
        """httptools' protocol with the deadline."""

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._arm()

        def on_message_complete(self) -> None:
            super().on_message_complete()
            self._disarm()

    Fastest = TimedHttpToolsProtocol


def timed_protocol(read_timeout: float) -> type[asyncio.Protocol]:
    """The fastest HTTP protocol installed (httptools, else h11) with this read deadline."""
    return type(Fastest.__name__, (Fastest,), {"read_timeout": read_timeout})


def uvicorn_options(read_timeout: float) -> dict:
    """How uvicorn serves the app, in one process or in each worker: this protocol with its read
    deadline, the fastest event loop, and no WebSocket protocol (the app serves none)."""
    return {"loop": "auto", "ws": "none", "http": timed_protocol(read_timeout)}
