"""Raw (not chance-corrected) agreement: exact, all-agree and adjacent agreement.

All three use only the units with at least two ratings; missing ratings are simply absent.
"""

from __future__ import annotations

import numpy as np

from assessor_app.domain.agreement.ratings import RatingMatrix
from assessor_app.domain.agreement.result import Result
from assessor_app.domain.agreement.weights import (
    multi_rater_observed_agreement,
    require_pairs,
    weight_matrix,
)


def exact_agreement(ratings: RatingMatrix) -> Result:
    """Mean over units of agreeing rater pairs / all rater pairs.

    ``p_a = (1/n') * sum_i sum_k r_ik (r_ik - 1) / (r_i (r_i - 1))`` over the ``n'`` units with
    ``r_i >= 2`` ratings: Fleiss' (1971) ``P-bar`` (his eq. for ``P_i`` averaged), generalised to a
    varying number of raters per unit as in Gwet (2014), Handbook of Inter-Rater Reliability, ch. 2.
    """
    counts, multiplicity = ratings.count_patterns()
    if (undefined := require_pairs(counts, "exact agreement")) is not None:
        return undefined
    pa, _ = multi_rater_observed_agreement(counts, weight_matrix(ratings.n_categories, "unweighted"), multiplicity)
    return Result.of(pa)


def adjacent_agreement(ratings: RatingMatrix) -> Result:
    """Like :func:`exact_agreement`, counting pairs at most one level apart as agreeing.

    The weighted ``p_a`` of Gwet (2014, ch. 3) with ``w_kl = 1 if |k - l| <= 1 else 0`` over the
    positions ``k, l`` of the levels in the ordered scale.
    """
    counts, multiplicity = ratings.count_patterns()
    if (undefined := require_pairs(counts, "adjacent agreement")) is not None:
        return undefined
    pa, _ = multi_rater_observed_agreement(counts, weight_matrix(ratings.n_categories, "adjacent"), multiplicity)
    return Result.of(pa)


def all_agree(ratings: RatingMatrix) -> Result:
    """Share of the units with two or more ratings on which every rating is the same level."""
    counts, multiplicity = ratings.count_patterns()
    if (undefined := require_pairs(counts, "all-agree share")) is not None:
        return undefined
    r = counts.sum(axis=1)
    mask = r >= 2
    unanimous = counts[mask].max(axis=1) == r[mask]
    return Result.of(float(np.average(unanimous, weights=multiplicity[mask])))
