"""Submission manifests as the API shows them, rebuilt from rows through the domain's own writer."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessor_app.domain.wire import submission_from_manifest, submission_to_manifest
from issuer_server.models import Assignment, Evidence, Submission


def manifest_of(session: Session, row: Submission) -> dict[str, Any]:
    evidence = session.scalars(select(Evidence).where(Evidence.submission_id == row.id).order_by(Evidence.position))
    return _document(row, list(evidence))


def _document(row: Submission, evidence: list[Evidence]) -> dict[str, Any]:
    doc = {
        "id": row.id, "credential_id": row.credential_id, "credential_version": row.credential_version,
        "candidate_ref": row.candidate_ref, "attempt": row.attempt, "submitted_at": row.submitted_at,
        "responses": row.responses, "prior_attempts": row.prior_attempts,
        "evidence": [{"id": e.id, "kind": e.kind, "title": e.title, "media_type": e.media_type, "size": e.size,
                      "sha256": e.sha256, "question_id": e.question_id} for e in evidence],
    }
    return submission_to_manifest(submission_from_manifest(doc))


def manifests_for(session: Session, user_id: int, is_admin: bool,
                  submission_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Manifests of those submissions the caller may read, in three queries whatever the count (batch route)."""
    readable = set(submission_ids)
    if not is_admin:
        readable = set(session.scalars(select(Assignment.submission_id).where(
            Assignment.submission_id.in_(submission_ids), Assignment.assessor_id == user_id,
            Assignment.status == "assigned")))
    rows = session.scalars(select(Submission).where(Submission.id.in_(readable))).all()
    evidence: dict[str, list[Evidence]] = {}
    for item in session.scalars(select(Evidence).where(Evidence.submission_id.in_(readable))
                                .order_by(Evidence.submission_id, Evidence.position)):
        evidence.setdefault(item.submission_id, []).append(item)
    return {row.id: _document(row, evidence.get(row.id, [])) for row in rows}
