"""Credentials (OB 3.0 Achievements, versioned) and submission manifests."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy import select

from issuer_server.access import current_user, database, readable_submission
from issuer_server.db import Database
from issuer_server.manifests import manifest_of
from issuer_server.models import CredentialVersion
from issuer_server.problems import not_found
from issuer_server.schemas import Achievement, Manifest
from issuer_server.tokens import Principal

router = APIRouter(tags=["content"])


@router.get("/credentials/{credential_id}", response_model=Achievement, response_model_exclude_unset=True,
            responses={401: {}, 404: {}})
def latest_credential(credential_id: str, _user: Principal = Depends(current_user),
                      db: Database = Depends(database)) -> dict:
    """The newest version of a credential (an assignment pins its own version: prefer the versioned route)."""
    with db.read() as session:
        doc = session.scalars(select(CredentialVersion.document).where(CredentialVersion.credential_id == credential_id)
                              .order_by(CredentialVersion.row_id.desc()).limit(1)).first()
    if doc is None:
        raise not_found("credential")
    return doc


@router.get("/credentials/{credential_id}/versions/{version}", response_model=Achievement,
            response_model_exclude_unset=True, responses={401: {}, 404: {}})
def credential_version(credential_id: str, version: str, _user: Principal = Depends(current_user),
                       db: Database = Depends(database)) -> dict:
    with db.read() as session:
        doc = session.scalars(select(CredentialVersion.document).where(
            CredentialVersion.credential_id == credential_id, CredentialVersion.version == version)).first()
    if doc is None:
        raise not_found("credential version")
    return doc


@router.get("/submissions/{submission_id}", response_model=Manifest, responses={401: {}, 404: {}})
def submission(submission_id: str, user: Principal = Depends(current_user), db: Database = Depends(database)) -> dict:
    """The manifest of a submission you are assigned; the candidate appears only as ``candidate_ref``."""
    with db.read() as session:
        return manifest_of(session, readable_submission(session, user, submission_id))
