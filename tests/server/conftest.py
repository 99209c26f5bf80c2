"""Fixtures that run the real issuer (child process, uvicorn on 127.0.0.1) over SQLite and PostgreSQL.

Every integration test runs once per backend. PostgreSQL comes from one throwaway cluster per session
(``issuer_server.devkit.pg_cluster``) with a fresh database per module. Without PostgreSQL binaries the
PostgreSQL half fails under CI=true (a missing part is a failure there) and is skipped elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from issuer_server.cli import main as cli_main
from issuer_server.db import Database
from issuer_server.devkit.pg_cluster import PostgresUnavailable, ThrowawayCluster
from issuer_server.devkit.tiny_program import write_tiny_program
from issuer_server.launcher import running_server
from tests.server.world import World

BACKENDS = ["sqlite", "postgresql"]
SUBMISSIONS_PER_MODULE = 40


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[ThrowawayCluster]:
    try:
        cluster = ThrowawayCluster()
    except PostgresUnavailable as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required in CI: {exc}", pytrace=False)
        pytest.skip(str(exc))
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


def database_for(backend: str, request: pytest.FixtureRequest, folder: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'issuer.sqlite3'}"
    cluster: ThrowawayCluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database()


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An empty database of the module's backend."""
    return database_for(backend, request, tmp_path_factory.mktemp(f"db-{backend}"))


@pytest.fixture(scope="module")
def world(backend: str, db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The server running over ``backend`` with a tiny program (alice, bob, admin; 40 submissions)."""
    root = tmp_path_factory.mktemp(f"world-{backend}")
    program = write_tiny_program(root / "program", submissions=SUBMISSIONS_PER_MODULE)
    evidence = root / "evidence"
    assert cli_main(["--db", db_url, "--evidence-dir", str(evidence), "load-program", str(program.folder)]) == 0
    with running_server(db_url, evidence) as base_url:
        w = World(backend, db_url, evidence, base_url, program, Database(db_url, pool_size=2))
        try:
            yield w
        finally:
            w.close()
