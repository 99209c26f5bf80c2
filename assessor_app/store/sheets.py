"""Score sheets in the cache: every edit is one score event, committed durably before the call returns.

There is no Save: ``record`` appends the event, advances this device's hash chain and moves a new
assignment to in progress, all in one ``BEGIN IMMEDIATE`` transaction. ``submit`` freezes the sheet and
queues it in the outbox, with its idempotency key, in the same transaction as its final event.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select

from assessor_app.domain.assignment import AssignmentState, check_transition
from assessor_app.domain.audit_chain import GENESIS_HASH
from assessor_app.domain.clock import utc_now
from assessor_app.domain.errors import DomainError
from assessor_app.domain.rubric import Credential
from assessor_app.domain.score_events import Change, ScoreEvent
from assessor_app.domain.score_sheet import ScoreSheet
from assessor_app.domain.signing import SigningKey
from assessor_app.domain.wire import sheet_push_body
from assessor_app.store.changes import Changes
from assessor_app.store.database import Database
from assessor_app.store.schema import AssignmentRow, OutboxRow, ScoreEventRow, ScoreSheetRow

_EVENTS = ScoreEventRow.__table__
_ASSIGNMENTS = AssignmentRow.__table__


@dataclass(frozen=True, slots=True)
class Author:
    """Who is editing, and on which device (the device's events form one hash chain). ``signer`` is that device's
    key once it is loaded; events recorded without it are signed when pushed (the signature covers only the hash)."""

    actor: str
    device_id: str
    signer: SigningKey | None = None


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
        with self._db.write_raw() as conn:
            state = self._state(conn, sheet.assignment_id)
            if state in (AssignmentState.REVOKED, AssignmentState.CONFLICT) and not (change.reason or "").strip():
                raise DomainError("The issuer withdrew this assignment: your work on it is kept, "
                                  "but it can no longer be scored.")
            event = self._append(conn, sheet, change)
            touched: frozenset[str] = frozenset()
            if state is AssignmentState.NEW:
                self._move(conn, sheet.assignment_id, AssignmentState.IN_PROGRESS, current=state)
                touched = frozenset({sheet.assignment_id})
        return Recorded(sheet.apply(event), event, Changes(sheets=frozenset({sheet.id}), assignments=touched))

    def submit(self, sheet: ScoreSheet, credential: Credential, coverage: dict | None = None) -> Recorded:
        """Freeze the sheet and queue it for the issuer, atomically: either all of it happened or none."""
        change = sheet.propose_submit(credential)
        with self._db.write() as conn:
            raw = conn.connection.driver_connection  # same connection, same transaction
            state = self._state(raw, sheet.assignment_id)
            if state is not AssignmentState.IN_PROGRESS:
                check_transition(state, AssignmentState.SUBMITTED)
            event = self._append(raw, sheet, change)
            submitted = sheet.apply(event)
            self._move(raw, sheet.assignment_id, AssignmentState.SUBMITTED)
            body = sheet_push_body(submitted, credential, _load_events(conn, sheet.id), coverage)
            conn.execute(insert(OutboxRow.__table__).values(
                idempotency_key=str(uuid.uuid4()), assignment_id=sheet.assignment_id, kind="score_sheet",
                payload=body, created_at=event.at, attempts=0))
            self._move(raw, sheet.assignment_id, AssignmentState.QUEUED)
        return Recorded(submitted, event, Changes(sheets=frozenset({sheet.id}),
                                                  assignments=frozenset({sheet.assignment_id}), outbox=True))

    # --- inside a transaction ----------------------------------------------------------------
    def _append(self, conn: sqlite3.Connection, sheet: ScoreSheet, change: Change) -> ScoreEvent:
        # The per-edit path runs fixed SQL on the writer's sqlite3 connection: building and executing SQLAlchemy
        # statements per call cost more than the fsync itself (bench/score_commit.py).
        device_id = self._author.device_id
        chain = conn.execute(_CHAIN_SQL, (device_id,)).fetchone()
        seq, prev = (chain[0], chain[1]) if chain else (0, GENESIS_HASH)
        event = ScoreEvent.stamp(change, sheet_id=sheet.id, assignment_id=sheet.assignment_id,
                                 actor=self._author.actor, device_id=device_id, device_seq=seq + 1, prev_hash=prev)
        signer = self._author.signer
        if signer is not None:
            event = event.signed(signer.sign_event(event.hash))
        conn.execute(_INSERT_EVENT_SQL, (
            event.id, sheet.event_count + 1, event.sheet_id, event.assignment_id, event.actor, device_id,
            event.device_seq, event.at, event.field, _json(event.old), _json(event.new), event.reason,
            event.prev_hash, event.hash, event.signature))
        conn.execute(_ADVANCE_CHAIN_SQL, (device_id, event.device_seq, event.hash))
        return event

    def _state(self, conn: sqlite3.Connection, assignment_id: str) -> AssignmentState:
        row = conn.execute("SELECT state FROM assignments WHERE id = ?", (assignment_id,)).fetchone()
        if row is None:
            raise DomainError(f"Assignment {assignment_id} is not in the local cache; sync first.")
        return AssignmentState(row[0])

    def _move(self, conn: sqlite3.Connection, assignment_id: str, target: AssignmentState,
              current: AssignmentState | None = None) -> None:
        check_transition(current or self._state(conn, assignment_id), target)
        conn.execute("UPDATE assignments SET state = ?, updated_at = ? WHERE id = ?",
                     (target.value, utc_now(), assignment_id))


_CHAIN_SQL = "SELECT last_seq, last_hash FROM device_chain WHERE device_id = ?"
_INSERT_EVENT_SQL = (
    "INSERT INTO score_events (id, sheet_seq, sheet_id, assignment_id, actor, device_id, device_seq, at, field, "
    "old, new, reason, prev_hash, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_ADVANCE_CHAIN_SQL = (
    "INSERT INTO device_chain (device_id, last_seq, last_hash) VALUES (?, ?, ?) "
    "ON CONFLICT(device_id) DO UPDATE SET last_seq = excluded.last_seq, last_hash = excluded.last_hash"
)


def _json(value: object) -> str | None:
    """Serialise as SQLAlchemy's JSON type does, so rows read back through it identically."""
    return None if value is None else json.dumps(value)


def _load_events(conn: Connection, sheet_id: str) -> list[ScoreEvent]:
    rows = conn.execute(select(_EVENTS).where(_EVENTS.c.sheet_id == sheet_id)
                        .order_by(_EVENTS.c.sheet_seq)).mappings()
    return [ScoreEvent.from_dict(dict(row)) for row in rows]
