"""Every statistic reproduces worked examples whose answers were published with the data."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor_app.domain.agreement import (
    Level,
    RatingMatrix,
    Weighting,
    adjacent_agreement,
    cohen_kappa,
    cohen_kappa_from_table,
    exact_agreement,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    icc_from_scores,
    intraclass_correlations,
    krippendorff_alpha,
    load_ratings_csv,
    mean_squares,
)

DATA = Path(__file__).parent / "data"

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: observers A-D (rows)
# by units 1-12 (columns); None = missing. Also Gwet (2014) Handbook, 4th ed., p. 120 (cac.raw4raters).
KRIPPENDORFF_2011: list[list[int | None]] = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]

# Shrout & Fleiss (1979), Table 2: 6 targets (rows) x 4 judges (columns).
SHROUT_FLEISS_1979 = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]

# Fleiss (1971): 30 patients x 6 psychiatrists, 5 diagnoses (the "diagnoses" data of R's irr package).
FLEISS_1971 = [
    [4, 4, 4, 4, 4, 4],
    [2, 2, 2, 5, 5, 5],
    [2, 3, 3, 3, 3, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3],
    [3, 3, 3, 3, 5, 5],
    [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4],
    [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4],
    [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3],
    [1, 4, 4, 4, 4, 4],
    [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5],
    [1, 1, 1, 1, 1, 2],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 4, 4, 4, 4, 4],
    [2, 2, 4, 5, 5, 5],
    [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4],
    [1, 1, 1, 1, 5, 5],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3],
    [5, 5, 5, 5, 5, 5],
]

# Cohen (1960), Table 1: 200 cases, judge A (rows) x judge B (columns), three categories.
COHEN_1960 = [[88, 14, 18], [10, 40, 10], [2, 6, 12]]

# Gwet (2014), Handbook, 4th ed.: 100 pregnant women by pregnancy type, two abstractors
# (irrCAC's cont3x3abstractors), and 223 patients by diagnosis and method (cont4x4diagnosis).
ABSTRACTORS = [[13, 0, 0], [0, 20, 7], [0, 4, 56]]
DIAGNOSIS_4X4 = [[40, 4, 4, 17], [6, 25, 2, 13], [4, 1, 21, 12], [15, 5, 9, 45]]

# Gwet (2014), Handbook, 4th ed. (irrCAC's cac.raw5obser): 15 units x 5 observers on 0-3, missing = None.
GWET_5_OBSERVERS: list[list[int | None]] = [
    [1, 1, 2, None, 2],
    [1, 1, 0, 1, None],
    [2, 3, 3, 3, None],
    [None, 0, 0, None, 0],
    [0, 0, 0, None, 0],
    [0, 0, 0, None, 0],
    [1, 0, 2, None, 1],
    [1, None, 2, 0, None],
    [2, 2, 2, None, 2],
    [2, 1, 1, 1, None],
    [None, 1, 0, 0, None],
    [0, 0, 0, 0, None],
    [1, 2, 2, 2, None],
    [3, 3, 2, 2, 3],
    [1, 1, 1, None, 1],
]


def krippendorff_matrix() -> RatingMatrix:
    units = list(zip(*KRIPPENDORFF_2011, strict=True))
    return RatingMatrix.from_rows(units, raters=["A", "B", "C", "D"])


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_alpha_matches_krippendorff_2011_example_with_missing_values(
    level: Level, published: float
) -> None:
    alpha = krippendorff_alpha(krippendorff_matrix(), level)
    assert alpha.value == pytest.approx(published, abs=5e-4)


def test_krippendorff_alpha_nominal_is_the_exact_fraction_behind_the_published_0_743() -> None:
    assert krippendorff_alpha(krippendorff_matrix(), "nominal").value == pytest.approx(113 / 152, abs=1e-12)


def test_krippendorff_2011_csv_fixture_loads_to_the_same_alpha() -> None:
    loaded = load_ratings_csv(DATA / "krippendorff_2011.csv")
    assert loaded.matrix.raters == ("A", "B", "D", "C")
    assert krippendorff_alpha(loaded.matrix, "interval").value == pytest.approx(0.849, abs=5e-4)


def test_shrout_fleiss_1979_table_2_mean_squares_match_their_anova() -> None:
    ms = mean_squares(SHROUT_FLEISS_1979)
    # Shrout & Fleiss (1979), Table 2 footer: BMS 11.24, WMS 6.26, JMS 32.49, EMS 1.02.
    assert (ms.bms, ms.wms, ms.jms, ms.ems) == pytest.approx((11.24, 6.26, 32.49, 1.02), abs=5e-3)


@pytest.mark.parametrize(
    ("form", "published"),
    [("icc1", 0.17), ("icc2", 0.29), ("icc3", 0.71), ("icc1k", 0.44), ("icc2k", 0.62), ("icc3k", 0.91)],
)
def test_icc_matches_shrout_fleiss_1979_table_4(form: str, published: float) -> None:
    assert icc_from_scores(SHROUT_FLEISS_1979)[form].value == pytest.approx(published, abs=0.005)


def test_icc_on_the_shrout_fleiss_csv_fixture_uses_the_numeric_values() -> None:
    iccs = intraclass_correlations(load_ratings_csv(DATA / "shrout_fleiss_1979.csv").matrix)
    # The same six values to three decimals (Table 4 prints two).
    expected = {"icc1": 0.166, "icc2": 0.290, "icc3": 0.715, "icc1k": 0.443, "icc2k": 0.620, "icc3k": 0.909}
    assert {k: round(v.value or 0.0, 3) for k, v in iccs.items()} == expected


def test_fleiss_kappa_matches_fleiss_1971_psychiatric_diagnoses_example() -> None:
    assert fleiss_kappa(RatingMatrix.from_rows(FLEISS_1971)).value == pytest.approx(0.430, abs=5e-4)


def test_cohen_kappa_matches_cohen_1960_worked_example() -> None:
    # p_o = .70, p_c = .41, kappa = .29/.59 = .4915 (Cohen 1960 reports .49).
    assert cohen_kappa_from_table(COHEN_1960).value == pytest.approx(0.29 / 0.59, abs=1e-12)
    assert cohen_kappa(RatingMatrix.from_contingency_table(COHEN_1960)).value == pytest.approx(
        0.4915, abs=1e-4
    )


@pytest.mark.parametrize(
    ("weighting", "published"), [("unweighted", 0.7964094), ("linear", 0.843), ("quadratic", 0.892)]
)
def test_cohen_kappa_matches_gwet_2014_abstractors_table(weighting: Weighting, published: float) -> None:
    decimals = 7 if weighting == "unweighted" else 3
    kappa = cohen_kappa_from_table(ABSTRACTORS, weighting)
    assert kappa.value == pytest.approx(published, abs=0.5 * 10**-decimals)


def test_cohen_kappa_matches_gwet_2014_four_diagnoses_table() -> None:
    assert cohen_kappa_from_table(DIAGNOSIS_4X4).value == pytest.approx(0.432, abs=5e-4)


def test_gwet_ac1_and_ac2_match_gwet_2014_abstractors_table() -> None:
    matrix = RatingMatrix.from_contingency_table(ABSTRACTORS)
    assert gwet_ac1(matrix).value == pytest.approx(0.8493305, abs=5e-8)
    assert gwet_ac2(matrix, "linear").value == pytest.approx(0.900, abs=5e-4)
    assert gwet_ac2(matrix, "quadratic").value == pytest.approx(0.940, abs=5e-4)
    assert exact_agreement(matrix).value == pytest.approx(0.89, abs=1e-12)


def test_gwet_ac1_matches_gwet_2014_four_diagnoses_table() -> None:
    assert gwet_ac1(RatingMatrix.from_contingency_table(DIAGNOSIS_4X4)).value == pytest.approx(
        0.456, abs=5e-4
    )


def test_gwet_and_generalised_fleiss_match_gwet_2014_four_raters_with_missing_ratings() -> None:
    matrix = krippendorff_matrix()
    assert exact_agreement(matrix).value == pytest.approx(0.8181818, abs=5e-8)
    assert gwet_ac1(matrix).value == pytest.approx(0.7754, abs=5e-5)
    assert gwet_ac2(matrix, "linear").value == pytest.approx(0.859, abs=5e-4)
    assert gwet_ac2(matrix, "quadratic").value == pytest.approx(0.914, abs=5e-4)
    assert fleiss_kappa(matrix).value == pytest.approx(0.761, abs=5e-4)


def test_gwet_and_generalised_fleiss_match_gwet_2014_five_observers_with_missing_ratings() -> None:
    matrix = RatingMatrix.from_rows(GWET_5_OBSERVERS)
    assert exact_agreement(matrix).value == pytest.approx(0.616, abs=5e-4)
    assert gwet_ac1(matrix).value == pytest.approx(0.497, abs=5e-4)
    assert fleiss_kappa(matrix).value == pytest.approx(0.458, abs=5e-4)


def test_adjacent_agreement_counts_pairs_one_level_apart_in_the_krippendorff_example() -> None:
    # Unit 2 (2,2,3,2), unit 6 (1,2,3,4) and unit 8 (1,1,2,1) hold the only disagreeing pairs; within
    # one level, unit 6 keeps 3 of its 6 pairs apart (1-3, 1-4, 2-4): p = (10 + 3/6) / 11.
    assert adjacent_agreement(krippendorff_matrix()).value == pytest.approx(10.5 / 11, abs=1e-12)
