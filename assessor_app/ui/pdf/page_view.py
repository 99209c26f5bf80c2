"""The page canvas: draws one rendered page and, over it, search hits and the text selection.

Overlays are drawn, never written into the document (PLATFORM-NOTES): hit and word rects arrive in display
points and go through ``page_transform`` — the Qt twin of the render matrix — so they sit on the rendered
glyphs at any zoom and rotation. While a re-render is on its way the old image is stretched to the new size,
so zooming answers at once and sharpens a moment later.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import QWidget

from assessor_app.ui.pdf.page_geometry import page_transform, shown_size

MARGIN = 12
HIT_FILL = QColor(255, 200, 0, 110)
CURRENT_HIT_FILL = QColor(255, 120, 0, 150)
SELECTION_FILL = QColor(40, 110, 230, 80)
MIN_BAND = 4  # pixels; a click is not a selection


class PageCanvas(QWidget):
    """Emits ``selectionDrawn`` with the rubber band in display points; the pane asks the renderer for words."""

    selectionDrawn = Signal(QRectF)
    selectionCleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Page")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.IBeamCursor)
        self._image: QImage | None = None
        self._page_size = QSizeF()
        self._zoom = 1.0
        self._rotation = 0
        self._hits: list[QRectF] = []
        self._current_hit: int | None = None
        self._selection: list[QRectF] = []
        self._band_start: QPointF | None = None
        self._band = QRectF()
        self._message = ""

    # -- what to draw ------------------------------------------------------------------------------------
    def set_page(self, page_size: QSizeF, zoom: float, rotation: int) -> None:
        """Geometry first: the canvas takes its new size at once, even before the image arrives."""
        self._page_size, self._zoom, self._rotation = QSizeF(page_size), zoom, rotation
        self.resize(self.sizeHint())
        self.update()

    def set_image(self, image: QImage | None) -> None:
        self._image = image
        self._message = ""
        self.update()

    def set_message(self, text: str) -> None:
        """A message in place of the page (e.g. one damaged page)."""
        self._image = None
        self._message = text
        self.update()

    def set_hits(self, hits: list[QRectF], current: int | None) -> None:
        self._hits, self._current_hit = list(hits), current
        self.update()

    def set_selection(self, rects: list[QRectF]) -> None:
        self._selection = list(rects)
        self.update()

    def has_image(self) -> bool:
        return self._image is not None

    # -- geometry ----------------------------------------------------------------------------------------
    def to_widget(self) -> QTransform:
        """Display points -> this widget's coordinates."""
        return page_transform(self._page_size, self._zoom, self._rotation) * QTransform.fromTranslate(MARGIN, MARGIN)

    def page_rect(self) -> QRectF:
        return QRectF(QPointF(MARGIN, MARGIN), shown_size(self._page_size, self._zoom, self._rotation))

    def hit_rects_in_widget(self) -> list[QRectF]:
        """Where the hits are drawn, in widget coordinates (for the pane's scrolling and for tests)."""
        to_widget = self.to_widget()
        return [to_widget.mapRect(rect) for rect in self._hits]

    def current_hit_in_widget(self) -> QRectF | None:
        if self._current_hit is None or not 0 <= self._current_hit < len(self._hits):
            return None
        return self.to_widget().mapRect(self._hits[self._current_hit])

    def sizeHint(self) -> QSize:
        size = shown_size(self._page_size, self._zoom, self._rotation)
        return QSize(int(size.width()) + 2 * MARGIN, int(size.height()) + 2 * MARGIN)

    # -- painting ----------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        target = self.page_rect()
        if target.isEmpty():
            return
        painter.fillRect(target.translated(2, 3), QColor(0, 0, 0, 60))  # a hint of paper
        painter.fillRect(target, Qt.GlobalColor.white)
        if self._image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self._image)
        elif self._message:
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(target.adjusted(24, 24, -24, -24), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self._message)
        to_widget = self.to_widget()
        painter.setPen(Qt.PenStyle.NoPen)
        for i, rect in enumerate(self._hits):
            painter.setBrush(CURRENT_HIT_FILL if i == self._current_hit else HIT_FILL)
            painter.drawRect(to_widget.mapRect(rect))
        painter.setBrush(SELECTION_FILL)
        for rect in self._selection:
            painter.drawRect(to_widget.mapRect(rect))
        if not self._band.isNull():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(SELECTION_FILL.darker(200), 1, Qt.PenStyle.DashLine))
            painter.drawRect(self._band)
        if self.hasFocus():  # the style's focus rect is too faint to find on a page; draw a clear ring
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(target.adjusted(-3, -3, 3, 3))

    # -- selecting text ----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._band_start = event.position()
            self._band = QRectF()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._band_start is not None:
            self._band = QRectF(self._band_start, event.position()).normalized()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._band_start is None or event.button() != Qt.MouseButton.LeftButton:
            return
        band = QRectF(self._band_start, event.position()).normalized()
        self._band_start, self._band = None, QRectF()
        self.update()
        if band.width() < MIN_BAND and band.height() < MIN_BAND:
            if self._selection:
                self.selectionCleared.emit()
            return
        self.select_widget_rect(band)

    def select_widget_rect(self, band: QRectF) -> None:
        """Select the words under ``band`` (widget coordinates); also the keyboard's way in (Ctrl+A)."""
        inverse, ok = self.to_widget().inverted()
        if ok:
            self.selectionDrawn.emit(inverse.mapRect(band))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_widget_rect(self.page_rect())
        elif event.key() == Qt.Key.Key_Escape and self._selection:
            self.selectionCleared.emit()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)
