"""What the issuer sent, cached: credentials by version, submission manifests, assignments.

Documents are kept as the issuer sent them and turned into domain objects on the way out, through the
same ``wire`` functions the issuer uses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, update

from assessor_app.domain.assignment import Assignment, AssignmentKind, AssignmentState, check_transition
from assessor_app.domain.clock import utc_now
from assessor_app.domain.errors import DomainError
from assessor_app.domain.rubric import Credential
from assessor_app.domain.submission import Submission
from assessor_app.domain.wire import credential_from_achievement, submission_from_manifest
from assessor_app.store.changes import Changes
from assessor_app.store.database import Database
from assessor_app.store.schema import AssignmentRow, CredentialRow, EvidenceFileRow, SubmissionRow

_A = AssignmentRow.__table__
_C = CredentialRow.__table__
_S = SubmissionRow.__table__
_E = EvidenceFileRow.__table__


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One line of the assessor's queue: plain values, ready for an item model."""

    assignment_id: str
    submission_id: str
    credential_id: str
    credential_version: str
    credential_name: str
    candidate_ref: str
    attempt: int | None
    due_at: str | None
    state: AssignmentState
    evidence_total: int
    evidence_ready: int


class Catalog:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- credentials and submissions ---------------------------------------------------------
    def save_credential(self, document: dict[str, Any]) -> Credential:
        credential = credential_from_achievement(document)
        with self._db.write() as conn:
            conn.execute(_C.delete().where((_C.c.id == credential.id) & (_C.c.version == credential.version)))
            conn.execute(insert(_C).values(id=credential.id, version=credential.version, name=credential.name,
                                           document=document, fetched_at=utc_now()))
        return credential

    def credential(self, credential_id: str, version: str) -> Credential:
        with self._db.read() as conn:
            doc = conn.execute(select(_C.c.document).where((_C.c.id == credential_id) & (_C.c.version == version))
                               ).scalar_one_or_none()
        if doc is None:
            raise DomainError(f"Credential {credential_id} version {version} is not in the local cache; sync first.")
        return credential_from_achievement(doc)

    def save_submission(self, manifest: dict[str, Any]) -> Changes:
        return self.save_submissions([manifest])

    def save_submissions(self, manifests: list[dict[str, Any]]) -> Changes:
        """Cache manifests (one transaction for the lot); evidence whose sha256 changed must be fetched again.

        Plain upserts with executemany: a first sync caches a thousand manifests (bench/sync_metadata.py).
        """
        submissions = [(submission_from_manifest(m), m) for m in manifests]
        now = utc_now()
        submission_rows = [(s.id, s.credential_id, s.credential_version, json.dumps(m), now) for s, m in submissions]
        evidence_rows = [(e.id, s.id, e.sha256, e.size, e.media_type) for s, _m in submissions for e in s.evidence]
        with self._db.write() as conn:
            cursor = conn.connection.driver_connection.cursor()
            cursor.executemany(_UPSERT_SUBMISSION, submission_rows)
            cursor.executemany(_UPSERT_EVIDENCE, evidence_rows)
        return Changes(evidence=frozenset(row[0] for row in evidence_rows))

    def has_credential(self, credential_id: str, version: str) -> bool:
        with self._db.read() as conn:
            return conn.execute(select(_C.c.id).where((_C.c.id == credential_id) & (_C.c.version == version))
                                ).first() is not None

    def has_submission(self, submission_id: str) -> bool:
        with self._db.read() as conn:
            return conn.execute(select(_S.c.id).where(_S.c.id == submission_id)).first() is not None

    def submission(self, submission_id: str) -> Submission:
        with self._db.read() as conn:
            doc = conn.execute(select(_S.c.manifest).where(_S.c.id == submission_id)).scalar_one_or_none()
        if doc is None:
            raise DomainError(f"Submission {submission_id} is not in the local cache; sync first.")
        return submission_from_manifest(doc)

    # --- assignments -------------------------------------------------------------------------------
    def save_assignment(self, assignment: Assignment) -> Changes:
        """Insert a new assignment, or refresh what the issuer may change (due date) on a known one."""
        with self._db.write() as conn:
            known = conn.execute(select(_A.c.id).where(_A.c.id == assignment.id)).first()
            if known:
                conn.execute(update(_A).where(_A.c.id == assignment.id).values(due_at=assignment.due_at,
                                                                              updated_at=utc_now()))
            else:
                conn.execute(insert(_A).values(
                    id=assignment.id, submission_id=assignment.submission_id,
                    credential_id=assignment.credential_id, credential_version=assignment.credential_version,
                    assessor=assignment.assessor, kind=assignment.kind.value, state=assignment.state.value,
                    due_at=assignment.due_at, updated_at=utc_now()))
        return Changes(assignments=frozenset({assignment.id}))

    def assignment(self, assignment_id: str) -> Assignment:
        with self._db.read() as conn:
            row = conn.execute(select(_A).where(_A.c.id == assignment_id)).mappings().first()
        if row is None:
            raise DomainError(f"Assignment {assignment_id} is not in the local cache.")
        return Assignment(row["id"], row["submission_id"], row["credential_id"], row["credential_version"],
                          row["assessor"], AssignmentKind(row["kind"]), AssignmentState(row["state"]), row["due_at"])

    def move(self, assignment_id: str, target: AssignmentState) -> Changes:
        with self._db.write() as conn:
            current = conn.execute(select(_A.c.state).where(_A.c.id == assignment_id)).scalar_one()
            check_transition(AssignmentState(current), target)
            conn.execute(update(_A).where(_A.c.id == assignment_id).values(state=target.value, updated_at=utc_now()))
        return Changes(assignments=frozenset({assignment_id}))

    def queue(self, assessor: str | None = None) -> list[QueueRow]:
        """The queue, due soonest first; the assignment kind is deliberately not part of a row."""
        query = (
            select(_A, _C.c.name, _S.c.manifest)
            .join(_C, (_C.c.id == _A.c.credential_id) & (_C.c.version == _A.c.credential_version), isouter=True)
            .join(_S, _S.c.id == _A.c.submission_id, isouter=True)
            .order_by(_A.c.due_at.is_(None), _A.c.due_at, _A.c.id)
        )
        if assessor is not None:
            query = query.where(_A.c.assessor == assessor)
        with self._db.read() as conn:
            rows = conn.execute(query).mappings().all()
            counts = _evidence_counts(conn)
        return [
            QueueRow(r["id"], r["submission_id"], r["credential_id"], r["credential_version"],
                     r["name"] or r["credential_id"], (r["manifest"] or {}).get("candidate_ref", "—"),
                     (r["manifest"] or {}).get("attempt"), r["due_at"], AssignmentState(r["state"]),
                     *counts.get(r["submission_id"], (0, 0)))
            for r in rows
        ]


_UPSERT_SUBMISSION = (
    "INSERT INTO submissions (id, credential_id, credential_version, manifest, fetched_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT(id) DO UPDATE SET credential_id = excluded.credential_id, "
    "credential_version = excluded.credential_version, manifest = excluded.manifest, fetched_at = excluded.fetched_at"
)
# A known evidence item keeps its download state unless its content (sha256) changed: then it is fetched again.
_UPSERT_EVIDENCE = (
    "INSERT INTO evidence_files (id, submission_id, sha256, size, media_type, state, bytes_done) "
    "VALUES (?, ?, ?, ?, ?, 'missing', 0) "
    "ON CONFLICT(id) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, state = 'missing', "
    "local_path = NULL, bytes_done = 0 WHERE evidence_files.sha256 != excluded.sha256"
)


def _evidence_counts(conn: Connection) -> dict[str, tuple[int, int]]:
    result: dict[str, tuple[int, int]] = {}
    for submission_id, state in conn.execute(select(_E.c.submission_id, _E.c.state)).all():
        total, ready = result.get(submission_id, (0, 0))
        result[submission_id] = (total + 1, ready + (state == "ready"))
    return result
