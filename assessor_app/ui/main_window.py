"""The main window: the assessor's queue, its filters, and a status bar that says where things stand."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.assignment import AssignmentState
from assessor_app.store.catalog import Catalog, QueueRow
from assessor_app.store.database import Database
from assessor_app.store.paths import AppPaths
from assessor_app.store.settings import DEVICE_ID, USERNAME, Settings
from assessor_app.store.sheets import Author
from assessor_app.sync.device_keys import DeviceKey, key_for_scoring
from assessor_app.ui.audit.entry import AuditEntry
from assessor_app.ui.lead.entry import LeadEntry
from assessor_app.ui.pdf.mupdf_renderer import PageRenderer
from assessor_app.ui.queue_model import COL_CREDENTIAL, COL_DUE, COL_STATE, ROW_ROLE, SORT_ROLE, QueueModel
from assessor_app.ui.scoring_view import ScoringView
from assessor_app.ui.shortcut_sheet import show_shortcut_sheet
from assessor_app.ui.sign_in_dialog import SignInDialog
from assessor_app.ui.sync_controller import SyncController
from assessor_app.ui.sync_status import SyncStatus
from assessor_app.ui.tasks import TaskRunner

EMPTY_TEXT = (
    "<h2>No assignments yet</h2>"
    "<p>When your issuer assigns submissions to you, they appear here after a sync,<br>"
    "and you can score them with or without a network connection.</p>"
)


class StateFilter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.state: str | None = None
        self.setSortRole(SORT_ROLE)

    def set_state(self, state: str | None) -> None:
        """Show only assignments in this state (an ``AssignmentState`` value), or all for ``None``."""
        self.beginFilterChange()
        self.state = state
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        if self.state is None:
            return True
        row = self.sourceModel().index(source_row, COL_STATE, source_parent).data(ROW_ROLE)
        return row is not None and row.state.value == self.state


class MainWindow(QMainWindow):
    def __init__(self, paths: AppPaths, tasks: TaskRunner, settings: Settings, title_suffix: str = "",
                 demo_start: Callable[[], tuple[str, str, str]] | None = None) -> None:
        super().__init__()
        self._demo_start = demo_start
        self._paths = paths
        self._tasks = tasks
        self._settings = settings
        self._db: Database | None = None
        self._device_key: DeviceKey | None = None
        self.sync = SyncController(paths, settings, tasks, self)
        self.setWindowTitle("Assessor's Desk" + title_suffix)
        self.resize(1180, 720)

        self.model = QueueModel(self)
        self.proxy = StateFilter()
        self.proxy.setSourceModel(self.model)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Assignment queue")
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(COL_CREDENTIAL, QHeaderView.ResizeMode.Stretch)

        self.state_filter = QComboBox()
        self.state_filter.setAccessibleName("Show assignments in state")
        self.state_filter.addItem("All states", None)
        for state in AssignmentState:
            self.state_filter.addItem(state.label, state.value)
        self.state_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_state(self.state_filter.currentData()))

        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.setAccessibleName("No assignments")

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)

        filters = QHBoxLayout()
        heading = QLabel("<b>My queue</b>")
        filters.addWidget(heading)
        filters.addStretch(1)
        filters.addWidget(QLabel("Show:"))
        filters.addWidget(self.state_filter)

        queue_page = QWidget()
        layout = QVBoxLayout(queue_page)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        self.renderer = PageRenderer(self)
        self.scoring = ScoringView(tasks, settings, self.renderer, self.neighbour)
        self.scoring.backRequested.connect(self.show_queue)
        self.scoring.submitted.connect(lambda _aid: self.after_submit())
        self.pages = QStackedWidget()
        self.pages.addWidget(queue_page)
        self.pages.addWidget(self.scoring)
        self.setCentralWidget(self.pages)
        self.audit = AuditEntry(self, tasks, self.sync, self.pages, self.show_queue)  # for auditors
        self.lead = LeadEntry(self, tasks, self.sync, self.pages, self.renderer, self.show_queue)  # for leads
        self.table.activated.connect(self.open_index)

        self.sync_status = SyncStatus()
        self.cache_label = QLabel("Opening the local cache…")
        self.statusBar().addWidget(self.sync_status, 1)
        self.statusBar().addPermanentWidget(self.cache_label)
        self.sync.stateChanged.connect(self.sync_status.show_state)
        self.sync.progressed.connect(self.sync_status.show_progress)
        self.sync.finished.connect(lambda _report: self.reload())
        self.sync_status.cancel_button.clicked.connect(self.sync.cancel)
        server, user = self.sync.signed_in_as
        if server and user:
            self.sync_status.show_state("idle", f"Signed in to {server} as {user}")
        self._build_menu()

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.sign_in_action = QAction("Sign &in…", self)
        self.sign_in_action.triggered.connect(self.show_sign_in)
        self.sync_action = QAction("&Sync now", self, shortcut=QKeySequence("Ctrl+Shift+S"))
        self.sync_action.triggered.connect(self.sync_now)
        refresh = QAction("&Refresh queue", self, shortcut=QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.reload)
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addActions([self.sign_in_action, self.sync_action, refresh])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        self.shortcuts_action = QAction("&Keyboard shortcuts", self)
        self.shortcuts_action.setShortcuts([QKeySequence("?"), QKeySequence("F1")])
        self.shortcuts_action.triggered.connect(lambda: show_shortcut_sheet(self))
        about = QAction("&About the assessor's desk", self)
        about.triggered.connect(self._about)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        help_menu.addAction(about)

    # --- loading ------------------------------------------------------------------------------
    def open_cache(self) -> None:
        """Open (and if needed migrate) the cache off the GUI thread, then show the queue."""
        paths = self._paths
        self._tasks.mutate(lambda: Database.open(paths.ensure().database, paths.backups),
                           self._cache_opened, self._cache_failed)

    def _cache_opened(self, db: Database) -> None:
        self._db = db
        self.load_signer()
        self.cache_label.setText(f"Local cache: {db.path}")
        self.reload()
        if self._demo_start is not None:
            self.sync_status.show_state("syncing", "Starting the demo issuer on this computer…")
            self._tasks.query(self._demo_start, self._demo_started, self._demo_failed)
        elif all(self.sync.signed_in_as):
            self.sync_now()

    def _demo_started(self, sign_in: tuple[str, str, str]) -> None:
        """Sign the demo assessor in through the real path (keyring included), then sync."""
        self.sync_status.show_state("syncing", "Signing in the demo assessor…")
        self._tasks.query(lambda: self.sync.sign_in(*sign_in), lambda _client: self._signed_in(), self._demo_failed)

    def _demo_failed(self, exc: Exception) -> None:
        self.sync_status.show_state("problem", f"The demo could not start: {exc}")

    def _cache_failed(self, exc: Exception) -> None:
        self.cache_label.setText("Local cache unavailable")
        self.empty.setText(f"<h2>The local cache cannot be opened</h2><p>{exc}</p>")
        QMessageBox.critical(self, "Local cache", str(exc))

    def reload(self) -> None:
        db = self._db
        if db is not None:
            self._tasks.query(lambda: Catalog(db).queue(), self.show_rows)

    def show_rows(self, rows: list[QueueRow]) -> None:
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        self.table.sortByColumn(COL_DUE, Qt.SortOrder.AscendingOrder)

    # --- scoring -------------------------------------------------------------------------------
    def load_signer(self) -> None:
        """Load the device key for live scoring off the GUI thread (the keyring may stall). Until it is here, or if
        the keyring cannot be used, edits are recorded unsigned and signed when pushed; sync reports keyring trouble."""
        settings = self._settings
        self._tasks.query(lambda: key_for_scoring(settings), self._signer_loaded, lambda _exc: None)

    def _signer_loaded(self, device: DeviceKey | None) -> None:
        self._device_key = device

    def author(self) -> Author:
        user, device = self._settings.get(USERNAME) or "local", self._device_key
        if device is not None and device.device_id == self._settings.get(DEVICE_ID):
            return Author(user, device.device_id, device.key)
        return Author(user, self._settings.device_id())

    def open_index(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.open_assignment(row.assignment_id)

    def open_assignment(self, assignment_id: str) -> None:
        if self._db is None:
            return
        self.pages.setCurrentWidget(self.scoring)
        self.scoring.open(self._db, self.author(), assignment_id)

    def neighbour(self, assignment_id: str, direction: int) -> str | None:
        """The assignment before/after this one in the queue as sorted and filtered on screen."""
        ids = [self.proxy.index(r, 0).data(ROW_ROLE).assignment_id for r in range(self.proxy.rowCount())]
        if assignment_id not in ids:
            return None
        position = ids.index(assignment_id) + direction
        return ids[position] if 0 <= position < len(ids) else None

    def show_queue(self) -> None:
        self.scoring.close_current()
        self.pages.setCurrentIndex(0)
        self.reload()
        self.table.setFocus()

    def after_submit(self) -> None:
        self.reload()
        if self.sync.state not in ("not_signed_in",):
            self.sync_now()

    def sync_now(self) -> None:
        if self._db is not None:
            self.sync.sync_now(self._db)

    def show_sign_in(self) -> None:
        server, user = self.sync.signed_in_as
        dialog = SignInDialog(self._tasks, self.sync.sign_in, server, user, self)
        if dialog.exec():
            self._signed_in()

    def _signed_in(self) -> None:
        self.load_signer()  # the first sign-in creates the device key
        self.sync_now()

    def _about(self) -> None:
        QMessageBox.about(self, "About the assessor's desk",
                          "Score teachers' micro-credential evidence against the credential's rubric, "
                          "online or offline. Every edit is saved as you make it.")

    def closeEvent(self, event) -> None:
        self.scoring.close_current()
        if self.lead.view is not None:
            self.lead.view.adjudication.close_evidence()
        self.sync.close()
        self._tasks.wait_idle()
        self.renderer.shutdown()
        if self._db is not None:
            self._db.close()
        super().closeEvent(event)
