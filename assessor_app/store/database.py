"""Opening the local cache: file modes, pragmas, the writer/reader engines, migrations at open.

Opening is the only way in: it makes the file private, refuses a database written by a newer version of
the app (leaving it untouched), backs the file up before any upgrade, and migrates to the current head.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event

from assessor_app.store.paths import PRIVATE_FILE, ensure_private_dir, ensure_private_file

if TYPE_CHECKING:
    from alembic.config import Config

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
)
MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


class StoreError(RuntimeError):
    """The local cache cannot be used; the message says why and what to do."""


class DatabaseTooNew(StoreError):
    pass


def _apply_pragmas(dbapi_connection: sqlite3.Connection) -> None:
    # Autocommit at the driver so that SQLAlchemy's BEGIN below is the only transaction control.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def make_engine(path: Path, *, immediate: bool) -> Engine:
    """An engine whose transactions start with ``BEGIN IMMEDIATE`` (writer) or ``BEGIN`` (reader)."""
    # The writer keeps exactly one connection: one writer, and pragmas paid once, not per commit.
    pool_args: dict[str, Any] = {"pool_size": 1, "max_overflow": 0, "pool_reset_on_return": None} if immediate else {}
    engine = create_engine(f"sqlite:///{path}", **pool_args)
    begin_sql = "BEGIN IMMEDIATE" if immediate else "BEGIN"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        _apply_pragmas(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(begin_sql)

    return engine


def alembic_config(connection: Connection | None = None, migrations: Path = MIGRATIONS_DIR) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def known_revisions(migrations: Path = MIGRATIONS_DIR) -> tuple[str, ...]:
    """Revision ids in order, read from the file names (``NNNN_name.py`` holds revision ``NNNN_name``: a house
    test checks the convention), so opening an up-to-date cache needs no Alembic import (~0.45 s of start-up)."""
    return tuple(sorted(p.stem for p in (migrations / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")))


def head_revision(migrations: Path = MIGRATIONS_DIR) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(migrations=migrations)).get_current_head()
    if head is None:
        raise StoreError("The app's migrations are missing; reinstall the app.")
    return head


def current_revision(path: Path) -> str | None:
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        has_table = raw.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone()
        if not has_table:
            return None
        row = raw.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        raw.close()


def backup_file(path: Path, backups: Path, revision: str | None) -> Path:
    """A consistent copy (SQLite's online backup, safe under WAL), private to the user."""
    ensure_private_dir(backups)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backups / f"{path.stem}-{revision or 'unversioned'}-{stamp}.sqlite3"
    ensure_private_file(target)
    source = sqlite3.connect(path)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
    return target


@dataclass
class Database:
    """The open cache: one writer engine for mutations, one reader engine for queries."""

    path: Path
    writer: Engine
    reader: Engine
    backup: Path | None = None

    @classmethod
    def open(cls, path: Path, backups: Path | None = None, migrations: Path = MIGRATIONS_DIR) -> Database:
        ensure_private_dir(path.parent)
        ensure_private_file(path)
        known = known_revisions(migrations)
        if not known:
            raise StoreError("The app's migrations are missing; reinstall the app.")
        head = known[-1]
        current = current_revision(path)
        if current is not None and current not in known:
            raise DatabaseTooNew(
                f"The local cache at {path} was written by a newer version of the assessor's desk "
                f"(schema {current}). Install the newer version to open it; the file was left untouched."
            )
        backup = None
        writer = make_engine(path, immediate=True)
        if current != head:
            if path.stat().st_size > 0:
                backup = backup_file(path, backups or path.parent / "backups", current)
            try:
                from alembic import command

                with writer.begin() as conn:
                    command.upgrade(alembic_config(conn, migrations), "head")
            except Exception as exc:
                writer.dispose()
                hint = f" A copy from before the upgrade is at {backup}." if backup else ""
                raise StoreError(f"Could not upgrade the local cache at {path}: {exc}.{hint}") from exc
        for suffix in ("-wal", "-shm"):
            sidecar = path.with_name(path.name + suffix)
            if sidecar.exists():
                sidecar.chmod(PRIVATE_FILE)
        return cls(path=path, writer=writer, reader=make_engine(path, immediate=False), backup=backup)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One unit of work on the single writer; committed (durably) when the block ends."""
        with self.writer.begin() as conn:
            yield conn

    @contextmanager
    def write_raw(self) -> Iterator[sqlite3.Connection]:
        """The writer's own sqlite3 connection, for the per-edit hot path: ``BEGIN IMMEDIATE`` .. ``COMMIT`` around
        plain statements, without SQLAlchemy's per-statement work (bench/score_commit.py: p99 1.85x raw -> ~1.5x)."""
        pooled = self.writer.raw_connection()
        try:
            raw = pooled.driver_connection
            raw.execute("BEGIN IMMEDIATE")
            try:
                yield raw
            except BaseException:
                raw.execute("ROLLBACK")
                raise
            raw.execute("COMMIT")
        finally:
            pooled.close()  # back to the pool (the transaction is already closed, so no reset is needed)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.reader.connect() as conn:
            yield conn

    def schema_revision(self) -> str | None:
        return current_revision(self.path)

    def close(self) -> None:
        self.writer.dispose()
        self.reader.dispose()
