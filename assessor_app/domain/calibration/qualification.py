"""Whether an assessor qualifies for live work on a calibration set: agreement with the master scores."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assessor_app.domain.rubric import Credential


@dataclass(frozen=True, slots=True)
class QualificationResult:
    passed: bool
    items: int
    criteria_scored: int
    exact: float | None  # share of criterion scores equal to the master level
    adjacent: float | None  # share at most one level away
    by_criterion: Mapping[str, float]  # criterion id -> exact share
    explanation: str


@dataclass(frozen=True, slots=True)
class QualificationRule:
    """Qualified when, over at least ``min_items`` calibration items, at least ``min_exact`` of all criterion
    scores equal the master level (and, if set, at least ``min_adjacent`` are within one level)."""

    min_exact: float = 0.8
    min_items: int = 1
    min_adjacent: float | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_exact <= 1.0 or (self.min_adjacent is not None and not 0 <= self.min_adjacent <= 1):
            raise ValueError("agreement thresholds are shares between 0 and 1")
        if self.min_items < 1:
            raise ValueError("a qualification needs at least one item")

    def describe(self) -> str:
        text = f"at least {self.min_exact:.0%} exact agreement with the master scores over {self.min_items}+ items"
        if self.min_adjacent is not None:
            text += f" and {self.min_adjacent:.0%} within one level"
        return "Qualify with " + text + "."

    def evaluate(self, credential: Credential,
                 reads: Sequence[tuple[Mapping[str, str], Mapping[str, str]]]) -> QualificationResult:
        """``reads``: one (assessor levels, master levels) pair per submitted calibration item."""
        exact = adjacent = total = 0
        per: dict[str, list[int]] = {}
        for mine, master in reads:
            for criterion in credential.rubric.criteria:
                if criterion.id not in master:
                    continue
                total += 1
                hit = per.setdefault(criterion.id, [0, 0])
                hit[1] += 1
                level = mine.get(criterion.id)
                if level is None:
                    continue
                steps = abs(criterion.rank(level) - criterion.rank(master[criterion.id]))
                exact += steps == 0
                adjacent += steps <= 1
                hit[0] += steps == 0
        by_criterion = {cid: hits / n for cid, (hits, n) in per.items() if n}
        share = exact / total if total else None
        near = adjacent / total if total else None
        if len(reads) < self.min_items or share is None:
            return QualificationResult(False, len(reads), total, share, near, by_criterion,
                                       f"{len(reads)} of the {self.min_items} calibration item(s) needed are scored.")
        passed = share >= self.min_exact and (self.min_adjacent is None or (near or 0.0) >= self.min_adjacent)
        verdict = "Qualified" if passed else "Not yet qualified"
        return QualificationResult(passed, len(reads), total, share, near, by_criterion,
                                   f"{verdict}: {share:.0%} exact agreement with the master scores "
                                   f"({exact} of {total} criterion scores; needed {self.min_exact:.0%}).")
