"""The score sheet: an assessor's levels, feedback, anchors and recommendation for one assignment.

The sheet is a fold over its score events (``ScoreSheet.replay``); ``propose_*`` methods validate an
edit against the rubric version the sheet is bound to and return a ``Change`` for the store to stamp
and commit. Nothing here mutates: ``apply`` returns a new sheet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from assessor_app.domain.anchors import EvidenceAnchor
from assessor_app.domain.errors import DomainError, SheetLocked
from assessor_app.domain.reason_codes import post_submit_reason_problem
from assessor_app.domain.rubric import Credential, Recommendation
from assessor_app.domain.score_events import Change, ScoreEvent

DRAFT = "draft"
SUBMITTED = "submitted"


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class ScoreSheet:
    id: str
    assignment_id: str
    credential_id: str
    credential_version: str
    levels: Mapping[str, str] = field(default_factory=_empty)
    feedback: Mapping[str, str] = field(default_factory=_empty)
    overall_feedback: str = ""
    anchors: Mapping[str, EvidenceAnchor] = field(default_factory=_empty)
    override: Recommendation | None = None
    override_reason: str | None = None
    status: str = DRAFT
    event_count: int = 0

    # --- reading -------------------------------------------------------------------------------
    @property
    def submitted(self) -> bool:
        return self.status == SUBMITTED

    def check_credential(self, credential: Credential) -> None:
        if credential.key != (self.credential_id, self.credential_version):
            raise DomainError(
                f"This sheet was made under {self.credential_id} version {self.credential_version}, "
                f"not version {credential.version}."
            )

    def derived_recommendation(self, credential: Credential) -> Recommendation | None:
        return credential.rubric.decide(self.levels)

    def recommendation(self, credential: Credential) -> Recommendation | None:
        """The recommendation that will be sent: the override if any, else what the rule derives."""
        return self.override or self.derived_recommendation(credential)

    def submission_problems(self, credential: Credential) -> list[str]:
        """Everything that blocks submitting, in rubric order, phrased for the assessor."""
        self.check_credential(credential)
        problems: list[str] = []
        for criterion in credential.rubric.criteria:
            level_id = self.levels.get(criterion.id)
            if level_id is None:
                problems.append(f"“{criterion.name}” has no level yet.")
            elif not criterion.meets(level_id) and not self.feedback.get(criterion.id, "").strip():
                problems.append(f"“{criterion.name}” is below the bar and needs feedback for the teacher.")
        derived = self.derived_recommendation(credential)
        if self.override and derived and self.override != derived and not (self.override_reason or "").strip():
            problems.append("The recommendation overrides the rubric's rule and needs a reason.")
        return problems

    # --- proposing edits ---------------------------------------------------------------------
    def _change(self, field_path: str, old: Any, new: Any, reason: str | None) -> Change:
        problem = post_submit_reason_problem(reason) if self.submitted else None
        if problem:
            raise SheetLocked(problem)
        return Change(field_path, old, new, reason)

    def propose_level(self, credential: Credential, criterion_id: str, level_id: str | None,
                      reason: str | None = None) -> Change:
        self.check_credential(credential)
        criterion = credential.rubric.criterion(criterion_id)
        if level_id is not None:
            criterion.level(level_id)
        return self._change(f"criteria.{criterion_id}.level", self.levels.get(criterion_id), level_id, reason)

    def propose_feedback(self, credential: Credential, criterion_id: str, text: str,
                         reason: str | None = None) -> Change:
        self.check_credential(credential)
        credential.rubric.criterion(criterion_id)
        return self._change(f"criteria.{criterion_id}.feedback", self.feedback.get(criterion_id, ""), text, reason)

    def propose_overall_feedback(self, text: str, reason: str | None = None) -> Change:
        return self._change("overall_feedback", self.overall_feedback, text, reason)

    def propose_anchor(self, anchor: EvidenceAnchor, reason: str | None = None) -> Change:
        old = self.anchors.get(anchor.id)
        return self._change(f"anchors.{anchor.id}", old.to_dict() if old else None, anchor.to_dict(), reason)

    def propose_anchor_removal(self, anchor_id: str, reason: str | None = None) -> Change:
        if anchor_id not in self.anchors:
            raise DomainError("That citation is not on this sheet.")
        return self._change(f"anchors.{anchor_id}", self.anchors[anchor_id].to_dict(), None, reason)

    def propose_override(self, credential: Credential, recommendation: Recommendation | None,
                         reason: str | None) -> Change:
        """Override the rule's recommendation; contradicting the rule requires a reason."""
        derived = self.derived_recommendation(credential)
        if recommendation is not None and derived is not None and recommendation != derived \
                and not (reason or "").strip():
            raise DomainError(f"Recommending {recommendation.label} contradicts the rubric's rule; give a reason.")
        old = self.override.value if self.override else None
        return self._change("recommendation", old, recommendation.value if recommendation else None, reason)

    def propose_submit(self, credential: Credential) -> Change:
        if self.submitted:
            raise SheetLocked("This sheet was already submitted.")
        problems = self.submission_problems(credential)
        if problems:
            raise DomainError("Not ready to submit: " + " ".join(problems))
        return Change("status", DRAFT, SUBMITTED)

    # --- folding events ----------------------------------------------------------------------
    def apply(self, event: ScoreEvent | Change) -> ScoreSheet:
        """The sheet after one event. Structural checks only: rubric checks happened at ``propose``."""
        path, new = event.field, event.new
        problem = post_submit_reason_problem(event.reason) if self.submitted else None
        if problem:
            raise SheetLocked(f"Event on {path!r}: {problem}")
        count = self.event_count + 1
        if path.startswith("criteria."):
            _, criterion_id, leaf = path.split(".", 2)
            if leaf == "level":
                return replace(self, levels=_set(self.levels, criterion_id, new), event_count=count)
            if leaf == "feedback":
                return replace(self, feedback=_set(self.feedback, criterion_id, new or None), event_count=count)
        elif path.startswith("anchors."):
            anchor_id = path.split(".", 1)[1]
            anchor = EvidenceAnchor.from_dict(new) if new is not None else None
            return replace(self, anchors=_set(self.anchors, anchor_id, anchor), event_count=count)
        elif path == "overall_feedback":
            return replace(self, overall_feedback=str(new or ""), event_count=count)
        elif path == "recommendation":
            override = Recommendation(new) if new else None
            return replace(self, override=override, override_reason=event.reason if override else None,
                           event_count=count)
        elif path == "status" and new in (DRAFT, SUBMITTED):
            return replace(self, status=new, event_count=count)
        raise DomainError(f"Unknown score sheet field {path!r}.")

    @classmethod
    def replay(cls, sheet_id: str, assignment_id: str, credential_id: str, credential_version: str,
               events: Iterable[ScoreEvent]) -> ScoreSheet:
        sheet = cls(sheet_id, assignment_id, credential_id, credential_version)
        for event in events:
            sheet = sheet.apply(event)
        return sheet


def _set(mapping: Mapping[str, Any], key: str, value: Any) -> Mapping[str, Any]:
    updated = dict(mapping)
    if value is None:
        updated.pop(key, None)
    else:
        updated[key] = value
    return MappingProxyType(updated)
