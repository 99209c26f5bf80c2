"""A fault-injecting TCP proxy on 127.0.0.1 that sits between the app and the issuer in tests.

A fault is queued with the request it targets (``proxy.inject("GET /api/v1/evidence/", Reset(5000))``): the
next request whose first line contains that text gets the fault applied to its response; everything else
passes through untouched. Faults:
- ``Reset(after)``: forward ``after`` bytes of the server's answer, then reset the connection (RST);
- ``FlipBit(at)``: flip one bit of the server's answer at byte offset ``at`` (of the whole stream);
- ``DropResponse()``: forward the request, let the server answer, but close on the client without a byte;
- ``Stall(seconds)``: hold the server's answer for a while before forwarding it (bounded).
Traffic never leaves the loopback interface; every loop is bounded and stops with the proxy.
"""

from __future__ import annotations

import contextlib
import select
import socket
import struct
import threading
from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class Reset:
    after: int


@dataclass(frozen=True)
class FlipBit:
    at: int


@dataclass(frozen=True)
class DropResponse:
    pass


@dataclass(frozen=True)
class Stall:
    seconds: float


Fault = Reset | FlipBit | DropResponse | Stall


class FaultProxy:
    def __init__(self, upstream_port: int) -> None:
        self._upstream = ("127.0.0.1", upstream_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self.faults: deque[tuple[str, Fault]] = deque()
        self.connections = 0
        self.faults_applied = 0
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> FaultProxy:
        thread = threading.Thread(target=self._accept_loop, daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self._listener.close()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
            thread = threading.Thread(target=self._serve, args=(client,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def inject(self, request_contains: str, fault: Fault) -> None:
        with self._lock:
            self.faults.append((request_contains, fault))

    def _take_fault(self, request: bytes) -> Fault | None:
        first_line = request.split(b"\r\n", 1)[0].decode("latin-1")
        with self._lock:
            for index, (needle, fault) in enumerate(self.faults):
                if needle in first_line:
                    del self.faults[index]
                    self.faults_applied += 1
                    return fault
        return None

    def _serve(self, client: socket.socket) -> None:
        fault: Fault | None = None
        try:
            upstream = socket.create_connection(self._upstream, timeout=10)
        except OSError:
            _reset(client)
            return
        sent_back = 0
        try:
            while not self._stop.is_set():
                ready, _, _ = select.select([client, upstream], [], [], 0.2)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    if sock is client:
                        if data[:8].split(b" ", 1)[0] in (b"GET", b"PUT", b"POST", b"HEAD", b"DELETE"):
                            fault, sent_back = self._take_fault(data), 0  # a new request on this connection
                        upstream.sendall(data)
                        continue
                    if isinstance(fault, DropResponse):
                        _reset(client)
                        return
                    if isinstance(fault, Stall):
                        self._stop.wait(fault.seconds)
                        fault = None
                    if isinstance(fault, FlipBit) and sent_back <= fault.at < sent_back + len(data):
                        index = fault.at - sent_back
                        data = data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1:]
                    if isinstance(fault, Reset) and sent_back + len(data) >= fault.after:
                        client.sendall(data[: max(0, fault.after - sent_back)])
                        _reset(client)
                        return
                    client.sendall(data)
                    sent_back += len(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                upstream.close()
            with contextlib.suppress(OSError):
                client.close()


def _reset(sock: socket.socket) -> None:
    """Close with SO_LINGER 0 so the peer sees a connection reset, not a clean end of stream."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
