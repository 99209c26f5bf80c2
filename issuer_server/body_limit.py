"""Refuse request bodies over a size limit with a 413 problem, whether or not Content-Length is sent."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from issuer_server.problems import PROBLEM_JSON, problem_body

DRAIN_LIMIT = 64 * 1024 * 1024


async def _drain(receive: Receive, already: int) -> None:
    """Read and drop the rest of a refused body, so the client sees our answer instead of a reset
    (bodies beyond ``DRAIN_LIMIT`` are cut off instead)."""
    seen = already
    while seen <= DRAIN_LIMIT:
        message = await receive()
        if message["type"] != "http.request":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _refuse(self, send: Send, status: int, detail: str) -> None:
        slug = "body-too-large" if status == 413 else "bad-content-length"
        body = json.dumps(problem_body(status, slug, detail)).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_big = (f"The request body is larger than {self.max_bytes} bytes; "
                   "send a smaller body (large evidence is never uploaded through this API).")
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await self._refuse(send, 400, "The Content-Length header is not a number.")
                return
            if int(declared) > self.max_bytes:
                if int(declared) <= DRAIN_LIMIT:
                    await _drain(receive, 0)
                await self._refuse(send, 413, too_big)
                return
        received = 0
        refused = False

        async def limited_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes and not refused:
                    refused = True
                    if message.get("more_body", False):
                        await _drain(receive, received)
                    await self._refuse(send, 413, too_big)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:
                await send(message)

        await self.app(scope, limited_receive, guarded_send)
