"""What an assessor learns after handing in a calibration item (docs/LEAD.md): the master levels and the panel's
rationale beside their own. A validity item has master scores too, but is never revealed: it answers exactly like
live work, so an assessor cannot tell the two apart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessor_app.domain.calibration import QualificationRule
from issuer_server import lead_policy
from issuer_server.models import Assignment, MasterScore, ReceivedSheet
from issuer_server.problems import Problem, not_found


def ready(session: Session, rows: Sequence[Assignment]) -> set[str]:
    """The ids among ``rows`` whose calibration result can be read: calibration items with master scores and a
    received sheet. Live pages hold no calibration rows, so this costs no query there."""
    candidates = {row.id: row.submission_id for row in rows if row.kind == "calibration"}
    if not candidates:
        return set()
    mastered = set(session.scalars(select(MasterScore.submission_id).where(
        MasterScore.submission_id.in_(set(candidates.values())))))
    received = set(session.scalars(select(ReceivedSheet.assignment_id).where(
        ReceivedSheet.assignment_id.in_([a for a, s in candidates.items() if s in mastered]))))
    return received


def _unavailable() -> Problem:
    return not_found("calibration result")


def result(session: Session, assignment: Assignment) -> dict[str, Any]:
    """The calibration result of the caller's own assignment, or the one 404 every other case gets."""
    if assignment.kind != "calibration":
        raise _unavailable()
    master = session.get(MasterScore, assignment.submission_id)
    sheet = lead_policy.latest_sheets(session, [assignment.id]).get(assignment.id)
    if master is None or sheet is None:
        raise _unavailable()
    credential = lead_policy.credential(session, assignment.credential_id, assignment.credential_version)
    mine = lead_policy.levels_of(sheet)
    # One item's agreement is the qualification statistic over that single item.
    agreement = QualificationRule(min_exact=0.0).evaluate(credential, [(mine, master.levels)])
    matches = {c.id: mine.get(c.id) == master.levels.get(c.id) for c in credential.rubric.criteria}
    missed = [c for c in credential.rubric.criteria if not matches[c.id]]
    agreed = len(matches) - len(missed)
    explanation = f"You matched the master level on {agreed} of {len(matches)} criteria."
    if missed:
        explanation += " Read the rationale for " + ", ".join(f"“{c.name}”" for c in missed) + "."
    return {"assignment_id": assignment.id, "submission_id": assignment.submission_id,
            "master_levels": master.levels, "master_decision": master.decision, "rationale": master.rationale,
            "your_levels": mine, "your_decision": sheet.recommendation, "exact": agreement.exact,
            "matches": matches, "explanation": explanation}
