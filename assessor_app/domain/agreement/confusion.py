"""Confusion matrices between two raters, or between a rater and the master (reference) ratings."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assessor_app.domain.agreement.kappa import contingency_table
from assessor_app.domain.agreement.ratings import RatingMatrix


@dataclass(frozen=True, eq=False)
class ConfusionMatrix:
    """``counts[k, l]``: units that ``row_rater`` put at level ``k`` and ``column_rater`` at level ``l``.

    Only units rated by both count. Rows and columns follow the full ordered scale, so levels nobody
    used appear as zero rows/columns.
    """

    row_rater: str
    column_rater: str
    categories: tuple[str, ...]
    counts: npt.NDArray[np.int64]

    @property
    def n_units(self) -> int:
        return int(self.counts.sum())

    def row_totals(self) -> npt.NDArray[np.int64]:
        return np.asarray(self.counts.sum(axis=1), dtype=np.int64)

    def column_totals(self) -> npt.NDArray[np.int64]:
        return np.asarray(self.counts.sum(axis=0), dtype=np.int64)

    def agreement(self) -> float | None:
        """Share of jointly rated units on the diagonal, or ``None`` when there are none."""
        total = self.n_units
        return None if total == 0 else float(np.trace(self.counts)) / total

    def as_rows(self) -> list[list[int]]:
        return [[int(c) for c in row] for row in self.counts]


def confusion_matrix(ratings: RatingMatrix, row_rater: str, column_rater: str) -> ConfusionMatrix:
    """Cross-tabulate two raters' levels over the units both rated."""
    for rater in (row_rater, column_rater):
        if rater not in ratings.raters:
            raise KeyError(f"unknown rater {rater!r}; raters are {list(ratings.raters)}")
    return ConfusionMatrix(
        row_rater=row_rater,
        column_rater=column_rater,
        categories=ratings.categories,
        counts=contingency_table(ratings, row_rater, column_rater),
    )


def confusion_against_master(ratings: RatingMatrix, rater: str, master: str) -> ConfusionMatrix:
    """Rater (rows) against the master ratings (columns), the master being a column of the matrix."""
    return confusion_matrix(ratings, rater, master)
