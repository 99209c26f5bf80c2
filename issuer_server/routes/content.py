"""Credentials (OB 3.0 Achievements, versioned) and submission manifests."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlalchemy import select

from issuer_server.access import Credentials, database, readable_submission, signed_in
from issuer_server.db import Database
from issuer_server.manifests import manifest_of, manifests_for
from issuer_server.models import CredentialVersion
from issuer_server.problems import Problem, not_found
from issuer_server.schemas import Achievement, Manifest, ManifestBatch

router = APIRouter(tags=["content"])


@router.get("/credentials/{credential_id}", response_model=Achievement, response_model_exclude_unset=True,
            responses={401: {}, 404: {}})
def latest_credential(credential_id: str, credentials: Credentials, db: Database = Depends(database)) -> dict:
    """The newest version of a credential (an assignment pins its own version: prefer the versioned route)."""
    with signed_in(db, credentials) as (session, _user):
        doc = session.scalars(select(CredentialVersion.document).where(CredentialVersion.credential_id == credential_id)
                              .order_by(CredentialVersion.row_id.desc()).limit(1)).first()
    if doc is None:
        raise not_found("credential")
    return doc


@router.get("/credentials/{credential_id}/versions/{version}", response_model=Achievement,
            response_model_exclude_unset=True, responses={401: {}, 404: {}})
def credential_version(credential_id: str, version: str, credentials: Credentials,
                       db: Database = Depends(database)) -> dict:
    with signed_in(db, credentials) as (session, _user):
        doc = session.scalars(select(CredentialVersion.document).where(
            CredentialVersion.credential_id == credential_id, CredentialVersion.version == version)).first()
    if doc is None:
        raise not_found("credential version")
    return doc


MAX_BATCH = 100


@router.get("/submissions", response_model=ManifestBatch, responses={400: {}, 401: {}})
def submissions(ids: str = Query(..., min_length=1, max_length=8000,
                                 description="Comma-separated submission ids, at most 100"),
                *, credentials: Credentials, db: Database = Depends(database)) -> dict:
    """Many manifests in one round trip (a first sync of a long queue); ids you may not read, or that do not
    exist, are listed in ``missing`` without telling the two apart."""
    wanted = list(dict.fromkeys(i for i in ids.split(",") if i))
    if not wanted or len(wanted) > MAX_BATCH:
        raise Problem(400, "bad-batch", f"Ask for between 1 and {MAX_BATCH} submission ids at a time.")
    with signed_in(db, credentials) as (session, user):
        found = manifests_for(session, user.id, user.has("admin"), wanted)
    return {"items": [found[i] for i in wanted if i in found], "missing": [i for i in wanted if i not in found]}


@router.get("/submissions/{submission_id}", response_model=Manifest, responses={401: {}, 404: {}})
def submission(submission_id: str, credentials: Credentials, db: Database = Depends(database)) -> dict:
    """The manifest of a submission you are assigned; the candidate appears only as ``candidate_ref``."""
    with signed_in(db, credentials) as (session, user):
        return manifest_of(session, readable_submission(session, user, submission_id))
