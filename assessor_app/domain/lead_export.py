"""The lead's dashboard as plain tables, one per sheet of the export (CSV sections or XLSX sheets).

Numbers stay numbers (shares as fractions 0–1, coefficients as they are) so a spreadsheet can compute with them;
every figure has its 95% interval and the counts it rests on, and the guidance travels with the figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assessor_app.domain.lead_adjudication import AdjudicationDetail
from assessor_app.domain.lead_dashboard import Block, LeadDashboard
from assessor_app.domain.lead_guidance import INTERVALS, MEANINGS, SEVERITY, WHICH_TO_CITE, verdict
from assessor_app.domain.lead_records import Table, adjudication_table, calibration_table, qualification_table

FIGURE_COLUMNS = ("statistic", "estimate", "ci95 lower", "ci95 upper", "units", "submissions", "verdict")


def _figure_rows(prefix: list[object], block: Block) -> Table:
    return [[*prefix, f.label, f.estimate, f.lower, f.upper, f.n_units, f.n_submissions, verdict(f).text]
            for f in block.figures]


def dashboard_tables(board: LeadDashboard) -> dict[str, Table]:
    """Sheet name -> rows (the first row is the header)."""
    c = board.credential
    summary: Table = [["scope", "against", *FIGURE_COLUMNS]]
    summary += _figure_rows(["All criteria", "co-raters"], board.co_raters)
    summary += _figure_rows(["All criteria", "master scores"], board.master)
    by_criterion: Table = [["criterion", "against", *FIGURE_COLUMNS]]
    for block in (*board.criteria, *board.criteria_master):
        by_criterion += _figure_rows([block.name, "co-raters" if block.against == "co-raters" else "master scores"],
                                     block)
    by_assessor: Table = [["assessor", "against", *FIGURE_COLUMNS]]
    for block in sorted((*board.assessors_master, *board.assessors_co_raters), key=lambda b: (b.name, b.against)):
        by_assessor += _figure_rows([block.name, "co-raters" if block.against == "co-raters" else "master scores"],
                                    block)
    confusion: Table = []
    for title, matrix in (("first read x second read", board.confusion_co_raters),
                          ("assessor x master", board.confusion_master)):
        confusion.append([f"{title} (rows: {matrix.row_rater}, columns: {matrix.column_rater})",
                          *matrix.categories])
        confusion += [[matrix.categories[i], *row] for i, row in enumerate(matrix.as_rows())]
        confusion.append([])
    severity: Table = [["assessor", "against", "criterion scores", "mean signed difference",
                        "mean absolute difference", "exact", "tendency"]]
    for against, items in (("master scores", board.severity_master), ("co-raters", board.severity_co_raters)):
        severity += [[s.assessor, against, s.pairs, s.mean_signed, s.mean_absolute, s.exact, s.tendency]
                     for s in items]
    drift: Table = [["assessor", "week starting", "criterion scores", "mean signed difference",
                     "mean absolute difference", "exact"]]
    drift += [[p.assessor, p.period, p.severity.pairs, p.severity.mean_signed, p.severity.mean_absolute,
               p.severity.exact] for p in board.drift]
    guidance: Table = [["topic", "text"], ["credential", f"{c.name} ({c.id} v{c.version})"],
                       ["reads", board.n_reads], ["co-rater pairs", board.n_pairs],
                       ["reads with master scores", board.n_master_reads],
                       ["which figure to cite", WHICH_TO_CITE], ["intervals", INTERVALS],
                       ["severity", SEVERITY]]
    guidance += [[f"meaning: {key}", text] for key, text in MEANINGS.items()]
    return {"Summary": summary, "By criterion": by_criterion, "By assessor": by_assessor,
            "Confusion": confusion, "Severity": severity, "Drift": drift, "Guidance": guidance}


def export_tables(board: LeadDashboard, adjudications: Sequence[AdjudicationDetail],
                  qualification: Mapping[str, Any]) -> dict[str, Table]:
    """Everything Lead mode shows for one credential: the dashboard's tables, then the adjudications, the
    qualification report and the calibration results (the reads the figures were computed from)."""
    return {**dashboard_tables(board), "Adjudications": adjudication_table(board.credential, adjudications),
            "Qualification": qualification_table(qualification),
            "Calibration results": calibration_table(board.credential, board.reads)}


def csv_rows(tables: dict[str, Table]) -> Table:
    """All tables in one CSV: each preceded by a row naming it, separated by an empty row."""
    rows: Table = []
    for name, table in tables.items():
        rows.append([f"# {name}"])
        rows += table
        rows.append([])
    return rows
