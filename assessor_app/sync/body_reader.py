"""Reading a large response body with as few copies as the kernel allows.

httpx hands a body over as new ``bytes`` per read, after h11 has copied each read into and out of its own buffer:
three copies of every byte before we write and hash it, all with the GIL held. For evidence (hundreds of MB) that
is most of a core (bench/sync_throughput.py). So, for a plain HTTP/1.1 body of known length on a connection whose
socket httpcore exposes, httpx reads the head (and whatever body arrived with it) and we then ``recv_into`` the
caller's buffer straight from the socket; the connection is closed afterwards, never returned to the pool (h11 did
not see those bytes). Anything else (chunked, compressed, TLS inside a TLS proxy tunnel, an unknown httpcore) takes
httpx's own path, so this is an optimisation, never a requirement.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx


class BodyReader:
    """``readinto`` over the body of a streamed ``response`` (like ``io.RawIOBase``: 0 means the body is complete).

    A body that ends before its ``Content-Length`` raises ``httpx.RemoteProtocolError``, never a short read of 0.
    """

    def __init__(self, response: httpx.Response, read_timeout: float | None) -> None:
        self._sock = _socket_of(response)
        length = _plain_length(response)
        # ``_raw`` stays referenced until the body is read: finalising it closes the connection (wanted, but after).
        self._raw: Iterator[bytes] = response.iter_raw()
        self._pending = memoryview(b"")
        self._remaining = 0
        if self._sock is None or length is None:
            self._sock = None
            return
        # The first chunk is what h11 already holds (the head's read often carries body bytes too), or one read.
        first = next(self._raw, b"")
        self._pending = memoryview(first)
        self._remaining = length - len(first)
        self._sock.settimeout(read_timeout)

    @property
    def from_socket(self) -> bool:
        return self._sock is not None

    def readinto(self, view: memoryview) -> int:
        if not self._pending and self._sock is None:
            self._pending = memoryview(next(self._raw, b""))
        if self._pending:
            n = min(len(view), len(self._pending))
            view[:n] = self._pending[:n]
            self._pending = self._pending[n:]
            return n
        if self._sock is None or self._remaining <= 0:
            return 0
        n = self._sock.recv_into(view, min(len(view), self._remaining))
        if n == 0:
            raise httpx.RemoteProtocolError(f"the server closed the connection with {self._remaining} bytes to go")
        self._remaining -= n
        return n


def _plain_length(response: httpx.Response) -> int | None:
    if "transfer-encoding" in response.headers or response.headers.get("content-encoding", "identity") != "identity":
        return None
    try:
        length = int(response.headers["content-length"])
    except (KeyError, ValueError):
        return None
    return length if length >= 0 else None


def _socket_of(response: httpx.Response) -> socket.socket | None:
    """The socket the body arrives on, when httpcore's stream reads straight from it (HTTP/1.1, no TLS-in-TLS)."""
    if response.http_version != "HTTP/1.1":
        return None
    stream = response.extensions.get("network_stream")
    if stream is None or type(stream).__name__ != "SyncStream":  # SyncTLSStream wraps TLS around another stream
        return None
    try:
        sock = stream.get_extra_info("socket")
    except Exception:  # an httpcore that changed: httpx's own path still works
        return None
    return sock if isinstance(sock, socket.socket) else None
