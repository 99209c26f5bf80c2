"""Recording a checked score sheet: one ``received_sheets`` row per accepted push and its events as
append-only rows (an event already stored from an earlier round must be byte-identical)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from assessor_app.domain.clock import utc_now
from issuer_server import adjudication, device_chain, idempotency
from issuer_server.audit import record as audit_record
from issuer_server.audit.entries import sorted_json
from issuer_server.models import Assignment, ReceivedSheet, ScoreEventRow
from issuer_server.problems import Problem
from issuer_server.schemas import ScoreSheetPush
from issuer_server.sheet_intake import CheckedSheet, refuse_if_closed
from issuer_server.tokens import Principal


def already_received() -> Problem:
    return Problem(409, "sheet-already-received",
                   "The issuer already holds a score sheet for this assignment. A changed sheet is accepted "
                   "only after the issuer returns the assignment for rescoring.")


def store(session: Session, user: Principal, assignment_id: str, push: ScoreSheetPush, checked: CheckedSheet,
          key: str, *, lock_rows: bool) -> dict[str, Any]:
    """Insert the sheet and its new events and store the idempotent response, all in the caller's transaction."""
    assignment = session.get(Assignment, assignment_id, with_for_update=lock_rows)
    if assignment is None or assignment.assessor_id != user.id:  # pragma: no cover - checked just before
        raise Problem(404, "not-found", "No assignment with that id is available to you.")
    refuse_if_closed(assignment)
    taken = session.scalars(select(ReceivedSheet.id).where(ReceivedSheet.assignment_id == assignment_id,
                                                           ReceivedSheet.round == assignment.sheet_round)).first()
    if taken is not None:
        raise already_received()
    now = utc_now()
    body = sorted_json(push.model_dump(mode="json"))  # sorted keys: stored as its canonical JSON (audit/verify.py)
    # Core inserts rather than ORM objects: this is the hot write path of a sync.
    session.execute(insert(ReceivedSheet).values(
        assignment_id=assignment_id, round=assignment.sheet_round, sheet_id=push.sheet_id, assessor_id=user.id,
        received_at=now, recommendation=push.recommendation, derived_recommendation=checked.derived,
        override_reason=push.override_reason, body=body))
    ids = [e.id for e in checked.events]
    known = {row.id: (row.hash, row.assignment_id) for row in session.execute(
        select(ScoreEventRow.id, ScoreEventRow.hash, ScoreEventRow.assignment_id).where(ScoreEventRow.id.in_(ids)))}
    fresh = []
    for event in checked.events:
        old = known.get(event.id)
        if old is not None:
            if old != (event.hash, assignment_id):
                raise Problem(422, "event-rewritten", f"Event {event.id} was received before with different "
                              "content; score events can never be changed, only followed by new ones.")
            continue
        fresh.append({"id": event.id, "sheet_id": event.sheet_id, "assignment_id": event.assignment_id,
                      "actor": event.actor, "device_id": str(event.device_id), "device_seq": event.device_seq,
                      "at": event.at, "field": event.field,
                      "old": sorted_json(event.old), "new": sorted_json(event.new),  # stored as canonical JSON
                      "reason": event.reason, "prev_hash": event.prev_hash, "hash": event.hash, "received_at": now})
    # Device chains: signed positions checked against the issuer's copy and recorded (device rows locked on PG).
    signatures = device_chain.record(session, user.username, checked.events, checked.links,
                                     (row["id"] for row in fresh), lock_rows=lock_rows)
    if fresh:
        session.execute(insert(ScoreEventRow), fresh)

    receipt = {"assignment_id": assignment_id, "sheet_id": push.sheet_id, "received_at": now,
               "recommendation": push.recommendation, "derived_recommendation": checked.derived,
               "status": "received"}
    idempotency.finish(session, user.id, key, 201, receipt)
    session.flush()

    # Audit log (docs/AUDIT.md): the new events, then the decision, appended in this same transaction. Late,
    # since appends take turns on the log head until commit (PostgreSQL row lock).
    audit_record.sheet_received(session, assessor=user.username, assignment_id=assignment_id,
                                round_=assignment.sheet_round, sheet_id=push.sheet_id, received_at=now,
                                recommendation=push.recommendation, derived_recommendation=checked.derived,
                                override_reason=push.override_reason, body=body, event_rows=fresh,
                                signatures=signatures)
    # Lead scoring (docs/LEAD.md): a discrepant live/second-read pair opens an adjudication, in this transaction.
    # It stays after the append: holding the log head, it sees the other read's sheet if that one committed first.
    adjudication.on_sheet_received(session, assignment, now)
    session.flush()
    return receipt
