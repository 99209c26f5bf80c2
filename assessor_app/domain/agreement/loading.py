"""Reading ratings from a long-format CSV file: one row per (unit, rater) with columns ``unit,rater,value``.

An optional ``criterion`` column names the rubric criterion. An empty ``value`` is a missing rating.
Every problem is raised as :class:`RatingsFileError` with one sentence saying what to fix.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assessor_app.domain.agreement.ratings import MISSING, CategoryIndex, RatingMatrix, default_categories

REQUIRED_COLUMNS: tuple[str, ...] = ("unit", "rater", "value")
CRITERION_COLUMN = "criterion"


class RatingsFileError(ValueError):
    """The ratings file cannot be used as it is; the message says what to change."""


@dataclass(frozen=True)
class LoadedRatings:
    """The matrix read from a file, and how its units were formed."""

    matrix: RatingMatrix
    source: str
    criteria: tuple[str, ...]
    """The criteria the analysed rows belong to (empty when the file has no criterion column)."""
    criterion: str | None
    """The one criterion asked for, if any."""
    categories_given: bool = False
    """True when the scale was given; False when it is the observed values, sorted."""

    @property
    def pooled_criteria(self) -> bool:
        """True when units are (criterion, unit) pairs across several criteria."""
        return self.criterion is None and bool(self.criteria)


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    criterion: str
    unit: str
    rater: str
    value: str


def parse_categories(text: str) -> tuple[str, ...]:
    """Split a comma-separated scale such as ``"1,2,3,4"``; raises on empty or repeated levels."""
    items = tuple(item.strip() for item in text.split(","))
    if not items or any(item == "" for item in items):
        raise RatingsFileError(f"the category list {text!r} has an empty level; write it like 1,2,3,4")
    repeated = sorted({item for item in items if items.count(item) > 1})
    if repeated:
        raise RatingsFileError(f"the category list repeats {', '.join(repeated)}; list each level once")
    try:
        CategoryIndex(items)
    except ValueError as exc:
        raise RatingsFileError(f"the category list has two spellings of one number: {exc}") from exc
    return items


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            records = [(reader.line_num, row) for row in reader]
    except FileNotFoundError:
        raise RatingsFileError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise RatingsFileError(f"{path} is a directory; give the path of a CSV file") from None
    except PermissionError:
        raise RatingsFileError(f"{path} cannot be read (permission denied)") from None
    except UnicodeDecodeError:
        raise RatingsFileError(f"{path} is not UTF-8 text; save it as a UTF-8 CSV file") from None
    except csv.Error as exc:
        raise RatingsFileError(f"{path} is not a readable CSV file ({exc})") from None
    records = [(line, row) for line, row in records if any(cell.strip() for cell in row)]
    if not records:
        raise RatingsFileError(
            f"{path} is empty; it needs a header row unit,rater,value and one row per rating"
        )
    header = records[0][1]
    return [cell.strip().lower() for cell in header], records[1:]


def _parse(path: Path, criterion: str | None) -> tuple[list[_Row], bool]:
    header, records = _read_rows(path)
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise RatingsFileError(
            f"{path} has no {', '.join(missing)} column(s); the header must name unit, rater and value "
            f"(criterion is optional), found: {', '.join(header) or 'nothing'}"
        )
    repeated = sorted({c for c in header if c and header.count(c) > 1})
    if repeated:
        raise RatingsFileError(f"{path} has the column(s) {', '.join(repeated)} twice; keep one of each")
    has_criterion = CRITERION_COLUMN in header
    if criterion is not None and not has_criterion:
        raise RatingsFileError(f"{path} has no criterion column, so a criterion cannot be selected")
    where = {name: header.index(name) for name in (*REQUIRED_COLUMNS, CRITERION_COLUMN) if name in header}
    if not records:
        raise RatingsFileError(f"{path} has a header but no ratings; add one row per unit and rater")
    rows: list[_Row] = []
    for line, cells in records:
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            raise RatingsFileError(f"{path} line {line} has more fields than the header; check its commas")
        padded = [cell.strip() for cell in cells] + [""] * (len(header) - len(cells))
        row = _Row(
            line=line,
            criterion=padded[where[CRITERION_COLUMN]] if has_criterion else "",
            unit=padded[where["unit"]],
            rater=padded[where["rater"]],
            value=padded[where["value"]],
        )
        if not row.unit or not row.rater:
            column = "unit" if not row.unit else "rater"
            raise RatingsFileError(f"{path} line {line} has an empty {column}; every row needs both")
        rows.append(row)
    return rows, has_criterion


def load_ratings_csv(
    path: str | Path,
    *,
    criterion: str | None = None,
    categories: Sequence[str] | None = None,
) -> LoadedRatings:
    """Read ``path`` into a :class:`RatingMatrix`.

    ``criterion`` keeps only that criterion's rows. Without it, a file with a criterion column is
    analysed across all rows with each (criterion, unit) pair as one unit. ``categories`` is the full
    ordered scale; by default the observed values sorted (numerically if all are numbers).
    """
    source = Path(path)
    rows, has_criterion = _parse(source, criterion)
    if criterion is not None:
        available = sorted({r.criterion for r in rows})
        rows = [r for r in rows if r.criterion == criterion]
        if not rows:
            raise RatingsFileError(
                f"{source} has no rows for criterion {criterion!r}; its criteria are: {', '.join(available)}"
            )
    seen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        key = (row.criterion, row.unit, row.rater)
        if key in seen:
            what = f"unit {row.unit!r} and rater {row.rater!r}"
            if has_criterion:
                what += f" for criterion {row.criterion!r}"
            raise RatingsFileError(
                f"{source} line {row.line} repeats {what} (first on line {seen[key]}); "
                "keep one rating per unit and rater"
            )
        seen[key] = row.line
    scale = tuple(categories) if categories is not None else default_categories([r.value for r in rows])
    index = CategoryIndex(scale)
    pooled = has_criterion and criterion is None
    unit_keys = list(dict.fromkeys((r.criterion, r.unit) for r in rows))
    raters = list(dict.fromkeys(r.rater for r in rows))
    unit_pos = {key: i for i, key in enumerate(unit_keys)}
    rater_pos = {name: j for j, name in enumerate(raters)}
    codes = np.full((len(unit_keys), len(raters)), MISSING, dtype=np.int64)
    for row in rows:
        if row.value == "":
            continue
        position = index.position(row.value)
        if position is None:
            raise RatingsFileError(
                f"{source} line {row.line} has the value {row.value!r}, which is not in the category "
                f"list ({','.join(scale)}); add it to the list or correct the row"
            )
        codes[unit_pos[(row.criterion, row.unit)], rater_pos[row.rater]] = position
    units = tuple(f"{c} / {u}" if pooled else u for c, u in unit_keys)
    matrix = RatingMatrix(units=units, raters=tuple(raters), categories=scale, codes=codes)
    criteria = tuple(dict.fromkeys(r.criterion for r in rows)) if has_criterion else ()
    return LoadedRatings(
        matrix=matrix,
        source=str(source),
        criteria=criteria,
        criterion=criterion,
        categories_given=categories is not None,
    )
