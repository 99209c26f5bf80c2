"""Gwet's AC1 (nominal) and AC2 (weighted, for ordinal levels), with missing ratings."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from assessor_app.domain.agreement.ratings import RatingMatrix
from assessor_app.domain.agreement.result import Result, chance_corrected
from assessor_app.domain.agreement.weights import (
    Weighting,
    classification_probabilities,
    multi_rater_observed_agreement,
    require_pairs,
    weight_matrix,
)


def gwet_ac_from_counts(counts: npt.ArrayLike, weighting: Weighting = "unweighted",
                        multiplicity: npt.NDArray[np.int64] | None = None) -> Result:
    """AC1 (``weighting="unweighted"``) or AC2 from a units x categories table of rating counts.

    ``AC = (p_a - p_e) / (1 - p_e)`` with ``p_a`` the weighted share of agreeing rater pairs over units
    with two or more ratings, and ``p_e = T_w / (q (q - 1)) * sum_k pi_k (1 - pi_k)``, where ``T_w``
    is the sum of all ``q x q`` agreement weights and ``pi_k = (1/n) sum_i r_ik / r_i`` over units
    with at least one rating. Identity weights (``T_w = q``) give AC1,
    ``p_e = 1/(q - 1) sum_k pi_k (1 - pi_k)`` (Gwet 2008, British Journal of Mathematical and
    Statistical Psychology 61, 29-48); weights give AC2 (Gwet 2014, Handbook of Inter-Rater
    Reliability, 4th ed., ch. 3). ``q`` counts every level of the scale, used or not.
    """
    r_ik = np.asarray(counts, dtype=np.int64)
    q = r_ik.shape[1]
    name = "Gwet's AC1" if weighting == "unweighted" else f"Gwet's AC2 ({weighting})"
    if q < 2:
        return Result.undefined(f"{name} needs a scale of at least two levels; the scale has {q}")
    if (undefined := require_pairs(r_ik, name)) is not None:
        return undefined
    w = weight_matrix(q, weighting)
    p_a, _ = multi_rater_observed_agreement(r_ik, w, multiplicity)
    pi = classification_probabilities(r_ik, multiplicity)
    p_e = float(w.sum() / (q * (q - 1)) * (pi * (1.0 - pi)).sum())
    return chance_corrected(p_a, p_e, what=name)


def gwet_ac1(ratings: RatingMatrix) -> Result:
    """Gwet's AC1 over all raters (formula: :func:`gwet_ac_from_counts`)."""
    counts, multiplicity = ratings.count_patterns()
    return gwet_ac_from_counts(counts, "unweighted", multiplicity)


def gwet_ac2(ratings: RatingMatrix, weighting: Weighting = "quadratic") -> Result:
    """Gwet's AC2 with linear or quadratic weights on level positions (see :func:`gwet_ac_from_counts`)."""
    if weighting == "unweighted":
        raise ValueError("AC2 is the weighted coefficient; use gwet_ac1 for unweighted agreement")
    counts, multiplicity = ratings.count_patterns()
    return gwet_ac_from_counts(counts, weighting, multiplicity)
