"""Reading a large response body with as few copies as the kernel allows.

httpx hands a body over as new ``bytes`` per read, after h11 has copied each read into and out of its own buffer:
three copies of every byte before we write and hash it, all with the GIL held. For evidence (hundreds of MB) that
is most of a core (bench/sync_throughput.py). So, for a plain HTTP/1.1 body of known length on a connection whose
socket httpcore exposes, httpx reads the head (and whatever body arrived with it) and we then ``recv_into`` one
reused buffer straight from the socket; the connection is closed afterwards, never returned to the pool (h11 did not
see those bytes). Anything else (chunked, compressed, TLS inside a TLS proxy tunnel, an unknown httpcore) takes
httpx's own path, so this is an optimisation, never a requirement.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx

BUFFER = 1024 * 1024


def body_chunks(response: httpx.Response, read_timeout: float | None) -> Iterator[memoryview | bytes]:
    """The body of a streamed ``response``, chunk by chunk. A ``memoryview`` chunk points into a buffer that the
    next chunk overwrites: use it (write it, hash it) before asking for the next one."""
    sock = _socket_of(response)
    length = _plain_length(response)
    if sock is None or length is None:
        yield from response.iter_raw()
        return
    # The first chunk is what h11 already holds (the head's read often carries body bytes too), or one read.
    # ``raw`` stays referenced until the body is read: finalising it closes the connection (which is what we want,
    # but only afterwards).
    raw = response.iter_raw()
    first = next(raw, b"")
    got = len(first)
    if first:
        yield first
    if got >= length:
        return
    buffer = bytearray(min(BUFFER, length - got))
    view = memoryview(buffer)
    sock.settimeout(read_timeout)
    while got < length:
        n = sock.recv_into(buffer, min(len(buffer), length - got))
        if n == 0:
            raise httpx.RemoteProtocolError(f"the server closed the connection after {got} of {length} bytes")
        got += n
        yield view[:n]


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
