"""Running the server: migrate, bind the socket ourselves (so an ephemeral port can be reported before
uvicorn starts), then hand the socket to uvicorn with one or more worker processes."""

from __future__ import annotations

import inspect
import ipaddress
import os
import socket
import sys
from pathlib import Path

import uvicorn
from uvicorn.supervisors import Multiprocess

from issuer_server import migrate
from issuer_server.audit.log import seal_at_start
from issuer_server.config import PLAIN_HTTP_FLAG, Settings
from issuer_server.errors import IssuerError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto must be IPPROTO_TCP: asyncio only sets TCP_NODELAY on accepted sockets whose proto says TCP, and
    # without it every keep-alive response waits ~40 ms for the client's delayed ACK (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise IssuerError(f"Cannot listen on {host}:{port} ({exc.strerror}); pick another --port.") from exc
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _write_ready(path: Path, url: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(url + "\n", encoding="utf-8")
    os.replace(tmp, path)


def serve(settings: Settings, host: str, port: int, *, workers: int = 1, plain_http_ok: bool = False,
          ready_file: Path | None = None) -> None:
    if not is_loopback(host) and not plain_http_ok:
        raise IssuerError(f"Refusing to serve plain HTTP on the non-loopback address {host}: tokens and evidence "
                          f"would cross the network unencrypted. Put a TLS proxy in front and pass {PLAIN_HTTP_FLAG}.")
    if workers < 1:
        raise IssuerError("--workers must be at least 1.")
    migrate.upgrade(settings.db_url)
    seal_at_start(settings.db_url, settings.log_key)  # entries the migration backfilled get their checkpoint
    settings.evidence_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update(settings.to_env())
    sock = bind(host, port)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{sock.getsockname()[1]}"
    print(f"issuer-server listening on {url} ({workers} worker{'s' if workers > 1 else ''})", flush=True)
    if ready_file is not None:
        _write_ready(ready_file, url)
    config = uvicorn.Config("issuer_server.app:app_from_env", factory=True, workers=workers, log_level="warning",
                            access_log=False, timeout_graceful_shutdown=5, backlog=2048,
                            # Longer than clients' own idle expiry (httpx: 5 s), so a client never reuses a
                            # connection in the instant the server closes it.
                            timeout_keep_alive=30)
    server = uvicorn.Server(config)
    if workers > 1:
        if "target" in inspect.signature(Multiprocess).parameters:  # uvicorn before the supervisor rewrite
            Multiprocess(config, target=server.run, sockets=[sock]).run()  # type: ignore[call-arg]
        else:
            Multiprocess(config, sockets=[sock]).run()
    else:
        server.run(sockets=[sock])
    sys.stdout.flush()
