"""Score sheets in the cache: every edit is one score event, committed durably before the call returns.

There is no Save: ``record`` appends the event, advances this device's hash chain and moves a new
assignment to in progress, all in one ``BEGIN IMMEDIATE`` transaction. ``submit`` freezes the sheet and
queues it in the outbox, with its idempotency key, in the same transaction as its final event.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select, update

from assessor_app.domain.assignment import AssignmentState, check_transition
from assessor_app.domain.audit_chain import GENESIS_HASH
from assessor_app.domain.clock import utc_now
from assessor_app.domain.errors import DomainError
from assessor_app.domain.rubric import Credential
from assessor_app.domain.score_events import Change, ScoreEvent
from assessor_app.domain.score_sheet import ScoreSheet
from assessor_app.domain.wire import sheet_push_body
from assessor_app.store.changes import Changes
from assessor_app.store.database import Database
from assessor_app.store.schema import AssignmentRow, DeviceChainRow, OutboxRow, ScoreEventRow, ScoreSheetRow

_EVENTS = ScoreEventRow.__table__
_CHAIN = DeviceChainRow.__table__
_ASSIGNMENTS = AssignmentRow.__table__


@dataclass(frozen=True, slots=True)
class Author:
    """Who is editing, and on which device (the device's events form one hash chain)."""

    actor: str
    device_id: str


@dataclass(frozen=True, slots=True)
class Recorded:
    sheet: ScoreSheet
    event: ScoreEvent
    changes: Changes


class SheetStore:
    def __init__(self, db: Database, author: Author) -> None:
        self._db = db
        self._author = author

    # --- reading ---------------------------------------------------------------------------------
    def events(self, sheet_id: str) -> list[ScoreEvent]:
        with self._db.read() as conn:
            return _load_events(conn, sheet_id)

    def load(self, assignment_id: str) -> ScoreSheet | None:
        with self._db.read() as conn:
            row = conn.execute(select(ScoreSheetRow.__table__).where(
                ScoreSheetRow.assignment_id == assignment_id)).mappings().first()
            if row is None:
                return None
            return ScoreSheet.replay(row["id"], assignment_id, row["credential_id"], row["credential_version"],
                                     _load_events(conn, row["id"]))

    # --- writing ---------------------------------------------------------------------------------
    def open(self, assignment_id: str) -> ScoreSheet:
        """The assignment's sheet, created (bound to the assignment's credential version) if it has none."""
        existing = self.load(assignment_id)
        if existing is not None:
            return existing
        with self._db.write() as conn:
            assignment = conn.execute(select(_ASSIGNMENTS).where(_ASSIGNMENTS.c.id == assignment_id)).mappings().first()
            if assignment is None:
                raise DomainError(f"Assignment {assignment_id} is not in the local cache; sync first.")
            sheet_id = str(uuid.uuid4())
            conn.execute(insert(ScoreSheetRow.__table__).values(
                id=sheet_id, assignment_id=assignment_id, credential_id=assignment["credential_id"],
                credential_version=assignment["credential_version"], created_at=utc_now()))
        return ScoreSheet(sheet_id, assignment_id, assignment["credential_id"], assignment["credential_version"])

    def record(self, sheet: ScoreSheet, change: Change) -> Recorded:
        """Commit one change as the next score event; returns the new sheet once it is durable."""
        with self._db.write() as conn:
            state = self._state(conn, sheet.assignment_id)
            if state in (AssignmentState.REVOKED, AssignmentState.CONFLICT) and not (change.reason or "").strip():
                raise DomainError("The issuer withdrew this assignment: your work on it is kept, "
                                  "but it can no longer be scored.")
            event = self._append(conn, sheet, change)
            touched = self._start_if_new(conn, sheet.assignment_id)
        return Recorded(sheet.apply(event), event,
                        Changes(sheets=frozenset({sheet.id}), assignments=touched))

    def submit(self, sheet: ScoreSheet, credential: Credential, coverage: dict | None = None) -> Recorded:
        """Freeze the sheet and queue it for the issuer, atomically: either all of it happened or none."""
        change = sheet.propose_submit(credential)
        with self._db.write() as conn:
            state = self._state(conn, sheet.assignment_id)
            if state is not AssignmentState.IN_PROGRESS:
                check_transition(state, AssignmentState.SUBMITTED)
            event = self._append(conn, sheet, change)
            submitted = sheet.apply(event)
            self._move(conn, sheet.assignment_id, AssignmentState.SUBMITTED)
            body = sheet_push_body(submitted, credential, _load_events(conn, sheet.id), coverage)
            conn.execute(insert(OutboxRow.__table__).values(
                idempotency_key=str(uuid.uuid4()), assignment_id=sheet.assignment_id, kind="score_sheet",
                payload=body, created_at=event.at, attempts=0))
            self._move(conn, sheet.assignment_id, AssignmentState.QUEUED)
        return Recorded(submitted, event, Changes(sheets=frozenset({sheet.id}),
                                                  assignments=frozenset({sheet.assignment_id}), outbox=True))

    # --- inside a transaction ----------------------------------------------------------------
    def _append(self, conn: Connection, sheet: ScoreSheet, change: Change) -> ScoreEvent:
        device_id = self._author.device_id
        chain = conn.execute(select(_CHAIN.c.last_seq, _CHAIN.c.last_hash)
                             .where(_CHAIN.c.device_id == device_id)).first()
        seq, prev = (chain[0], chain[1]) if chain else (0, GENESIS_HASH)
        event = ScoreEvent.stamp(change, sheet_id=sheet.id, assignment_id=sheet.assignment_id,
                                 actor=self._author.actor, device_id=device_id, device_seq=seq + 1, prev_hash=prev)
        conn.execute(insert(_EVENTS).values(
            id=event.id, sheet_seq=sheet.event_count + 1, sheet_id=event.sheet_id,
            assignment_id=event.assignment_id, actor=event.actor, device_id=device_id, device_seq=event.device_seq,
            at=event.at, field=event.field, old=event.old, new=event.new, reason=event.reason,
            prev_hash=event.prev_hash, hash=event.hash))
        if chain:
            conn.execute(update(_CHAIN).where(_CHAIN.c.device_id == device_id)
                         .values(last_seq=event.device_seq, last_hash=event.hash))
        else:
            conn.execute(insert(_CHAIN).values(device_id=device_id, last_seq=event.device_seq, last_hash=event.hash))
        return event

    def _state(self, conn: Connection, assignment_id: str) -> AssignmentState:
        value = conn.execute(select(_ASSIGNMENTS.c.state).where(_ASSIGNMENTS.c.id == assignment_id)).scalar_one()
        return AssignmentState(value)

    def _move(self, conn: Connection, assignment_id: str, target: AssignmentState) -> None:
        check_transition(self._state(conn, assignment_id), target)
        conn.execute(update(_ASSIGNMENTS).where(_ASSIGNMENTS.c.id == assignment_id)
                     .values(state=target.value, updated_at=utc_now()))

    def _start_if_new(self, conn: Connection, assignment_id: str) -> frozenset[str]:
        state = self._state(conn, assignment_id)
        if state is AssignmentState.NEW:
            self._move(conn, assignment_id, AssignmentState.IN_PROGRESS)
            return frozenset({assignment_id})
        return frozenset()


def _load_events(conn: Connection, sheet_id: str) -> list[ScoreEvent]:
    rows = conn.execute(select(_EVENTS).where(_EVENTS.c.sheet_id == sheet_id)
                        .order_by(_EVENTS.c.sheet_seq)).mappings()
    return [ScoreEvent.from_dict(dict(row)) for row in rows]
