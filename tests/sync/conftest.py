"""A real reference issuer on 127.0.0.1 with the demo program, and a signed-in local desk, per test."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assessor_app.demo import DemoIssuer, demo_issuer, prepare_issuer
from assessor_app.store.database import Database
from assessor_app.store.paths import AppPaths
from assessor_app.store.settings import Settings
from assessor_app.sync.account import sign_in
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.service import SyncService


@pytest.fixture(scope="session")
def prepared_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generate and load the demo program once; each test copies the loaded issuer database."""
    folder = tmp_path_factory.mktemp("issuer-template")
    prepare_issuer(folder)
    return folder


@pytest.fixture
def issuer_copy(prepared_template: Path, tmp_path: Path) -> tuple[str, Path]:
    """This test's own copy of the loaded issuer database (evidence files are shared, read-only)."""
    folder = tmp_path / "issuer"
    folder.mkdir()
    source = sqlite3.connect(prepared_template / "issuer.sqlite3")
    target = sqlite3.connect(folder / "issuer.sqlite3")
    source.backup(target)
    source.close()
    target.close()
    return f"sqlite:///{folder / 'issuer.sqlite3'}", prepared_template / "issuer-evidence"


@pytest.fixture
def issuer(issuer_copy: tuple[str, Path], tmp_path: Path) -> Iterator[DemoIssuer]:
    with demo_issuer(tmp_path, prepared=issuer_copy) as running:
        yield running


@dataclass
class Desk:
    """The app's side: local cache, settings and a signed-in client."""

    paths: AppPaths
    db: Database
    settings: Settings
    client: IssuerClient

    def service(self, **kwargs) -> SyncService:
        return SyncService(self.paths, self.db, self.client, self.settings, **kwargs)


def open_desk(issuer: DemoIssuer) -> Desk:
    paths = AppPaths.resolve().ensure()
    db = Database.open(paths.database, paths.backups)
    settings = Settings(paths.settings)
    return Desk(paths, db, settings, sign_in(settings, issuer.url, issuer.username, issuer.password))


def close_desk(desk: Desk) -> None:
    desk.client.close()
    desk.db.close()


@pytest.fixture
def desk(app_home: Path, issuer: DemoIssuer) -> Iterator[Desk]:
    opened = open_desk(issuer)
    yield opened
    close_desk(opened)
