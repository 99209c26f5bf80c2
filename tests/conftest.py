"""Shared test setup.

- Every test gets its own ``ASSESSOR_APP_HOME``: nothing is written outside the test's folder.
- Under ``CI=true`` a skipped test fails the run: in CI a missing real part is a failure, not a skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
