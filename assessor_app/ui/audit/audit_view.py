"""The audit view (role ``auditor``): find submissions, read one's score history, see its sheets at any moment,
verify it against the issuer's signed log, export it.

Every call to the issuer runs through the ``TaskRunner``; answers for a submission that is no longer the
one shown are dropped. Problems appear in the banner as sentences, never as tracebacks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.audit_export import export_text
from assessor_app.domain.audit_history import History, SubmissionSummary
from assessor_app.domain.audit_timeline import DEVICE_CLOCK, SERVER_CLOCK, timeline
from assessor_app.domain.audit_verify import Verification
from assessor_app.store.private_files import write_private_text
from assessor_app.sync.audit_client import AuditClient, SearchFilter
from assessor_app.sync.client import IssuerClient
from assessor_app.ui.audit.as_of_panel import AsOfPanel
from assessor_app.ui.audit.models import (
    COL_FIELD,
    COL_NEW,
    COL_OLD,
    ROW_ROLE,
    SORT_ROLE,
    SubmissionsModel,
    TimelineModel,
)
from assessor_app.ui.audit.search_form import SearchForm
from assessor_app.ui.audit.style import audit_stylesheet, failure_tint
from assessor_app.ui.audit.verify_banner import VerifyBanner
from assessor_app.ui.tasks import TaskRunner


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


class AuditView(QWidget):
    resultsShown = Signal(int)
    historyShown = Signal(str)
    verified = Signal(object)  # Verification
    exported = Signal(str)  # the file written
    problem = Signal(str)
    backRequested = Signal()

    def __init__(self, tasks: TaskRunner, client: Callable[[], IssuerClient], parent: QWidget | None = None,
                 *, can_go_back: bool = False) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._client = client
        self.history: History | None = None
        self._wanted: str | None = None  # the submission whose answers are awaited

        self.form = SearchForm()
        self.form.searchRequested.connect(self.search)
        self.results_model = SubmissionsModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.results_model)
        proxy.setSortRole(SORT_ROLE)
        self.results_proxy = proxy
        self.results = _table("Submissions found")
        self.results.setModel(proxy)
        self.results.setSortingEnabled(True)
        self.results.sortByColumn(5, Qt.SortOrder.DescendingOrder)  # most recently received first
        self.results.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.results.selectionModel().currentRowChanged.connect(lambda current, _prev: self._chosen(current))

        self.title = QLabel("Choose a submission to read its score history.")
        self.title.setProperty("role", "title")
        self.title.setAccessibleName("Submission shown")
        self.verify_button = QPushButton("&Verify")
        self.verify_button.setAccessibleName("Verify this history against the issuer's signed log")
        self.verify_button.setToolTip("Check every event's hash, device signature and chain link, and every entry's "
                                      "inclusion in the issuer's latest signed checkpoint")
        self.verify_button.clicked.connect(self.verify)
        self.csv_button = QPushButton("Export &CSV…")
        self.csv_button.setAccessibleName("Export this history as CSV")
        self.csv_button.clicked.connect(lambda: self.export_dialog("csv"))
        self.json_button = QPushButton("Export &JSON…")
        self.json_button.setAccessibleName("Export this history as JSON")
        self.json_button.clicked.connect(lambda: self.export_dialog("json"))
        self.banner = VerifyBanner()

        self.timeline_model = TimelineModel(self, lambda: failure_tint(self.palette()))
        self.timeline = _table("Score history timeline")
        self.timeline.setModel(self.timeline_model)
        self.timeline.horizontalHeader().setStretchLastSection(True)  # the reason takes what is left
        self.timeline.activated.connect(self._show_moment_of)
        self.as_of = AsOfPanel()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("History views")
        self.tabs.addTab(self.timeline, "&Timeline")
        self.tabs.addTab(self.as_of, "Sheet at a &moment")

        self._layout(can_go_back)
        self._set_detail_enabled(False)
        self.setStyleSheet(audit_stylesheet(self.palette()))

    def _layout(self, can_go_back: bool) -> None:
        heading = QHBoxLayout()
        if can_go_back:
            back = QPushButton("← Queue")
            back.setAccessibleName("Back to my queue")
            back.clicked.connect(self.backRequested)
            heading.addWidget(back)
        title = QLabel("<b>Audit</b> · score histories and the issuer's signed log")
        heading.addWidget(title)
        heading.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.title, 1)
        for button in (self.verify_button, self.csv_button, self.json_button):
            actions.addWidget(button)
        detail = QWidget()
        column = QVBoxLayout(detail)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(actions)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.results)
        split.addWidget(detail)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([150, 450])
        self.splitter = split
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.form)
        layout.addWidget(split, 1)

    def _set_detail_enabled(self, enabled: bool) -> None:
        for widget in (self.verify_button, self.csv_button, self.json_button, self.tabs):
            widget.setEnabled(enabled)

    def _audit(self) -> AuditClient:
        return AuditClient(self._client())

    # --- finding ---------------------------------------------------------------------------------
    def search(self, where: SearchFilter | None = None) -> None:
        where = where or self.form.current()
        self.form.button.setEnabled(False)
        audit = self._audit()
        self._tasks.query(lambda: audit.search(where), self._show_results, self._search_failed)

    def _show_results(self, items: list[SubmissionSummary]) -> None:
        self.form.button.setEnabled(True)
        self.results_model.set_rows(items)
        self.results.resizeColumnsToContents()
        self.results.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        if not items:
            self.banner.show_message("No submission matches this search.", "info")
        self.resultsShown.emit(len(items))

    def _search_failed(self, exc: Exception) -> None:
        self.form.button.setEnabled(True)
        self._report(f"The search did not complete: {exc}")

    def _chosen(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE) if index.isValid() else None
        if row is not None:
            self.open_submission(row.submission_id)

    def select_submission(self, submission_id: str) -> None:
        """Select a search result (as a click would), which loads its history."""
        for r in range(self.results_proxy.rowCount()):
            if self.results_proxy.index(r, 0).data(ROW_ROLE).submission_id == submission_id:
                self.results.setCurrentIndex(self.results_proxy.index(r, 0))
                self.results.scrollTo(self.results_proxy.index(r, 0))
                return
        self.open_submission(submission_id)

    # --- one submission --------------------------------------------------------------------------
    def open_submission(self, submission_id: str) -> None:
        self._wanted = submission_id
        self.banner.show_message(f"Loading the history of submission {submission_id}…", "info")
        audit = self._audit()
        self._tasks.query(lambda: audit.history(submission_id),
                          lambda history: self._show_history(submission_id, history),
                          lambda exc: self._stale_or(submission_id, f"The history could not be loaded: {exc}"))

    def _show_history(self, submission_id: str, history: History) -> None:
        if submission_id != self._wanted:
            return
        self.history = history
        versions = {a.credential_version for a in history.assignments}
        credential = history.credential(min(versions)) if versions else None
        self.title.setText(f"Submission {history.submission_id} · {history.candidate_ref} · "
                           f"{credential.name if credential else history.credential_id} · attempt {history.attempt}")
        rows = timeline(history)
        self.timeline_model.set_rows(rows)
        self.timeline.resizeColumnsToContents()
        for column, cap in ((COL_FIELD, 320), (COL_OLD, 200), (COL_NEW, 240)):
            self.timeline.setColumnWidth(column, min(self.timeline.columnWidth(column), cap))
        self.as_of.set_history(history)
        self._set_detail_enabled(True)
        cp = history.checkpoint
        self.banner.show_message(f"{len(rows)} entries in the history. Verify checks them against the issuer's "
                                 f"latest signed checkpoint ({cp.tree_size} log entries).", "info")
        self.historyShown.emit(submission_id)

    def _stale_or(self, submission_id: str, message: str) -> None:
        if submission_id == self._wanted:
            self._report(message)

    def _show_moment_of(self, index: QModelIndex) -> None:
        row = self.timeline_model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        instant, clock = (row.device_time, DEVICE_CLOCK) if row.device_time else (row.server_time, SERVER_CLOCK)
        if instant:
            self.as_of.show_moment(row.assignment_id, instant, clock)
            self.tabs.setCurrentWidget(self.as_of)

    # --- verify and export ----------------------------------------------------------------------
    def verify(self) -> None:
        history = self.history
        if history is None:
            return
        submission_id = history.submission_id
        self.verify_button.setEnabled(False)
        self.banner.show_message(f"Verifying submission {submission_id} against the issuer's signed log…", "info")
        audit = self._audit()
        self._tasks.query(lambda: audit.verify(history), lambda result: self._show_verification(submission_id, result),
                          lambda exc: self._verify_failed(submission_id, exc))

    def _show_verification(self, submission_id: str, result: Verification) -> None:
        self.verify_button.setEnabled(True)
        if submission_id != self._wanted:
            return
        self.banner.show_verification(result)
        self.timeline_model.mark_failures({f.log_index: f.problem for f in result.failures if f.log_index is not None})
        failed = self.timeline_model.failed_rows()
        if failed:
            self.tabs.setCurrentWidget(self.timeline)
            self.timeline.scrollTo(self.timeline_model.index(failed[0], 0))
        self.verified.emit(result)

    def _verify_failed(self, submission_id: str, exc: Exception) -> None:
        self.verify_button.setEnabled(True)
        self._stale_or(submission_id, f"Verification could not run: {exc}")

    def export_dialog(self, fmt: str) -> None:
        history = self.history
        if history is None:
            return
        suggested = str(Path.home() / f"history-{history.submission_id}.{fmt}")
        kind = "CSV files (*.csv)" if fmt == "csv" else "JSON files (*.json)"
        path, _chosen = QFileDialog.getSaveFileName(self, f"Export the history as {fmt.upper()}", suggested, kind)
        if path:
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> None:
        history = self.history
        if history is None:
            return
        self._tasks.query(lambda: write_private_text(path, export_text([history], fmt)),
                          lambda _none: self._exported(path), lambda exc: self._report(f"The export failed: {exc}"))

    def _exported(self, path: Path) -> None:
        self.banner.show_message(f"Exported the history to {path}.", "info")
        self.exported.emit(str(path))

    def _report(self, message: str) -> None:
        self.banner.show_message(message, "error")
        self.problem.emit(message)
