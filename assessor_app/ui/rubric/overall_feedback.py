"""The overall feedback for the teacher: the same autosaving editor and citations as a criterion, for the whole."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from assessor_app.domain.anchors import EvidenceAnchor
from assessor_app.ui.rubric.anchor_chips import AnchorChips, TitleOf
from assessor_app.ui.rubric.editor_tools import EditorTools
from assessor_app.ui.rubric.feedback_editor import FeedbackEditor
from assessor_app.ui.rubric.previous_attempt import PreviousAttemptView
from assessor_app.ui.rubric.style import set_style_flag


class OverallFeedbackSection(QFrame):
    def __init__(self, title_of: TitleOf, previous: tuple[int, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Overall feedback")
        title.setProperty("role", "title")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.12)
        title.setFont(font)
        hint = QLabel("What the teacher should take away from this attempt.")
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        self.editor = FeedbackEditor("Overall feedback", "Overall feedback for the teacher…")
        self.tools = EditorTools("the whole attempt")
        self.chips = AnchorChips(title_of)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addWidget(hint)
        self.previous: PreviousAttemptView | None = None
        layout.addWidget(self.editor)
        layout.addWidget(self.tools)
        layout.addWidget(self.chips)
        self.show_previous(previous)

    def show_previous(self, previous: tuple[int, str] | None) -> None:
        """The overall feedback the previous attempt received (attempt number, text), above the editor."""
        if self.previous is not None:
            self.layout().removeWidget(self.previous)
            self.previous.deleteLater()
            self.previous = None
        if previous is not None:
            attempt, text = previous
            self.previous = PreviousAttemptView(attempt, None, text)
            self.previous.toggle.setText(f"Attempt {attempt}: overall feedback")
            self.layout().insertWidget(2, self.previous)  # after the title and the hint

    def show_durable(self, text: str, anchors: Sequence[EvidenceAnchor]) -> None:
        self.editor.show_durable(text)
        self.chips.show_anchors(anchors)

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setReadOnly(read_only)
        set_style_flag(self.editor, "readOnly", read_only)
        self.chips.set_read_only(read_only)
        self.tools.setVisible(not read_only)
