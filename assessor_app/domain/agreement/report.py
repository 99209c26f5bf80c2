"""The full set of agreement statistics for one rating matrix, as the ``stats agreement`` command shows it.

Counting rules: ``n_units`` is the number of units with at least one rating and ``n_raters`` the
number of distinct raters with at least one rating; units nobody rated and raters who rated nothing
are dropped before anything is computed. Cohen's kappas are defined only when exactly two raters
remain. Statistics that compare ratings use units with two or more ratings; the ICCs use the units
rated by every remaining rater.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessor_app.domain.agreement.gwet import gwet_ac1, gwet_ac2
from assessor_app.domain.agreement.icc import intraclass_correlations
from assessor_app.domain.agreement.kappa import cohen_kappa, fleiss_kappa
from assessor_app.domain.agreement.krippendorff import Level, krippendorff_alpha
from assessor_app.domain.agreement.observed import adjacent_agreement, all_agree, exact_agreement
from assessor_app.domain.agreement.ratings import RatingMatrix
from assessor_app.domain.agreement.result import Result

#: The statistics in report order (the ``stats agreement --json`` keys after n_units and n_raters).
STATISTICS: tuple[str, ...] = (
    "exact_agreement",
    "all_agree",
    "adjacent_agreement",
    "cohen_kappa",
    "cohen_kappa_linear",
    "cohen_kappa_quadratic",
    "fleiss_kappa",
    "krippendorff_alpha",
    "gwet_ac1",
    "gwet_ac2_linear",
    "gwet_ac2_quadratic",
    "icc1",
    "icc2",
    "icc3",
    "icc1k",
    "icc2k",
    "icc3k",
)

#: Human-readable names for the table output.
LABELS: dict[str, str] = {
    "n_units": "units",
    "n_raters": "raters",
    "exact_agreement": "exact agreement (pairs)",
    "all_agree": "all raters agree (units)",
    "adjacent_agreement": "adjacent agreement (pairs)",
    "cohen_kappa": "Cohen's kappa",
    "cohen_kappa_linear": "Cohen's kappa, linear weights",
    "cohen_kappa_quadratic": "Cohen's kappa, quadratic weights",
    "fleiss_kappa": "Fleiss' kappa",
    "krippendorff_alpha": "Krippendorff's alpha",
    "gwet_ac1": "Gwet's AC1",
    "gwet_ac2_linear": "Gwet's AC2, linear weights",
    "gwet_ac2_quadratic": "Gwet's AC2, quadratic weights",
    "icc1": "ICC(1,1)",
    "icc2": "ICC(2,1)",
    "icc3": "ICC(3,1)",
    "icc1k": "ICC(1,k)",
    "icc2k": "ICC(2,k)",
    "icc3k": "ICC(3,k)",
}


@dataclass(frozen=True)
class AgreementReport:
    """Counts and every statistic (a value or an undefined reason), in :data:`STATISTICS` order."""

    n_units: int
    n_raters: int
    level: Level
    statistics: dict[str, Result]

    def to_json_dict(self) -> dict[str, object]:
        """``n_units``, ``n_raters``, each statistic (number or ``None``) and ``undefined_reasons``."""
        out: dict[str, object] = {"n_units": self.n_units, "n_raters": self.n_raters}
        out.update({name: result.value for name, result in self.statistics.items()})
        out["undefined_reasons"] = {
            name: result.reason for name, result in self.statistics.items() if result.value is None
        }
        return out


def agreement_report(ratings: RatingMatrix, level: Level = "ordinal") -> AgreementReport:
    """Compute every statistic of :data:`STATISTICS` (Krippendorff's alpha at ``level``).

    Raises ``ValueError`` when ``level`` is interval or ratio and the levels are not numbers.
    """
    matrix = ratings.without_empty()
    stats: dict[str, Result] = {
        "exact_agreement": exact_agreement(matrix),
        "all_agree": all_agree(matrix),
        "adjacent_agreement": adjacent_agreement(matrix),
        "cohen_kappa": cohen_kappa(matrix, "unweighted"),
        "cohen_kappa_linear": cohen_kappa(matrix, "linear"),
        "cohen_kappa_quadratic": cohen_kappa(matrix, "quadratic"),
        "fleiss_kappa": fleiss_kappa(matrix),
        "krippendorff_alpha": krippendorff_alpha(matrix, level),
        "gwet_ac1": gwet_ac1(matrix),
        "gwet_ac2_linear": gwet_ac2(matrix, "linear"),
        "gwet_ac2_quadratic": gwet_ac2(matrix, "quadratic"),
    }
    stats.update(intraclass_correlations(matrix))
    return AgreementReport(
        n_units=len(matrix.units),
        n_raters=len(matrix.raters),
        level=level,
        statistics={name: stats[name] for name in STATISTICS},
    )
