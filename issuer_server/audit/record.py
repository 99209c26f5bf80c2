"""The issuer's operations hand their facts to the audit log here, in their own transaction (one append, so
one checkpoint, per transaction)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from issuer_server.audit import entries
from issuer_server.audit.log import append
from issuer_server.models import Adjudication, CredentialVersion, Device, DeviceLink, ReceivedSheet


def link_signatures(session: Session, rows: Sequence[Mapping[str, Any]]) -> dict[tuple[str, int], str]:
    """The signature ``device_links`` holds for each event's chain position."""
    if not rows:
        return {}
    wanted = {(str(r["device_id"]), int(r["device_seq"])) for r in rows}
    found = session.execute(select(DeviceLink.device_id, DeviceLink.device_seq, DeviceLink.signature).where(
        DeviceLink.device_id.in_({d for d, _ in wanted}), DeviceLink.device_seq.in_({s for _, s in wanted})))
    return {(d, int(s)): sig for d, s, sig in found if (d, int(s)) in wanted}


def sheet_received(session: Session, *, assessor: str, assignment_id: str, round_: int, sheet_id: str,
                   received_at: str, recommendation: str, derived_recommendation: str | None,
                   override_reason: str | None, body: Any, event_rows: Sequence[Mapping[str, Any]],
                   signatures: Mapping[tuple[str, int], str] | None = None) -> range:
    """The push's new score events (``score_events`` rows, in push order) and then its decision. ``signatures``:
    what ``device_links`` holds for their positions, when the caller just wrote or read it (else it is read)."""
    if signatures is None or any((str(r["device_id"]), int(r["device_seq"])) not in signatures for r in event_rows):
        signatures = link_signatures(session, event_rows)
    logged = [entries.score_event(row, signatures.get((str(row["device_id"]), int(row["device_seq"]))))
              for row in event_rows]
    logged.append(entries.decision(
        assignment_id=assignment_id, round_=round_, sheet_id=sheet_id, assessor=assessor, received_at=received_at,
        recommendation=recommendation, derived_recommendation=derived_recommendation,
        override_reason=override_reason, body_sha256=entries.sha256_json(body)))
    return append(session, logged)


def sheet_reviewed(session: Session, sheet: ReceivedSheet) -> range:
    return append(session, [entries.review(
        assignment_id=sheet.assignment_id, round_=sheet.round, decision=str(sheet.review_decision),
        note=sheet.review_note, reviewed_by=sheet.reviewed_by, reviewed_at=sheet.reviewed_at)])


def rubric_versions(session: Session, rows: Iterable[CredentialVersion]) -> range:
    return append(session, [entries.rubric_version(credential_id=r.credential_id, version=r.version,
                                                   document=r.document, created_at=r.created_at) for r in rows])


def device_registered(session: Session, row: Device, username: str) -> range:
    return append(session, [entries.device_key(device_id=row.device_id, public_key=row.public_key,
                                               username=username, registered_at=row.registered_at)])


def adjudication_opened(session: Session, row: Adjudication) -> range:
    return append(session, [entries.adjudication_opened(
        adjudication_id=row.id, submission_id=row.submission_id, first_assignment_id=row.first_assignment_id,
        second_assignment_id=row.second_assignment_id, reasons=row.reasons, opened_at=row.opened_at)])


def adjudication_resolved(session: Session, row: Adjudication) -> range:
    return append(session, [entries.adjudication(
        adjudication_id=row.id, submission_id=row.submission_id, levels=row.resolved_levels, decision=row.decision,
        reason=row.reason, resolved_by=row.resolved_by, resolved_at=row.resolved_at)])
