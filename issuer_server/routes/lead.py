"""Lead assessors' routes (role ``lead``; docs/LEAD.md): credentials and their policies, every assessor's reads,
adjudications and qualifications. Assessors get 403 here: only leads read other assessors' scores."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query

from issuer_server import adjudication, lead_views
from issuer_server.access import database, require_role
from issuer_server.db import Database
from issuer_server.errors import Conflict, IssuerError, NotFound
from issuer_server.lead_schemas import (
    AdjudicationDetail,
    AdjudicationItem,
    AdjudicationList,
    LeadCredentialList,
    LeadReads,
    QualificationList,
    ResolveRequest,
)
from issuer_server.problems import Problem, not_found
from issuer_server.tokens import Principal

router = APIRouter(prefix="/lead", tags=["lead"])
lead_only = require_role("lead")
_REFUSED = {401: {}, 403: {}}


@router.get("/credentials", response_model=LeadCredentialList, responses=_REFUSED)
def credentials(_user: Principal = Depends(lead_only), db: Database = Depends(database)) -> dict:
    """Each credential's latest version and its double-scoring, discrepancy and qualification policy."""
    with db.read() as session:
        return {"items": lead_views.credentials(session)}


@router.get("/credentials/{credential_id}/reads", response_model=LeadReads, responses={**_REFUSED, 404: {}})
def reads(credential_id: str, _user: Principal = Depends(lead_only), db: Database = Depends(database)) -> dict:
    """Every received read of the credential (latest sheet per assignment), with master levels where a panel
    scored the submission."""
    with db.read() as session:
        try:
            return lead_views.reads(session, credential_id)
        except NotFound:
            raise not_found("credential") from None


@router.get("/adjudications", response_model=AdjudicationList, responses=_REFUSED)
def adjudications(status: Literal["open", "resolved"] | None = Query(None, description="only this status"),
                  _user: Principal = Depends(lead_only), db: Database = Depends(database)) -> dict:
    """Pairs the discrepancy rule sent to a lead, oldest first."""
    with db.read() as session:
        return {"items": adjudication.listing(session, status)}


@router.get("/adjudications/{adjudication_id}", response_model=AdjudicationDetail,
            responses={**_REFUSED, 404: {}})
def adjudication_detail(adjudication_id: str, _user: Principal = Depends(lead_only),
                        db: Database = Depends(database)) -> dict:
    """One adjudication with both original reads as received and the submission's manifest."""
    with db.read() as session:
        try:
            return adjudication.detail(session, adjudication_id)
        except NotFound:
            raise not_found("adjudication") from None


@router.put("/adjudications/{adjudication_id}", response_model=AdjudicationItem,
            responses={**_REFUSED, 404: {}, 409: {}, 422: {}})
def resolve(adjudication_id: str, body: ResolveRequest, user: Principal = Depends(lead_only),
            db: Database = Depends(database)) -> dict:
    """Record the resolved level of every criterion and the reason; the two reads are kept as they were."""
    try:
        with db.write() as session:
            return adjudication.resolve(session, adjudication_id, body.levels, body.reason, user.username)
    except NotFound:
        raise not_found("adjudication") from None
    except Conflict as exc:
        raise Problem(409, "adjudication-resolved", str(exc)) from None
    except IssuerError as exc:
        raise Problem(422, "invalid-resolution", str(exc)) from None


@router.get("/qualifications", response_model=QualificationList, responses={**_REFUSED, 404: {}})
def qualifications(credential_id: str = Query(..., min_length=1, max_length=256),
                   version: str | None = Query(None, max_length=64, description="default: the latest version"),
                   _user: Principal = Depends(lead_only), db: Database = Depends(database)) -> dict:
    """Each assessor's agreement with the master scores on the credential's calibration items."""
    with db.read() as session:
        try:
            return lead_views.qualifications(session, credential_id, version)
        except IssuerError:
            raise not_found("credential version") from None
