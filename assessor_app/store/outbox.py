"""Decisions waiting for the issuer, and the delta-feed cursors.

An outbox row is written once, with its idempotency key, in the submit transaction; before its first send the
pusher completes the payload once (signatures, device chain links: ``sync.signed_push``), then only records attempts
and the issuer's answer. Rows are never deleted, so a conflict keeps the exact payload sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update

from assessor_app.domain.assignment import AssignmentState, check_transition
from assessor_app.domain.clock import utc_now
from assessor_app.store.changes import Changes
from assessor_app.store.database import Database
from assessor_app.store.schema import AssignmentRow, OutboxRow, SyncCursorRow

_O = OutboxRow.__table__
_A = AssignmentRow.__table__
_K = SyncCursorRow.__table__


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    id: int
    idempotency_key: str
    assignment_id: str
    kind: str
    payload: dict[str, Any]
    attempts: int
    last_error: str | None
    next_attempt_at: str | None


class Outbox:
    def __init__(self, db: Database) -> None:
        self._db = db

    def pending(self) -> list[OutboxEntry]:
        with self._db.read() as conn:
            rows = conn.execute(select(_O).where(_O.c.sent_at.is_(None)).order_by(_O.c.id)).mappings().all()
        return [OutboxEntry(r["id"], r["idempotency_key"], r["assignment_id"], r["kind"], r["payload"],
                            r["attempts"], r["last_error"], r["next_attempt_at"]) for r in rows]

    def complete_payload(self, entry_id: int, payload: dict[str, Any]) -> None:
        """Keep the body as completed for sending, so every retry sends the same bytes under the same key."""
        with self._db.write() as conn:
            conn.execute(update(_O).where(_O.c.id == entry_id, _O.c.sent_at.is_(None)).values(payload=payload))

    def record_failure(self, entry_id: int, error: str, next_attempt_at: str | None) -> Changes:
        with self._db.write() as conn:
            conn.execute(update(_O).where(_O.c.id == entry_id).values(
                attempts=_O.c.attempts + 1, last_error=error, next_attempt_at=next_attempt_at))
        return Changes(outbox=True)

    def record_delivery(self, entry_id: int, response: dict[str, Any],
                        outcome: AssignmentState = AssignmentState.SYNCED) -> Changes:
        """The issuer answered for good: accepted (synced) or refused for a reason kept here (conflict)."""
        with self._db.write() as conn:
            row = conn.execute(select(_O.c.assignment_id).where(_O.c.id == entry_id)).one()
            state = conn.execute(select(_A.c.state).where(_A.c.id == row[0])).scalar_one()
            check_transition(AssignmentState(state), outcome)
            conn.execute(update(_O).where(_O.c.id == entry_id).values(
                attempts=_O.c.attempts + 1, sent_at=utc_now(), response=response,
                last_error=None if outcome is AssignmentState.SYNCED else str(response.get("detail", ""))))
            conn.execute(update(_A).where(_A.c.id == row[0]).values(state=outcome.value, updated_at=utc_now()))
        return Changes(outbox=True, assignments=frozenset({row[0]}))

    def all_for(self, assignment_id: str) -> list[dict[str, Any]]:
        """Every outbox row of an assignment, sent or not, with the issuer's answers (for export)."""
        with self._db.read() as conn:
            rows = conn.execute(select(_O).where(_O.c.assignment_id == assignment_id).order_by(_O.c.id)).mappings()
            return [dict(r) for r in rows]


class Cursors:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, name: str) -> str | None:
        with self._db.read() as conn:
            return conn.execute(select(_K.c.cursor).where(_K.c.name == name)).scalar_one_or_none()

    def set(self, name: str, cursor: str) -> None:
        with self._db.write() as conn:
            if conn.execute(select(_K.c.name).where(_K.c.name == name)).first():
                conn.execute(update(_K).where(_K.c.name == name).values(cursor=cursor, updated_at=utc_now()))
            else:
                conn.execute(insert(_K).values(name=name, cursor=cursor, updated_at=utc_now()))
