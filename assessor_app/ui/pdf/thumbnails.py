"""Page thumbnails: a list model over the pages, filled lazily by the renderer.

A thumbnail is asked for the first time a view asks for its picture (``data`` with ``DecorationRole``), so a
500-page document renders only the thumbnails that scroll into sight. The model itself never renders: it emits
``thumbnailWanted(row)`` and the pane routes the request to the renderer at thumbnail priority.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

THUMB_WIDTH = 96  # logical pixels
PAGE_ROLE = Qt.ItemDataRole.UserRole + 1  # the 1-based page number

_Index = QModelIndex | QPersistentModelIndex


class ThumbnailModel(QAbstractListModel):
    thumbnailWanted = Signal(int)  # row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sizes: list[QSizeF] = []
        self._images: dict[int, QImage] = {}
        self._asked: set[int] = set()
        self._placeholders: dict[tuple[int, int], QImage] = {}

    def set_pages(self, page_sizes: tuple[QSizeF, ...] | list[QSizeF]) -> None:
        self.beginResetModel()
        self._sizes = list(page_sizes)
        self._images.clear()
        self._asked.clear()
        self.endResetModel()

    def clear(self) -> None:
        if self._sizes:  # a model reset re-lays out the view even when nothing changes
            self.set_pages([])

    def set_thumbnail(self, row: int, image: QImage) -> None:
        if 0 <= row < len(self._sizes):
            self._images[row] = image
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def forget_request(self, row: int) -> None:
        """A render failed or was superseded: ask again next time the row is painted."""
        self._asked.discard(row)

    def thumb_size(self, row: int) -> QSize:
        size = self._sizes[row]
        height = round(THUMB_WIDTH * size.height() / size.width()) if size.width() > 0 else THUMB_WIDTH
        return QSize(THUMB_WIDTH, max(1, height))

    def thumb_scale(self, row: int) -> float:
        """Logical pixels per display point for this page's thumbnail."""
        width = self._sizes[row].width()
        return THUMB_WIDTH / width if width > 0 else 1.0

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._sizes)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._sizes):
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return str(row + 1)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"Page {row + 1}"
        if role == PAGE_ROLE:
            return row + 1
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignHCenter
        if role == Qt.ItemDataRole.DecorationRole:
            image = self._images.get(row)
            if image is not None:
                return image
            if row not in self._asked:
                self._asked.add(row)
                self.thumbnailWanted.emit(row)
            return self._placeholder(self.thumb_size(row))
        return None

    def _placeholder(self, size: QSize) -> QImage:
        key = (size.width(), size.height())
        if key not in self._placeholders:
            image = QImage(size, QImage.Format.Format_RGB32)
            image.fill(QColor(236, 236, 236))
            self._placeholders[key] = image
        return self._placeholders[key]


def make_thumbnail_view(model: ThumbnailModel, parent: QWidget | None = None) -> QListView:
    """A vertical strip of thumbnails; clicking or moving the current item with the keys jumps to the page."""
    view = QListView(parent)
    view.setModel(model)
    view.setAccessibleName("Page thumbnails")
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setFlow(QListView.Flow.TopToBottom)
    view.setWrapping(False)
    view.setMovement(QListView.Movement.Static)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.5)))
    view.setSpacing(6)
    view.setUniformItemSizes(False)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setFixedWidth(THUMB_WIDTH + 48)
    palette = view.palette()  # white pages on a grey strip, so each page's edge shows
    palette.setColor(QPalette.ColorRole.Base, QColor(214, 214, 214))
    view.setPalette(palette)
    return view
