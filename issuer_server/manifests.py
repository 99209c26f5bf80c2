"""Submission manifests as the API shows them, rebuilt from rows through the domain's own writer."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessor_app.domain.wire import submission_from_manifest, submission_to_manifest
from issuer_server.models import Evidence, Submission


def manifest_of(session: Session, row: Submission) -> dict[str, Any]:
    evidence = session.scalars(select(Evidence).where(Evidence.submission_id == row.id).order_by(Evidence.position))
    doc = {
        "id": row.id, "credential_id": row.credential_id, "credential_version": row.credential_version,
        "candidate_ref": row.candidate_ref, "attempt": row.attempt, "submitted_at": row.submitted_at,
        "responses": row.responses, "prior_attempts": row.prior_attempts,
        "evidence": [{"id": e.id, "kind": e.kind, "title": e.title, "media_type": e.media_type, "size": e.size,
                      "sha256": e.sha256, "question_id": e.question_id} for e in evidence],
    }
    return submission_to_manifest(submission_from_manifest(doc))
