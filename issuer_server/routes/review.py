"""The issuer's review of received sheets (role ``admin``); the result reaches the assessor's feed."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from issuer_server import assignments_admin
from issuer_server.access import database, require_role
from issuer_server.db import Database
from issuer_server.errors import Conflict, NotFound
from issuer_server.problems import Problem, not_found
from issuer_server.schemas import PendingList, ReviewRequest, ReviewResult
from issuer_server.tokens import Principal

router = APIRouter(tags=["review"])
admin_only = require_role("admin")


@router.post("/review/assignments/{assignment_id}", response_model=ReviewResult,
             responses={401: {}, 403: {}, 404: {}, 409: {}})
def review(assignment_id: str, body: ReviewRequest, user: Principal = Depends(admin_only),
           db: Database = Depends(database)) -> dict:
    """Accept the current sheet, or return the assignment to its assessor for rescoring."""
    try:
        with db.write() as session:
            row, sheet = assignments_admin.review(session, assignment_id, body.decision, body.note, user.username)
            return {"assignment_id": row.id, "sheet_id": sheet.sheet_id,
                    "review": {"decision": sheet.review_decision, "note": sheet.review_note or "",
                               "at": sheet.reviewed_at}}
    except NotFound:
        raise not_found("assignment") from None
    except Conflict as exc:
        raise Problem(409, "review-conflict", str(exc)) from None


@router.get("/review/pending", response_model=PendingList, responses={401: {}, 403: {}})
def pending(_user: Principal = Depends(admin_only), db: Database = Depends(database)) -> dict:
    """Received sheets that wait for a decision, oldest first."""
    with db.read() as session:
        return {"items": [
            {"assignment_id": a.id, "submission_id": a.submission_id, "assessor": username, "sheet_id": s.sheet_id,
             "received_at": s.received_at, "recommendation": s.recommendation,
             "derived_recommendation": s.derived_recommendation, "override_reason": s.override_reason}
            for a, s, username in assignments_admin.pending(session)]}
