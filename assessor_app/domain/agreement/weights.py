"""Agreement weights over category positions, and the multi-rater observed-agreement building blocks.

Positions ``k, l`` are 0-based places in the ordered category list and ``q`` is its length
(including levels nobody used). Functions taking ``counts`` (units x categories) also accept the
distinct rows with a ``multiplicity`` each (:meth:`RatingMatrix.count_patterns`).
Weights are agreement weights (1 on the diagonal):

* identity:  ``w_kl = 1 if k == l else 0``
* linear:    ``w_kl = 1 - |k - l| / (q - 1)``         (Cohen 1968; Gwet 2014, ch. 3)
* quadratic: ``w_kl = 1 - (k - l)^2 / (q - 1)^2``     (Fleiss & Cohen 1973; Gwet 2014, ch. 3)
* adjacent:  ``w_kl = 1 if |k - l| <= 1 else 0``      (the rubric's "within one level")
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

from assessor_app.domain.agreement.result import Result

Weighting = Literal["unweighted", "linear", "quadratic"]
WEIGHTINGS: tuple[Weighting, ...] = ("unweighted", "linear", "quadratic")


def weight_matrix(q: int, weighting: Weighting | Literal["adjacent"]) -> npt.NDArray[np.float64]:
    """The ``q x q`` agreement-weight matrix for ``weighting`` (see the module docstring)."""
    k = np.arange(q)
    distance = np.abs(k[:, None] - k[None, :]).astype(np.float64)
    if weighting == "unweighted":
        return np.eye(q)
    if weighting == "adjacent":
        return np.asarray(distance <= 1, dtype=np.float64)
    if q < 2:
        return np.ones((q, q))
    if weighting == "linear":
        return np.asarray(1.0 - distance / (q - 1), dtype=np.float64)
    if weighting == "quadratic":
        return np.asarray(1.0 - distance**2 / (q - 1) ** 2, dtype=np.float64)
    raise ValueError(f"unknown weighting {weighting!r}; use one of {(*WEIGHTINGS, 'adjacent')}")


def multi_rater_observed_agreement(
    counts: npt.NDArray[np.int64], weights: npt.NDArray[np.float64],
    multiplicity: npt.NDArray[np.int64] | None = None,
) -> tuple[float, int]:
    """Weighted percent agreement ``p_a`` over units with two or more ratings, and how many such units.

    ``p_a = (1/n') * sum_i sum_k r_ik (r*_ik - 1) / (r_i (r_i - 1))`` with ``r*_ik = sum_l w_kl r_il``,
    over the ``n'`` units with ``r_i >= 2`` (Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed.,
    ch. 2 and 3, the ``p_a`` shared by Fleiss' kappa and AC1/AC2 with missing ratings). With identity
    weights this is the mean share of agreeing rater pairs per unit, Fleiss' (1971) ``P-bar``.
    """
    r = counts.sum(axis=1)
    mask = r >= 2
    n2 = int(mask.sum())
    if n2 == 0:
        return float("nan"), 0
    c = counts[mask].astype(np.float64)
    r2 = r[mask].astype(np.float64)
    weighted = c @ weights.T
    per_unit = (c * (weighted - 1.0)).sum(axis=1) / (r2 * (r2 - 1.0))
    if multiplicity is None:
        return float(per_unit.mean()), n2
    m = multiplicity[mask]
    return float(np.average(per_unit, weights=m)), int(m.sum())


def classification_probabilities(counts: npt.NDArray[np.int64],
                                 multiplicity: npt.NDArray[np.int64] | None = None) -> npt.NDArray[np.float64]:
    """``pi_k = (1/n) * sum_i r_ik / r_i`` over the ``n`` units with at least one rating (Gwet 2014)."""
    r = counts.sum(axis=1)
    mask = r >= 1
    if not mask.any():
        return np.zeros(counts.shape[1])
    shares = counts[mask] / r[mask, None]
    if multiplicity is None:
        return np.asarray(shares.mean(axis=0), dtype=np.float64)
    return np.asarray(np.average(shares, axis=0, weights=multiplicity[mask]), dtype=np.float64)


def no_pairs_reason(what: str) -> str:
    return f"{what}: no unit has two or more ratings, so there is no pair of ratings to compare"


def require_pairs(counts: npt.NDArray[np.int64], what: str) -> Result | None:
    """An undefined result when no unit has two or more ratings, else ``None``."""
    if not (counts.sum(axis=1) >= 2).any():
        return Result.undefined(no_pairs_reason(what))
    return None
