"""Inter-rater agreement statistics for ordinal rubric levels, with missing ratings allowed.

Pure standard library + NumPy/SciPy. Every statistic returns a :class:`Result`: a finite number, or
``value=None`` with the reason it is undefined for the data (never a silent NaN, never a crash on
degenerate data). Ratings live in a :class:`RatingMatrix` (units x raters, category positions).
"""

from assessor_app.domain.agreement.bootstrap import BootstrapInterval, bootstrap_interval
from assessor_app.domain.agreement.confusion import (
    ConfusionMatrix,
    confusion_against_master,
    confusion_matrix,
)
from assessor_app.domain.agreement.gwet import gwet_ac1, gwet_ac2, gwet_ac_from_counts
from assessor_app.domain.agreement.icc import (
    ICC_FORMS,
    MeanSquares,
    icc_from_scores,
    intraclass_correlations,
    mean_squares,
)
from assessor_app.domain.agreement.kappa import (
    cohen_kappa,
    cohen_kappa_from_table,
    contingency_table,
    fleiss_kappa,
    fleiss_kappa_from_counts,
)
from assessor_app.domain.agreement.krippendorff import (
    LEVELS,
    Level,
    krippendorff_alpha,
    krippendorff_alpha_from_counts,
)
from assessor_app.domain.agreement.loading import (
    LoadedRatings,
    RatingsFileError,
    load_ratings_csv,
    parse_categories,
)
from assessor_app.domain.agreement.observed import adjacent_agreement, all_agree, exact_agreement
from assessor_app.domain.agreement.ratings import MISSING, CategoryIndex, RatingMatrix
from assessor_app.domain.agreement.report import STATISTICS, AgreementReport, agreement_report
from assessor_app.domain.agreement.result import Result
from assessor_app.domain.agreement.weights import WEIGHTINGS, Weighting, weight_matrix

__all__ = [
    "ICC_FORMS",
    "LEVELS",
    "MISSING",
    "STATISTICS",
    "WEIGHTINGS",
    "AgreementReport",
    "BootstrapInterval",
    "CategoryIndex",
    "ConfusionMatrix",
    "Level",
    "LoadedRatings",
    "MeanSquares",
    "RatingMatrix",
    "RatingsFileError",
    "Result",
    "Weighting",
    "adjacent_agreement",
    "agreement_report",
    "all_agree",
    "bootstrap_interval",
    "cohen_kappa",
    "cohen_kappa_from_table",
    "confusion_against_master",
    "confusion_matrix",
    "contingency_table",
    "exact_agreement",
    "fleiss_kappa",
    "fleiss_kappa_from_counts",
    "gwet_ac1",
    "gwet_ac2",
    "gwet_ac_from_counts",
    "icc_from_scores",
    "intraclass_correlations",
    "krippendorff_alpha",
    "krippendorff_alpha_from_counts",
    "load_ratings_csv",
    "mean_squares",
    "parse_categories",
    "weight_matrix",
]
