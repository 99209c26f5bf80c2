"""What an assessor learns after handing in a calibration item (docs/LEAD.md): the panel's master level and
rationale beside their own level, per criterion. Kept as the issuer's JSON document in the local cache, so the
scoring view can show it offline; validity items never have one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessor_app.domain.errors import DomainError, UnknownLevel
from assessor_app.domain.rubric import Credential, Criterion


@dataclass(frozen=True, slots=True)
class MasterScore:
    """One criterion of a calibration result, in the rubric's words."""

    master_label: str
    your_label: str
    rationale: str
    matches: bool


@dataclass(frozen=True, slots=True)
class CalibrationResult:
    master_levels: Mapping[str, str]
    rationale: Mapping[str, str]
    your_levels: Mapping[str, str]
    exact: float | None  # share of criteria at exactly the master level, as the issuer computed it
    explanation: str
    document: Mapping[str, Any]  # the issuer's answer as sent (what the cache keeps)

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> CalibrationResult:
        try:
            exact = doc.get("exact")
            return cls({str(k): str(v) for k, v in (doc.get("master_levels") or {}).items()},
                       {str(k): str(v) for k, v in (doc.get("rationale") or {}).items()},
                       {str(k): str(v) for k, v in (doc.get("your_levels") or {}).items()},
                       float(exact) if isinstance(exact, int | float) else None,
                       str(doc.get("explanation") or ""), dict(doc))
        except (AttributeError, TypeError, ValueError) as exc:
            raise DomainError(f"The issuer's calibration result was not understood: {exc}") from None

    def matches(self, criterion_id: str) -> bool:
        master = self.master_levels.get(criterion_id)
        return master is not None and self.your_levels.get(criterion_id) == master

    def for_criterion(self, criterion: Criterion) -> MasterScore | None:
        """The card's view of this criterion; ``None`` when the panel gave no master level for it."""
        master = self.master_levels.get(criterion.id)
        if master is None:
            return None
        return MasterScore(_label(criterion, master), _label(criterion, self.your_levels.get(criterion.id)),
                           self.rationale.get(criterion.id, "").strip(), self.matches(criterion.id))

    def summary(self, credential: Credential) -> str:
        """E.g. "4 of 5 criteria match the master scores." (counted over the criteria the panel scored)."""
        scored = [c for c in credential.rubric.criteria if c.id in self.master_levels]
        agreed = sum(self.matches(c.id) for c in scored)
        noun = "criterion matches" if len(scored) == 1 else "criteria match"
        return f"{agreed} of {len(scored)} {noun} the master scores."


def _label(criterion: Criterion, level_id: str | None) -> str:
    if level_id is None:
        return "not scored"
    try:
        return criterion.level(level_id).label
    except UnknownLevel:
        return "a level of another rubric version"
