"""The audit API (role ``auditor``; ``admin`` may read it too): the log key, checkpoints, entries, proofs,
and per-submission search and history (docs/AUDIT.md)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from assessor_app.domain.clock import format_instant, parse_instant
from issuer_server.access import Credentials, database, settings, signed_in
from issuer_server.audit import history as audit_history
from issuer_server.audit import proofs
from issuer_server.audit.keys import log_key
from issuer_server.audit.schemas import (
    CheckpointDoc,
    ConsistencyProof,
    EntryPage,
    InclusionProof,
    LogKey,
    SubmissionHistory,
    SubmissionSearch,
)
from issuer_server.config import Settings
from issuer_server.db import Database
from issuer_server.models import Submission
from issuer_server.problems import Problem, not_found

router = APIRouter(prefix="/audit", tags=["audit"])
ERRORS = {401: {}, 403: {}}


@contextmanager
def auditor(db: Database, credentials: Credentials) -> Iterator[Session]:
    with signed_in(db, credentials) as (session, user):
        if not (user.has("auditor") or user.has("admin")):
            raise Problem(403, "forbidden", "Reading the audit log needs the 'auditor' role (or 'admin'), which "
                          "your account does not have.")
        yield session


@router.get("/log-key", response_model=LogKey, responses=ERRORS)
def get_log_key(credentials: Credentials, db: Database = Depends(database),
                config: Settings = Depends(settings)) -> dict:
    """The public half of the key that signs every checkpoint."""
    with auditor(db, credentials):
        return {"public_key": log_key(config.log_key).public_key, "algorithm": "Ed25519"}


@router.get("/checkpoint", response_model=CheckpointDoc, responses={**ERRORS, 404: {}})
def get_checkpoint(credentials: Credentials, db: Database = Depends(database)) -> dict:
    """The latest signed checkpoint (tree size, root hash, timestamp, signature)."""
    with auditor(db, credentials) as session:
        found = proofs.checkpoint(session.connection())
    if found is None:
        raise Problem(404, "empty-log", "The audit log is still empty, so there is no checkpoint yet.")
    return found


@router.get("/entries", response_model=EntryPage, responses={**ERRORS, 422: {}})
def get_entries(start: int = Query(0, ge=0, le=2**53), end: int | None = Query(None, ge=0, le=2**53,
                                                           description="exclusive; at most start + 1000"),
                *, credentials: Credentials, db: Database = Depends(database)) -> dict:
    """Log entries ``start`` .. ``end - 1`` (at most 1000), each with its leaf hash."""
    stop = min(start + proofs.MAX_ENTRIES, end if end is not None else start + proofs.MAX_ENTRIES)
    with auditor(db, credentials) as session:
        return {"entries": proofs.entries(session.connection(), start, stop)}


def _out_of_range(size: int) -> Problem:
    return Problem(422, "proof-out-of-range", f"The audit log holds {size} entries; ask for sizes of at most {size} "
                   "and indexes below the tree size.", tree_size=size)


@router.get("/proofs/inclusion", response_model=InclusionProof, responses={**ERRORS, 422: {}})
def get_inclusion(index: int = Query(ge=0, le=2**53), tree_size: int = Query(ge=1, le=2**53), *,
                  credentials: Credentials, db: Database = Depends(database)) -> dict:
    """The audit path of entry ``index`` in the tree of the first ``tree_size`` entries (RFC 6962 §2.1.1)."""
    with auditor(db, credentials) as session:
        conn = session.connection()
        size = proofs.tree_size(conn)
        if not index < tree_size <= size:
            raise _out_of_range(size)
        return {"index": index, "tree_size": tree_size, "path": proofs.inclusion(conn, index, tree_size)}


@router.get("/proofs/consistency", response_model=ConsistencyProof, responses={**ERRORS, 422: {}})
def get_consistency(first: int = Query(ge=1, le=2**53), second: int = Query(ge=1, le=2**53), *,
                    credentials: Credentials, db: Database = Depends(database)) -> dict:
    """Proof that the tree of ``second`` entries extends the tree of ``first`` (RFC 6962 §2.1.2)."""
    with auditor(db, credentials) as session:
        conn = session.connection()
        size = proofs.tree_size(conn)
        if not 0 < first <= second <= size:
            raise _out_of_range(size)
        return {"first": first, "second": second, "path": proofs.consistency(conn, first, second)}


def _instant(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return format_instant(parse_instant(value))
    except ValueError:
        raise Problem(422, "invalid-time", f"{name} must be an RFC 3339 time such as 2026-11-01T00:00:00Z.") from None


@router.get("/submissions", response_model=SubmissionSearch, responses={**ERRORS, 422: {}})
def search_submissions(credential_id: str | None = Query(None, max_length=256),
                       assessor: str | None = Query(None, max_length=128),
                       since: str | None = Query(None, max_length=40, description="last sheet received at or after"),
                       until: str | None = Query(None, max_length=40, description="last sheet received at or before"),
                       decision: Literal["earned", "not_yet"] | None = Query(None), *, credentials: Credentials,
                       db: Database = Depends(database)) -> dict:
    """Submissions with their assessors and latest recommendation, most recently received first (at most 1000)."""
    bounds = _instant(since, "since"), _instant(until, "until")
    with auditor(db, credentials) as session:
        return {"items": audit_history.search(session.connection(), credential_id=credential_id, assessor=assessor,
                                              since=bounds[0], until=bounds[1], decision=decision)}


@router.get("/submissions/{submission_id}/history", response_model=SubmissionHistory, responses={**ERRORS, 404: {}})
def submission_history(submission_id: str, credentials: Credentials, db: Database = Depends(database)) -> dict:
    """Everything recorded about one submission, each item with its log index, plus what checking it needs:
    device keys, chain links, the rubric versions and the latest checkpoint."""
    with auditor(db, credentials) as session:
        row = session.get(Submission, submission_id)
        if row is None:
            raise not_found("submission")
        return audit_history.history(session, row)
