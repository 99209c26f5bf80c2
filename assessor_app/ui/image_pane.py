"""The image pane: look at a photo of student work or a whiteboard; zoom, pan, fit, 1:1.

Decoding a 20-megapixel JPEG takes long enough to freeze the window, so it runs through the task runner (the
one sanctioned way off the GUI thread) with ``QImageReader``; only the finished ``QImage`` crosses back. Each
load has a generation number, so a slow decode of a file the assessor already left is dropped.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QImage,
    QImageReader,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app.ui.pdf.focus_style import FOCUS_STYLE
from assessor_app.ui.tasks import TaskRunner

ZOOM_STEP = 1.25
MIN_SCALE, MAX_SCALE = 0.05, 16.0


class ImageUnreadable(Exception):
    """The file is not an image Qt can decode; the message is for the assessor."""


def decode_image(path: Path) -> QImage:
    """Runs on a pool thread: QImage (unlike QPixmap) may be built off the GUI thread."""
    if not path.is_file():
        raise ImageUnreadable("This image cannot be shown: the file is missing from this computer. "
                              "Sync again to fetch it.")
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # phones store portrait photos sideways plus an EXIF rotation
    image = reader.read()
    if image.isNull():
        raise ImageUnreadable(f"This image cannot be shown: it appears damaged ({reader.errorString().lower()}). "
                              "Ask the issuer to re-upload it.")
    return image


class ImageView(QGraphicsView):
    """Wheel zooms around the pointer; dragging pans."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Image")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setScene(QGraphicsScene(self))
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.fitting = True

    def set_pixmap(self, pixmap: QPixmap) -> None:
        self.item.setPixmap(pixmap)
        self.scene().setSceneRect(self.item.boundingRect())
        self.fit()

    def scale_factor(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        target = max(MIN_SCALE, min(MAX_SCALE, self.scale_factor() * factor))
        self.fitting = False
        self.scale(target / self.scale_factor(), target / self.scale_factor())

    def fit(self) -> None:
        self.fitting = True
        if not self.item.pixmap().isNull():
            self.fitInView(self.item, Qt.AspectRatioMode.KeepAspectRatio)

    def actual_size(self) -> None:
        self.fitting = False
        self.resetTransform()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP ** steps)
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitting:
            self.fit()


class ImagePane(QWidget):
    shown = Signal()  # the image is on screen
    failed = Signal(str)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Image evidence")
        self._tasks = tasks
        self._generation = 0
        self.title = QLabel()
        self.title.setAccessibleName("Image title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.zoom_out = _button("−", "Zoom out", "Zoom out (Ctrl+-, wheel)")
        self.zoom_in = _button("+", "Zoom in", "Zoom in (Ctrl+=, wheel)")
        self.fit_button = _button("Fit", "Fit image", "Fit the image to the pane (Ctrl+0)")
        self.actual_button = _button("1:1", "Actual size", "Show the image pixel for pixel (Ctrl+1)")
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)
        bar.addWidget(self.title, 1)
        for button in (self.zoom_out, self.zoom_in, self.fit_button, self.actual_button):
            bar.addWidget(button)
        self.view = ImageView()
        self.message = QLabel("No image open.")
        self.message.setAccessibleName("Image status")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.zoom_in.clicked.connect(lambda: self.view.zoom_by(ZOOM_STEP))
        self.zoom_out.clicked.connect(lambda: self.view.zoom_by(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(self.view.fit)
        self.actual_button.clicked.connect(self.view.actual_size)
        for key, action in (("Ctrl+=", self.zoom_in.click), ("Ctrl++", self.zoom_in.click),
                            ("Ctrl+-", self.zoom_out.click), ("Ctrl+0", self.view.fit),
                            ("Ctrl+1", self.view.actual_size)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
        self.setStyleSheet(FOCUS_STYLE)
        self._set_enabled(False)

    def load(self, path: Path, title: str) -> None:
        """Decode ``path`` in the background; ``shown`` or ``failed`` follows."""
        self._generation += 1
        generation = self._generation
        self.title.setText(title)
        self._show_message("Opening…")
        self._tasks.query(lambda: decode_image(Path(path)),
                          lambda image: self._decoded(generation, image),
                          lambda exc: self._unreadable(generation, exc))

    def unload(self) -> None:
        self._generation += 1
        self.view.item.setPixmap(QPixmap())
        self.title.clear()
        self._show_message("No image open.")

    def has_image(self) -> bool:
        return self.stack.currentWidget() is self.view and not self.view.item.pixmap().isNull()

    def _decoded(self, generation: int, image: QImage) -> None:
        if generation != self._generation:
            return
        self.stack.setCurrentWidget(self.view)
        self._set_enabled(True)
        self.view.set_pixmap(QPixmap.fromImage(image))
        self.shown.emit()

    def _unreadable(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        if not isinstance(exc, ImageUnreadable):
            raise exc  # a bug, not a bad file: let it surface
        self._show_message(str(exc))
        self.failed.emit(str(exc))

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.zoom_in, self.zoom_out, self.fit_button, self.actual_button):
            button.setEnabled(enabled)


def _button(text: str, name: str, tooltip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setAccessibleName(name)
    button.setToolTip(tooltip)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button
