"""Bootstrap intervals resample units reproducibly; confusion matrices cross-tabulate two raters."""

from __future__ import annotations

import numpy as np
import pytest

from assessor_app.domain.agreement import (
    MISSING,
    RatingMatrix,
    bootstrap_interval,
    cohen_kappa,
    confusion_against_master,
    confusion_matrix,
    exact_agreement,
    fleiss_kappa,
    krippendorff_alpha,
)


def noisy_matrix(seed: int = 3, n_units: int = 30) -> RatingMatrix:
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 4, size=n_units)
    codes = np.clip(truth[:, None] + rng.choice([-1, 0, 0, 1], size=(n_units, 3)), 0, 3)
    codes[rng.random(codes.shape) < 0.1] = MISSING
    return RatingMatrix(tuple(str(i) for i in range(n_units)), ("a", "b", "c"), ("1", "2", "3", "4"), codes)


def test_bootstrap_interval_is_reproducible_for_a_seed_and_brackets_the_estimate() -> None:
    matrix = noisy_matrix()
    first = bootstrap_interval(matrix, fleiss_kappa, n_resamples=300, seed=7)
    again = bootstrap_interval(matrix, fleiss_kappa, n_resamples=300, seed=7)
    other = bootstrap_interval(matrix, fleiss_kappa, n_resamples=300, seed=8)
    assert first == again
    assert (first.lower, first.upper) != (other.lower, other.upper)
    assert first.lower is not None and first.upper is not None and first.estimate.value is not None
    assert first.lower < first.estimate.value < first.upper
    assert first.confidence == 0.95 and first.n_resamples == 300


def test_bootstrap_interval_is_the_percentile_interval_of_unit_resamples() -> None:
    matrix = noisy_matrix(n_units=12)
    result = bootstrap_interval(matrix, exact_agreement, n_resamples=200, confidence=0.9, seed=1)
    rng = np.random.default_rng(1)
    resamples = [matrix.take_units(rng.integers(0, 12, size=12)) for _ in range(200)]
    replicates = [exact_agreement(resample).value or 0.0 for resample in resamples]
    assert (result.lower, result.upper) == pytest.approx(tuple(np.quantile(replicates, [0.05, 0.95])))


def test_bootstrap_interval_of_perfect_agreement_is_a_point() -> None:
    matrix = RatingMatrix.from_rows([[1, 1], [2, 2], [3, 3], [4, 4], [2, 2]])
    result = bootstrap_interval(matrix, exact_agreement, n_resamples=50)
    assert (result.lower, result.upper) == (1.0, 1.0)


def test_bootstrap_interval_is_undefined_when_the_statistic_or_too_many_resamples_are() -> None:
    constant = RatingMatrix.from_rows([[2, 2], [2, 2], [2, 2]])
    undefined = bootstrap_interval(constant, lambda m: krippendorff_alpha(m, "nominal"), n_resamples=20)
    assert undefined.lower is None and undefined.reason and "undefined on the data" in undefined.reason
    # Alpha is defined here, but most resamples of 3 units draw a single value everywhere.
    fragile = RatingMatrix.from_rows([[1, 1], [1, 1], [1, 2]])
    shaky = bootstrap_interval(fragile, lambda m: krippendorff_alpha(m, "nominal"), n_resamples=100)
    assert shaky.lower is None and shaky.n_undefined > 5 and "resamples" in (shaky.reason or "")
    single = bootstrap_interval(RatingMatrix.from_rows([[1, 2]]), exact_agreement)
    assert single.reason and "at least two units" in single.reason


def test_confusion_matrix_cross_tabulates_units_both_raters_rated_on_the_full_scale() -> None:
    matrix = RatingMatrix.from_rows(
        [[1, 1], [1, 2], [2, 2], [4, 4], [None, 3], [4, None]], categories=["1", "2", "3", "4"]
    )
    table = confusion_matrix(matrix, "r1", "r2")
    assert table.as_rows() == [[1, 1, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]]
    assert table.n_units == 4 and table.agreement() == 0.75
    assert table.row_totals().tolist() == [2, 1, 0, 1]
    assert table.column_totals().tolist() == [1, 2, 0, 1]


def test_confusion_against_master_puts_the_master_in_the_columns() -> None:
    matrix = RatingMatrix.from_rows([[1, 2, 2], [2, 2, 2], [3, 3, 2]], raters=["ann", "bob", "master"])
    table = confusion_against_master(matrix, "ann", "master")
    assert (table.row_rater, table.column_rater) == ("ann", "master")
    assert table.as_rows() == [[0, 1, 0], [0, 1, 0], [0, 1, 0]]
    with pytest.raises(KeyError):
        confusion_matrix(matrix, "ann", "nobody")


def test_kappa_from_a_confusion_matrix_equals_kappa_from_the_ratings() -> None:
    matrix = noisy_matrix().take_raters(["a", "b"])
    table = confusion_matrix(matrix, "a", "b")
    rebuilt = RatingMatrix.from_contingency_table(table.counts, matrix.categories)
    assert cohen_kappa(rebuilt, "linear").value == pytest.approx(cohen_kappa(matrix, "linear").value)
