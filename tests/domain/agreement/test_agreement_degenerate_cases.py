"""Degenerate data gives an explicit "undefined" with a reason: never NaN, never an exception."""

from __future__ import annotations

import math

import pytest

from assessor_app.domain.agreement import (
    LEVELS,
    STATISTICS,
    RatingMatrix,
    Result,
    agreement_report,
    all_agree,
    cohen_kappa,
    exact_agreement,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    icc_from_scores,
    intraclass_correlations,
    krippendorff_alpha,
)


def assert_undefined(result: Result, *words: str) -> None:
    assert result.value is None
    assert result.reason
    for word in words:
        assert word in result.reason


def test_result_refuses_nan_and_turns_non_finite_values_into_undefined() -> None:
    with pytest.raises(ValueError):
        Result(math.nan)
    assert_undefined(Result.of(math.inf), "non-finite")
    with pytest.raises(ValueError):
        Result(None)


def test_everyone_using_one_level_makes_kappas_and_alpha_undefined_but_ac1_perfect() -> None:
    matrix = RatingMatrix.from_rows([[3, 3], [3, 3], [3, 3]], categories=["1", "2", "3", "4"])
    assert_undefined(cohen_kappa(matrix), "chance agreement is 1")
    assert_undefined(cohen_kappa(matrix, "quadratic"), "chance agreement is 1")
    assert_undefined(fleiss_kappa(matrix), "chance agreement is 1")
    for level in LEVELS:
        assert_undefined(krippendorff_alpha(matrix, level), "same value")
    # Gwet's chance agreement is 0 when one level of four is used, so AC1 = p_a = 1 (Gwet 2008).
    assert gwet_ac1(matrix).value == 1.0
    assert exact_agreement(matrix).value == 1.0


def test_units_with_a_single_rating_leave_nothing_to_compare() -> None:
    matrix = RatingMatrix.from_rows([[1, None], [None, 2], [3, None]])
    for result in (
        exact_agreement(matrix),
        all_agree(matrix),
        fleiss_kappa(matrix),
        gwet_ac1(matrix),
        gwet_ac2(matrix, "linear"),
        krippendorff_alpha(matrix, "ordinal"),
    ):
        assert_undefined(result)
    assert_undefined(cohen_kappa(matrix), "no unit was rated by both raters")


def test_cohen_kappa_needs_exactly_two_raters() -> None:
    matrix = RatingMatrix.from_rows([[1, 2, 1], [2, 2, 2]])
    assert_undefined(cohen_kappa(matrix), "exactly two raters", "found 3")
    assert cohen_kappa(matrix, raters=["r1", "r3"]).is_defined


def test_gwet_needs_a_scale_of_two_levels() -> None:
    matrix = RatingMatrix.from_rows([["meets", "meets"]])
    assert_undefined(gwet_ac1(matrix), "at least two levels")


def test_icc_is_undefined_with_a_reason_for_text_levels_too_few_units_or_no_variance() -> None:
    text = RatingMatrix.from_rows([["low", "high"], ["high", "high"]], categories=["low", "high"])
    assert all(
        r.value is None and "numeric" in (r.reason or "") for r in intraclass_correlations(text).values()
    )
    one_complete_unit = RatingMatrix.from_rows([[1, 2], [3, None]])
    assert_undefined(intraclass_correlations(one_complete_unit)["icc2"], "at least two units", "found 1")
    assert_undefined(icc_from_scores([[2, 2], [2, 2], [2, 2]])["icc3k"], "no variance")
    # Equal unit means but rater variation: the k-rater forms divide by BMS = 0.
    assert_undefined(icc_from_scores([[1, 3], [3, 1]])["icc1k"], "between-unit mean square is zero")


def test_interval_alpha_on_text_levels_is_an_error_not_a_silent_value() -> None:
    matrix = RatingMatrix.from_rows([["low", "high"], ["high", "high"]], categories=["low", "high"])
    with pytest.raises(ValueError, match="numeric"):
        krippendorff_alpha(matrix, "interval")


def test_report_on_no_ratings_at_all_is_all_undefined_with_reasons() -> None:
    report = agreement_report(RatingMatrix.from_rows([[None, None]]), "nominal")
    assert (report.n_units, report.n_raters) == (0, 0)
    payload = report.to_json_dict()
    assert all(payload[name] is None for name in STATISTICS)
    reasons = payload["undefined_reasons"]
    assert isinstance(reasons, dict) and set(reasons) == set(STATISTICS)


def test_report_counts_only_units_and_raters_with_ratings() -> None:
    matrix = RatingMatrix.from_rows([[1, 2, None], [2, 2, None], [None, None, None]])
    report = agreement_report(matrix)
    assert (report.n_units, report.n_raters) == (2, 2)
    assert report.statistics["cohen_kappa"].is_defined
