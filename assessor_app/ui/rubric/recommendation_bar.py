"""The pane's footer: the recommendation as the rule derives it (live), any override with its reason, and Submit.

It stays outside the scroll area so the consequence of every level is in view while scoring.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from assessor_app.domain.rubric import Credential, Recommendation
from assessor_app.ui.rubric.recommendation_text import derived_explanation


class RecommendationBar(QFrame):
    overrideRequested = Signal()
    clearOverrideRequested = Signal()
    submitRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        caption = QLabel("Recommendation")
        caption.setProperty("role", "muted")
        self.derived = QLabel()
        self.derived.setProperty("role", "recommendation")
        self.derived.setWordWrap(True)
        self.override_line = QLabel()
        self.override_line.setProperty("role", "override")
        self.override_line.setWordWrap(True)
        self.override_line.setTextFormat(Qt.TextFormat.PlainText)
        self.override_line.setVisible(False)
        self.override_button = QPushButton("Override…")
        self.override_button.setAccessibleName("Override the recommendation")
        self.override_button.setToolTip("Recommend differently from the rubric's rule, with a reason")
        self.clear_button = QPushButton("Clear override")
        self.clear_button.setAccessibleName("Clear the override and follow the rule")
        self.clear_button.setVisible(False)
        self.submit_button = QPushButton("Submit…")
        self.submit_button.setAccessibleName("Submit the score sheet")
        self.submit_button.setToolTip("Submit the score sheet (Ctrl+Enter)")
        self.submit_button.setDefault(False)
        self.override_button.clicked.connect(self.overrideRequested)
        self.clear_button.clicked.connect(self.clearOverrideRequested)
        self.submit_button.clicked.connect(self.submitRequested)

        text = QVBoxLayout()
        text.setSpacing(1)
        text.addWidget(caption)
        text.addWidget(self.derived)
        text.addWidget(self.override_line)
        buttons = QHBoxLayout()
        buttons.addWidget(self.override_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addLayout(text)
        layout.addLayout(buttons)

    def show_state(self, credential: Credential, levels: Mapping[str, str], override: Recommendation | None,
                   reason: str | None) -> None:
        explanation = derived_explanation(credential, levels)
        derived = credential.rubric.decide(levels)
        if override is None:
            self.derived.setText(explanation)
            self.override_line.setVisible(False)
        else:
            self.derived.setText(f"{override.label} (your override)")
            agrees = derived is None or derived is override
            rule = f"The rule gives: {explanation}." if not agrees else "The rule agrees."
            self.override_line.setText(f"{rule} Reason: {reason.strip() if reason else '—'}")
            self.override_line.setVisible(True)
        self.clear_button.setVisible(override is not None)
        self.setAccessibleName(f"Recommendation: {self.derived.text()}")

    def set_read_only(self, read_only: bool) -> None:
        for button in (self.override_button, self.clear_button, self.submit_button):
            button.setEnabled(not read_only)
        self.override_button.setVisible(not read_only)
        self.submit_button.setVisible(not read_only)
        if read_only:
            self.clear_button.setVisible(False)


def ask_to_submit(parent: QWidget, text: str) -> bool:
    """The default confirmation before submitting (the pane takes any ``confirm(text) -> bool``, for tests)."""
    answer = QMessageBox.question(parent, "Submit score sheet", text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                  QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes
