"""A plain-text feedback editor that saves itself: on a pause in typing, on focus-out, and on ``commit()``.

It remembers the last text it handed on (``baseline``); anything different is unsaved. The pane's own
shortcuts (undo, redo, cite, comment bank, submit, card moves) pass through it, because a text editor would
otherwise swallow Ctrl+Z and friends: undo here means the sheet's undo, one history for levels and text.
The editor grows with its text so the pane scrolls as one page instead of boxes scrolling inside boxes.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QContextMenuEvent, QFocusEvent, QKeyEvent, QKeySequence, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

AUTOSAVE_PAUSE_MS = 600
MIN_LINES = 3
MAX_LINES = 18

# The pane's shortcuts; key sequences are built on first use (a standard key needs a running QGuiApplication).
PANE_SHORTCUTS = ("Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y", "Ctrl+E", "Ctrl+B", "Ctrl+Shift+B", "Ctrl+Return", "Ctrl+Enter",
                  "Ctrl+Up", "Ctrl+Down")


@cache
def _pane_keys() -> tuple[QKeySequence, ...]:
    standard = (QKeySequence(QKeySequence.StandardKey.Undo), QKeySequence(QKeySequence.StandardKey.Redo))
    return standard + tuple(QKeySequence(k) for k in PANE_SHORTCUTS)


def is_pane_key(event: QKeyEvent) -> bool:
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch for key in _pane_keys())


class FeedbackEditor(QTextEdit):
    commitRequested = Signal(str)  # text that differs from what was last handed on
    addToBankRequested = Signal(str)  # the selected text
    escaped = Signal()  # Esc: hand focus back to the card

    def __init__(self, accessible_name: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._baseline = ""
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)  # the sheet's undo owns Ctrl+Z (see module docstring)
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(accessible_name)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.06)
        self.setFont(font)
        self.document().setDocumentMargin(8)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_PAUSE_MS)
        self._timer.timeout.connect(self.commit)
        self.textChanged.connect(self._on_text_changed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    # --- saving ---------------------------------------------------------------------------------
    @property
    def has_unsaved_text(self) -> bool:
        return self.toPlainText() != self._baseline

    def commit(self) -> None:
        """Hand on the text now if it changed; the pane queues it on the store's writer."""
        self._timer.stop()
        text = self.toPlainText()
        if text != self._baseline and not self.isReadOnly():
            self._baseline = text
            self.commitRequested.emit(text)

    def show_durable(self, text: str) -> None:
        """Show what the store holds, unless the assessor has typed something not yet handed on."""
        if self.has_unsaved_text:
            self._baseline = text
            return
        self._baseline = text
        if self.toPlainText() != text:
            position = self.textCursor().position()
            self.setPlainText(text)
            cursor = self.textCursor()
            cursor.setPosition(min(position, len(text)))
            self.setTextCursor(cursor)

    def show_other(self, text: str) -> None:
        """Show another sheet's text (the pane moved on): nothing typed here belongs to it any more."""
        self._timer.stop()
        self._baseline = text
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.End)

    def commit_failed(self, durable_text: str) -> None:
        """The store refused the text: keep it on screen (never lose typing) and count it as unsaved."""
        self._baseline = durable_text

    def insert_at_cursor(self, text: str) -> None:
        cursor = self.textCursor()
        before = self.toPlainText()[cursor.position() - 1] if cursor.position() > 0 else "\n"
        if text and not before.isspace() and not text[0].isspace():
            text = " " + text
        cursor.insertText(text)
        self.setTextCursor(cursor)

    def _on_text_changed(self) -> None:
        if self.has_unsaved_text and not self.isReadOnly():
            self._timer.start()

    # --- events ---------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and is_pane_key(event):
            event.ignore()  # let the pane's shortcut fire instead of the text editor's own handling
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.commit()
            self.escaped.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        action = menu.addAction("Add selection to comment bank")
        action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        selected = self.selected_text()
        action.setEnabled(bool(selected))
        action.triggered.connect(lambda: self.addToBankRequested.emit(selected))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def selected_text(self) -> str:
        return self.textCursor().selectedText().replace("\u2029", "\n").strip()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self, *_: QObject) -> None:
        line = self.fontMetrics().lineSpacing()
        margin = int(self.document().documentMargin() * 2) + self.frameWidth() * 2 + 6
        content = int(self.document().size().height()) + self.frameWidth() * 2 + 6
        self.setFixedHeight(max(MIN_LINES * line + margin, min(content, MAX_LINES * line + margin)))
