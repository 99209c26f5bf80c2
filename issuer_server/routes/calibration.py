"""An assessor's calibration result (docs/LEAD.md): after their sheet on a calibration item is received, the
master levels and rationale. Every other case (live, second read, validity, not yet received, not theirs) gets
the same 404, so a validity item cannot be told from live work."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from issuer_server import calibration_results
from issuer_server.access import Credentials, database, own_assignment, signed_in
from issuer_server.db import Database
from issuer_server.lead_schemas import CalibrationResult

router = APIRouter(tags=["assignments"])


@router.get("/assignments/{assignment_id}/calibration-result", response_model=CalibrationResult,
            responses={401: {}, 404: {}})
def calibration_result(assignment_id: str, credentials: Credentials, db: Database = Depends(database)) -> dict:
    """The master levels, the panel's rationale and your own levels for a calibration item you handed in."""
    with signed_in(db, credentials) as (session, user):
        return calibration_results.result(session, own_assignment(session, user, assignment_id))
