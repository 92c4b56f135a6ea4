"""Headers that let a browser trust what the server sends.

Every answer says ``X-Content-Type-Options: nosniff``; HTML answers also carry a
Content-Security-Policy (scripts only from this server, or inline ones whose hash the policy
lists), refuse to be framed, and send no referrer to other sites.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_COMMON = ("object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# The explorer: its own script and stylesheet (styles may be inline: kind colours).
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; " + _COMMON)
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)


def script_hashes(html: str) -> list[str]:
    """CSP sources (``'sha256-...'``) allowing exactly the inline scripts of ``html``."""
    return ["'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
            for body in _INLINE_SCRIPT.findall(html)]


def ide_policy(html: str, origins: tuple[str, ...]) -> str:
    """The policy of a page of our own (GraphiQL) whose inline scripts are hashed, loading
    scripts, styles and fonts from ``origins`` too."""
    sources = " ".join(origins)
    return (f"default-src 'self'; script-src 'self' {sources} {' '.join(script_hashes(html))}; "
            f"style-src 'self' 'unsafe-inline' {sources}; font-src 'self' data: {sources}; "
            "img-src 'self' data:; connect-src 'self'; " + _COMMON)


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
