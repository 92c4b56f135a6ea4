"""Headers that let a browser trust what the server sends.

Every answer says ``X-Content-Type-Options: nosniff``; HTML answers also carry a
Content-Security-Policy (scripts only from this server's files, never inline), refuse to be
framed, and send no referrer to other sites.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_COMMON = ("object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# The explorer: its own script and stylesheet (styles may be inline: kind colours).
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; " + _COMMON)


class SecurityHeaders:
    """ASGI middleware adding the headers above; a response's own policy is kept."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["x-content-type-options"] = "nosniff"
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("content-security-policy", PAGE_POLICY)
                    headers["x-frame-options"] = "DENY"
                    headers["referrer-policy"] = "same-origin"
            await send(message)

        await self.app(scope, receive, send_with_headers)
