"""The agreement dashboard: pick a credential, and see agreement between co-raters and with the master scores,
per criterion and per assessor, with 95% intervals, what each figure means, and plots. Reads are fetched and every
figure computed off the GUI thread (the bootstrap takes a moment)."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.lead_dashboard import Block, LeadDashboard, build_dashboard
from assessor_app.domain.lead_export import dashboard_tables, export_tables
from assessor_app.domain.lead_guidance import INTERVALS, MEANINGS, SEVERITY, THRESHOLDS, WHICH_TO_CITE, verdict
from assessor_app.sync.lead_client import LeadClient, LeadCredential
from assessor_app.ui.lead.export_files import write_tables
from assessor_app.ui.lead.plots import DriftPlot, HeatMap, IntervalPlot, Row, SeverityPlot
from assessor_app.ui.lead.qualifications import QualificationTable
from assessor_app.ui.lead.rows_model import RowsModel
from assessor_app.ui.lead.style import TONE_COLOURS, lead_stylesheet
from assessor_app.ui.tasks import TaskRunner

N_RESAMPLES = 1000


class FigureCard(QFrame):
    """One comparison's headline figures with their intervals and what to conclude from them."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.setObjectName("FigureCard")
        self.title = QLabel(f"<b>{html.escape(title)}</b>")
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body)

    def show_block(self, block: Block, count: str) -> None:
        lines = [f"<span class='muted'>{html.escape(count)}</span>"]
        for figure in block.figures:
            tone = verdict(figure)
            label = html.escape(figure.label, quote=False)
            lines.append(
                f"<p style='margin:6px 0 0 0'>{label}: <b>{html.escape(figure.text())}</b><br>"
                f"<span style='color:{TONE_COLOURS[tone.tone]}'>{html.escape(tone.text)}</span></p>")
        self.body.setText("".join(lines))


class DashboardView(QWidget):
    loaded = Signal(object)  # the LeadDashboard
    failed = Signal(str)
    exported = Signal(str)  # the file written

    def __init__(self, tasks: TaskRunner, lead: Callable[[], LeadClient], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._lead = lead
        self.dashboard: LeadDashboard | None = None
        self.credential = QComboBox()
        self.credential.setAccessibleName("Credential")
        self.credential.setMinimumWidth(280)
        self.credential.activated.connect(lambda _i: self.load_selected())
        self.refresh = QPushButton("&Refresh")
        self.refresh.clicked.connect(self.load_credentials)
        self.export_csv = QPushButton("Export &CSV…")
        self.export_xlsx = QPushButton("Export &XLSX…")
        self.export_csv.clicked.connect(lambda: self.ask_export("csv"))
        self.export_xlsx.clicked.connect(lambda: self.ask_export("xlsx"))
        self.status = QLabel()
        self.status.setProperty("role", "muted")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("<b>Agreement</b> for"))
        bar.addWidget(self.credential)
        bar.addWidget(self.refresh)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.export_csv)
        bar.addWidget(self.export_xlsx)

        self.co_card = FigureCard("Between co-raters (live and second reads)")
        self.master_card = FigureCard("Against the master scores")
        self.guidance = QLabel()
        self.guidance.setObjectName("Guidance")
        self.guidance.setWordWrap(True)
        self.guidance.setTextFormat(Qt.TextFormat.RichText)
        self.guidance.setText(self._guidance_html())
        self.alpha_plot = IntervalPlot("Co-raters: Krippendorff's alpha by criterion (95% CI)")
        self.kappa_plot = IntervalPlot("Against master: Cohen's quadratic kappa by criterion (95% CI)")
        self.heat = HeatMap("First read × second read (counts)")
        self.heat_master = HeatMap("Assessors × master scores (counts)")
        self.severity = SeverityPlot("Severity / leniency per assessor (mean signed difference, levels)")
        self.drift = DriftPlot("Drift against master scores, by week")
        self.criteria_table = self._table()
        self.assessor_table = self._table()
        self.qualifications = QualificationTable(tasks, lead)

        cards = QVBoxLayout()
        cards.addWidget(self.co_card)
        cards.addWidget(self.master_card)
        cards.addWidget(self.guidance)
        cards.addStretch(1)
        grid = QGridLayout()
        grid.addLayout(cards, 0, 0, 2, 1)
        grid.addWidget(self.alpha_plot, 0, 1)
        grid.addWidget(self.heat, 0, 2)
        grid.addWidget(self.severity, 1, 1)
        grid.addWidget(self.heat_master, 1, 2)
        grid.addWidget(self.kappa_plot, 2, 1)
        grid.addWidget(self.drift, 2, 2)
        grid.addWidget(QLabel("<b>Per criterion</b>"), 3, 0, 1, 3)
        grid.addWidget(self.criteria_table, 4, 0, 1, 3)
        grid.addWidget(QLabel("<b>Per assessor</b>"), 5, 0, 1, 3)
        grid.addWidget(self.assessor_table, 6, 0, 1, 3)
        grid.addWidget(self.qualifications, 7, 0, 1, 3)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 4)
        grid.setColumnStretch(2, 3)
        content = QWidget()
        content.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        self.setStyleSheet(lead_stylesheet(self.palette()))
        self._set_busy(False)

    @staticmethod
    def _table() -> QTableView:
        table = QTableView()
        table.setModel(RowsModel(parent=table))
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setMinimumHeight(160)
        return table

    @staticmethod
    def _guidance_html() -> str:
        meanings = "".join(f"<li>{html.escape(text, quote=False)}</li>" for text in MEANINGS.values())
        return (f"<b>Which figure to cite</b><p>{html.escape(WHICH_TO_CITE, quote=False)}</p>"
                f"<p>{html.escape(INTERVALS)}</p><ul style='margin-left:-20px'>{meanings}</ul>"
                f"<p>{html.escape(SEVERITY)}</p>")

    # --- loading -------------------------------------------------------------------------------
    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.status.setText(text)
        self.refresh.setEnabled(not busy)
        has = self.dashboard is not None and not busy
        self.export_csv.setEnabled(has)
        self.export_xlsx.setEnabled(has)

    def load_credentials(self) -> None:
        self._set_busy(True, "Asking the issuer for its credentials…")
        self._tasks.query(lambda: self._lead().credentials(), self._credentials_known, self._failed)

    def _credentials_known(self, items: list[LeadCredential]) -> None:
        current = self.credential.currentData()
        self.credential.clear()
        for item in items:
            self.credential.addItem(f"{item.name} (v{item.version})" if item.version else item.name,
                                    item.credential_id)
        if not items:
            self._set_busy(False, "The issuer has no credentials for you to lead.")
            return
        index = max(0, self.credential.findData(current))
        self.credential.setCurrentIndex(index)
        self.load_selected()

    def load_selected(self) -> None:
        credential_id = self.credential.currentData()
        if not credential_id:
            return
        self._set_busy(True, "Computing agreement and bootstrap intervals…")
        self.qualifications.load(credential_id)
        lead = self._lead

        def work() -> LeadDashboard:
            credential, reads = lead().reads(credential_id)
            return build_dashboard(credential, reads, n_resamples=N_RESAMPLES)

        self._tasks.query(work, self.show_dashboard, self._failed)

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False, str(exc))
        self.failed.emit(str(exc))

    # --- showing -------------------------------------------------------------------------------
    def show_dashboard(self, board: LeadDashboard) -> None:
        self.dashboard = board
        self.co_card.show_block(board.co_raters, f"{board.n_pairs} pairs of reads on "
                                f"{board.co_raters.figures[0].n_submissions} submissions")
        self.master_card.show_block(board.master, f"{board.n_master_reads} reads of calibration and validity items")
        self.alpha_plot.set_rows([Row("All criteria", board.co_raters.figure("alpha"))]
                                 + [Row(b.name, b.figure("alpha")) for b in board.criteria], THRESHOLDS["alpha"])
        self.kappa_plot.set_rows([Row("All criteria", board.master.figure("kappa_quadratic"))]
                                 + [Row(b.name, b.figure("kappa_quadratic")) for b in board.criteria_master],
                                 THRESHOLDS["kappa_quadratic"])
        self.heat.set_matrix(board.confusion_co_raters)
        self.heat_master.set_matrix(board.confusion_master)
        self.severity.set_data(board.severity_master, board.severity_co_raters)
        self.drift.set_points(board.drift)
        tables = dashboard_tables(board)
        self._fill(self.criteria_table, tables["By criterion"])
        self._fill(self.assessor_table, tables["By assessor"])
        self._set_busy(False, f"{board.n_reads} reads of {board.credential.name} v{board.credential.version}")
        self.loaded.emit(board)

    @staticmethod
    def _fill(table: QTableView, rows: list[list[object]]) -> None:
        header, body = rows[0], rows[1:]
        keep = [i for i, name in enumerate(header) if not str(name).endswith(("lower", "upper", "units"))]

        def text(value: object) -> str:
            return f"{value:.3f}" if isinstance(value, float) else ("" if value is None else str(value))
        model = table.model()
        assert isinstance(model, RowsModel)
        model.set_rows([[text(row[i]) for i in keep] for row in body], headers=[str(header[i]) for i in keep])

    # --- export --------------------------------------------------------------------------------
    def ask_export(self, fmt: str) -> None:
        if self.dashboard is None:
            return
        name = f"agreement-{self.dashboard.credential.id}.{fmt}"
        path, _ = QFileDialog.getSaveFileName(self, "Export the dashboard", name,
                                              "CSV files (*.csv)" if fmt == "csv" else "Excel workbooks (*.xlsx)")
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the dashboard's tables with the credential's adjudications, qualification report and calibration
        results (CSV: one file, sections one after another; XLSX: one sheet each). Nothing is written unless the
        issuer answered for all of it."""
        board = self.dashboard
        assert board is not None
        lead = self._lead

        def work() -> None:
            client = lead()
            items = [i for i in client.adjudications(None) if i.credential_id == board.credential.id]
            details = [client.adjudication(i.id) for i in items]
            write_tables(path, export_tables(board, details, client.qualification_report(board.credential.id)))

        self._set_busy(True, "Reading adjudications and qualification, then writing the export…")
        self._tasks.query(work, lambda _r: self._exported(path), self._export_failed)

    def _export_failed(self, exc: Exception) -> None:
        reason = f"the file could not be written ({exc.strerror or exc})" if isinstance(exc, OSError) else str(exc)
        message = f"Nothing was exported: {reason}"
        self._set_busy(False, message)
        self.failed.emit(message)

    def _exported(self, path: str) -> None:
        self._set_busy(False, f"Exported to {path}")
        self.exported.emit(path)
