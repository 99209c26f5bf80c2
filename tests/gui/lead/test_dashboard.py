"""The lead's agreement dashboard against the real issuer: figures with their intervals for the seeded credential,
plots fed, and the export files holding the same figures (the XLSX read back with openpyxl)."""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from assessor_app.domain.lead_dashboard import LeadDashboard
from assessor_app.ui.lead.dashboard import DashboardView


@pytest.fixture
def view(qtbot, tasks, lead):
    widget = DashboardView(tasks, lambda: lead)
    widget.resize(1280, 720)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def load(qtbot, view) -> LeadDashboard:
    with qtbot.waitSignal(view.loaded, timeout=120_000) as blocker:
        view.load_credentials()
    return blocker.args[0]


def test_dashboard_shows_the_figures_with_intervals_for_the_seeded_credential(qtbot, view):
    board = load(qtbot, view)
    assert board.n_pairs >= 3 and board.n_master_reads >= 2
    alpha = board.co_raters.figure("alpha")
    assert alpha.estimate is not None and alpha.lower is not None and alpha.lower <= alpha.estimate <= alpha.upper
    card = view.co_card.body.text()
    assert "Krippendorff's alpha (ordinal): <b>" in card and "95% CI" in card
    assert "Cohen's kappa, quadratic weights" in view.master_card.body.text()
    assert "never call them kappa" in view.guidance.text()
    criteria = len(board.credential.rubric.criteria)
    assert view.criteria_table.model().rowCount() == 2 * criteria * 3  # co-raters and master, three figures each
    assert len(view.alpha_plot.rows) == criteria + 1
    assert view.heat.matrix is board.confusion_co_raters and board.confusion_co_raters.n_units > 0
    assert {s.assessor for s in view.severity.master} == {"demo", "morgan"}
    assert view.export_xlsx.isEnabled()


def test_xlsx_export_holds_the_figures(qtbot, view, tmp_path):
    board = load(qtbot, view)
    target = tmp_path / "agreement.xlsx"
    with qtbot.waitSignal(view.exported, timeout=30_000):
        view.export_to(str(target))
    book = load_workbook(target)
    assert {"Summary", "By criterion", "By assessor", "Confusion", "Severity", "Drift", "Guidance"} <= set(
        book.sheetnames)
    rows = list(book["Summary"].iter_rows(values_only=True))
    assert rows[0][:6] == ("scope", "against", "statistic", "estimate", "ci95 lower", "ci95 upper")
    alpha = next(r for r in rows if r[2] == "Krippendorff's alpha (ordinal)")
    figure = board.co_raters.figure("alpha")
    assert alpha[3] == pytest.approx(figure.estimate) and alpha[4] == pytest.approx(figure.lower)


def test_csv_export_holds_the_figures(qtbot, view, tmp_path):
    board = load(qtbot, view)
    target = tmp_path / "agreement.csv"
    with qtbot.waitSignal(view.exported, timeout=30_000):
        view.export_to(str(target))
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert ["# Summary"] in rows and ["# Guidance"] in rows
    exact = next(r for r in rows if r[:3] == ["All criteria", "co-raters", "Exact agreement"])
    assert float(exact[3]) == pytest.approx(board.co_raters.figure("exact").estimate)
