"""Who is calling and what they may see. A resource that exists but is not the caller's gets exactly
the same 404 as one that does not exist, so ids can't be probed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from issuer_server.config import Settings
from issuer_server.db import Database
from issuer_server.evidence_store import EvidenceStore
from issuer_server.models import Adjudication, Assignment, Evidence, Submission
from issuer_server.problems import Problem, not_found, unauthorized
from issuer_server.tokens import Principal, authenticate

bearer = HTTPBearer(auto_error=False, description="An access token from POST /api/v1/auth/token.")


# The small dependencies are ``async`` on purpose: FastAPI runs a plain ``def`` dependency in its thread
# pool, and each hop costs time under load. Read routes authenticate inside their own session
# (``signed_in``): one pool checkout and one thread hop per request.
async def database(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


async def settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def evidence_store(request: Request) -> EvidenceStore:
    return request.app.state.evidence  # type: ignore[no-any-return]


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def bearer_token(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise unauthorized("Sign in first: send 'Authorization: Bearer <access token>'.")
    return credentials.credentials


@contextmanager
def signed_in(db: Database, credentials: HTTPAuthorizationCredentials | None) -> Iterator[tuple[Session, Principal]]:
    """A read session and the caller, authenticated in that same session."""
    token = bearer_token(credentials)
    with db.read() as session:
        yield session, authenticate(session, token)


def current_user(credentials: Credentials, db: Database = Depends(database)) -> Principal:
    token = bearer_token(credentials)
    with db.read() as session:
        return authenticate(session, token)


def require_role(role: str) -> Callable[[Principal], Principal]:
    def check(user: Principal = Depends(current_user)) -> Principal:
        if not user.has(role):
            raise Problem(403, "forbidden", f"This needs the {role!r} role, which your account does not have.")
        return user
    return check


def own_assignment(session: Session, user: Principal, assignment_id: str) -> Assignment:
    row = session.get(Assignment, assignment_id)
    if row is None or row.assessor_id != user.id:
        raise not_found("assignment")
    return row


def _may_read_submission(session: Session, user: Principal, submission_id: str) -> bool:
    """Admins; the assessor it is assigned to; and leads, for a submission they are asked to adjudicate."""
    if user.has("admin"):
        return True
    if user.has("lead") and session.scalars(select(Adjudication.id).where(
            Adjudication.submission_id == submission_id).limit(1)).first() is not None:
        return True
    return session.scalars(select(Assignment.id).where(
        Assignment.submission_id == submission_id, Assignment.assessor_id == user.id,
        Assignment.status == "assigned").limit(1)).first() is not None


def readable_submission(session: Session, user: Principal, submission_id: str) -> Submission:
    row = session.get(Submission, submission_id)
    if row is None or not _may_read_submission(session, user, submission_id):
        raise not_found("submission")
    return row


def readable_evidence(session: Session, user: Principal, evidence_id: str) -> Evidence:
    row = session.get(Evidence, evidence_id)
    if row is None or not _may_read_submission(session, user, row.submission_id):
        raise not_found("evidence item")
    return row
