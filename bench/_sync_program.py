"""Build issuer programs for the sync benchmarks (program.json format: issuer_server/PROGRAM_FORMAT.md)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assessor_app.demo import run_admin
from assessor_app.domain.wire import credential_to_achievement
from assessor_app.store.database import Database
from assessor_app.store.paths import AppPaths
from assessor_app.store.settings import Settings
from assessor_app.sync.account import sign_in
from assessor_app.sync.service import SyncService
from issuer_server.devkit.tiny_program import credential
from issuer_server.launcher import running_server

USER, PASSWORD = "bench", "bench-password-2026"


def write_program(folder: Path, submissions: int, file_bytes: int, files_per_submission: int = 1) -> Path:
    """``submissions`` submissions, each with its own random evidence files of ``file_bytes`` bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "evidence").mkdir(exist_ok=True)
    cred = credential("1")
    subs, assignments = [], []
    for i in range(submissions):
        evidence = []
        for j in range(files_per_submission):
            name = f"evidence/s{i}-{j}.bin"
            path = folder / name
            if not path.exists():
                with path.open("wb") as out:
                    remaining = file_bytes
                    while remaining:
                        block = min(remaining, 4 * 1024 * 1024)
                        out.write(os.urandom(block))
                        remaining -= block
            evidence.append({"id": f"ev-{i}-{j}", "kind": "video", "title": f"Lesson {i}.{j}",
                             "media_type": "video/mp4", "file": name, "question_id": "q-video"})
        subs.append({"id": f"sub-{i}", "credential_id": cred.id, "credential_version": cred.version,
                     "candidate_ref": f"T-{1000 + i}", "attempt": 1, "submitted_at": "2026-11-01T09:00:00.000Z",
                     "responses": [{"question_id": "q-reflection", "text": "A short reflection."}],
                     "evidence": evidence, "prior_attempts": []})
        assignments.append({"id": f"asg-{i}", "submission_id": f"sub-{i}", "assessor": USER, "kind": "live",
                            "due_at": "2026-12-01T17:00:00.000Z"})
    program = {"credentials": [credential_to_achievement(cred)], "submissions": subs,
               "users": [{"username": USER, "password": PASSWORD, "display_name": "Bench", "roles": ["assessor"]}],
               "assignments": assignments}
    (folder / "program.json").write_text(json.dumps(program))
    return folder


@contextmanager
def running_issuer(root: Path, program: Path) -> Iterator[str]:
    """The real issuer on loopback with ``program`` loaded; yields its URL."""
    db_url, evidence = f"sqlite:///{root / 'issuer.sqlite3'}", root / "issuer-evidence"
    run_admin(db_url, evidence, "init-db")
    run_admin(db_url, evidence, "load-program", str(program))
    with running_server(db_url, evidence) as url:
        yield url


@contextmanager
def desk(folder: Path, url: str) -> Iterator[SyncService]:
    """A new desk in ``folder``, signed in to the issuer at ``url``: its sync service (cleaned up after)."""
    paths = AppPaths(folder, folder / "logs").ensure()
    db = Database.open(paths.database, paths.backups)
    settings = Settings(paths.settings)
    client = sign_in(settings, url, USER, PASSWORD)
    try:
        yield SyncService(paths, db, client, settings)
    finally:
        client.sign_out()
        client.close()
        db.close()


@contextmanager
def issuer_and_desk(root: Path, program: Path) -> Iterator[SyncService]:
    """The real issuer on loopback with ``program`` loaded, and a signed-in desk's sync service (cleaned up after)."""
    with running_issuer(root, program) as url, desk(root / "desk", url) as service:
        yield service
