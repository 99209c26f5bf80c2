"""A units x raters matrix of ordinal ratings, with missing ratings allowed.

Each rating is stored as the position of its category in the ordered category list (the rubric's
levels, lowest first); ``MISSING`` (-1) marks a unit a rater did not rate. When every category is a
number the matrix also knows each category's numeric value, which Krippendorff's interval and ratio
alpha and the intraclass correlations use; positions are used by everything ordinal (weighted kappa,
Gwet's AC2, adjacent agreement).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

MISSING = -1


def parse_number(text: object) -> float | None:
    """``text`` as a finite float, or ``None`` when it is not a number ("nan" and "inf" are not)."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float | np.integer | np.floating):
        value = float(text)
    elif isinstance(text, str):
        try:
            value = float(text.strip())
        except ValueError:
            return None
    else:
        return None
    return value if math.isfinite(value) else None


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    return isinstance(value, float | np.floating) and math.isnan(value)


def default_categories(values: Sequence[object]) -> tuple[str, ...]:
    """The observed values sorted: numerically if all are numbers, else as strings; duplicates dropped."""
    labels = list(dict.fromkeys(str(v).strip() for v in values if not _is_missing(v)))  # first spelling kept
    numbers = [parse_number(label) for label in labels]
    if labels and all(n is not None for n in numbers):
        first_label: dict[float, str] = {}
        for label, number in zip(labels, numbers, strict=True):
            assert number is not None
            first_label.setdefault(number, label)
        return tuple(first_label[n] for n in sorted(first_label))
    return tuple(sorted(set(labels)))


@dataclass(frozen=True, eq=False)
class RatingMatrix:
    """Ratings of ``units`` (rows) by ``raters`` (columns) as category positions, ``MISSING`` = -1."""

    units: tuple[str, ...]
    raters: tuple[str, ...]
    categories: tuple[str, ...]
    codes: npt.NDArray[np.int64]

    def __post_init__(self) -> None:
        codes = np.asarray(self.codes, dtype=np.int64)
        if codes.ndim != 2 or codes.shape != (len(self.units), len(self.raters)):
            raise ValueError(
                f"codes must have shape ({len(self.units)}, {len(self.raters)}), got {codes.shape}"
            )
        if codes.size and (codes.min() < MISSING or codes.max() >= len(self.categories)):
            raise ValueError("codes must be category positions or MISSING (-1)")
        if len(set(self.categories)) != len(self.categories):
            raise ValueError("categories must be distinct")
        codes.setflags(write=False)
        object.__setattr__(self, "codes", codes)

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def from_rows(
        cls,
        rows: Sequence[Sequence[object]],
        categories: Sequence[object] | None = None,
        *,
        units: Sequence[str] | None = None,
        raters: Sequence[str] | None = None,
    ) -> RatingMatrix:
        """Build from one row per unit of raw values (``None``, ``""`` or NaN = missing).

        ``categories`` is the full ordered scale; by default the observed values, sorted numerically
        if all are numbers. Values match categories by number when both are numbers, else as text.
        """
        n_raters = max((len(r) for r in rows), default=0)
        flat = [v for r in rows for v in r]
        cats = tuple(str(c).strip() for c in categories) if categories is not None else None
        cats = cats if cats is not None else default_categories(flat)
        index = CategoryIndex(cats)
        codes = np.full((len(rows), n_raters), MISSING, dtype=np.int64)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if _is_missing(value):
                    continue
                position = index.position(value)
                if position is None:
                    raise ValueError(f"value {value!r} is not one of the categories {list(cats)}")
                codes[i, j] = position
        return cls(
            units=tuple(units) if units is not None else tuple(str(i + 1) for i in range(len(rows))),
            raters=tuple(raters) if raters is not None else tuple(f"r{j + 1}" for j in range(n_raters)),
            categories=cats,
            codes=codes,
        )

    @classmethod
    def from_contingency_table(
        cls, table: npt.ArrayLike, categories: Sequence[object] | None = None
    ) -> RatingMatrix:
        """Expand a two-rater q x q table of counts (rows: rater A, columns: rater B) into units."""
        counts = np.asarray(table)
        if counts.ndim != 2 or counts.shape[0] != counts.shape[1]:
            raise ValueError("a contingency table must be square")
        if np.any(counts < 0) or np.any(counts != np.round(counts)):
            raise ValueError("a contingency table must hold non-negative whole counts")
        q = counts.shape[0]
        cats = (
            tuple(str(c) for c in categories)
            if categories is not None
            else tuple(str(k + 1) for k in range(q))
        )
        if len(cats) != q:
            raise ValueError("one category per row of the table is needed")
        pairs = [(a, b) for a in range(q) for b in range(q) for _ in range(int(counts[a, b]))]
        codes = np.array(pairs, dtype=np.int64).reshape(-1, 2)
        return cls(
            units=tuple(str(i + 1) for i in range(len(pairs))),
            raters=("A", "B"),
            categories=cats,
            codes=codes,
        )

    # -- views ----------------------------------------------------------------------------------

    @property
    def n_categories(self) -> int:
        return len(self.categories)

    @property
    def numeric_values(self) -> npt.NDArray[np.float64] | None:
        """Each category's numeric value, or ``None`` when some category is not a number."""
        numbers = [parse_number(c) for c in self.categories]
        if any(n is None for n in numbers):
            return None
        return np.array(numbers, dtype=np.float64)

    def first_non_numeric_category(self) -> str | None:
        return next((c for c in self.categories if parse_number(c) is None), None)

    def ratings_per_unit(self) -> npt.NDArray[np.int64]:
        return np.asarray((self.codes != MISSING).sum(axis=1), dtype=np.int64)

    def category_counts(self) -> npt.NDArray[np.int64]:
        """``r_ik``: how many raters put unit ``i`` in category ``k`` (units x categories).

        Every count-based statistic starts here, so the table is computed once per matrix (read-only).
        """
        cached = self.__dict__.get("_counts")
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        n, q = len(self.units), self.n_categories
        present = self.codes != MISSING
        rows = np.nonzero(present)[0]
        counts = np.bincount(rows * q + self.codes[present], minlength=n * q).reshape(n, q).astype(np.int64)
        counts.setflags(write=False)
        object.__setattr__(self, "_counts", counts)
        return counts

    def count_patterns(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """The distinct rows of :meth:`category_counts` and how many units have each.

        Count-based statistics are sums over units of a function of the unit's row, so they can run on
        the few distinct rows (35 for 3 raters and 4 levels) weighted by multiplicity instead of on
        every unit: the same figures, in microseconds instead of milliseconds.
        """
        cached = self.__dict__.get("_patterns")
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        counts = self.category_counts()
        base = len(self.raters) + 1
        q = counts.shape[1]
        if q and base ** q <= 1 << 22:
            keys = counts @ (base ** np.arange(q, dtype=np.int64))
            tally = np.bincount(keys, minlength=1)
            present = np.flatnonzero(tally)
            example = np.zeros(tally.shape[0], dtype=np.int64)
            example[keys] = np.arange(len(keys))  # any unit with the key will do: they share the row
            patterns, multiplicity = counts[example[present]], tally[present]
        else:
            patterns, multiplicity = np.unique(counts, axis=0, return_counts=True)
        result = (np.ascontiguousarray(patterns, dtype=np.int64), np.asarray(multiplicity, dtype=np.int64))
        object.__setattr__(self, "_patterns", result)
        return result

    def numeric(self) -> npt.NDArray[np.float64]:
        """Ratings as numbers (NaN where missing); raises ``ValueError`` if categories aren't numeric."""
        values = self.numeric_values
        if values is None:
            raise ValueError(f"category {self.first_non_numeric_category()!r} is not a number")
        out = np.full(self.codes.shape, np.nan)
        present = self.codes != MISSING
        out[present] = values[self.codes[present]]
        return out

    def take_units(self, indices: npt.ArrayLike) -> RatingMatrix:
        """The matrix restricted to (or resampled as) the given unit rows, in that order."""
        idx = np.asarray(indices, dtype=np.int64)
        return RatingMatrix(
            units=_pick(self.units, idx),
            raters=self.raters,
            categories=self.categories,
            codes=self.codes[idx],
        )

    def take_raters(self, raters: Sequence[str]) -> RatingMatrix:
        """The matrix restricted to the named raters, in that order."""
        missing = [r for r in raters if r not in self.raters]
        if missing:
            raise KeyError(f"unknown rater(s): {missing}")
        cols = [self.raters.index(r) for r in raters]
        return RatingMatrix(self.units, tuple(raters), self.categories, self.codes[:, cols])

    def without_empty(self) -> RatingMatrix:
        """Drop units nobody rated and raters who rated nothing (categories are kept)."""
        present = self.codes != MISSING
        rated_units, active_raters = present.any(axis=1), present.any(axis=0)
        if rated_units.all() and active_raters.all():
            return self
        rows = np.flatnonzero(rated_units)
        cols = np.flatnonzero(active_raters)
        return RatingMatrix(
            units=_pick(self.units, rows),
            raters=_pick(self.raters, cols),
            categories=self.categories,
            codes=self.codes[np.ix_(rows, cols)],
        )

    def complete_units(self) -> RatingMatrix:
        """Only the units rated by every rater."""
        return self.take_units(np.flatnonzero((self.codes != MISSING).all(axis=1)))


def _pick(names: tuple[str, ...], indices: npt.NDArray[np.int64]) -> tuple[str, ...]:
    """``names`` at ``indices`` (itemgetter runs the loop in C: units can number hundreds of thousands)."""
    if len(indices) == 0:
        return ()
    if len(indices) == 1:
        return (names[int(indices[0])],)
    return operator.itemgetter(*indices.tolist())(names)  # type: ignore[no-any-return]


class CategoryIndex:
    """Finds a value's position in an ordered category list.

    When every category is a number, values match by number ("2" and "2.0" are the same level);
    otherwise they match as stripped text.
    """

    def __init__(self, categories: Sequence[str]) -> None:
        self.categories = tuple(categories)
        numbers = [parse_number(c) for c in self.categories]
        self.numeric = bool(self.categories) and all(n is not None for n in numbers)
        self._by_text = {label: k for k, label in enumerate(self.categories)}
        self._by_number: dict[float, int] = {}
        self._seen: dict[str, int | None] = {}
        if self.numeric:
            for k, (label, number) in enumerate(zip(self.categories, numbers, strict=True)):
                assert number is not None
                if number in self._by_number:
                    raise ValueError(
                        f"categories {self.categories[self._by_number[number]]!r} and "
                        f"{label!r} are the same number"
                    )
                self._by_number[number] = k

    def position(self, value: object) -> int | None:
        """The position of ``value``, or ``None`` when it is not one of the categories."""
        if isinstance(value, str):  # a file repeats a handful of spellings hundreds of thousands of times
            try:
                return self._seen[value]
            except KeyError:
                found = self._seen[value] = self._position(value)
                return found
        return self._position(value)

    def _position(self, value: object) -> int | None:
        if self.numeric:
            number = parse_number(value)
            return None if number is None else self._by_number.get(number)
        return self._by_text.get(str(value).strip())
