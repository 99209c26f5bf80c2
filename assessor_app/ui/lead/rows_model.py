"""A read-only item model over plain rows of text: the lead's tables and the adjudication queue.

Each row may carry a key (``Qt.UserRole``, e.g. the adjudication id), and a column may be right-aligned or
coloured per cell; the views stay plain ``QTableView``/``QListView``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

Index = QModelIndex | QPersistentModelIndex
Colour = Callable[[int, int, str], QColor | None]  # (row, column, text) -> foreground, or None


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[list[str]] = []
        self._keys: list[Any] = []
        self._right: frozenset[int] = frozenset()
        self._colour: Colour | None = None

    def set_rows(self, rows: Sequence[Sequence[str]], *, headers: Sequence[str] | None = None,
                 keys: Sequence[Any] | None = None, right_aligned: Sequence[int] = (),
                 colour: Colour | None = None) -> None:
        self.beginResetModel()
        if headers is not None:
            self._headers = list(headers)
        self._rows = [list(row) for row in rows]
        self._keys = list(keys) if keys is not None else [None] * len(self._rows)
        self._right, self._colour = frozenset(right_aligned), colour
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = index.row(), index.column()
        text = self._rows[row][column] if column < len(self._rows[row]) else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == Qt.ItemDataRole.UserRole:
            return self._keys[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self._right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._colour is not None:
            return self._colour(row, column, text)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def text(self, row: int, column: int) -> str:
        return str(self.data(self.index(row, column)))
