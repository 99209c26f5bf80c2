"""The picture: the latest decoded frame, letterboxed on a dark background, or a message instead of it.

It paints a ``QImage`` copy of the frame (never the buffer VLC writes into), so ``grab()`` captures exactly
what the assessor sees and nothing can read freed memory. Broken files get a sentence saying what happened and
what to do, never a traceback.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

BACKGROUND = QColor(18, 18, 20)
MESSAGE_COLOUR = QColor(235, 235, 235)


class VideoSurface(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._message = ""
        self.setAccessibleName("Video picture")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 180)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, BACKGROUND)
        self.setPalette(palette)

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    def show_frame(self, image: QImage) -> None:
        self._image = image
        self._message = ""
        self.update()

    def show_message(self, text: str) -> None:
        """Replace the picture with ``text`` (e.g. why this file cannot be played)."""
        self._image = None
        self._message = text
        self.setAccessibleDescription(text)
        self.update()

    def clear(self) -> None:
        self._image = None
        self._message = ""
        self.setAccessibleDescription("")
        self.update()

    def message(self) -> str:
        return self._message

    def image(self) -> QImage | None:
        return self._image

    def picture_rect(self) -> QRect:
        """Where the frame is drawn: as large as fits, aspect ratio kept, centred."""
        if self._image is None or self._image.isNull():
            return QRect()
        size = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRect((self.width() - size.width()) // 2, (self.height() - size.height()) // 2,
                     size.width(), size.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        if self._image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(self.picture_rect(), self._image)
        elif self._message:
            painter.setPen(MESSAGE_COLOUR)
            font = painter.font()
            font.setPointSizeF(font.pointSizeF() * 1.15)
            painter.setFont(font)
            margin = max(16, self.width() // 12)
            painter.drawText(self.rect().adjusted(margin, margin, -margin, -margin),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message)
        painter.end()
