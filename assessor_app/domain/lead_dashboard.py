"""The lead's agreement dashboard for one credential, computed from the issuer's reads (pure; docs/LEAD.md).

What is compared, and with which statistics:
- **co-raters**: two assessors' reads of the same submission (live and blind second read). Raters change from
  pair to pair, so the reliability figure is Krippendorff's ordinal alpha (any number of raters, missing reads
  allowed), beside exact and adjacent agreement (plain shares of agreeing pairs, *not* chance-corrected);
- **master**: an assessor's levels against the master scores of calibration and validity items. The reference
  is fixed, so Cohen's kappa with quadratic weights is the chance-corrected figure, beside exact and adjacent.

Every figure carries a 95% percentile bootstrap interval. Per criterion, units are submissions and
``agreement.bootstrap_interval`` resamples them; pooled over the rubric, the units of one submission are resampled
together (a cluster bootstrap), since one person scored them at one sitting. Severity/leniency and drift are
``calibration.severity`` / ``calibration.drift``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from assessor_app.domain.agreement import (
    ConfusionMatrix,
    RatingMatrix,
    Result,
    adjacent_agreement,
    bootstrap_interval,
    cohen_kappa,
    confusion_matrix,
    exact_agreement,
    krippendorff_alpha,
)
from assessor_app.domain.calibration import DriftPoint, Read, Severity, drift, severity
from assessor_app.domain.lead_reads import (
    FIRST,
    MASTER,
    SECOND,
    ClusteredMatrix,
    LeadRead,
    co_rater_pairs,
    criterion_matrix,
    pooled_matrix,
)
from assessor_app.domain.rubric import Credential

Statistic = Callable[[RatingMatrix], Result]

STATISTICS: dict[str, tuple[str, Statistic]] = {
    "exact": ("Exact agreement", exact_agreement),
    "adjacent": ("Adjacent agreement (within one level)", adjacent_agreement),
    "alpha": ("Krippendorff's alpha (ordinal)", lambda m: krippendorff_alpha(m, "ordinal")),
    "kappa_quadratic": ("Cohen's kappa, quadratic weights", lambda m: cohen_kappa(m, "quadratic")),
}
CO_RATER_FIGURES = ("exact", "adjacent", "alpha")
MASTER_FIGURES = ("exact", "adjacent", "kappa_quadratic")
SHARES = frozenset({"exact", "adjacent"})  # shown as percentages; the others are coefficients


@dataclass(frozen=True, slots=True)
class Figure:
    """One statistic with its interval; ``estimate`` None with ``note`` saying why it cannot be computed."""

    key: str
    label: str
    estimate: float | None
    lower: float | None
    upper: float | None
    n_units: int
    n_submissions: int
    note: str | None = None

    @property
    def is_share(self) -> bool:
        return self.key in SHARES

    def text(self) -> str:
        """``72% (95% CI 61%–83%)``, ``0.64 (95% CI 0.48–0.77)`` or ``not computable``."""
        if self.estimate is None:
            return "not computable"
        fmt = (lambda v: f"{v:.0%}") if self.is_share else (lambda v: f"{v:.2f}")
        if self.lower is None or self.upper is None:
            return f"{fmt(self.estimate)} (no interval)"
        return f"{fmt(self.estimate)} (95% CI {fmt(self.lower)}–{fmt(self.upper)})"


@dataclass(frozen=True, slots=True)
class Block:
    """The figures for one scope: the whole rubric, a criterion, or an assessor; against co-raters or master."""

    scope: str  # "credential" | "criterion" | "assessor"
    name: str
    against: str  # "co-raters" | "master"
    figures: tuple[Figure, ...]

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


@dataclass(frozen=True, slots=True)
class LeadDashboard:
    credential: Credential
    n_reads: int
    n_pairs: int
    n_master_reads: int
    co_raters: Block
    master: Block
    criteria: tuple[Block, ...]  # co-raters per criterion
    criteria_master: tuple[Block, ...]
    assessors_master: tuple[Block, ...]
    assessors_co_raters: tuple[Block, ...]
    confusion_co_raters: ConfusionMatrix  # first read (rows) x second read (columns), pooled positions
    confusion_master: ConfusionMatrix  # assessors (rows) x master (columns), pooled positions
    severity_master: tuple[Severity, ...]
    severity_co_raters: tuple[Severity, ...]
    drift: tuple[DriftPoint, ...]  # against master, by week
    reads: tuple[LeadRead, ...] = ()  # what the figures were computed from (exported as calibration results)


def cluster_interval(clustered: ClusteredMatrix, statistic: Statistic, *, n_resamples: int, seed: int,
                     confidence: float = 0.95) -> tuple[Result, float | None, float | None, str | None]:
    """Percentile bootstrap resampling whole clusters (submissions); same rules as ``bootstrap_interval``."""
    matrix = clustered.matrix
    estimate = statistic(matrix)
    if not estimate.is_defined:
        return estimate, None, None, estimate.reason
    clusters = [np.asarray(c, dtype=np.int64) for c in clustered.clusters]
    if len(clusters) < 2:
        return estimate, None, None, f"an interval needs at least two submissions; found {len(clusters)}"
    rng = np.random.default_rng(seed)
    values: list[float] = []
    for _ in range(n_resamples):
        picked = rng.integers(0, len(clusters), size=len(clusters))
        value = statistic(matrix.take_units(np.concatenate([clusters[i] for i in picked]))).value
        if value is not None:
            values.append(value)
    if len(values) < 0.95 * n_resamples:
        return estimate, None, None, "too few submissions or too little variation for an interval"
    alpha = (1.0 - confidence) / 2.0
    lower, upper = np.quantile(np.asarray(values), [alpha, 1.0 - alpha])
    return estimate, float(lower), float(upper), None


def _figures(keys: Sequence[str], pooled: ClusteredMatrix | None, matrix: RatingMatrix | None,
             n_resamples: int, seed: int) -> tuple[Figure, ...]:
    out = []
    for key in keys:
        label, statistic = STATISTICS[key]
        if pooled is not None:
            estimate, lower, upper, reason = cluster_interval(pooled, statistic, n_resamples=n_resamples, seed=seed)
            n_units, n_subs = len(pooled.matrix.units), pooled.n_submissions
        else:
            assert matrix is not None
            interval = bootstrap_interval(matrix, statistic, n_resamples=n_resamples, seed=seed)
            estimate, lower, upper, reason = interval.estimate, interval.lower, interval.upper, interval.reason
            n_units = n_subs = len(matrix.units)
        note = estimate.reason if estimate.value is None else reason
        out.append(Figure(key, label, estimate.value, lower, upper, n_units, n_subs, note))
    return tuple(out)


def _with_master(reads: Iterable[LeadRead]) -> list[LeadRead]:
    return [r for r in reads if r.master_levels]


def build_dashboard(credential: Credential, reads: Sequence[LeadRead], *, n_resamples: int = 1000,
                    seed: int = 0) -> LeadDashboard:
    """Every figure of the dashboard for ``credential`` from its received reads."""
    pairs = co_rater_pairs(reads)
    mastered = _with_master(reads)
    criteria = credential.rubric.criteria

    by_sub: dict[str, list[LeadRead]] = {}
    for pair in pairs:
        group = by_sub.setdefault(pair.first.submission_id, [])
        group.extend(r for r in (pair.first, pair.second) if r not in group)
    co_rows = [(sid, [(r.assessor, r.levels) for r in group]) for sid, group in sorted(by_sub.items())]
    master_rows = [(f"{r.submission_id}#{r.assignment_id}", [(r.assessor, r.levels), (MASTER, r.master_levels)])
                   for r in mastered]
    pooled_master_rows = [(key, [("assessor", ratings[0][1]), ratings[1]]) for key, ratings in master_rows]
    pair_rows = [(f"{p.first.submission_id}#{p.first.assignment_id}+{p.second.assignment_id}",
                  [(FIRST, p.first.levels), (SECOND, p.second.levels)]) for p in pairs]

    def criterion_rows(rows, cid):  # type: ignore[no-untyped-def]
        return [(unit, [(rater, (levels or {}).get(cid)) for rater, levels in ratings]) for unit, ratings in rows]

    def per_criterion(rows, keys, against, rename=None):  # type: ignore[no-untyped-def]
        blocks = []
        for c in criteria:
            cr = criterion_rows(rows, c.id)
            if rename is not None:
                cr = [(u, [(rename(rater), lv) for rater, lv in rs]) for u, rs in cr]
            blocks.append(Block("criterion", c.name, against,
                                _figures(keys, None, criterion_matrix(credential, c.id, cr), n_resamples, seed)))
        return tuple(blocks)

    assessors = sorted({r.assessor for r in reads})
    assessors_master = tuple(
        Block("assessor", name, "master", _figures(MASTER_FIGURES, pooled_matrix(
            credential, [(k, [("assessor", rs[0][1]), rs[1]]) for k, rs in master_rows if rs[0][0] == name]),
            None, n_resamples, seed))
        for name in assessors if any(r.assessor == name for r in mastered))
    assessors_co = []
    co_reads: list[Read] = []
    for name in assessors:
        rows = []
        for p in pairs:
            if name in (p.first.assessor, p.second.assessor):
                mine, other = (p.first, p.second) if p.first.assessor == name else (p.second, p.first)
                rows.append((f"{mine.submission_id}#{other.assignment_id}", [(name, mine.levels),
                                                                             ("co-rater", other.levels)]))
                co_reads.append(Read(name, mine.received_at, mine.levels, other.levels))
        if rows:
            assessors_co.append(Block("assessor", name, "co-raters",
                                      _figures(CO_RATER_FIGURES, pooled_matrix(credential, rows), None,
                                               n_resamples, seed)))
    master_sev_reads = [Read(r.assessor, r.received_at, r.levels, r.master_levels or {}) for r in mastered]
    pooled_pairs = pooled_matrix(credential, pair_rows).matrix
    pooled_vs_master = pooled_matrix(credential, pooled_master_rows).matrix
    return LeadDashboard(
        credential=credential,
        n_reads=len(reads),
        n_pairs=len(pairs),
        n_master_reads=len(mastered),
        co_raters=Block("credential", "All criteria", "co-raters",
                        _figures(CO_RATER_FIGURES, pooled_matrix(credential, co_rows), None, n_resamples, seed)),
        master=Block("credential", "All criteria", "master",
                     _figures(MASTER_FIGURES, pooled_matrix(credential, pooled_master_rows), None, n_resamples,
                              seed)),
        criteria=per_criterion(co_rows, CO_RATER_FIGURES, "co-raters"),
        criteria_master=per_criterion(master_rows, MASTER_FIGURES, "master",
                                      rename=lambda rater: rater if rater == MASTER else "assessor"),
        assessors_master=assessors_master,
        assessors_co_raters=tuple(assessors_co),
        confusion_co_raters=_confusion(pooled_pairs, FIRST, SECOND),
        confusion_master=_confusion(pooled_vs_master, "assessor", MASTER),
        severity_master=tuple(severity(credential, master_sev_reads)),
        severity_co_raters=tuple(severity(credential, co_reads)),
        drift=tuple(p for p in drift(credential, [r for r in master_sev_reads if r.at]) if p.severity.pairs),
        reads=tuple(reads),
    )


def _confusion(matrix: RatingMatrix, rows: str, columns: str) -> ConfusionMatrix:
    if rows in matrix.raters and columns in matrix.raters:
        return confusion_matrix(matrix, rows, columns)
    size = len(matrix.categories)
    return ConfusionMatrix(rows, columns, matrix.categories, np.zeros((size, size), dtype=np.int64))
