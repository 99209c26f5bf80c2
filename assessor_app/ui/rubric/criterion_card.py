"""One rubric criterion as a card: its levels as visible choices, the feedback editor, citations, prior attempt.

The card owns the keyboard for scoring: when it has focus, digits 1..N choose a level, Backspace clears,
Up/Down ask the pane to move to the neighbouring card and Enter goes to the feedback editor. Choosing shows
at once (the pane commits in the background) and ``show_durable`` later shows what the store holds, which
is also how a refused edit is visibly undone.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from assessor_app.domain.anchors import EvidenceAnchor
from assessor_app.domain.rubric import Criterion
from assessor_app.ui.rubric.anchor_chips import AnchorChips, TitleOf
from assessor_app.ui.rubric.editor_tools import EditorTools
from assessor_app.ui.rubric.feedback_editor import FeedbackEditor
from assessor_app.ui.rubric.level_option import LevelOption
from assessor_app.ui.rubric.master_score import MasterScore, MasterScoreView
from assessor_app.ui.rubric.previous_attempt import PreviousAttemptView, PriorScore
from assessor_app.ui.rubric.style import set_style_flag

PRIOR_POSITION = 2  # in the card's column: after the name row and the description

class CriterionCard(QFrame):
    levelChosen = Signal(str, object)  # criterion id, level id or None (cleared)
    feedbackCommitted = Signal(str, str)  # criterion id, text
    moveRequested = Signal(int)  # -1 previous card, +1 next card

    def __init__(self, position: int, count: int, criterion: Criterion, title_of: TitleOf,
                 prior: PriorScore | None = None, prior_level_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criterion = criterion
        self._level_id: str | None = None
        self._read_only = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setProperty("active", False)

        name = QLabel(criterion.name)
        name.setProperty("role", "title")
        name.setWordWrap(True)
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.12)
        name.setFont(font)
        number = QLabel(f"{position}/{count}")
        number.setProperty("role", "muted")
        number.setToolTip(f"Criterion {position} of {count}")
        self.level_badge = QLabel()
        self.level_badge.setProperty("role", "level")
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(number, 0, Qt.AlignmentFlag.AlignBaseline)
        top.addWidget(name, 1)
        top.addWidget(self.level_badge, 0, Qt.AlignmentFlag.AlignTop)
        description = QLabel(criterion.description)
        description.setProperty("role", "muted")
        description.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(description)
        self.previous: PreviousAttemptView | None = None
        self.master: MasterScoreView | None = None

        self.options: list[LevelOption] = []
        for key, level in enumerate(criterion.levels, start=1):
            option = LevelOption(key, level, level.id == criterion.required_level_id)
            option.clicked.connect(self._on_option_clicked)
            self.options.append(option)
            layout.addWidget(option)

        self.hint = QLabel()
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(False)
        layout.addSpacing(4)
        layout.addWidget(self.hint)
        self.editor = FeedbackEditor(f"Feedback on {criterion.name}",
                                     f"Feedback for the teacher on {criterion.name.lower()}…")
        self.editor.commitRequested.connect(lambda text: self.feedbackCommitted.emit(self.criterion.id, text))
        self.editor.textChanged.connect(self._update_hint)
        self.editor.escaped.connect(self.setFocus)
        layout.addWidget(self.editor)
        self.tools = EditorTools(criterion.name)
        layout.addWidget(self.tools)
        self.chips = AnchorChips(title_of)
        layout.addWidget(self.chips)
        self.setAccessibleDescription(
            f"Press 1 to {len(criterion.levels)} to choose a level, Backspace to clear, "
            "Up and Down for other criteria, Enter to write feedback.")
        self.show_prior(prior, prior_level_id)
        self._render_level()

    # --- state ------------------------------------------------------------------------------------
    @property
    def level_id(self) -> str | None:
        """The level shown as chosen (the assessor's latest choice, durable or on its way)."""
        return self._level_id

    def choose(self, level_id: str | None) -> None:
        if self._read_only or level_id == self._level_id:
            return
        self._level_id = level_id
        self._render_level()
        self.levelChosen.emit(self.criterion.id, level_id)

    def show_durable(self, level_id: str | None, feedback: str, anchors: Sequence[EvidenceAnchor]) -> None:
        if level_id != self._level_id:
            self._level_id = level_id
            self._render_level()
        self.editor.show_durable(feedback)
        self.chips.show_anchors(anchors)
        self._update_hint()

    def show_prior(self, prior: PriorScore | None, prior_level_id: str | None) -> None:
        """What the previous attempt got here (under the description), and its level marked among the options."""
        if self.previous is not None:
            self.layout().removeWidget(self.previous)
            self.previous.deleteLater()
            self.previous = None
        if prior is not None:
            self.previous = PreviousAttemptView(*prior)
            self.layout().insertWidget(PRIOR_POSITION, self.previous)
        for option in self.options:
            option.set_previous(option.level.id == prior_level_id)

    def show_master(self, score: MasterScore | None, level_id: str | None = None) -> None:
        """A calibration result's master level and rationale, under the level choices (``None``: none shown)."""
        if self.master is not None:
            self.layout().removeWidget(self.master)
            self.master.deleteLater()
            self.master = None
        if score is not None:
            self.master = MasterScoreView(score)
            self.layout().insertWidget(self.layout().indexOf(self.options[-1]) + 1, self.master)
        for option in self.options:
            option.set_master(score is not None and option.level.id == level_id)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.editor.setReadOnly(read_only)
        set_style_flag(self.editor, "readOnly", read_only)
        self.chips.set_read_only(read_only)
        self.tools.setVisible(not read_only)
        for option in self.options:
            option.set_read_only(read_only)

    def set_active(self, active: bool) -> None:
        """Focus is somewhere inside this card (its editor, a chip): outline it softly."""
        set_style_flag(self, "active", active)

    @property
    def needs_feedback(self) -> bool:
        return self._level_id is not None and not self.criterion.meets(self._level_id)

    # --- keyboard and mouse ------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.NoModifier:
            if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
                index = key - Qt.Key.Key_1
                if index < len(self.criterion.levels):
                    self.choose(self.criterion.levels[index].id)
                return
            if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
                self.choose(None)
                return
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.moveRequested.emit(-1 if key == Qt.Key.Key_Up else 1)
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
                self.editor.moveCursor(QTextCursor.MoveOperation.End)
                return
        super().keyPressEvent(event)

    def _on_option_clicked(self, level_id: str) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.choose(level_id)

    # --- rendering ----------------------------------------------------------------------------
    def _render_level(self) -> None:
        for option in self.options:
            option.set_chosen(option.level.id == self._level_id)
        text = "Not scored" if self._level_id is None else self.criterion.level(self._level_id).label
        self.level_badge.setText(text)
        set_style_flag(self.level_badge, "scored", self._level_id is not None)
        self.setAccessibleName(f"{self.criterion.name}: {text}")
        self._update_hint()

    def _update_hint(self) -> None:
        if not self.needs_feedback:
            self.hint.setVisible(False)
            return
        bar = self.criterion.level(self.criterion.required_level_id).label
        missing = not self.editor.toPlainText().strip()
        self.hint.setText(f"Below {bar}: feedback for the teacher is required."
                          if missing else f"Below {bar}: your feedback explains what to work on.")
        set_style_flag(self.hint, "warn", missing)
        self.hint.setVisible(True)
