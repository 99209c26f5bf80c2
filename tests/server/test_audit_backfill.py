"""Rows that existed before the audit log are backfilled by its migration, in a deterministic order, and signed at
the next start (docs/AUDIT.md; ``issuer_server/audit/backfill.py``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from issuer_server import migrate
from issuer_server.audit.log import seal_at_start
from issuer_server.audit.verify import verify
from issuer_server.db import make_engine
from tests.server.audit_populated import populate

KIND_ORDER = {"rubric-version": 0, "device-key": 1, "score-event": 2, "decision": 3, "review": 4}


def logged(url: str) -> list[tuple[str, str, str, str]]:
    engine = make_engine(url, pool_size=1)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(  # type: ignore[misc]
                'SELECT kind, ref, entry, appended_at FROM audit_log ORDER BY "index"'))]
    finally:
        engine.dispose()


def root(url: str) -> str:
    engine = make_engine(url, pool_size=1)
    try:
        with engine.connect() as conn:
            return str(conn.scalar(text("SELECT frontier FROM audit_log_head")))
    finally:
        engine.dispose()


def recreate_log(url: str) -> None:
    """Back to the schema before the log, then up again: what an issuer upgrading to this version goes through."""
    engine = make_engine(url, pool_size=1)
    try:
        with engine.begin() as conn:
            config = migrate.alembic_config(url)
            config.attributes["connection"] = conn
            command.downgrade(config, "0002")
    finally:
        engine.dispose()
    migrate.upgrade(url)


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[tuple[str, str, str, str]]]:
    root_dir = tmp_path_factory.mktemp("backfill")
    database = root_dir / "issuer.sqlite3"
    key = populate(root_dir, f"sqlite:///{database}")
    return database, key, logged(f"sqlite:///{database}")


def test_existing_rows_are_backfilled_and_signed_at_the_next_start(populated, tmp_path: Path) -> None:
    database, key, live = populated
    copy = tmp_path / "upgraded.sqlite3"
    shutil.copyfile(database, copy)
    url = f"sqlite:///{copy}"
    recreate_log(url)
    backfilled = logged(url)
    assert sorted(e[:3] for e in backfilled) == sorted(e[:3] for e in live)  # the same facts, entry for entry
    assert len({e[3] for e in backfilled}) == 1  # one append
    unsigned = verify(url, key)
    assert not unsigned.ok and "covered by no checkpoint" in unsigned.findings[0].message
    seal_at_start(url, key)
    report = verify(url, key, signatures=True)
    assert report.ok, report.findings
    assert report.checkpoints == 1


def test_the_backfill_order_is_deterministic_and_by_time_then_kind(populated, tmp_path: Path) -> None:
    database, _, _ = populated
    runs = []
    for n in range(2):
        copy = tmp_path / f"upgraded-{n}.sqlite3"
        shutil.copyfile(database, copy)
        recreate_log(f"sqlite:///{copy}")
        runs.append((logged(f"sqlite:///{copy}"), root(f"sqlite:///{copy}")))
    (first, first_root), (second, second_root) = runs
    assert [e[:3] for e in first] == [e[:3] for e in second] and first_root == second_root
    keys = []
    for kind, _, entry, _ in first:
        doc = json.loads(entry)
        at = {"rubric-version": "created_at", "device-key": "registered_at", "review": "reviewed_at"}.get(
            kind, "received_at")
        keys.append((doc[at], KIND_ORDER[kind]))
    assert keys == sorted(keys)
