"""One level of a criterion shown as a choice: its key, label and full descriptor, always visible.

Descriptors are what assessors score against, so they are never hidden behind a tooltip or a combo box.
The option takes no keyboard focus of its own: the card owns the keyboard (digits choose), which keeps
Tab moving between cards and editors instead of stepping through every level.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from assessor_app.domain.rubric import Level
from assessor_app.ui.rubric.style import set_style_flag


class LevelOption(QFrame):
    clicked = Signal(str)  # level id

    def __init__(self, key: int, level: Level, meets_bar: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = level
        self._key = key
        self._meets_bar = meets_bar
        self._previous = False
        self._master = False
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setProperty("chosen", False)
        self.setProperty("readOnly", False)

        key_label = QLabel(str(key))
        key_label.setProperty("role", "key")
        key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        key_label.setAccessibleName(f"Press {key}")
        self._title = QLabel()
        self._title.setTextFormat(Qt.TextFormat.RichText)
        self._title.setWordWrap(True)
        descriptor = QLabel(level.descriptor)
        descriptor.setWordWrap(True)
        descriptor.setTextFormat(Qt.TextFormat.PlainText)

        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self._title)
        text.addWidget(descriptor)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 10, 7)
        row.setSpacing(10)
        row.addWidget(key_label, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        self._render_title()

    @property
    def chosen(self) -> bool:
        return bool(self.property("chosen"))

    def set_chosen(self, chosen: bool) -> None:
        set_style_flag(self, "chosen", chosen)
        self._render_title()

    def set_previous(self, previous: bool) -> None:
        """Mark the level the previous attempt received, so a resubmission reads against it."""
        self._previous = previous
        self._render_title()

    def set_master(self, master: bool) -> None:
        """Mark the panel's master level on a calibration item whose result is shown."""
        if master != self._master:
            self._master = master
            self._render_title()

    def set_read_only(self, read_only: bool) -> None:
        set_style_flag(self, "readOnly", read_only)
        self.setCursor(Qt.CursorShape.ArrowCursor if read_only else Qt.CursorShape.PointingHandCursor)

    def _render_title(self) -> None:
        tags = []
        if self._meets_bar:
            tags.append("meets the bar")
        if self._previous:
            tags.append("previous attempt")
        if self._master:
            tags.append("master score")
        check = "✓ " if self.chosen else ""
        tag_html = "".join(f" <span style='font-weight:400; font-style:italic'>· {t}</span>" for t in tags)
        self._title.setText(f"<b>{check}{_escape(self.level.label)}</b>{tag_html}")
        state = "chosen" if self.chosen else "not chosen"
        extra = ", ".join(tags)
        self.setAccessibleName(f"Level {self._key}: {self.level.label}{', ' + extra if extra else ''}, {state}")
        self.setAccessibleDescription(self.level.descriptor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self.property("readOnly"):
            self.clicked.emit(self.level.id)
            event.accept()
            return
        super().mousePressEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
