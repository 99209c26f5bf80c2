"""Words for the recommendation and for submitting: what the rule derives and why, in the assessor's terms.

Plain functions over domain objects (no Qt), so the phrasing is tested without widgets. The rule itself
stays in ``domain.rubric.DecisionRule``; this module only explains its outcome.
"""

from __future__ import annotations

from collections.abc import Mapping

from assessor_app.domain.rubric import Credential, Recommendation
from assessor_app.domain.score_sheet import ScoreSheet


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def derived_explanation(credential: Credential, levels: Mapping[str, str]) -> str:
    """E.g. "Earned — every criterion meets the bar" or "Not Yet — Video evidence is below Proficient"."""
    rubric = credential.rubric
    criteria = rubric.criteria
    scored = sum(1 for c in criteria if c.id in levels)
    outcome = rubric.decide(levels)
    if outcome is None:
        return f"Score every criterion to see the recommendation ({scored} of {len(criteria)} scored)"
    rule = rubric.rule
    below = [c for c in criteria if not c.meets(levels[c.id])]
    if outcome is Recommendation.EARNED:
        if not below:
            return "Earned — every criterion meets the bar"
        return f"Earned — {len(criteria) - len(below)} of {len(criteria)} criteria meet the bar"
    if rule.floor_rank is not None:
        floored = [c for c in criteria if c.rank(levels[c.id]) < rule.floor_rank]
        if floored:
            verb = "is" if len(floored) == 1 else "are"
            return f"Not Yet — {_names([c.name for c in floored])} {verb} below the lowest level the rule allows"
    if rule.min_meeting is not None and rule.min_meeting < len(criteria):
        meeting = len(criteria) - len(below)
        return f"Not Yet — {meeting} of {len(criteria)} criteria meet the bar ({rule.min_meeting} needed)"
    if len(below) == 1:
        only = below[0]
        return f"Not Yet — {only.name} is below {only.level(only.required_level_id).label}"
    return f"Not Yet — {_names([c.name for c in below])} are below the bar"


def first_unready_criterion(sheet: ScoreSheet, credential: Credential) -> str | None:
    """The criterion the first submission problem is about (unscored, or below the bar without feedback)."""
    for criterion in credential.rubric.criteria:
        level_id = sheet.levels.get(criterion.id)
        if level_id is None:
            return criterion.id
        if not criterion.meets(level_id) and not sheet.feedback.get(criterion.id, "").strip():
            return criterion.id
    return None


def submit_confirmation(recommendation: Recommendation | None, coverage: str, coverage_warn: bool) -> str:
    label = recommendation.label if recommendation else "no recommendation"
    text = (f"Submit your recommendation of {label}?\n\n"
            "The sheet becomes read-only and is queued to be sent to the issuer. "
            "Any later change will need a reason.")
    if coverage_warn and coverage:
        text += f"\n\nYou have not seen all of the evidence: {coverage}."
    return text
