"""Percentile bootstrap confidence intervals for any agreement statistic, resampling units.

Method: draw ``n`` units with replacement from the ``n`` units (rows) of the rating matrix, recompute
the statistic, repeat ``B`` times, and take the ``(1 - c)/2`` and ``(1 + c)/2`` quantiles of the
replicates as the interval (Efron & Tibshirani 1993, An Introduction to the Bootstrap, ch. 13, the
percentile interval). Units, not single ratings, are resampled because a unit's ratings are
not independent of each other. A seeded generator makes the interval reproducible.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from assessor_app.domain.agreement.ratings import RatingMatrix
from assessor_app.domain.agreement.result import Result

#: At least this share of the resamples must give a defined statistic for the interval to be given.
MIN_DEFINED_SHARE = 0.95


@dataclass(frozen=True, slots=True)
class BootstrapInterval:
    """A percentile interval, or ``lower``/``upper`` ``None`` with the reason it is undefined."""

    estimate: Result
    lower: float | None
    upper: float | None
    confidence: float
    n_resamples: int
    n_undefined: int
    seed: int
    reason: str | None = None

    @property
    def is_defined(self) -> bool:
        return self.lower is not None


def bootstrap_interval(
    ratings: RatingMatrix,
    statistic: Callable[[RatingMatrix], Result],
    *,
    n_resamples: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
) -> BootstrapInterval:
    """Percentile bootstrap interval for ``statistic`` (see the module docstring).

    Undefined (with a reason) when the statistic is undefined on the data itself, when there are fewer
    than two units, or when more than 5% of the resamples give an undefined statistic (the interval
    would then describe a different population of resamples than the estimate).
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError("confidence must be between 0 and 1")
    if n_resamples < 1:
        raise ValueError("n_resamples must be positive")
    estimate = statistic(ratings)

    def undefined(reason: str, n_undefined: int = 0) -> BootstrapInterval:
        return BootstrapInterval(estimate, None, None, confidence, n_resamples, n_undefined, seed, reason)

    if not estimate.is_defined:
        return undefined(f"the statistic is undefined on the data: {estimate.reason}")
    n_units = len(ratings.units)
    if n_units < 2:
        return undefined(f"bootstrapping needs at least two units; found {n_units}")
    rng = np.random.default_rng(seed)
    replicates: list[float] = []
    n_undefined = 0
    for _ in range(n_resamples):
        result = statistic(ratings.take_units(rng.integers(0, n_units, size=n_units)))
        if result.value is None:
            n_undefined += 1
        else:
            replicates.append(result.value)
    if len(replicates) < MIN_DEFINED_SHARE * n_resamples:
        return undefined(
            f"the statistic was undefined on {n_undefined} of {n_resamples} resamples "
            "(too few units or too little variation for a bootstrap interval)",
            n_undefined,
        )
    alpha = (1.0 - confidence) / 2.0
    lower, upper = np.quantile(np.asarray(replicates), [alpha, 1.0 - alpha])
    return BootstrapInterval(estimate, float(lower), float(upper), confidence, n_resamples, n_undefined, seed)
