"""Shared test setup.

- Every test gets its own ``ASSESSOR_APP_HOME``: nothing is written outside the test's folder.
- Under ``CI=true`` a skipped test fails the run: in CI a missing real part is a failure, not a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.domain.assignment import Assignment, AssignmentKind
from assessor_app.store.catalog import Catalog
from assessor_app.store.database import Database
from assessor_app.store.paths import AppPaths
from assessor_app.store.sheets import Author, SheetStore
from tests.builders import sample_credential

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # GUI tests never need a display
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "app-home"
    monkeypatch.setenv("ASSESSOR_APP_HOME", str(home))
    return home


@pytest.fixture
def credential():
    return sample_credential()


@pytest.fixture
def paths(app_home: Path) -> AppPaths:
    return AppPaths.resolve().ensure()


@pytest.fixture
def db(paths: AppPaths) -> Iterator[Database]:
    """A migrated local cache in the test's own folder."""
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


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    skipped = terminalreporter.stats.get("skipped", [])
    if IN_CI and skipped:
        terminalreporter.section("skips are failures in CI", sep="=", red=True, bold=True)
        for report in skipped:
            terminalreporter.write_line(f"SKIPPED IN CI: {report.nodeid}: {report.longrepr}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if IN_CI and reporter is not None and reporter.stats.get("skipped") and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
