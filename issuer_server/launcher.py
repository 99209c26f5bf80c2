"""Start the reference issuer in a child process for tests, benchmarks and the app's demo.

    with running_server("sqlite:////tmp/x.sqlite3", Path("/tmp/evidence")) as base_url:
        httpx.get(base_url + "/api/v1/health")

The child binds 127.0.0.1 on an OS-chosen port, reports its URL through a file, and is stopped with
SIGTERM (then SIGKILL if it lingers) when the block ends.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx

from issuer_server.config import ENV_ACCESS_TTL


class ServerDidNotStart(RuntimeError):
    """The child exited or never answered /api/v1/health; the message holds the end of its log."""


def _log_tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _wait_until_up(proc: subprocess.Popen[bytes], ready: Path, log: Path, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    url: str | None = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerDidNotStart(f"issuer server exited with code {proc.returncode}:\n{_log_tail(log)}")
        if url is None and ready.is_file():
            url = ready.read_text().strip() or None
        if url is not None:
            try:
                if httpx.get(url + "/api/v1/health", timeout=2.0).status_code == 200:
                    return url
            except httpx.TransportError:
                pass
        time.sleep(0.05)
    raise ServerDidNotStart(f"issuer server did not answer within {timeout:.0f} s:\n{_log_tail(log)}")


def stop(proc: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout)


@contextmanager
def running_server(db_url: str, evidence_dir: Path, *, port: int = 0, workers: int = 1,
                   access_ttl_seconds: int | None = None, env: Mapping[str, str] | None = None,
                   startup_timeout: float = 60.0) -> Iterator[str]:
    """Yield the base URL (``http://127.0.0.1:PORT``) of a freshly started server; stop it on exit."""
    with tempfile.TemporaryDirectory(prefix="issuer-launch-") as tmp:
        ready, log = Path(tmp) / "url", Path(tmp) / "server.log"
        child_env = {**os.environ, **(env or {})}
        if access_ttl_seconds is not None:
            child_env[ENV_ACCESS_TTL] = str(access_ttl_seconds)
        command = [sys.executable, "-m", "issuer_server.cli", "--db", db_url, "--evidence-dir", str(evidence_dir),
                   "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
                   "--ready-file", str(ready)]
        with log.open("wb") as log_handle:
            proc = subprocess.Popen(command, stdout=log_handle, stderr=subprocess.STDOUT, env=child_env,
                                    stdin=subprocess.DEVNULL)
        try:
            yield _wait_until_up(proc, ready, log, startup_timeout)
        finally:
            stop(proc)
