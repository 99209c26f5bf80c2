"""What the previous attempt received on one criterion: its level, and the feedback the teacher was given.

Muted and collapsible: on a resubmission the assessor reads whether the teacher acted on that feedback,
but it must not compete with the current attempt's evidence for attention.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from assessor_app.domain.errors import UnknownLevel
from assessor_app.domain.rubric import Criterion
from assessor_app.domain.submission import PriorAttempt


class PreviousAttemptView(QFrame):
    def __init__(self, attempt: int, level_label: str | None, feedback: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton()
        self.toggle.setProperty("role", "muted")
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        summary = f"Attempt {attempt}: {level_label or 'not scored'}"
        self.toggle.setText(summary)
        self.toggle.setAccessibleName(f"Previous attempt {attempt}, level {level_label or 'not scored'}; "
                                      "show or hide its feedback")
        self.toggle.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.feedback = QLabel(feedback.strip() or "No feedback was given on this criterion.")
        self.feedback.setProperty("role", "muted")
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.feedback.setContentsMargins(8, 0, 0, 4)
        self.feedback.setAccessibleName(f"Feedback given on attempt {attempt}")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 0, 2)
        layout.setSpacing(2)
        layout.addWidget(self.toggle)
        layout.addWidget(self.feedback)
        self.toggle.toggled.connect(self._set_expanded)
        self.toggle.setChecked(True)
        self._set_expanded(True)

    @property
    def expanded(self) -> bool:
        return self.toggle.isChecked()

    def _set_expanded(self, expanded: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.feedback.setVisible(expanded)


PriorScore = tuple[int, str | None, str]  # attempt number, level label, feedback


def prior_score(previous: PriorAttempt | None, criterion: Criterion) -> tuple[PriorScore | None, str | None]:
    """What a card shows of the previous attempt, and the level id to mark among its options.

    The previous attempt may have been scored under another rubric version: an unknown level id is shown
    as such rather than failing.
    """
    if previous is None:
        return None, None
    level_id = previous.levels.get(criterion.id)
    label: str | None = None
    if level_id is not None:
        try:
            label = criterion.level(level_id).label
        except UnknownLevel:
            label = f"a level of rubric version {previous.credential_version}"
    return (previous.attempt, label, previous.feedback.get(criterion.id, "")), level_id
