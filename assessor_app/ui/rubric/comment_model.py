"""Comment-bank snippets as a list model over plain ``Comment`` rows (the popup filters it with a proxy)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from assessor_app.store.comment_bank import Comment

Index = QModelIndex | QPersistentModelIndex
COMMENT_ROLE = Qt.ItemDataRole.UserRole + 1
PREVIEW_CHARS = 140


class CommentModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Comment] = []
        self._criterion_names: dict[str, str] = {}

    def set_rows(self, rows: list[Comment], criterion_names: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._criterion_names = dict(criterion_names or {})
        self.endResetModel()

    def comment_at(self, row: int) -> Comment:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        comment = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            flat = " ".join(comment.text.split())
            return flat if len(flat) <= PREVIEW_CHARS else flat[: PREVIEW_CHARS - 1] + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            return comment.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            scope = self._criterion_names.get(comment.criterion_id or "", "general")
            return f"{comment.text} ({scope})"
        if role == COMMENT_ROLE:
            return comment
        return None
