"""The per-credential rule that sends a double-scored pair to adjudication."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assessor_app.domain.rubric import Credential


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """One reason a pair of reads needs a lead: a criterion too far apart, or different decisions."""

    criterion_id: str | None  # None: the decisions differ
    first: str | None
    second: str | None
    steps: int | None
    explanation: str


@dataclass(frozen=True, slots=True)
class DiscrepancyRule:
    """A pair goes to adjudication when the decisions differ (if ``on_decision``) or any criterion's levels
    are more than ``max_steps`` places apart in the level order. ``max_steps=0`` means any difference."""

    max_steps: int = 1
    on_decision: bool = True

    def __post_init__(self) -> None:
        if self.max_steps < 0:
            raise ValueError("max_steps cannot be negative")

    def describe(self) -> str:
        parts = []
        if self.on_decision:
            parts.append("the two reads recommend different decisions")
        plural = "s" if self.max_steps > 1 else ""
        parts.append("any criterion differs" if self.max_steps == 0
                     else f"any criterion differs by more than {self.max_steps} level{plural}")
        return "Adjudicate when " + " or ".join(parts) + "."

    def discrepancies(self, credential: Credential, first: Mapping[str, str], second: Mapping[str, str]
                      ) -> list[Discrepancy]:
        """Every reason the two reads (criterion id -> level id) need a lead, in rubric order."""
        found: list[Discrepancy] = []
        rubric = credential.rubric
        if self.on_decision:
            a, b = rubric.decide(first), rubric.decide(second)
            if a is not None and b is not None and a != b:
                found.append(Discrepancy(None, a.value, b.value, None,
                                         f"The first read recommends {a.label}, the second {b.label}."))
        for criterion in rubric.criteria:
            level_a, level_b = first.get(criterion.id), second.get(criterion.id)
            if level_a is None or level_b is None:
                if level_a != level_b:
                    found.append(Discrepancy(criterion.id, level_a, level_b, None,
                                             f"“{criterion.name}” is scored in only one read."))
                continue
            steps = abs(criterion.rank(level_a) - criterion.rank(level_b))
            if steps > self.max_steps:
                found.append(Discrepancy(
                    criterion.id, level_a, level_b, steps,
                    f"“{criterion.name}”: {criterion.level(level_a).label} vs {criterion.level(level_b).label} "
                    f"({steps} level{'s' if steps > 1 else ''} apart)."))
        return found

    def needs_adjudication(self, credential: Credential, first: Mapping[str, str], second: Mapping[str, str]) -> bool:
        return bool(self.discrepancies(credential, first, second))
