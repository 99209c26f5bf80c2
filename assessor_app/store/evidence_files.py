"""Local copies of evidence: content-addressed files under ``evidence/`` and their download state.

A file is only ever renamed into place after its sha256 matched the manifest, so a file at its final path
is complete and verified; ``.part`` files hold resumable partial downloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import ColumnElement, select, update

from assessor_app.store.changes import Changes
from assessor_app.store.database import Database
from assessor_app.store.schema import EvidenceFileRow

_E = EvidenceFileRow.__table__


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    id: str
    submission_id: str
    sha256: str
    size: int
    media_type: str
    state: str
    local_path: str | None
    error: str | None


def evidence_path(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256


class EvidenceFiles:
    def __init__(self, db: Database) -> None:
        self._db = db

    def _rows(self, where: ColumnElement[bool]) -> list[EvidenceFile]:
        with self._db.read() as conn:
            rows = conn.execute(select(_E).where(where).order_by(_E.c.submission_id, _E.c.id)).mappings().all()
        return [EvidenceFile(r["id"], r["submission_id"], r["sha256"], r["size"], r["media_type"], r["state"],
                             r["local_path"], r["error"]) for r in rows]

    def not_ready(self) -> list[EvidenceFile]:
        return self._rows(_E.c.state != "ready")

    def for_submission(self, submission_id: str) -> list[EvidenceFile]:
        return self._rows(_E.c.submission_id == submission_id)

    def mark_ready(self, evidence_id: str, path: Path) -> Changes:
        return self._set(evidence_id, state="ready", local_path=str(path), error=None)

    def mark_failed(self, evidence_id: str, error: str) -> Changes:
        return self._set(evidence_id, state="failed", error=error)

    def mark_partial(self, evidence_id: str, bytes_done: int) -> Changes:
        return self._set(evidence_id, state="partial", bytes_done=bytes_done)

    def _set(self, evidence_id: str, **values: object) -> Changes:
        with self._db.write() as conn:
            conn.execute(update(_E).where(_E.c.id == evidence_id).values(**values))
        return Changes(evidence=frozenset({evidence_id}))
