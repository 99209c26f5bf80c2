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


def test_xlsx_export_holds_the_adjudications_qualification_and_calibration_results(qtbot, view, lead, tmp_path):
    board = load(qtbot, view)
    target = tmp_path / "all.xlsx"
    with qtbot.waitSignal(view.exported, timeout=60_000):
        view.export_to(str(target))
    book = load_workbook(target)
    adjudications = list(book["Adjudications"].iter_rows(values_only=True))
    expected = [i for i in lead.adjudications(None) if i.credential_id == board.credential.id]
    assert expected, "the seeded reads open at least one adjudication"
    criteria = len(board.credential.rubric.criteria)
    assert len(adjudications) == 1 + len(expected) * (criteria + 1)  # per criterion, and the decision
    first = lead.adjudication(expected[0].id)
    row = next(r for r in adjudications[1:] if r[0] == expected[0].id)
    criterion = board.credential.rubric.criteria[0]
    assert (row[6], row[7], row[8]) == (criterion.name, first.first.assessor,
                                        criterion.level(first.first.levels[criterion.id]).label)
    qualification = list(book["Qualification"].iter_rows(values_only=True))
    report = lead.qualification_report(board.credential.id)
    assert {r[0] for r in qualification[1:len(report["items"]) + 1]} == {i["assessor"] for i in report["items"]}
    assert qualification[-1][0] == "rule" and report["rule"] in qualification[-1][1]
    calibration = list(book["Calibration results"].iter_rows(values_only=True))
    assert len(calibration) == 1 + board.n_master_reads * criteria


def test_an_export_that_cannot_be_written_says_so_and_leaves_no_file(qtbot, view, tmp_path):
    load(qtbot, view)
    target = tmp_path / "no-such-folder" / "agreement.xlsx"
    with qtbot.waitSignal(view.failed, timeout=60_000) as failed:
        view.export_to(str(target))
    assert failed.args[0].startswith("Nothing was exported: the file could not be written")
    assert not target.parent.exists() and view.export_xlsx.isEnabled()


def test_csv_export_holds_the_figures(qtbot, view, tmp_path):
    board = load(qtbot, view)
    target = tmp_path / "agreement.csv"
    with qtbot.waitSignal(view.exported, timeout=30_000):
        view.export_to(str(target))
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert ["# Summary"] in rows and ["# Guidance"] in rows
    exact = next(r for r in rows if r[:3] == ["All criteria", "co-raters", "Exact agreement"])
    assert float(exact[3]) == pytest.approx(board.co_raters.figure("exact").estimate)
