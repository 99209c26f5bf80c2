"""A real reference issuer holding scored history (made through the real sync path once per session, then copied
per test), and the audit view signed in as the demo auditor."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assessor_app.demo import DemoIssuer, demo_issuer, prepare_issuer
from assessor_app.demo_history import seed_scored_history
from assessor_app.store.paths import AppPaths
from assessor_app.store.settings import Settings
from assessor_app.sync.account import sign_in
from assessor_app.sync.client import IssuerClient
from assessor_app.ui.audit.audit_view import AuditView
from assessor_app.ui.tasks import TaskRunner
from issuer_server.demo_program import DEMO_ADMIN, DEMO_ASSESSOR, DEMO_AUDITOR, SECOND_ASSESSOR


@dataclass(frozen=True)
class SeededTemplate:
    folder: Path
    submissions: list[str]  # [scored twice with a change of mind (Not Yet), scored once and accepted (Earned)]

    @property
    def database(self) -> Path:
        return self.folder / "issuer.sqlite3"

    @property
    def evidence(self) -> Path:
        return self.folder / "issuer-evidence"  # the issuer's log key lives beside it, shared by every copy


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> SeededTemplate:
    folder = tmp_path_factory.mktemp("audit-issuer")
    prepared = prepare_issuer(folder)
    with demo_issuer(folder, prepared=prepared) as running:
        submissions = seed_scored_history(running.url, folder / "seed", DEMO_ASSESSOR, SECOND_ASSESSOR, DEMO_ADMIN)
    return SeededTemplate(folder, submissions)


def copy_database(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()


@pytest.fixture
def issuer_prepared(seeded_template: SeededTemplate, tmp_path: Path) -> tuple[str, Path]:
    target = tmp_path / "issuer" / "issuer.sqlite3"
    copy_database(seeded_template.database, target)
    return f"sqlite:///{target}", seeded_template.evidence


@pytest.fixture
def issuer(issuer_prepared: tuple[str, Path], tmp_path: Path) -> Iterator[DemoIssuer]:
    with demo_issuer(tmp_path, prepared=issuer_prepared) as running:
        yield running


def auditor_client(url: str) -> IssuerClient:
    return sign_in(Settings(AppPaths.resolve().ensure().settings), url, *DEMO_AUDITOR)


@pytest.fixture
def view(qtbot, issuer: DemoIssuer) -> Iterator[AuditView]:
    client = auditor_client(issuer.url)
    tasks = TaskRunner()
    widget = AuditView(tasks, lambda: client)
    widget.resize(1280, 720)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    tasks.wait_idle()
    client.close()


def issuer_database(issuer: DemoIssuer) -> Path:
    return Path(issuer.db_url.removeprefix("sqlite:///"))


def tamper(database: Path, event_id: str, new_value: object) -> None:
    """Change a stored score event's ``new`` behind the issuer's back."""
    with sqlite3.connect(database) as conn:
        assert conn.execute("UPDATE score_events SET new = ? WHERE id = ?",
                            (json.dumps(new_value), event_id)).rowcount == 1


def tamper_log_entry(database: Path, index: int, member: str, value: object) -> None:
    """Rewrite one member of the audit log's stored entry (its text only: the tree's stored nodes stay)."""
    with sqlite3.connect(database) as conn:
        (text,) = conn.execute('SELECT entry FROM audit_log WHERE "index" = ?', (index,)).fetchone()
        entry = json.loads(text)
        entry[member] = value
        conn.execute('UPDATE audit_log SET entry = ? WHERE "index" = ?',
                     (json.dumps(entry, sort_keys=True, separators=(",", ":")), index))
