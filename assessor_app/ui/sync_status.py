"""The status bar's sync area: state in words, a progress bar with bytes and time left, and Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from assessor_app.sync.service import Progress
from assessor_app.ui.sync_controller import OFFLINE, PROBLEM, SIGN_IN_NEEDED, SYNCING


class SyncStatus(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state_label = QLabel("Not signed in · working offline")
        self.state_label.setAccessibleName("Sync state")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Sync progress")
        self.progress.setMinimumWidth(320)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel sync")
        self.cancel_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.state_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button)

    def show_state(self, state: str, message: str) -> None:
        marker = {OFFLINE: "● ", SIGN_IN_NEEDED: "⚠ ", PROBLEM: "⚠ "}.get(state, "")
        self.state_label.setText(marker + message)
        self.state_label.setToolTip(message)
        syncing = state == SYNCING
        self.progress.setVisible(syncing)
        self.cancel_button.setVisible(syncing)
        if syncing:
            self.progress.setRange(0, 0)  # busy until the first figures arrive
            self.progress.setFormat("Syncing…")

    def show_progress(self, progress: Progress) -> None:
        if progress.bytes_total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * progress.bytes_done / progress.bytes_total))
        elif progress.items_total:
            self.progress.setRange(0, progress.items_total)
            self.progress.setValue(progress.items_done)
        self.progress.setFormat(progress.describe())
