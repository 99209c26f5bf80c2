from __future__ import annotations

from pathlib import Path

import pytest

from assessor_app.domain.assignment import Assignment, AssignmentKind
from assessor_app.store.catalog import Catalog
from assessor_app.store.database import Database
from assessor_app.store.paths import AppPaths
from assessor_app.store.sheets import Author, SheetStore


@pytest.fixture
def paths(app_home: Path) -> AppPaths:
    return AppPaths.resolve().ensure()


@pytest.fixture
def db(paths: AppPaths):
    database = Database.open(paths.database, paths.backups)
    yield database
    database.close()


@pytest.fixture
def assignment(db: Database, credential) -> Assignment:
    a = Assignment("asg-1", "sub-1", credential.id, credential.version, "ana", AssignmentKind.LIVE)
    Catalog(db).save_assignment(a)
    return a


@pytest.fixture
def sheets(db: Database) -> SheetStore:
    return SheetStore(db, Author("ana", "device-1"))
