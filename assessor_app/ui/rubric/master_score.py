"""A calibration item's result in the rubric pane (docs/LEAD.md): per criterion, the panel's master level and its
rationale beside the assessor's own level, and a one-line summary above the cards.

Shown only for a submitted calibration item whose result the sync cached; validity and live work never have one.
Calm on purpose: calibration is practice, so a difference is information to read, not an error.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from assessor_app.domain.calibration.result import CalibrationResult, MasterScore
from assessor_app.domain.rubric import Credential
from assessor_app.ui.rubric.style import set_style_flag


class MasterScoreView(QFrame):
    """One criterion: "Master score: Proficient · yours: Developing", then the panel's rationale."""

    def __init__(self, score: MasterScore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score = score
        self.setProperty("agree", score.matches)
        verdict = "matches yours" if score.matches else f"yours: {score.your_label}"
        self.heading = QLabel(f"<b>Master score: {html.escape(score.master_label)}</b>"
                              f" <span style='font-weight:400'>· {html.escape(verdict)}</span>")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setProperty("role", "master")
        self.heading.setWordWrap(True)
        self.rationale = QLabel(score.rationale or "The panel gave no rationale for this criterion.")
        self.rationale.setTextFormat(Qt.TextFormat.PlainText)
        self.rationale.setWordWrap(True)
        self.rationale.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rationale.setAccessibleName("The panel's rationale")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(3)
        layout.addWidget(self.heading)
        layout.addWidget(self.rationale)
        self.setAccessibleName(f"Master score {score.master_label}; "
                               + ("it matches your level" if score.matches else f"your level: {score.your_label}"))


class CalibrationSummary(QFrame):
    """Above the cards: how many criteria match, and where to look."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setProperty("role", "muted")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        self.setVisible(False)

    def show_result(self, result: CalibrationResult | None, credential: Credential) -> None:
        if result is None:
            self.setVisible(False)
            return
        summary = result.summary(credential)
        self.title.setText(f"Calibration result: {summary}")
        self.detail.setText("This was a calibration item: the panel's master level and its rationale are shown "
                            "under your choice on each criterion.")
        scored = [c for c in credential.rubric.criteria if c.id in result.master_levels]
        set_style_flag(self, "agree", all(result.matches(c.id) for c in scored))
        self.setAccessibleName(f"Calibration result: {summary}")
        self.setVisible(True)
