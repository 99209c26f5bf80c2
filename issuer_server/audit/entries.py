"""What the audit log holds: one entry per accepted fact, as canonical JSON (docs/AUDIT.md, "The issuer's audit
log"). Each builder takes exactly the values its source row holds, so ``audit verify`` can rebuild every entry from
the source tables and compare."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessor_app.domain.audit_chain import canonical_json

SCORE_EVENT = "score-event"
DECISION = "decision"
REVIEW = "review"
RUBRIC_VERSION = "rubric-version"
DEVICE_KEY = "device-key"
ADJUDICATION_OPENED = "adjudication-opened"  # lead scoring (docs/LEAD.md)
ADJUDICATION = "adjudication"
KINDS = (SCORE_EVENT, DECISION, REVIEW, RUBRIC_VERSION, DEVICE_KEY, ADJUDICATION_OPENED, ADJUDICATION)

# The members of a score event as the issuer stores it (``score_events`` plus the signature from ``device_links``).
EVENT_COLUMNS = ("id", "sheet_id", "assignment_id", "actor", "device_id", "device_seq", "at", "field", "old", "new",
                 "reason", "prev_hash", "hash", "received_at")


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    ref: str  # names the source row: an event id, "assignment/round", "credential@version", a device id
    members: Mapping[str, Any]  # everything besides ``kind``

    def text(self) -> str:
        return canonical_json({**self.members, "kind": self.kind}).decode("utf-8")


def sha256_json(value: Any) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()


def sorted_json(value: Any) -> Any:
    """``value`` with every object's keys in sorted order: stored in a JSON column, its text is its canonical JSON
    (see ``db.json_text``), which lets ``audit verify`` hash a sheet body as stored."""
    if isinstance(value, dict):
        return {k: sorted_json(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [sorted_json(v) for v in value]
    return value


def sheet_ref(assignment_id: str, round_: int) -> str:
    return f"{assignment_id}/{round_}"


def rubric_ref(credential_id: str, version: str) -> str:
    return f"{credential_id}@{version}"


def score_event(row: Mapping[str, Any], signature: str | None) -> Entry:
    """``row``: the ``score_events`` columns; ``signature``: the one ``device_links`` holds for its position."""
    members = {name: row[name] for name in EVENT_COLUMNS}
    members["signature"] = signature
    return Entry(SCORE_EVENT, str(row["id"]), members)


def decision(*, assignment_id: str, round_: int, sheet_id: str, assessor: str, received_at: str,
             recommendation: str, derived_recommendation: str | None, override_reason: str | None,
             body_sha256: str) -> Entry:
    return Entry(DECISION, sheet_ref(assignment_id, round_), {
        "assignment_id": assignment_id, "round": round_, "sheet_id": sheet_id, "assessor": assessor,
        "received_at": received_at, "recommendation": recommendation,
        "derived_recommendation": derived_recommendation, "override_reason": override_reason,
        "body_sha256": body_sha256})


def review(*, assignment_id: str, round_: int, decision: str, note: str | None, reviewed_by: str | None,
           reviewed_at: str | None) -> Entry:
    return Entry(REVIEW, sheet_ref(assignment_id, round_), {
        "assignment_id": assignment_id, "round": round_, "decision": decision, "note": note,
        "reviewed_by": reviewed_by, "reviewed_at": reviewed_at})


def rubric_version(*, credential_id: str, version: str, document: Any, created_at: str) -> Entry:
    return Entry(RUBRIC_VERSION, rubric_ref(credential_id, version), {
        "credential_id": credential_id, "version": version, "document_sha256": sha256_json(document),
        "created_at": created_at})


def device_key(*, device_id: str, public_key: str, username: str, registered_at: str) -> Entry:
    return Entry(DEVICE_KEY, device_id, {"device_id": device_id, "public_key": public_key, "username": username,
                                         "registered_at": registered_at})


# --- Lead scoring (docs/LEAD.md): one entry when a pair goes to adjudication, one when a lead resolves it ---------
def adjudication_opened(*, adjudication_id: str, submission_id: str, first_assignment_id: str,
                        second_assignment_id: str, reasons: Any, opened_at: str) -> Entry:
    return Entry(ADJUDICATION_OPENED, adjudication_id, {
        "adjudication_id": adjudication_id, "submission_id": submission_id,
        "first_assignment_id": first_assignment_id, "second_assignment_id": second_assignment_id,
        "reasons": reasons, "opened_at": opened_at})


def adjudication(*, adjudication_id: str, submission_id: str, levels: Any, decision: str | None, reason: str | None,
                 resolved_by: str | None, resolved_at: str | None) -> Entry:
    return Entry(ADJUDICATION, adjudication_id, {
        "adjudication_id": adjudication_id, "submission_id": submission_id, "levels": levels, "decision": decision,
        "reason": reason, "resolved_by": resolved_by, "resolved_at": resolved_at})
