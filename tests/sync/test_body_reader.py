"""Reading evidence bodies straight from the socket (sync/body_reader.py), against a real HTTP server on loopback:
the bytes are exactly the server's, a body cut short is an error (never a shorter file), and bodies the fast path
does not handle (chunked) still arrive through httpx's own reader."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from assessor_app.sync.body_reader import BodyReader

BODY = os.urandom(3 * 1024 * 1024 + 17)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:  # http.server calls it by this name
        if self.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for start in range(0, len(BODY), 500_000):
                part = BODY[start:start + 500_000]
                self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        if self.path == "/short":
            self.wfile.write(BODY[:1_000_000])
            self.close_connection = True
            return
        self.wfile.write(BODY)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def read(client: httpx.Client, url: str, buffer_size: int = 256 * 1024) -> tuple[bytes, bool]:
    """The whole body through one reused buffer, as the downloader reads it; and whether it came off the socket."""
    out, buffer = bytearray(), bytearray(buffer_size)
    view = memoryview(buffer)
    with client.stream("GET", url) as response:
        reader = BodyReader(response, 10.0)
        while n := reader.readinto(view):
            out += view[:n]
    return bytes(out), reader.from_socket


def test_a_body_of_known_length_is_read_from_the_socket_byte_for_byte(server):
    with httpx.Client(base_url=server) as client:
        body, from_socket = read(client, "/plain")
        assert body == BODY and from_socket
        again, _ = read(client, "/plain")  # the connection was not handed back half-read: a new request works
        assert again == BODY


def test_a_chunked_body_takes_httpxs_reader_and_arrives_whole(server):
    with httpx.Client(base_url=server) as client:
        body, from_socket = read(client, "/chunked")
    assert body == BODY and not from_socket


def test_a_buffer_smaller_than_what_httpx_already_holds_gets_it_in_parts(server):
    with httpx.Client(base_url=server) as client:
        body, _ = read(client, "/plain", buffer_size=1000)
    assert body == BODY


def test_a_body_cut_short_is_an_error_not_a_shorter_file(server):
    with httpx.Client(base_url=server) as client, pytest.raises(httpx.HTTPError):
        read(client, "/short")
