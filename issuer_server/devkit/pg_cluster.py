"""A throwaway PostgreSQL cluster for tests and benchmarks: ``initdb`` into a temp dir, ``pg_ctl start``
on a free loopback port with the unix socket in the same dir, trust auth, stopped and deleted at the end.

PostgreSQL refuses to run as root, so as root the binaries run as the ``postgres`` user (``runuser``)
and the temp dir is handed to that user.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

CANDIDATE_BIN_DIRS = ("/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin",
                      "/usr/local/pgsql/bin")


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries (initdb, pg_ctl) on this machine."""


def find_bin_dir() -> Path:
    env = os.environ.get("PG_BIN_DIR")
    for candidate in ([env] if env else []) + list(CANDIDATE_BIN_DIRS):
        if (Path(candidate) / "initdb").is_file() and (Path(candidate) / "pg_ctl").is_file():
            return Path(candidate)
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise PostgresUnavailable("PostgreSQL server binaries (initdb, pg_ctl) were not found; install the Debian "
                              "package 'postgresql' (or set PG_BIN_DIR).")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ThrowawayCluster:
    def __init__(self, *, durable: bool = False) -> None:
        """``durable=False`` turns fsync off (fast tests); benchmarks pass ``True`` for honest figures."""
        self.durable = durable
        self.bin_dir = find_bin_dir()
        self.as_root = os.geteuid() == 0
        self.dir = Path(tempfile.mkdtemp(prefix="issuer-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self._started = False
        self._counter = 0

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({result.returncode}): {result.stderr.strip() or result.stdout}")

    def start(self) -> ThrowawayCluster:
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale",
                  "--no-sync")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c max_connections=300 "
                   "-c shared_buffers=128MB")
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "server.log"), "-o", options, "-w",
                  "-t", "60", "start")
        self._started = True
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "issuer") -> str:
        """A fresh, empty database; returns its SQLAlchemy URL."""
        self._counter += 1
        name = f"{prefix}_{os.getpid()}_{self._counter}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)

    def stop(self) -> None:
        if self._started:
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            finally:
                self._started = False
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> ThrowawayCluster:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
