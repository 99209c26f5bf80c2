"""The value every agreement statistic returns: a number, or an explicit "undefined" with its reason.

Statistics never return NaN and never raise on degenerate data (one category used by everyone, fewer
than two ratings per unit, no variance, ...): they return ``Result.undefined("why")`` instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: Denominators smaller than this (in absolute value) are treated as zero.
ZERO_TOLERANCE = 1e-12


@dataclass(frozen=True, slots=True)
class Result:
    """A statistic's value, or ``None`` together with the reason it is undefined for the data."""

    value: float | None
    reason: str | None = None

    def __post_init__(self) -> None:
        if self.value is None and not self.reason:
            raise ValueError("an undefined result needs a reason")
        if self.value is not None and self.reason is not None:
            raise ValueError("a defined result has no reason")
        if self.value is not None and not math.isfinite(self.value):
            raise ValueError(f"a defined result must be finite, got {self.value!r}")

    @classmethod
    def of(cls, value: float) -> Result:
        """A defined result; a non-finite ``value`` becomes undefined rather than a silent NaN."""
        value = float(value)
        if not math.isfinite(value):
            return cls(None, f"the computation gave a non-finite value ({value})")
        return cls(value)

    @classmethod
    def undefined(cls, reason: str) -> Result:
        """An undefined result, with a sentence saying why."""
        return cls(None, reason)

    @property
    def is_defined(self) -> bool:
        return self.value is not None


def chance_corrected(observed: float, chance: float, *, what: str) -> Result:
    """``(observed - chance) / (1 - chance)``, undefined when chance agreement is 1.

    This is the common form of Cohen's kappa, Fleiss' kappa and Gwet's AC1/AC2 (Gwet 2014,
    Handbook of Inter-Rater Reliability, 4th ed., ch. 2).
    """
    if abs(1.0 - chance) <= ZERO_TOLERANCE:
        return Result.undefined(
            f"{what}: chance agreement is 1 (every rating falls in the same category), so the "
            "chance-corrected coefficient is 0/0"
        )
    return Result.of((observed - chance) / (1.0 - chance))


def safe_ratio(numerator: float, denominator: float, *, reason: str) -> Result:
    """``numerator / denominator``, or undefined with ``reason`` when the denominator is zero."""
    if abs(denominator) <= ZERO_TOLERANCE:
        return Result.undefined(reason)
    return Result.of(numerator / denominator)
