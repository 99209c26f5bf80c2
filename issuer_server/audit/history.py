"""What an auditor reads about submissions: a search over them, and one submission's whole score history with
the log index of every item, so the auditor's own code can rebuild each log entry and check its inclusion.

Items are built from the source tables (not copied from the log), exactly as ``entries`` builds the log's entries:
a source row changed after it was logged then fails the auditor's inclusion check instead of being hidden.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from issuer_server.audit import entries
from issuer_server.audit.proofs import checkpoint
from issuer_server.models import (
    Assignment,
    AuditEntry,
    CredentialVersion,
    Device,
    DeviceLink,
    ReceivedSheet,
    ScoreEventRow,
    Submission,
    User,
)

MAX_RESULTS = 1000


def search(conn: Connection, *, credential_id: str | None, assessor: str | None, since: str | None,
           until: str | None, decision: str | None) -> list[dict[str, Any]]:
    """Submissions, most recently decided first; ``since``/``until`` bound the last sheet's receipt time and
    ``decision`` is the recommendation of the most recent sheet."""
    sheets = (select(Assignment.submission_id.label("submission_id"),
                     func.max(ReceivedSheet.received_at).label("last"))
              .join(ReceivedSheet, ReceivedSheet.assignment_id == Assignment.id)
              .group_by(Assignment.submission_id).subquery())
    latest = (select(ReceivedSheet.recommendation).join(Assignment, Assignment.id == ReceivedSheet.assignment_id)
              .where(Assignment.submission_id == Submission.id)
              .order_by(ReceivedSheet.received_at.desc(), ReceivedSheet.id.desc()).limit(1).scalar_subquery())
    query = (select(Submission.id, Submission.credential_id, Submission.credential_version, Submission.attempt,
                    sheets.c.last, latest.label("decision"))
             .outerjoin(sheets, sheets.c.submission_id == Submission.id))
    if credential_id:
        query = query.where(Submission.credential_id == credential_id)
    if assessor:
        query = query.where(exists(select(Assignment.id).join(User, User.id == Assignment.assessor_id).where(
            Assignment.submission_id == Submission.id, User.username == assessor)))
    if since:
        query = query.where(sheets.c.last >= since)
    if until:
        query = query.where(sheets.c.last <= until)
    if decision:
        query = query.where(latest == decision)
    rows = conn.execute(query.order_by(sheets.c.last.desc().nulls_last(), Submission.id).limit(MAX_RESULTS)).all()
    names: dict[str, list[str]] = {}
    if rows:
        for submission_id, username in conn.execute(
                select(Assignment.submission_id, User.username).join(User, User.id == Assignment.assessor_id)
                .where(Assignment.submission_id.in_([r.id for r in rows]))
                .order_by(Assignment.created_at, Assignment.id)):
            names.setdefault(submission_id, []).append(username)
    return [{"submission_id": r.id, "credential_id": r.credential_id, "credential_version": r.credential_version,
             "attempt": r.attempt, "assessors": list(dict.fromkeys(names.get(r.id, []))),
             "last_received_at": r.last, "decision": r.decision} for r in rows]


def _log_indexes(session: Session, kind: str, refs: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in (refs[i:i + 500] for i in range(0, len(refs), 500)):
        found.update((ref, int(index)) for ref, index in session.execute(
            select(AuditEntry.ref, AuditEntry.index).where(AuditEntry.kind == kind, AuditEntry.ref.in_(chunk))))
    return found


def _links(session: Session, pairs: Sequence[tuple[str, int]]) -> dict[tuple[str, int], DeviceLink]:
    found: dict[tuple[str, int], DeviceLink] = {}
    for chunk in (pairs[i:i + 200] for i in range(0, len(pairs), 200)):
        condition = or_(*(and_(DeviceLink.device_id == d, DeviceLink.device_seq == s) for d, s in chunk))
        for row in session.scalars(select(DeviceLink).where(condition)):
            found[(row.device_id, int(row.device_seq))] = row
    return found


def history(session: Session, submission: Submission) -> dict[str, Any]:
    assignments = session.execute(select(Assignment, User.username).join(User, User.id == Assignment.assessor_id)
                               .where(Assignment.submission_id == submission.id)
                               .order_by(Assignment.created_at, Assignment.id)).all()
    ids = [a.id for a, _ in assignments]
    sheets = session.execute(select(ReceivedSheet, User.username).join(User, User.id == ReceivedSheet.assessor_id)
                          .where(ReceivedSheet.assignment_id.in_(ids))
                          .order_by(ReceivedSheet.received_at, ReceivedSheet.id)).all() if ids else []
    rows = session.scalars(select(ScoreEventRow).where(ScoreEventRow.assignment_id.in_(ids))).all() if ids else []
    positions = [(r.device_id, int(r.device_seq)) for r in rows]
    held = set(positions)
    wanted = sorted(held | {(d, s - 1) for d, s in positions if s > 1})
    links = _links(session, wanted)
    event_index = _log_indexes(session, entries.SCORE_EVENT, [r.id for r in rows])
    events = []
    for row in rows:
        link = links.get((row.device_id, int(row.device_seq)))
        values = {name: getattr(row, name) for name in entries.EVENT_COLUMNS}
        events.append({**entries.score_event(values, link.signature if link else None).members,
                       "log_index": event_index.get(row.id)})
    events.sort(key=lambda e: (e["log_index"] if e["log_index"] is not None else 1 << 62, e["device_id"],
                               e["device_seq"]))
    refs = [entries.sheet_ref(s.assignment_id, s.round) for s, _ in sheets]
    decision_index = _log_indexes(session, entries.DECISION, refs)
    review_index = _log_indexes(session, entries.REVIEW, refs)
    decisions, reviews = [], []
    for sheet, username in sheets:
        ref = entries.sheet_ref(sheet.assignment_id, sheet.round)
        decision = entries.decision(
            assignment_id=sheet.assignment_id, round_=sheet.round, sheet_id=sheet.sheet_id, assessor=username,
            received_at=sheet.received_at, recommendation=sheet.recommendation,
            derived_recommendation=sheet.derived_recommendation, override_reason=sheet.override_reason,
            body_sha256=entries.sha256_json(sheet.body))
        decisions.append({**decision.members, "log_index": decision_index.get(ref)})
        if sheet.review_decision is not None:
            review = entries.review(assignment_id=sheet.assignment_id, round_=sheet.round,
                                    decision=sheet.review_decision, note=sheet.review_note,
                                    reviewed_by=sheet.reviewed_by, reviewed_at=sheet.reviewed_at)
            reviews.append({**review.members, "log_index": review_index.get(ref)})
    devices = sorted({r.device_id for r in rows})
    keys = {d: k for d, k in session.execute(select(Device.device_id, Device.public_key)
                                             .where(Device.device_id.in_(devices)))} if devices else {}
    versions = sorted({submission.credential_version, *(a.credential_version for a, _ in assignments)})
    documents = {v: doc for v, doc in session.execute(
        select(CredentialVersion.version, CredentialVersion.document).where(
            CredentialVersion.credential_id == submission.credential_id, CredentialVersion.version.in_(versions)))}
    rounds: dict[str, int] = {}
    for sheet, _ in sheets:
        rounds[sheet.assignment_id] = rounds.get(sheet.assignment_id, 0) + 1
    return {
        "submission": {"id": submission.id, "credential_id": submission.credential_id,
                       "credential_version": submission.credential_version, "attempt": submission.attempt,
                       "candidate_ref": submission.candidate_ref},
        "assignments": [{"id": a.id, "assessor": username, "kind": a.kind,
                         "status": (a.status_reason or a.status) if a.status == "revoked" else a.status,
                         "credential_version": a.credential_version, "rounds": rounds.get(a.id, 0)}
                        for a, username in assignments],
        "events": events, "decisions": decisions, "reviews": reviews, "devices": keys,
        "links": [{"device_id": d, "device_seq": s, "prev_hash": links[(d, s)].prev_hash,
                   "hash": links[(d, s)].hash, "signature": links[(d, s)].signature}
                  for d, s in wanted if (d, s) not in held and (d, s) in links],
        "credentials": {version: _document(doc) for version, doc in documents.items()},
        "checkpoint": checkpoint(session.connection()),
    }


def _document(doc: Any) -> Any:
    return json.loads(doc) if isinstance(doc, str) else doc
