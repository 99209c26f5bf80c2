"""Tampering with an issuer database is always found by ``audit verify``, which names what was changed.

A real server takes signed pushes (one of them out of device order, so it carries chain links), reviews
(accepted, and a return with a second round) and a device registration; then each of at least 200 random
mutations (``audit_mutations.py``: edit a column, delete a row, insert a row, swap two rows' order, across
score_events, received_sheets, audit_log, checkpoints and merkle_nodes) is applied to a fresh copy of that
database, and verification must fail with a first finding that names the changed row. A smaller run does the
same on PostgreSQL. The untouched database verifies, with and without ``--signatures``.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from issuer_server.audit import verify as verify_module
from issuer_server.audit import verify_tree as tree
from issuer_server.audit.verify import verify
from issuer_server.cli import main as cli_main
from issuer_server.devkit.pg_cluster import ThrowawayCluster
from tests.server.audit_mutations import MUTATORS, OPERATIONS, TABLES, Mutation
from tests.server.audit_populated import populate

SQLITE_MUTATIONS = 220
POSTGRES_MUTATIONS = 30


@dataclass(frozen=True)
class Populated:
    url: str
    key: Path


@pytest.fixture(scope="module")
def sqlite_base(tmp_path_factory: pytest.TempPathFactory) -> Populated:
    root = tmp_path_factory.mktemp("tamper-sqlite")
    database = root / "issuer.sqlite3"
    key = populate(root, f"sqlite:///{database}")
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return Populated(str(database), key)


def sqlite_copies(base: Populated, folder: Path) -> Iterator[str]:
    for n in range(SQLITE_MUTATIONS):
        copy = folder / f"copy-{n}.sqlite3"
        shutil.copyfile(base.url, copy)
        yield f"sqlite:///{copy}"


def plan(count: int, seed: int) -> list[tuple[str, str, random.Random]]:
    """Every table with every operation, evenly, in a seeded random order."""
    rng = random.Random(seed)
    pairs = [(table, operation) for table in TABLES for operation in OPERATIONS]
    chosen = [pairs[n % len(pairs)] for n in range(count)]
    rng.shuffle(chosen)
    return [(table, operation, random.Random(seed * 1000 + n)) for n, (table, operation) in enumerate(chosen)]


def apply(url: str, table: str, operation: str, rng: random.Random) -> Mutation:
    engine = create_engine(url)  # a plain engine: foreign keys unchecked on SQLite, as a tamperer's would be
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SET session_replication_role = replica")  # no foreign key triggers
            return MUTATORS[table](conn, operation, rng)
    finally:
        engine.dispose()


def check_detected(url: str, key: Path, mutation: Mutation) -> None:
    report = verify(url, key, signatures=mutation.every_signature)
    assert not report.ok, f"not detected: {mutation}"
    first = report.findings[0].message
    assert mutation.named_by(first), f"{mutation}: the first finding does not name it: {first}"


def test_the_untouched_database_verifies(sqlite_base: Populated) -> None:
    for signatures in (False, True):
        report = verify(f"sqlite:///{sqlite_base.url}", sqlite_base.key, signatures=signatures)
        assert report.ok, report.findings
    assert report.event_signatures and report.event_signatures > 20
    assert report.kinds["review"] == 3 and report.kinds["decision"] == 7 and report.kinds["device-key"] == 3


def test_every_random_mutation_is_detected_and_named(sqlite_base: Populated, tmp_path: Path) -> None:
    done: Counter[tuple[str, str]] = Counter()
    for url, (table, operation, rng) in zip(sqlite_copies(sqlite_base, tmp_path), plan(SQLITE_MUTATIONS, 7),
                                             strict=True):
        mutation = apply(url, table, operation, rng)
        check_detected(url, sqlite_base.key, mutation)
        done[(table, operation)] += 1
        Path(url.removeprefix("sqlite:///")).unlink()
    assert sum(done.values()) >= 200 and len(done) == len(TABLES) * len(OPERATIONS)


def test_mutations_are_detected_on_postgresql_too(pg_cluster: ThrowawayCluster,
                                                  tmp_path_factory: pytest.TempPathFactory) -> None:
    base_url = pg_cluster.create_database("tamperbase")
    key = populate(tmp_path_factory.mktemp("tamper-pg"), base_url)
    assert verify(base_url, key, signatures=True).ok
    base_name = base_url.rsplit("/", 1)[1]
    admin = create_engine(pg_cluster.url(), isolation_level="AUTOCOMMIT")
    try:
        for n, (table, operation, rng) in enumerate(plan(POSTGRES_MUTATIONS, 11)):
            with admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "copy_{n}" TEMPLATE "{base_name}"')
            url = pg_cluster.url(f"copy_{n}")
            check_detected(url, key, apply(url, table, operation, rng))
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE "copy_{n}"')
    finally:
        admin.dispose()


def test_the_command_prints_what_it_checked_and_exits_1_naming_the_first_inconsistency(
        sqlite_base: Populated, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["--db", sqlite_base.url, "--log-key", str(sqlite_base.key), "audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "audit log verified" in out and "tree size" in out and "checkpoints" in out and "checked in" in out
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(sqlite_base.url, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE score_events SET at = '2020-01-01T00:00:00.000Z' WHERE id = (SELECT MIN(id) FROM "
                     "score_events)")
        event_id = conn.execute("SELECT MIN(id) FROM score_events").fetchone()[0]
    assert cli_main(["--db", str(copy), "--log-key", str(sqlite_base.key), "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("audit log check FAILED: entry ") and event_id in err and "differ in at" in err


def test_the_parallel_scan_agrees_with_one_process(sqlite_base: Populated, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Forced on this small log by shrinking the chunk: sources split across processes, leftovers matched."""
    url = f"sqlite:///{sqlite_base.url}"
    single = verify(url, sqlite_base.key)
    monkeypatch.setattr(tree, "CHUNK_LEVEL", 2)
    monkeypatch.setattr(tree, "CHUNK", 4)
    monkeypatch.setattr(verify_module, "PARALLEL_FROM", 8)
    parallel = verify(url, sqlite_base.key, workers=3)
    assert single.ok and parallel.ok, parallel.findings
    assert (parallel.size, parallel.root, parallel.kinds, parallel.positions) == \
        (single.size, single.root, single.kinds, single.positions)
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(sqlite_base.url, copy)
    with sqlite3.connect(copy) as conn:
        size = conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
        conn.execute('UPDATE audit_log SET leaf_hash = :h WHERE "index" = :i', {"h": "0" * 64, "i": size // 2})
    tampered = verify(f"sqlite:///{copy}", sqlite_base.key, workers=3)
    assert not tampered.ok and tampered.findings[0].message.startswith(f"entry {size // 2} ")
