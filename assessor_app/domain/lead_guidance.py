"""Plain-language guidance for the lead's dashboard: which figure to cite, what the thresholds mean, and a
verdict per figure. Thresholds are conventions, named with their source, not laws:

- Krippendorff's alpha: rely on data with alpha >= 0.800; 0.667 <= alpha < 0.800 only for tentative conclusions
  (Krippendorff 2004, *Content Analysis*, 2nd ed., §11.4.4). Judge the lower end of the interval, not the estimate.
- Cohen's kappa: Landis & Koch's (1977) bands (0.61–0.80 "substantial", above 0.80 "almost perfect") are
  widely quoted and arbitrary; we use 0.60 as "acceptable" and 0.80 as "strong", and say so.
- Exact / adjacent agreement: performance-assessment programmes commonly ask for at least 70% exact and 90%
  adjacent agreement. These are raw shares: part of them happens by chance, and they are never kappa.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessor_app.domain.calibration import Severity
from assessor_app.domain.lead_dashboard import Figure

#: (strong, acceptable) thresholds per statistic key.
THRESHOLDS: dict[str, tuple[float, float]] = {
    "alpha": (0.800, 0.667),
    "kappa_quadratic": (0.80, 0.60),
    "exact": (0.80, 0.70),
    "adjacent": (0.95, 0.90),
}
FEW_SUBMISSIONS = 10  # below this many submissions, intervals are wide and figures move a lot

WHICH_TO_CITE = (
    "Cite Krippendorff's alpha (ordinal) with its 95% interval as the reliability of scoring between co-raters, "
    "and Cohen's quadratic-weighted kappa with its interval for agreement with the master scores. Report exact "
    "and adjacent agreement beside them as percentages of agreement: they are easy to read but are not "
    "corrected for chance, so never call them kappa."
)

MEANINGS: dict[str, str] = {
    "exact": "Share of pairs of scores at the same level. Not corrected for chance: with four levels, two "
             "assessors who guess still agree about a quarter of the time. A common target is 70% or more.",
    "adjacent": "Share of pairs of scores at most one level apart. Useful to spot wild disagreements; a common "
                "target is 90% or more. Not corrected for chance.",
    "alpha": "Krippendorff's alpha, ordinal: 1 = perfect agreement, 0 = no better than chance. Handles any "
             "number of assessors and missing reads. Rely on scoring with alpha of 0.80 or more; 0.667 to 0.80 "
             "supports tentative conclusions only (Krippendorff 2004).",
    "kappa_quadratic": "Cohen's kappa with quadratic weights against the master scores: 1 = perfect, 0 = chance; "
                       "near misses count partly. 0.60 or more is acceptable, 0.80 or more strong (conventions "
                       "after Landis & Koch 1977).",
}

INTERVALS = ("The range after each figure is a 95% bootstrap confidence interval: submissions are resampled "
             "(all criteria of a submission together), so it shows how much the figure could move with other "
             "submissions of the same kind. Judge a threshold by the interval's lower end. A wide interval means "
             "more double-scored submissions are needed before drawing conclusions.")

SEVERITY = ("Severity/leniency is the mean signed difference in levels from the reference (master scores or the "
            "co-rater): +0.5 means half a level higher on average (lenient), −0.5 half a level lower (severe). "
            "Within ±0.15 counts as on target. Read it with the mean absolute difference: a mean near zero can "
            "hide large disagreements in both directions.")


@dataclass(frozen=True, slots=True)
class Verdict:
    tone: str  # good | fair | poor | unknown
    text: str


def verdict(figure: Figure) -> Verdict:
    """What a lead should conclude from one figure, judged by its interval's lower end when there is one."""
    if figure.estimate is None:
        return Verdict("unknown", f"Not computable: {figure.note}.")
    strong, acceptable = THRESHOLDS.get(figure.key, (1.0, 1.0))
    value = figure.lower if figure.lower is not None else figure.estimate
    few = figure.n_submissions < FEW_SUBMISSIONS
    suffix = f" Only {figure.n_submissions} submissions: treat as provisional." if few else ""
    shown = (lambda v: f"{v:.0%}") if figure.is_share else (lambda v: f"{v:.2f}")
    if value >= strong:
        return Verdict("good", f"Strong: even the interval's lower end reaches {shown(strong)}.{suffix}")
    if value >= acceptable:
        return Verdict("fair", f"Acceptable: the interval's lower end reaches {shown(acceptable)}.{suffix}")
    if figure.estimate >= acceptable:
        return Verdict("fair", f"Uncertain: the estimate reaches {shown(acceptable)} but the interval goes below; "
                               f"more double-scored submissions are needed.{suffix}")
    return Verdict("poor", f"Below the {shown(acceptable)} threshold: recalibrate before relying on these "
                           f"scores.{suffix}")


def severity_text(item: Severity) -> str:
    if item.mean_signed is None:
        return f"{item.assessor}: no comparable scores yet."
    return (f"{item.assessor}: {item.tendency} ({item.mean_signed:+.2f} levels on average, "
            f"{item.mean_absolute:.2f} apart, {item.exact:.0%} exact over {item.pairs} criterion scores).")
