"""The find bar (Ctrl+F): a search box, previous/next, "2 of 5" or "No matches", and a close button.

It only asks (``findRequested(text, forward)``); the pane decides whether that is a new search or a step to the
next hit, because only the pane knows what was searched last.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

NO_MATCHES = "No matches"


class SearchBar(QWidget):
    findRequested = Signal(str, bool)  # text, forward
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Find in document")
        self.field = QLineEdit()
        self.field.setAccessibleName("Find text")
        self.field.setPlaceholderText("Find in document — Enter: next, Shift+Enter: previous")
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.previous = _button("↑", "Previous match (Shift+Enter)", "Previous match")
        self.next = _button("↓", "Next match (Enter)", "Next match")
        self.status = QLabel()
        self.status.setAccessibleName("Search results")
        self.status.setMinimumWidth(90)
        self.close_button = _button("✕", "Close the find bar (Esc)", "Close find bar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        for widget in (self.field, self.previous, self.next, self.status, self.close_button):
            layout.addWidget(widget)
        layout.setStretch(0, 1)
        self.previous.clicked.connect(lambda: self.findRequested.emit(self.field.text(), False))
        self.next.clicked.connect(lambda: self.findRequested.emit(self.field.text(), True))
        self.close_button.clicked.connect(self.dismiss)

    def open(self) -> None:
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()

    def set_status(self, current: int | None, total: int | None) -> None:
        """``current`` is 1-based; ``total`` None clears the label (nothing searched yet)."""
        if total is None:
            text = ""
        elif total == 0:
            text = NO_MATCHES
        else:
            text = f"{current} of {total}" if current else f"{total} matches"
        self.status.setText(text)
        self.field.setProperty("noMatches", total == 0)
        sheet = "QLineEdit { background: #fde2e1; }" if total == 0 else ""
        if self.field.styleSheet() != sheet:  # re-styling costs ~0.5 ms; every document change clears the status
            self.field.setStyleSheet(sheet)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                forward = not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.findRequested.emit(self.field.text(), bool(forward))
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.dismiss()
                return True
        return super().eventFilter(watched, event)


def _button(text: str, tooltip: str, name: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tooltip)
    button.setAccessibleName(name)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button
