"""Override the rule's recommendation, with a reason when it contradicts the rule.

The check is the domain's (``ScoreSheet.propose_override``), run through ``validate`` before closing, so the
assessor sees its message here, next to the reason box, instead of after the fact.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.errors import DomainError
from assessor_app.domain.rubric import Credential, Recommendation
from assessor_app.domain.score_sheet import ScoreSheet
from assessor_app.ui.rubric.recommendation_text import derived_explanation

Validate = Callable[[Recommendation, str], str | None]  # returns the domain's message, or None when acceptable


class OverrideDialog(QDialog):
    def __init__(self, rule_text: str, current: Recommendation | None, validate: Validate,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Override the recommendation")
        self.setModal(True)
        self._validate = validate
        rule = QLabel(f"The rubric's rule gives: <b>{rule_text}</b>")
        rule.setWordWrap(True)
        self.earned = QRadioButton("Recommend Earned")
        self.not_yet = QRadioButton("Recommend Not Yet")
        self._group = QButtonGroup(self)
        self._group.addButton(self.earned)
        self._group.addButton(self.not_yet)
        (self.not_yet if current is Recommendation.NOT_YET else self.earned).setChecked(True)
        reason_label = QLabel("&Reason (required when it differs from the rule; the issuer sees it):")
        reason_label.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setAccessibleName("Reason for the override")
        reason_label.setBuddy(self.reason)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setProperty("role", "hint")
        self.error.setProperty("warn", True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Override")
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (rule, self.earned, self.not_yet, reason_label, self.reason, self.error, self.buttons):
            layout.addWidget(widget)
        self.resize(440, 320)

    @property
    def recommendation(self) -> Recommendation:
        return Recommendation.EARNED if self.earned.isChecked() else Recommendation.NOT_YET

    @property
    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def try_accept(self) -> None:
        message = self._validate(self.recommendation, self.reason_text)
        if message:
            self.error.setText(message)
            self.error.setVisible(True)
            self.reason.setFocus()
            return
        self.accept()



def open_override_dialog(parent: QWidget, credential: Credential, sheet: ScoreSheet, levels: Mapping[str, str],
                         propose: Callable[[Recommendation, str], None]) -> OverrideDialog:
    """Open the dialog (window-modal, not blocking) against the levels on screen; ``propose`` gets the choice."""
    derived = credential.rubric.decide(levels)
    current = sheet.override or (Recommendation.NOT_YET if derived is Recommendation.EARNED
                                 else Recommendation.EARNED)
    draft = replace(sheet, levels=MappingProxyType(dict(levels)))

    def validate(recommendation: Recommendation, reason: str) -> str | None:
        try:
            draft.propose_override(credential, recommendation, reason)
        except DomainError as exc:
            return str(exc)
        return None

    dialog = OverrideDialog(derived_explanation(credential, levels), current, validate, parent)
    dialog.accepted.connect(lambda: propose(dialog.recommendation, dialog.reason_text))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
