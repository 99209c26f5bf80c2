"""Engine and sessions for SQLite (file, WAL) and PostgreSQL, with one code path above them.

SQLite: a write transaction starts with ``BEGIN IMMEDIATE`` so two writers never deadlock while
upgrading a read lock (which SQLite reports as "database is locked"); reads use plain ``BEGIN``.
``synchronous=FULL`` because a received score sheet must survive a power cut once acknowledged.
Within one process, SQLite writers also queue on a Python lock: a waiting thread then wakes the moment
the lock is free. Across processes (several uvicorn workers) ``BEGIN IMMEDIATE`` is retried with short
jittered sleeps instead of SQLite's busy handler, whose back-off grows to 100 ms per wait.
"""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

_WRITE = "issuer_write"
LOG_KEY_INFO = "audit_log_key_path"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def json_text(value: Any) -> str:
    """JSON columns are stored compact and UTF-8 (not ASCII-escaped), so a value written with sorted keys is
    stored as its canonical JSON and the audit check can hash the stored text as it is (``audit/verify.py``).
    Text that cannot be UTF-8 (a lone surrogate) falls back to escapes."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, separators=(",", ":"))
    return text


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    if is_sqlite(url):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               pool_size=pool_size, max_overflow=pool_size * 2, json_serializer=json_text)
        _install_sqlite_hooks(engine)
        return engine
    # No pre-ping (a round trip per checkout); connections are recycled hourly instead.
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size * 2, pool_recycle=3600,
                         json_serializer=json_text)


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=30000"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(_WRITE, False):
            _begin_immediate(conn.connection.dbapi_connection)
        else:
            conn.exec_driver_sql("BEGIN")


def _begin_immediate(dbapi_connection: sqlite3.Connection, timeout: float = 30.0) -> None:
    """Take SQLite's write lock, polling every 0.2-2 ms rather than in the busy handler's long sleeps."""
    deadline = time.monotonic() + timeout
    dbapi_connection.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                dbapi_connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() > deadline:
                    raise
                time.sleep(random.uniform(0.0002, 0.002))
    finally:
        dbapi_connection.execute("PRAGMA busy_timeout=30000")


class Database:
    """Hands out sessions: ``read()`` for queries, ``write()`` for a transaction that commits on success."""

    def __init__(self, url: str, *, pool_size: int = 10, log_key_path: Path | None = None) -> None:
        self.url = url
        self.log_key_path = log_key_path  # the audit log's signing key; write sessions carry it (audit/log.py)
        self.engine = make_engine(url, pool_size=pool_size)
        self._writer = self.engine.execution_options(**{_WRITE: True})
        self._write_lock = threading.Lock() if is_sqlite(url) else None

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._write_lock or nullcontext(), \
                Session(self._writer, expire_on_commit=False, info={LOG_KEY_INFO: self.log_key_path}) as session, \
                session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
