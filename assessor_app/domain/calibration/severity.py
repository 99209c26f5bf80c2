"""Severity and leniency: how far, on average, an assessor's levels sit above or below a reference read
(master scores or a co-rater), in level steps; and how that moves over time (drift).

Mean signed difference ``d = mean(rank(assessor) - rank(reference))`` over every criterion both scored:
positive = lenient (scores higher than the reference), negative = severe. Reported with the mean absolute
difference and exact agreement, since a mean near zero can hide large disagreements in both directions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from assessor_app.domain.rubric import Credential


@dataclass(frozen=True, slots=True)
class Read:
    """One assessor's levels on one submission next to the reference levels for it."""

    assessor: str
    at: str  # RFC 3339, when the assessor's sheet was received
    levels: Mapping[str, str]
    reference: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Severity:
    assessor: str
    pairs: int  # criterion scores compared
    mean_signed: float | None
    mean_absolute: float | None
    exact: float | None

    @property
    def tendency(self) -> str:
        if self.mean_signed is None:
            return "no comparable scores"
        if abs(self.mean_signed) < 0.15:
            return "on target"
        return "lenient" if self.mean_signed > 0 else "severe"


@dataclass(frozen=True, slots=True)
class DriftPoint:
    assessor: str
    period: str  # the period's first day, YYYY-MM-DD (weeks start on Monday) or YYYY-MM
    severity: Severity


def _differences(credential: Credential, reads: Iterable[Read]) -> list[int]:
    steps = []
    for read in reads:
        for criterion in credential.rubric.criteria:
            mine, ref = read.levels.get(criterion.id), read.reference.get(criterion.id)
            if mine is not None and ref is not None:
                steps.append(criterion.rank(mine) - criterion.rank(ref))
    return steps


def _summarise(assessor: str, steps: Sequence[int]) -> Severity:
    if not steps:
        return Severity(assessor, 0, None, None, None)
    n = len(steps)
    return Severity(assessor, n, sum(steps) / n, sum(abs(s) for s in steps) / n, sum(s == 0 for s in steps) / n)


def severity(credential: Credential, reads: Iterable[Read]) -> list[Severity]:
    """One summary per assessor, sorted by assessor."""
    by: dict[str, list[Read]] = {}
    for read in reads:
        by.setdefault(read.assessor, []).append(read)
    return [_summarise(name, _differences(credential, by[name])) for name in sorted(by)]


def _period(at: str, by: str) -> str:
    day = dt.date.fromisoformat(at[:10])
    if by == "month":
        return day.strftime("%Y-%m")
    if by == "week":
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    raise ValueError("drift is grouped by 'week' or 'month'")


def drift(credential: Credential, reads: Iterable[Read], by: str = "week") -> list[DriftPoint]:
    """Severity per assessor per period, in time order: a lead sees an assessor moving away from target."""
    groups: dict[tuple[str, str], list[Read]] = {}
    for read in reads:
        groups.setdefault((read.assessor, _period(read.at, by)), []).append(read)
    return [DriftPoint(assessor, period, _summarise(assessor, _differences(credential, items)))
            for (assessor, period), items in sorted(groups.items())]
