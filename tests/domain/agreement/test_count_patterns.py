"""The statistics run on the distinct count rows weighted by multiplicity; that must change nothing."""

from __future__ import annotations

import numpy as np
import pytest

from assessor_app.domain.agreement import (
    RatingMatrix,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    krippendorff_alpha,
)
from assessor_app.domain.agreement.gwet import gwet_ac_from_counts
from assessor_app.domain.agreement.kappa import fleiss_kappa_from_counts
from assessor_app.domain.agreement.krippendorff import krippendorff_alpha_from_counts


def random_matrix(seed: int, units: int = 400, raters: int = 4, levels: int = 5) -> RatingMatrix:
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, levels, size=units)
    codes = np.clip(truth[:, None] + rng.integers(-1, 2, size=(units, raters)), 0, levels - 1)
    codes[rng.random((units, raters)) < 0.15] = -1
    return RatingMatrix(tuple(map(str, range(units))), tuple(f"r{j}" for j in range(raters)),
                        tuple(str(k + 1) for k in range(levels)), codes)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_statistics_on_count_patterns_equal_those_on_every_unit(seed):
    matrix = random_matrix(seed)
    counts = matrix.category_counts()
    patterns, multiplicity = matrix.count_patterns()
    assert multiplicity.sum() == len(matrix.units) and len(patterns) < len(matrix.units)
    assert fleiss_kappa(matrix).value == pytest.approx(fleiss_kappa_from_counts(counts).value, abs=1e-12)
    assert gwet_ac1(matrix).value == pytest.approx(gwet_ac_from_counts(counts).value, abs=1e-12)
    assert gwet_ac2(matrix, "linear").value == pytest.approx(gwet_ac_from_counts(counts, "linear").value, abs=1e-12)
    for level in ("nominal", "ordinal", "interval", "ratio"):
        values = matrix.numeric_values if level in ("interval", "ratio") else None
        expected = krippendorff_alpha_from_counts(counts, level, values).value
        assert krippendorff_alpha(matrix, level).value == pytest.approx(expected, abs=1e-12)


def test_count_patterns_fall_back_when_the_pattern_keys_would_be_huge():
    matrix = random_matrix(4, units=200, raters=30, levels=9)  # 31**9 keys: too many for a bincount
    patterns, multiplicity = matrix.count_patterns()
    rebuilt = np.repeat(patterns, multiplicity, axis=0)
    assert sorted(map(tuple, rebuilt)) == sorted(map(tuple, matrix.category_counts()))
