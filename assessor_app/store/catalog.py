"""What the issuer sent, cached: credentials by version, submission manifests, assignments.

Documents are kept as the issuer sent them and turned into domain objects on the way out, through the
same ``wire`` functions the issuer uses.
"""

from __future__ import annotations

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
        """Cache manifests (one transaction for the lot); evidence whose sha256 changed must be fetched again."""
        submissions = [(submission_from_manifest(m), m) for m in manifests]
        touched: set[str] = set()
        now = utc_now()
        with self._db.write() as conn:
            for submission, manifest in submissions:
                values = dict(credential_id=submission.credential_id,
                              credential_version=submission.credential_version, manifest=manifest, fetched_at=now)
                if conn.execute(select(_S.c.id).where(_S.c.id == submission.id)).first():
                    conn.execute(update(_S).where(_S.c.id == submission.id).values(**values))
                else:
                    conn.execute(insert(_S).values(id=submission.id, **values))
                for item in submission.evidence:
                    touched.add(item.id)
                    present = conn.execute(select(_E.c.sha256).where(_E.c.id == item.id)).first()
                    if present is None:
                        conn.execute(insert(_E).values(id=item.id, submission_id=submission.id, sha256=item.sha256,
                                                       size=item.size, media_type=item.media_type, state="missing",
                                                       bytes_done=0))
                    elif present[0] != item.sha256:
                        conn.execute(update(_E).where(_E.c.id == item.id).values(
                            sha256=item.sha256, size=item.size, state="missing", local_path=None, bytes_done=0))
        return Changes(evidence=frozenset(touched))

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


def _evidence_counts(conn: Connection) -> dict[str, tuple[int, int]]:
    result: dict[str, tuple[int, int]] = {}
    for submission_id, state in conn.execute(select(_E.c.submission_id, _E.c.state)).all():
        total, ready = result.get(submission_id, (0, 0))
        result[submission_id] = (total + 1, ready + (state == "ready"))
    return result
