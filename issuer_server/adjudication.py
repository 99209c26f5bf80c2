"""Adjudication of double-scored pairs (docs/LEAD.md): when the second of a live/second-read pair arrives, the
credential's discrepancy rule decides whether a lead must resolve it; a lead then records resolved levels and a
reason. Both original reads stay in ``received_sheets`` untouched: a resolution is a row of its own."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessor_app.domain.clock import utc_now
from issuer_server import lead_policy
from issuer_server.audit import record as audit_record
from issuer_server.errors import Conflict, IssuerError, NotFound
from issuer_server.feed import next_seq
from issuer_server.manifests import manifest_of
from issuer_server.models import Adjudication, Assignment, MasterScore, ReceivedSheet, Submission, User

PAIR = {"live": "second_read", "second_read": "live"}


def on_sheet_received(session: Session, assignment: Assignment, now: str) -> Adjudication | None:
    """Called in the push's transaction once the sheet is stored. Opens an adjudication when this sheet completes
    a discrepant live/second-read pair, and lets a calibration item's assessor know its result is ready."""
    if assignment.kind == "calibration":
        if session.get(MasterScore, assignment.submission_id) is not None:
            assignment.updated_at, assignment.change_seq = now, next_seq(session)  # the feed's calibration_result
        return None
    other_kind = PAIR.get(assignment.kind)
    if other_kind is None:
        return None
    other = session.scalars(select(Assignment).where(
        Assignment.submission_id == assignment.submission_id, Assignment.kind == other_kind,
        Assignment.status == "assigned").order_by(Assignment.created_at).limit(1)).first()
    if other is None:
        return None
    first, second = (assignment, other) if assignment.kind == "live" else (other, assignment)
    sheets = lead_policy.latest_sheets(session, [first.id, second.id])
    if first.id not in sheets or second.id not in sheets:
        return None
    already = session.scalars(select(Adjudication.id).where(
        Adjudication.first_assignment_id == first.id, Adjudication.second_assignment_id == second.id,
        Adjudication.status == "open")).first()
    if already is not None:
        return None
    rule = lead_policy.policy(session, assignment.credential_id).discrepancy
    credential = lead_policy.credential(session, assignment.credential_id, assignment.credential_version)
    found = rule.discrepancies(credential, lead_policy.levels_of(sheets[first.id]),
                               lead_policy.levels_of(sheets[second.id]))
    if not found:
        return None
    row = Adjudication(id=str(uuid.uuid4()), submission_id=assignment.submission_id,
                       credential_id=assignment.credential_id, credential_version=assignment.credential_version,
                       first_assignment_id=first.id, second_assignment_id=second.id,
                       reasons=[{"criterion_id": d.criterion_id, "first": d.first, "second": d.second,
                                 "steps": d.steps, "explanation": d.explanation} for d in found],
                       status="open", opened_at=now, resolved_levels=None, decision=None, reason=None,
                       resolved_by=None, resolved_at=None)
    session.add(row)
    session.flush()
    audit_record.adjudication_opened(session, row)  # the audit log's "adjudication-opened" entry
    return row


def summary(row: Adjudication) -> dict[str, Any]:
    item = {"id": row.id, "submission_id": row.submission_id, "credential_id": row.credential_id,
            "credential_version": row.credential_version, "opened_at": row.opened_at, "reasons": row.reasons,
            "status": row.status}
    if row.status == "resolved":
        item["resolution"] = {"levels": row.resolved_levels, "decision": row.decision, "reason": row.reason,
                              "resolved_by": row.resolved_by, "resolved_at": row.resolved_at}
    return item


def listing(session: Session, status: str | None) -> list[dict[str, Any]]:
    query = select(Adjudication).order_by(Adjudication.opened_at, Adjudication.id)
    if status is not None:
        query = query.where(Adjudication.status == status)
    return [summary(row) for row in session.scalars(query)]


def _read(session: Session, assignment_id: str, sheets: Mapping[str, ReceivedSheet]) -> dict[str, Any]:
    assignment = session.get(Assignment, assignment_id)
    assert assignment is not None  # foreign key
    sheet = sheets[assignment_id]
    return {"assignment_id": assignment_id, "kind": assignment.kind,
            "assessor": session.scalar(select(User.username).where(User.id == assignment.assessor_id)),
            "received_at": sheet.received_at, "levels": lead_policy.levels_of(sheet),
            "feedback": sheet.body.get("feedback") or {}, "overall_feedback": sheet.body.get("overall_feedback", ""),
            "recommendation": sheet.recommendation}


def detail(session: Session, adjudication_id: str) -> dict[str, Any]:
    row = session.get(Adjudication, adjudication_id)
    if row is None:
        raise NotFound(f"There is no adjudication {adjudication_id!r}.")
    sheets = lead_policy.latest_sheets(session, [row.first_assignment_id, row.second_assignment_id])
    submission = session.get(Submission, row.submission_id)
    assert submission is not None  # foreign key
    return {**summary(row), "reads": [_read(session, row.first_assignment_id, sheets),
                                      _read(session, row.second_assignment_id, sheets)],
            "submission": manifest_of(session, submission)}


def resolve(session: Session, adjudication_id: str, levels: Mapping[str, str], reason: str, lead: str
            ) -> dict[str, Any]:
    """Record the lead's resolved levels and reason, once; the decision is what the rubric derives from them."""
    row = session.get(Adjudication, adjudication_id, with_for_update=True)
    if row is None:
        raise NotFound(f"There is no adjudication {adjudication_id!r}.")
    if row.status != "open":
        raise Conflict(f"Adjudication {adjudication_id} was already resolved by {row.resolved_by} at "
                       f"{row.resolved_at}; a resolution is never changed.")
    if not reason.strip():
        raise IssuerError("Say why you resolved the pair this way: the reason is kept with the resolution.")
    credential = lead_policy.credential(session, row.credential_id, row.credential_version)
    for criterion in credential.rubric.criteria:
        if levels.get(criterion.id) not in {lv.id for lv in criterion.levels}:
            raise IssuerError(f"Choose a level of “{criterion.name}” ({criterion.id}) for the resolution.")
    extra = sorted(set(levels) - {c.id for c in credential.rubric.criteria})
    if extra:
        raise IssuerError(f"The rubric has no criterion {', '.join(extra)}.")
    decision = credential.rubric.decide(levels)
    assert decision is not None  # every criterion has a level
    row.resolved_levels, row.decision, row.reason = dict(levels), decision.value, reason.strip()
    row.resolved_by, row.resolved_at, row.status = lead, utc_now(), "resolved"
    session.flush()
    audit_record.adjudication_resolved(session, row)  # the audit log's "adjudication" entry
    return summary(row)
