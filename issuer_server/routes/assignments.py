"""The assessor's delta feed of assignments and the score-sheet push."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assessor_app.domain.rubric import Credential
from assessor_app.domain.signing import Verifier
from issuer_server import calibration_results, devices, feed, idempotency
from issuer_server.access import Credentials, current_user, database, own_assignment, signed_in
from issuer_server.db import Database
from issuer_server.models import Assignment
from issuer_server.schemas import AssignmentItem, AssignmentPage, ScoreSheetPush, SheetReceipt
from issuer_server.sheet_intake import check_push, pinned_credential, pushed_device_ids
from issuer_server.sheet_store import already_received, store
from issuer_server.tokens import Principal

router = APIRouter(tags=["assignments"])


@router.get("/assignments", response_model=AssignmentPage, responses={400: {}, 401: {}})
def assignments_feed(cursor: str | None = Query(None, max_length=200,
                                                description="next_cursor of the previous page; omit to start"),
                     limit: int = Query(100, ge=1, le=500), *, credentials: Credentials,
                     db: Database = Depends(database)) -> dict:
    """Your assignments that are new or changed (reviewed, revoked, reassigned away) since the cursor."""
    with signed_in(db, credentials) as (session, user):
        return feed.page(session, user.id, cursor, limit)


@router.get("/assignments/{assignment_id}", response_model=AssignmentItem, responses={401: {}, 404: {}})
def assignment(assignment_id: str, credentials: Credentials, db: Database = Depends(database)) -> dict:
    with signed_in(db, credentials) as (session, user):
        row = own_assignment(session, user, assignment_id)
        return feed.item(row, row.id in calibration_results.ready(session, [row]))


@router.put("/assignments/{assignment_id}/score-sheet", status_code=201, response_model=SheetReceipt,
            responses={400: {}, 401: {}, 404: {}, 409: {}, 413: {}, 422: {}})
def push_score_sheet(assignment_id: str, push: ScoreSheetPush,
                     idempotency_key: str | None = Header(None, alias="Idempotency-Key",
                                                          description="A fresh UUID per push; the same on retry."),
                     user: Principal = Depends(current_user), db: Database = Depends(database)) -> JSONResponse:
    """Hand in a finished score sheet with its complete event history (exactly once per Idempotency-Key)."""
    key = idempotency.parse_key(idempotency_key)
    print_ = idempotency.fingerprint(assignment_id, push.model_dump(mode="json"))

    def assignment_rubric_keys(session: Session) -> tuple[Assignment, Credential, dict[str, Verifier]]:
        row = own_assignment(session, user, assignment_id)
        return row, pinned_credential(session, row), devices.verifiers(session, pushed_device_ids(push))

    stored, (row, credential, keys) = idempotency.claim(db, user.id, key, print_, precheck=assignment_rubric_keys)
    if stored is not None:
        return JSONResponse(stored.body, status_code=stored.status, headers={"Idempotent-Replayed": "true"})
    try:
        checked = check_push(credential, row, push, keys)
        try:
            with db.write() as session:
                receipt = store(session, user, assignment_id, push, checked, key, lock_rows=not db.is_sqlite)
        except IntegrityError:
            raise already_received() from None
    except BaseException:
        idempotency.release_quietly(db, user.id, key)
        raise
    return JSONResponse(receipt, status_code=201)
