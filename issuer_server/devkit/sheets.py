"""Build score-sheet pushes the way the desktop client does: every edit proposed through the domain,
stamped into a device's hash chain, then the sheet frozen with a submit event."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from assessor_app.domain.audit_chain import GENESIS_HASH
from assessor_app.domain.rubric import Credential, Recommendation
from assessor_app.domain.score_events import Change, ScoreEvent
from assessor_app.domain.score_sheet import ScoreSheet


def build_push(credential: Credential, assignment_id: str, levels: Mapping[str, str], *, actor: str = "assessor",
               device_id: str = "device-1", prev_hash: str = GENESIS_HASH, overall_feedback: str = "Thank you.",
               feedback: Mapping[str, str] | None = None, override: Recommendation | None = None,
               override_reason: str | None = None, validate_override: bool = True,
               submit: bool = True) -> dict[str, Any]:
    """A push body for ``PUT /assignments/{id}/score-sheet``; ``validate_override=False`` lets a test
    build a contradicting override without a reason (which the domain itself would refuse)."""
    sheet = ScoreSheet(str(uuid.uuid4()), assignment_id, credential.id, credential.version)
    changes: list[Change] = []
    for criterion_id, level_id in levels.items():
        changes.append(sheet.propose_level(credential, criterion_id, level_id))
    for criterion in credential.rubric.criteria:
        text = (feedback or {}).get(criterion.id)
        if text is None and criterion.id in levels and not criterion.meets(levels[criterion.id]):
            text = f"Next time, work on {criterion.name.lower()}."
        if text:
            changes.append(sheet.propose_feedback(credential, criterion.id, text))
    changes.append(sheet.propose_overall_feedback(overall_feedback))
    if override is not None:
        changes.append(Change("recommendation", None, override.value, override_reason) if not validate_override
                       else sheet.propose_override(credential, override, override_reason))
    events = []
    seq = 0
    for change in changes:
        seq += 1
        event = ScoreEvent.stamp(change, sheet_id=sheet.id, assignment_id=assignment_id, actor=actor,
                                 device_id=device_id, device_seq=seq, prev_hash=prev_hash)
        sheet, prev_hash = sheet.apply(event), event.hash
        events.append(event)
    if submit and not sheet.submission_problems(credential):
        event = ScoreEvent.stamp(sheet.propose_submit(credential), sheet_id=sheet.id, assignment_id=assignment_id,
                                 actor=actor, device_id=device_id, device_seq=seq + 1, prev_hash=prev_hash)
        sheet = sheet.apply(event)
        events.append(event)
    recommendation = sheet.recommendation(credential)
    return {
        "sheet_id": sheet.id, "credential_id": credential.id, "credential_version": credential.version,
        "levels": dict(sheet.levels), "feedback": dict(sheet.feedback), "overall_feedback": sheet.overall_feedback,
        "anchors": [a.to_dict() for a in sheet.anchors.values()],
        "recommendation": recommendation.value if recommendation else "not_yet",
        "override_reason": sheet.override_reason, "events": [e.to_dict() for e in events],
        "coverage": {"evidence_viewed": []},
    }


def all_at(credential: Credential, rank: int) -> dict[str, str]:
    """Every criterion at the level of the given rank (0 = lowest)."""
    return {c.id: c.levels[rank].id for c in credential.rubric.criteria}
