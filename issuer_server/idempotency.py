"""Idempotency-Key handling (IETF httpapi draft): key + principal + request fingerprint -> response.

A key is *claimed* in its own short transaction before the work starts; the work's own transaction
stores the response in the same commit as the effect. A replay gets the stored response; the same
key with another body gets 422; a duplicate arriving while the first is still running gets 409. A
claim whose request died (crash) is taken over after ``STALE_SECONDS``; a request that failed gives
its key back so the client may retry with it.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assessor_app.domain.audit_chain import canonical_json
from assessor_app.domain.clock import utc_now
from issuer_server.db import Database
from issuer_server.models import IdempotencyKey
from issuer_server.problems import Problem

T = TypeVar("T")
STALE_SECONDS = 120.0
log = logging.getLogger("issuer_server")
MAX_KEY_LENGTH = 255


@dataclass(frozen=True, slots=True)
class Stored:
    status: int
    body: dict[str, Any]


def parse_key(header: str | None) -> str:
    if header is None or not header.strip():
        raise Problem(400, "idempotency-key-missing", "This request needs an 'Idempotency-Key' header "
                      "(a fresh UUID per score sheet push; reuse it only when retrying the same push).")
    key = header.strip()
    if len(key) >= 2 and key[0] == key[-1] == '"':
        key = key[1:-1]  # the draft sends it as a structured-field string
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise Problem(400, "idempotency-key-invalid",
                      f"The Idempotency-Key must be 1 to {MAX_KEY_LENGTH} printable characters.")
    return key


def fingerprint(scope: str, body: Any) -> str:
    return hashlib.sha256(canonical_json({"scope": scope, "body": body})).hexdigest()


def claim(db: Database, principal_id: int, key: str, print_: str,
          precheck: Callable[[Session], T]) -> tuple[Stored | None, T]:
    """Claim the key for this request, or find the response stored for it earlier. ``precheck`` runs
    first in the same transaction (e.g. the 404 for someone else's resource, before any key handling);
    its result is handed back."""
    for _attempt in range(2):
        try:
            with db.write() as session:
                checked = precheck(session)
                row = session.get(IdempotencyKey, (principal_id, key), with_for_update=not db.is_sqlite)
                if row is None:
                    session.add(IdempotencyKey(principal_id=principal_id, key=key, fingerprint=print_,
                                               state="in_flight", started_epoch=time.time(), created_at=utc_now()))
                    return None, checked
                if row.fingerprint != print_:
                    raise Problem(422, "idempotency-key-reused",
                                  "This Idempotency-Key was already used with a different request body; "
                                  "use a new key for a new request.")
                if row.state == "done" and row.status_code is not None and row.response is not None:
                    return Stored(row.status_code, row.response), checked
                if time.time() - row.started_epoch < STALE_SECONDS:
                    raise Problem(409, "request-in-flight",
                                  "A request with this Idempotency-Key is still being processed; retry shortly.")
                row.started_epoch = time.time()
                return None, checked
        except IntegrityError:
            continue  # a concurrent claim won the insert: read it again
    raise Problem(409, "request-in-flight",
                  "A request with this Idempotency-Key is still being processed; retry shortly.")


def finish(session: Session, principal_id: int, key: str, status: int, body: dict[str, Any]) -> None:
    """Store the response, inside the transaction that applies the request's effect."""
    stored = session.execute(update(IdempotencyKey).where(IdempotencyKey.principal_id == principal_id,
                                                          IdempotencyKey.key == key)
                             .values(state="done", status_code=status, response=body)).rowcount
    if stored != 1:  # pragma: no cover - the claim is committed before work starts
        raise RuntimeError("idempotency claim vanished")


def release(db: Database, principal_id: int, key: str) -> None:
    with db.write() as session:
        session.execute(delete(IdempotencyKey).where(IdempotencyKey.principal_id == principal_id,
                                                     IdempotencyKey.key == key,
                                                     IdempotencyKey.state == "in_flight"))


def release_quietly(db: Database, principal_id: int, key: str) -> None:
    """``release`` for an error path: a failure here must not hide the original error (the claim then
    simply expires after ``STALE_SECONDS``)."""
    try:
        release(db, principal_id, key)
    except Exception:
        log.exception("could not release idempotency key after a failed request")
