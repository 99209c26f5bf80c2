"""Intraclass correlations in the six forms of Shrout & Fleiss (1979).

Source: P. E. Shrout and J. L. Fleiss (1979), "Intraclass correlations: uses in assessing rater
reliability", Psychological Bulletin 86(2), 420-428. With ``n`` targets (units) each rated by the
same ``k`` judges (raters), the two-way ANOVA mean squares (their Table 1) are

* ``BMS = k * sum_i (x_i. - x..)^2 / (n - 1)``          between targets
* ``WMS = sum_ij (x_ij - x_i.)^2 / (n (k - 1))``         within targets
* ``JMS = n * sum_j (x_.j - x..)^2 / (k - 1)``           between judges
* ``EMS = (SS_total - SS_targets - SS_judges) / ((n - 1)(k - 1))``   residual

and the coefficients (their equations for Cases 1, 2 and 3, single rating and mean of k ratings):

* ``ICC(1,1) = (BMS - WMS) / (BMS + (k - 1) WMS)``
* ``ICC(2,1) = (BMS - EMS) / (BMS + (k - 1) EMS + k (JMS - EMS) / n)``
* ``ICC(3,1) = (BMS - EMS) / (BMS + (k - 1) EMS)``
* ``ICC(1,k) = (BMS - WMS) / BMS``
* ``ICC(2,k) = (BMS - EMS) / (BMS + (JMS - EMS) / n)``
* ``ICC(3,k) = (BMS - EMS) / BMS``

Their Table 2 data (6 targets x 4 judges) gives .17, .29, .71, .44, .62, .91 (their Table 4).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assessor_app.domain.agreement.ratings import RatingMatrix
from assessor_app.domain.agreement.result import Result, safe_ratio

ICC_FORMS: tuple[str, ...] = ("icc1", "icc2", "icc3", "icc1k", "icc2k", "icc3k")


@dataclass(frozen=True, slots=True)
class MeanSquares:
    """The two-way ANOVA mean squares of Shrout & Fleiss (1979), Table 1, for ``n`` targets x ``k`` judges."""

    n: int
    k: int
    bms: float
    wms: float
    jms: float
    ems: float


def mean_squares(scores: npt.ArrayLike) -> MeanSquares:
    """Mean squares of a complete ``n x k`` matrix of numeric ratings (no missing values)."""
    x = np.asarray(scores, dtype=np.float64)
    if x.ndim != 2 or np.isnan(x).any():
        raise ValueError("mean squares need a complete 2-D matrix of numbers")
    n, k = x.shape
    if n < 2 or k < 2:
        raise ValueError("mean squares need at least two targets and two judges")
    grand = x.mean()
    ss_total = float(((x - grand) ** 2).sum())
    ss_targets = float(k * ((x.mean(axis=1) - grand) ** 2).sum())
    ss_judges = float(n * ((x.mean(axis=0) - grand) ** 2).sum())
    ss_within = float(((x - x.mean(axis=1, keepdims=True)) ** 2).sum())
    ss_error = max(ss_total - ss_targets - ss_judges, 0.0)
    return MeanSquares(
        n=n,
        k=k,
        bms=ss_targets / (n - 1),
        wms=ss_within / (n * (k - 1)),
        jms=ss_judges / (k - 1),
        ems=ss_error / ((n - 1) * (k - 1)),
    )


def icc_from_scores(scores: npt.ArrayLike) -> dict[str, Result]:
    """All six ICCs (keys ``icc1, icc2, icc3, icc1k, icc2k, icc3k``) of a complete numeric matrix."""
    x = np.asarray(scores, dtype=np.float64)
    n, k = x.shape if x.ndim == 2 else (0, 0)
    if k < 2:
        return _all_undefined(f"ICC needs at least two raters who rated the same units; found {k}")
    if n < 2:
        return _all_undefined(f"ICC needs at least two units rated by every rater; found {n}")
    ms = mean_squares(x)
    if max(ms.bms, ms.wms, ms.jms, ms.ems) <= 1e-12:
        return _all_undefined(
            f"ICC: all {n * k} ratings on the units rated by every rater are equal, so there is "
            "no variance to partition"
        )
    no_between = "ICC: the units' mean ratings are all equal (between-unit mean square is zero)"
    return {
        "icc1": safe_ratio(ms.bms - ms.wms, ms.bms + (k - 1) * ms.wms, reason=no_between),
        "icc2": safe_ratio(
            ms.bms - ms.ems,
            ms.bms + (k - 1) * ms.ems + k * (ms.jms - ms.ems) / n,
            reason="ICC(2,1): its denominator is zero",
        ),
        "icc3": safe_ratio(ms.bms - ms.ems, ms.bms + (k - 1) * ms.ems, reason=no_between),
        "icc1k": safe_ratio(ms.bms - ms.wms, ms.bms, reason=no_between),
        "icc2k": safe_ratio(
            ms.bms - ms.ems, ms.bms + (ms.jms - ms.ems) / n, reason="ICC(2,k): its denominator is zero"
        ),
        "icc3k": safe_ratio(ms.bms - ms.ems, ms.bms, reason=no_between),
    }


def intraclass_correlations(ratings: RatingMatrix) -> dict[str, Result]:
    """The six Shrout & Fleiss ICCs on the levels' numeric values, over units rated by every rater.

    Raters who rated nothing are ignored; units missing any rater's rating are left out. Levels that
    are not numbers make every ICC undefined (with the reason) rather than raising.
    """
    if ratings.numeric_values is None:
        return _all_undefined(
            f"ICC needs numeric levels, but {ratings.first_non_numeric_category()!r} is not a number"
        )
    complete = ratings.without_empty().complete_units()
    return icc_from_scores(complete.numeric())


def _all_undefined(reason: str) -> dict[str, Result]:
    return {form: Result.undefined(reason) for form in ICC_FORMS}
