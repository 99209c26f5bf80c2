"""The pane's header: which credential, which attempt, whether everything is saved, how much evidence was seen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from assessor_app.domain.rubric import Credential
from assessor_app.domain.submission import PriorAttempt
from assessor_app.ui.rubric.style import set_style_flag

SAVED, SAVING, NOT_SAVED, SUBMITTED = "Saved", "Saving…", "Not saved", "Submitted — waiting to be sent"
SENT = "Submitted — sent to the issuer"


class PaneHeader(QWidget):
    def __init__(self, credential: Credential, previous: PriorAttempt | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(credential.name)
        title.setProperty("role", "title")
        title.setWordWrap(True)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        title.setFont(font)
        self.status = QLabel(SAVED)
        self.status.setProperty("role", "status")
        self.status.setAccessibleName("Save status")
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.attempt = QLabel()
        self.attempt.setProperty("role", "muted")
        self.attempt.setWordWrap(True)
        self.show_attempt(credential, previous)
        self.coverage = QLabel()
        self.coverage.setProperty("role", "coverage")
        self.coverage.setAccessibleName("Evidence coverage")
        self.coverage.setWordWrap(True)  # one line per evidence title would widen the pane (and the window)
        self.coverage.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.attempt)
        layout.addWidget(self.coverage)

    def show_attempt(self, credential: Credential, previous: PriorAttempt | None) -> None:
        """Which attempt this is and how the previous one ended; else the credential's decision rule."""
        rule = credential.rubric.rule.describe(len(credential.rubric.criteria))
        self.attempt.setText(f"Attempt {previous.attempt + 1} — previous outcome: {previous.outcome.label}"
                             if previous else f"Rule: {rule}")
        self.attempt.setToolTip(f"Rule: {rule}" if previous else "")

    def show_save_state(self, *, submitted: bool, in_flight: int, refused: bool, typing: bool,
                        sent: bool = False) -> None:
        """Saved / Saving… / Not saved (the store refused the last edit) / Submitted (waiting or sent)."""
        if submitted:
            self.set_status(SENT if sent else SUBMITTED)
        elif refused and not in_flight:
            self.set_status(NOT_SAVED)
        else:
            self.set_status(SAVING if in_flight or typing else SAVED)

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        set_style_flag(self.status, "warn", text == NOT_SAVED)

    def set_coverage(self, text: str, warn: bool) -> None:
        self.coverage.setText(("⚠ " if warn and text else "") + text)
        self.coverage.setVisible(bool(text))
        set_style_flag(self.coverage, "warn", bool(warn))
