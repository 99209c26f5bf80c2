"""What a lead reads (docs/LEAD.md): credentials with their policy, every assessor's reads of a credential next to
the master scores, and who is qualified. Only the ``lead`` routes call this: assessors never see others' scores."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from issuer_server import lead_policy
from issuer_server.errors import NotFound
from issuer_server.models import Assignment, CredentialVersion, MasterScore, ReceivedSheet, User


def credentials(session: Session) -> list[dict[str, Any]]:
    latest: dict[str, CredentialVersion] = {}
    for row in session.scalars(select(CredentialVersion).order_by(CredentialVersion.row_id)):
        latest[row.credential_id] = row
    return [{"credential_id": cid, "version": row.version, "name": row.document.get("name", cid),
             "policy": lead_policy.policy(session, cid).to_json()} for cid, row in sorted(latest.items())]


def reads(session: Session, credential_id: str) -> dict[str, Any]:
    """Every assignment's latest received sheet for the credential, oldest first."""
    latest = lead_policy.latest_version(session, credential_id)
    if latest is None:
        raise NotFound(f"There is no credential {credential_id!r}.")
    rows = session.execute(
        select(Assignment, ReceivedSheet, User.username)
        .join(ReceivedSheet, ReceivedSheet.assignment_id == Assignment.id)
        .join(User, User.id == Assignment.assessor_id)
        .where(Assignment.credential_id == credential_id)
        .order_by(ReceivedSheet.received_at, ReceivedSheet.id)).all()
    newest: dict[str, tuple[Assignment, ReceivedSheet, str]] = {}
    for assignment, sheet, username in rows:
        if assignment.id not in newest or newest[assignment.id][1].round < sheet.round:
            newest[assignment.id] = (assignment, sheet, username)
    masters = {row.submission_id: row.levels for row in session.scalars(select(MasterScore).where(
        MasterScore.submission_id.in_({a.submission_id for a, _, _ in newest.values()})))}
    items = [{"assignment_id": a.id, "submission_id": a.submission_id, "credential_version": a.credential_version,
              "assessor": username, "kind": a.kind, "received_at": sheet.received_at,
              "levels": lead_policy.levels_of(sheet), "decision": sheet.recommendation,
              "master_levels": masters.get(a.submission_id)}
             for a, sheet, username in sorted(newest.values(), key=lambda r: (r[1].received_at, r[1].id))]
    return {"credential": latest.document, "reads": items}


def qualifications(session: Session, credential_id: str, version: str | None) -> dict[str, Any]:
    """Each assessor's standing on the credential version's calibration items (the latest version by default)."""
    latest = lead_policy.latest_version(session, credential_id)
    if latest is None:
        raise NotFound(f"There is no credential {credential_id!r}.")
    version = version or latest.version
    policy = lead_policy.policy(session, credential_id)
    items = []
    for user in session.scalars(select(User).order_by(User.username)):
        if "assessor" not in user.role_list and "lead" not in user.role_list:
            continue
        result = lead_policy.qualification(session, user.id, credential_id, version)
        items.append({"assessor": user.username, "items": result.items, "criteria_scored": result.criteria_scored,
                      "exact": result.exact, "adjacent": result.adjacent, "passed": result.passed,
                      "explanation": result.explanation})
    return {"credential_id": credential_id, "version": version, "rule": policy.qualification.describe(),
            "required": policy.requires_qualification, "items": items}
