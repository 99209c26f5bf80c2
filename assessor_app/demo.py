"""The demo launcher: a reference issuer on 127.0.0.1 with the generated demo program, in a temporary folder.

This is the one place in ``assessor_app`` that imports ``issuer_server`` (the reference issuer ships with the
app for demos and tests). Everything goes through the issuer's own admin commands and HTTP API.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from issuer_server import cli as issuer_cli
from issuer_server.demo_program import (
    DEMO_ADMIN,
    DEMO_ASSESSOR,
    DEMO_AUDITOR,
    DEMO_LEAD,
    SECOND_ASSESSOR,
    generate_program,
)
from issuer_server.launcher import running_server


@dataclass(frozen=True)
class DemoIssuer:
    url: str
    db_url: str
    evidence_dir: Path
    username: str
    password: str

    def admin(self, *args: str) -> str:
        """Run an ``issuer-server`` admin command against this issuer; returns what it printed."""
        return run_admin(self.db_url, self.evidence_dir, *args)


def run_admin(db_url: str, evidence_dir: Path, *args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = issuer_cli.main(["--db", db_url, "--evidence-dir", str(evidence_dir), *args])
    if status != 0:
        raise RuntimeError(f"issuer-server {' '.join(args)} failed: {err.getvalue().strip() or out.getvalue()}")
    return out.getvalue()


def prepare_issuer(folder: Path, today: datetime | None = None) -> tuple[str, Path]:
    """Create the issuer's database and load the generated demo program into it; returns (db url, evidence dir).

    ``today`` anchors the program's dates (default: the generator's fixed date, so tests are repeatable).
    """
    program = generate_program(folder / "program", anchor=today)
    db_url = f"sqlite:///{folder / 'issuer.sqlite3'}"
    evidence = folder / "issuer-evidence"
    run_admin(db_url, evidence, "init-db")
    run_admin(db_url, evidence, "load-program", str(program.parent))
    return db_url, evidence


@contextmanager
def demo_issuer(folder: Path, *, port: int = 0, prepared: tuple[str, Path] | None = None,
                today: datetime | None = None) -> Iterator[DemoIssuer]:
    db_url, evidence = prepared or prepare_issuer(folder, today)
    with running_server(db_url, evidence, port=port) as url:
        yield DemoIssuer(url, db_url, evidence, *DEMO_ASSESSOR)


def seed_for_lead(issuer: DemoIssuer, folder: Path) -> None:
    """Master scores, second reads and scored reads for the demo lead (``demo_lead``); ``folder`` holds the
    program the issuer loaded."""
    from assessor_app.demo_lead import add_master_scores, seed_lead_history

    masters = add_master_scores(folder / "program")
    issuer.admin("load-program", str(folder / "program"))
    seed_lead_history(issuer.url, folder / "seed-desks", DEMO_ASSESSOR, SECOND_ASSESSOR,
                      lambda sid, who, kind: issuer.admin("assign", "--submission", sid, "--assessor", who,
                                                          "--kind", kind) and None, masters)


class DemoSession:
    """The demo issuer for the lifetime of the app: ``start`` (on a worker) and ``stop`` (at exit).

    With ``auditor=True`` the demo assessors first score and push a few sheets (``demo_history``), and the
    window signs in the demo auditor instead, so the audit view has history to show."""

    def __init__(self, folder: Path, *, auditor: bool = False, lead: bool = False) -> None:
        self._folder = folder
        self._auditor = auditor
        self._lead = lead
        self._stack = contextlib.ExitStack()
        self.issuer: DemoIssuer | None = None

    def start(self) -> tuple[str, str, str]:
        """Prepare and start the issuer; returns (url, user, password) for the demo assessor's sign-in."""
        now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        self.issuer = self._stack.enter_context(demo_issuer(self._folder, today=now))
        if self._auditor:
            from assessor_app.demo_history import seed_scored_history

            seed_scored_history(self.issuer.url, self._folder / "seed-desks", DEMO_ASSESSOR, SECOND_ASSESSOR,
                                DEMO_ADMIN)
            return (self.issuer.url, *DEMO_AUDITOR)
        if self._lead:
            seed_for_lead(self.issuer, self._folder)
            return (self.issuer.url, *DEMO_LEAD)
        return self.issuer.url, self.issuer.username, self.issuer.password

    def stop(self) -> None:
        self._stack.close()
