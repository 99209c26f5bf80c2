"""A small popup of comment-bank snippets at the cursor: type to filter, Up/Down to pick, Enter to insert.

The filter field keeps the focus the whole time, so the assessor never leaves the keyboard; the list is an
item model (``CommentModel``) behind a case-insensitive proxy on the snippets' full text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from assessor_app.store.comment_bank import Comment
from assessor_app.ui.rubric.comment_model import COMMENT_ROLE, CommentModel

EMPTY_TEXT = ("No snippets yet. Select text in any feedback and press Ctrl+Shift+B "
              "to add it to your comment bank.")


class CommentBankPopup(QFrame):
    chosen = Signal(str)  # the snippet's text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Comment bank")
        self.model = CommentModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(Qt.ItemDataRole.ToolTipRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type to filter your snippets…")
        self.filter.setAccessibleName("Filter comment bank")
        self.filter.setClearButtonEnabled(True)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setAccessibleName("Comment bank snippets")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the filter
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "muted")
        hint = QLabel("Enter inserts · Esc closes")
        hint.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addWidget(hint)
        self.resize(420, 300)
        self.filter.textChanged.connect(self._on_filter)
        self.filter.installEventFilter(self)
        self.list.activated.connect(self._choose_index)
        self.list.clicked.connect(self._choose_index)

    def open_at(self, position: QPoint, comments: list[Comment], criterion_names: dict[str, str]) -> None:
        self.model.set_rows(comments, criterion_names)
        self.filter.clear()
        self._on_filter("")
        self.move(position)
        self.show()
        self.filter.setFocus(Qt.FocusReason.PopupFocusReason)

    def choose_current(self) -> None:
        self._choose_index(self.list.currentIndex())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                self._step(-1 if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_PageUp) else 1)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose_current()
                return True
        return super().eventFilter(watched, event)

    def _step(self, delta: int) -> None:
        rows = self.proxy.rowCount()
        if rows:
            row = max(0, min(rows - 1, self.list.currentIndex().row() + delta))
            self.list.setCurrentIndex(self.proxy.index(row, 0))

    def _on_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        has_rows = self.proxy.rowCount() > 0
        self.list.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self.empty.setText(EMPTY_TEXT if self.model.rowCount() == 0 else "No snippet matches.")
        if has_rows:
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def _choose_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        comment = index.data(COMMENT_ROLE)
        self.hide()
        if isinstance(comment, Comment):
            self.chosen.emit(comment.text)
