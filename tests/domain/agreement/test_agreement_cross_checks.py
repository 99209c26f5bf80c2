"""Our statistics agree with well-kept independent implementations on random rubric data.

Reference packages (test-only dependencies; these tests fail, never skip, when they are missing):
``krippendorff`` (Castro's implementation of Krippendorff's alpha) and ``statsmodels``
(``cohens_kappa``, ``fleiss_kappa``, two-way ANOVA, with its dependency pandas); SciPy's one-way
ANOVA for ICC(1,*).
"""

from __future__ import annotations

import krippendorff
import numpy as np
import numpy.typing as npt
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from scipy import stats
from statsmodels.stats.anova import anova_lm
from statsmodels.stats.inter_rater import cohens_kappa as sm_cohens_kappa
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa

from assessor_app.domain.agreement import (
    MISSING,
    Level,
    RatingMatrix,
    Weighting,
    cohen_kappa,
    contingency_table,
    fleiss_kappa,
    icc_from_scores,
    krippendorff_alpha,
    mean_squares,
)

SEEDS = range(6)
LEVELS_1_TO_4 = ("1", "2", "3", "4")


def random_ratings(seed: int, *, n_units: int = 40, n_raters: int = 4, missing: float = 0.0) -> RatingMatrix:
    """Correlated ratings on a 4-level rubric: a true level per unit plus rater noise."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 4, size=n_units)
    noise = rng.choice([-1, 0, 0, 0, 1], size=(n_units, n_raters))
    codes = np.clip(truth[:, None] + noise, 0, 3)
    codes[rng.random((n_units, n_raters)) < missing] = MISSING
    return RatingMatrix(
        units=tuple(f"u{i}" for i in range(n_units)),
        raters=tuple(f"r{j}" for j in range(n_raters)),
        categories=LEVELS_1_TO_4,
        codes=codes,
    )


def reliability_data(matrix: RatingMatrix) -> npt.NDArray[np.float64]:
    """Raters x units with NaN for missing, as the ``krippendorff`` package wants it."""
    return matrix.numeric().T


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_krippendorff_alpha_agrees_with_the_krippendorff_package_with_missing_ratings(
    seed: int, level: Level
) -> None:
    matrix = random_ratings(seed, missing=0.25)
    ours = krippendorff_alpha(matrix, level)
    theirs = krippendorff.alpha(
        reliability_data=reliability_data(matrix),
        level_of_measurement=level,
        value_domain=[1.0, 2.0, 3.0, 4.0],
    )
    assert ours.value == pytest.approx(theirs, abs=1e-9)


def test_krippendorff_alpha_on_non_equidistant_numeric_levels_agrees_with_the_package() -> None:
    base = random_ratings(11, missing=0.2)
    matrix = RatingMatrix(base.units, base.raters, ("0", "1", "2.5", "10"), base.codes)
    levels: tuple[Level, ...] = ("ordinal", "interval", "ratio")
    for level in levels:
        theirs = krippendorff.alpha(
            reliability_data=reliability_data(matrix),
            level_of_measurement=level,
            value_domain=[0.0, 1.0, 2.5, 10.0],
        )
        assert krippendorff_alpha(matrix, level).value == pytest.approx(theirs, abs=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_fleiss_kappa_agrees_with_statsmodels_on_complete_data(seed: int) -> None:
    matrix = random_ratings(seed, n_raters=5)
    theirs = sm_fleiss_kappa(matrix.category_counts(), method="fleiss")
    assert fleiss_kappa(matrix).value == pytest.approx(theirs, abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(
    ("weighting", "wt"), [("unweighted", None), ("linear", "linear"), ("quadratic", "quadratic")]
)
def test_cohen_kappa_agrees_with_statsmodels_including_weights(
    seed: int, weighting: Weighting, wt: str | None
) -> None:
    matrix = random_ratings(seed, n_raters=2, missing=0.1)
    table = contingency_table(matrix, "r0", "r1")
    theirs = sm_cohens_kappa(table, wt=wt).kappa
    assert cohen_kappa(matrix, weighting).value == pytest.approx(theirs, abs=1e-12)


def test_weighted_cohen_kappa_counts_unused_levels_in_the_scale_like_statsmodels() -> None:
    # Nobody used level 3 of 5: linear weights still step by 1/(q - 1) over all five levels, but
    # kappa is invariant to that scaling, so only the positions matter.
    rows = [[1, 1], [2, 1], [2, 2], [4, 5], [5, 5], [4, 4], [1, 2], [5, 4]]
    matrix = RatingMatrix.from_rows(rows, categories=["1", "2", "3", "4", "5"])
    table = contingency_table(matrix, "r1", "r2")
    weightings: tuple[Weighting, ...] = ("linear", "quadratic")
    for weighting in weightings:
        theirs = sm_cohens_kappa(table, wt=weighting).kappa
        assert cohen_kappa(matrix, weighting).value == pytest.approx(theirs, abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_icc_mean_squares_agree_with_a_statsmodels_two_way_anova(seed: int) -> None:
    scores = random_ratings(seed, n_units=12, n_raters=3).numeric()
    n, k = scores.shape
    frame = pd.DataFrame(
        {
            "y": scores.ravel(),
            "unit": np.repeat(np.arange(n), k).astype(str),
            "rater": np.tile(np.arange(k), n).astype(str),
        }
    )
    table = anova_lm(smf.ols("y ~ C(unit) + C(rater)", data=frame).fit())
    ms = mean_squares(scores)
    assert ms.bms == pytest.approx(table.loc["C(unit)", "mean_sq"], rel=1e-9)
    assert ms.jms == pytest.approx(table.loc["C(rater)", "mean_sq"], rel=1e-9)
    assert ms.ems == pytest.approx(table.loc["Residual", "mean_sq"], rel=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_icc1_agrees_with_scipy_one_way_anova_f(seed: int) -> None:
    # ICC(1,1) = (F - 1) / (F + k - 1) and ICC(1,k) = 1 - 1/F with F = BMS / WMS (Shrout & Fleiss 1979).
    scores = random_ratings(seed, n_units=15, n_raters=4).numeric()
    k = scores.shape[1]
    f = stats.f_oneway(*scores).statistic
    iccs = icc_from_scores(scores)
    assert iccs["icc1"].value == pytest.approx((f - 1) / (f + k - 1), abs=1e-12)
    assert iccs["icc1k"].value == pytest.approx(1 - 1 / f, abs=1e-12)
