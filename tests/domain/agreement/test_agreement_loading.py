"""Reading long-format rating CSVs into a units x raters matrix."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor_app.domain.agreement import (
    MISSING,
    RatingMatrix,
    RatingsFileError,
    load_ratings_csv,
    parse_categories,
)


def write(tmp_path: Path, text: str, name: str = "ratings.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_numeric_levels_sort_as_numbers_and_match_by_number(tmp_path: Path) -> None:
    path = write(tmp_path, "unit,rater,value\n1,a,10\n1,b,9\n2,a,2\n2,b,2.0\n")
    matrix = load_ratings_csv(path).matrix
    assert matrix.categories == ("2", "9", "10")
    assert matrix.codes.tolist() == [[2, 1], [0, 0]]
    assert matrix.numeric_values is not None and matrix.numeric_values.tolist() == [2.0, 9.0, 10.0]


def test_text_levels_sort_as_strings_unless_the_scale_is_given(tmp_path: Path) -> None:
    path = write(tmp_path, "unit,rater,value\n1,a,meets\n1,b,exceeds\n2,a,below\n2,b,meets\n")
    assert load_ratings_csv(path).matrix.categories == ("below", "exceeds", "meets")
    scale = parse_categories("below, approaching ,meets,exceeds")
    matrix = load_ratings_csv(path, categories=scale).matrix
    assert matrix.categories == ("below", "approaching", "meets", "exceeds")
    assert matrix.numeric_values is None


def test_empty_values_and_absent_rows_are_both_missing_ratings(tmp_path: Path) -> None:
    path = write(tmp_path, "unit,rater,value\n1,a,1\n1,b,\n2,b,2\n3,a,\n")
    matrix = load_ratings_csv(path).matrix
    assert matrix.units == ("1", "2", "3") and matrix.raters == ("a", "b")
    assert matrix.codes.tolist() == [[0, MISSING], [MISSING, 1], [MISSING, MISSING]]
    trimmed = matrix.without_empty()
    assert trimmed.units == ("1", "2")


def test_columns_may_come_in_any_order_with_spaces_a_bom_and_extra_columns(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text("\ufeff Value , Rater,Unit,note\n3,ann,u1,ok\n4, bob ,u1,\n", encoding="utf-8")
    matrix = load_ratings_csv(path).matrix
    assert matrix.raters == ("ann", "bob") and matrix.codes.tolist() == [[0, 1]]


def test_a_criterion_column_pools_criterion_unit_pairs_unless_one_criterion_is_chosen(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "criterion,unit,rater,value\nA,1,x,1\nA,1,y,2\nB,1,x,3\nB,1,y,3\nB,2,x,1\n",
    )
    pooled = load_ratings_csv(path)
    assert pooled.pooled_criteria and pooled.criteria == ("A", "B")
    assert pooled.matrix.units == ("A / 1", "B / 1", "B / 2")
    only_b = load_ratings_csv(path, criterion="B")
    assert not only_b.pooled_criteria and only_b.matrix.units == ("1", "2")
    assert only_b.matrix.categories == ("1", "3")


def test_the_same_unit_and_rater_may_appear_once_per_criterion(tmp_path: Path) -> None:
    path = write(tmp_path, "criterion,unit,rater,value\nA,1,x,1\nB,1,x,2\nA,1,x,3\n")
    with pytest.raises(RatingsFileError, match=r"line 4 repeats unit '1' and rater 'x' for criterion 'A'"):
        load_ratings_csv(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("\n\n", "is empty"),
        ("unit,rater,value\n", "no ratings"),
        ("unit,value\n1,2\n", "no rater column"),
        ("unit,rater,value\n1,a,1\n1,a,2\n", "repeats unit '1' and rater 'a'"),
        ("unit,rater,value\n1,,1\n", "empty rater"),
        ("unit,rater,value\n1,a,1,9\n", "more fields than the header"),
        ("unit,unit,rater,value\n1,1,a,1\n", "unit twice"),
    ],
)
def test_unusable_files_raise_an_error_saying_what_to_fix(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(RatingsFileError, match=message):
        load_ratings_csv(write(tmp_path, text))


def test_values_outside_the_given_scale_are_rejected_with_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "unit,rater,value\n1,a,1\n1,b,5\n")
    with pytest.raises(
        RatingsFileError, match=r"line 3 has the value '5', which is not in the category list"
    ):
        load_ratings_csv(path, categories=("1", "2", "3", "4"))


@pytest.mark.parametrize(
    ("text", "message"), [("1,,2", "empty level"), ("1,2,1", "repeats 1"), ("1,1.0", "same number")]
)
def test_a_malformed_category_list_is_rejected(text: str, message: str) -> None:
    with pytest.raises(RatingsFileError, match=message):
        parse_categories(text)


def test_nan_and_inf_are_text_levels_not_numbers() -> None:
    matrix = RatingMatrix.from_rows([["1", "nan"], ["inf", "1"]])
    assert matrix.numeric_values is None


def test_criterion_selection_needs_a_criterion_column_and_a_known_criterion(tmp_path: Path) -> None:
    plain = write(tmp_path, "unit,rater,value\n1,a,1\n", "plain.csv")
    with pytest.raises(RatingsFileError, match="no criterion column"):
        load_ratings_csv(plain, criterion="A")
    with_criteria = write(tmp_path, "criterion,unit,rater,value\nA,1,a,1\nB,1,a,2\n", "crit.csv")
    with pytest.raises(RatingsFileError, match="no rows for criterion 'C'; its criteria are: A, B"):
        load_ratings_csv(with_criteria, criterion="C")
