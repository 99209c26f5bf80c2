"""Cohen's kappa (unweighted and weighted) for two raters, and Fleiss' kappa for many raters."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from assessor_app.domain.agreement.ratings import MISSING, RatingMatrix
from assessor_app.domain.agreement.result import Result, chance_corrected
from assessor_app.domain.agreement.weights import (
    Weighting,
    classification_probabilities,
    multi_rater_observed_agreement,
    require_pairs,
    weight_matrix,
)


def cohen_kappa_from_table(table: npt.ArrayLike, weighting: Weighting = "unweighted") -> Result:
    """Cohen's kappa from a q x q table of counts (rows: rater A's level, columns: rater B's).

    ``kappa_w = (p_o - p_e) / (1 - p_e)`` with ``p_o = sum_kl w_kl p_kl`` and
    ``p_e = sum_kl w_kl p_k. p_.l``. Identity weights give Cohen (1960)'s
    ``kappa = (p_o - p_c) / (1 - p_c)``; linear or quadratic agreement weights give Cohen (1968)'s
    weighted kappa ``1 - sum v_kl p_kl / sum v_kl p_k. p_.l`` with disagreement weights
    ``v = 1 - w`` (Psychological Bulletin 70(4), 213-220).
    """
    counts = np.asarray(table, dtype=np.float64)
    total = counts.sum()
    what = f"Cohen's kappa ({weighting})"
    if total <= 0:
        return Result.undefined(f"{what}: no unit was rated by both raters")
    p = counts / total
    w = weight_matrix(counts.shape[0], weighting)
    p_o = float((w * p).sum())
    p_e = float((w * np.outer(p.sum(axis=1), p.sum(axis=0))).sum())
    return chance_corrected(p_o, p_e, what=what)


def contingency_table(ratings: RatingMatrix, rater_a: str, rater_b: str) -> npt.NDArray[np.int64]:
    """Counts of (rater_a's level, rater_b's level) over the units both rated."""
    a = ratings.codes[:, ratings.raters.index(rater_a)]
    b = ratings.codes[:, ratings.raters.index(rater_b)]
    both = (a != MISSING) & (b != MISSING)
    q = ratings.n_categories
    table = np.zeros((q, q), dtype=np.int64)
    np.add.at(table, (a[both], b[both]), 1)
    return table


def cohen_kappa(
    ratings: RatingMatrix,
    weighting: Weighting = "unweighted",
    raters: Sequence[str] | None = None,
) -> Result:
    """Cohen's (weighted) kappa between two raters over the units both rated.

    ``raters`` names the two raters; by default the matrix must have exactly two. Weights use the
    levels' positions in the ordered scale (see :mod:`.weights`). Formula: :func:`cohen_kappa_from_table`.
    """
    if raters is None:
        if len(ratings.raters) != 2:
            return Result.undefined(
                f"Cohen's kappa needs exactly two raters; found {len(ratings.raters)} "
                "(see Fleiss' kappa, Gwet's AC1 or Krippendorff's alpha for more)"
            )
        raters = ratings.raters
    if len(raters) != 2 or raters[0] == raters[1]:
        raise ValueError("name two different raters")
    table = contingency_table(ratings, raters[0], raters[1])
    return cohen_kappa_from_table(table, weighting)


def fleiss_kappa(ratings: RatingMatrix) -> Result:
    """Fleiss' kappa, generalised to a varying number of ratings per unit (missing ratings).

    ``kappa = (p_a - p_e) / (1 - p_e)``, ``p_e = sum_k pi_k^2``, ``pi_k = (1/n) sum_i r_ik / r_i``
    and ``p_a`` the mean share of agreeing pairs over units with two or more ratings. With the same
    number of raters on every unit this is Fleiss (1971), Psychological Bulletin 76(5), 378-382
    (``kappa = (P-bar - P-bar_e) / (1 - P-bar_e)``); the missing-data form is Gwet (2014),
    Handbook of Inter-Rater Reliability, 4th ed., ch. 2 (Fleiss' generalized kappa).
    """
    return fleiss_kappa_from_counts(*ratings.count_patterns())


def fleiss_kappa_from_counts(counts: npt.ArrayLike, multiplicity: npt.NDArray[np.int64] | None = None) -> Result:
    """Fleiss' kappa from a units x categories table of how many raters chose each level."""
    r_ik = np.asarray(counts, dtype=np.int64)
    if (undefined := require_pairs(r_ik, "Fleiss' kappa")) is not None:
        return undefined
    p_a, _ = multi_rater_observed_agreement(r_ik, weight_matrix(r_ik.shape[1], "unweighted"), multiplicity)
    pi = classification_probabilities(r_ik, multiplicity)
    return chance_corrected(p_a, float((pi**2).sum()), what="Fleiss' kappa")
