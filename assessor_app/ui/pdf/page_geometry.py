"""Where a page lands on screen: zoom steps, fit modes and the page-to-view transform.

The transform is the Qt twin of the render matrix ``Matrix(scale, scale).prerotate(rotation)`` used by the
renderer (both rotate clockwise in y-down space), followed by the shift MuPDF applies so the pixmap starts at
(0, 0). Search hits and selections are drawn through it, so overlays line up with the rendered pixels.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QTransform

POINTS_TO_PIXELS = 96 / 72  # zoom 100% shows a page at 96 logical dpi, the size of paper on a typical screen
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0, 5.0)
MIN_ZOOM, MAX_ZOOM = ZOOM_STEPS[0], ZOOM_STEPS[-1]


class FitMode(Enum):
    NONE = "none"
    WIDTH = "width"
    PAGE = "page"


def page_transform(page_size: QSizeF, zoom: float, rotation: int) -> QTransform:
    """Display points -> logical pixels of the rotated, zoomed page whose top-left corner is (0, 0)."""
    scale = zoom * POINTS_TO_PIXELS
    turn = QTransform().scale(scale, scale) * QTransform().rotate(rotation % 360)
    box = turn.mapRect(QRectF(0, 0, page_size.width(), page_size.height()))
    return turn * QTransform.fromTranslate(-box.x(), -box.y())


def shown_size(page_size: QSizeF, zoom: float, rotation: int) -> QSizeF:
    """The page's size on screen in logical pixels."""
    size = page_size * zoom * POINTS_TO_PIXELS
    return size.transposed() if rotation % 180 else size


def fit_zoom(page_size: QSizeF, rotation: int, available: QSizeF, mode: FitMode) -> float:
    """The zoom that makes the (rotated) page as wide as ``available``, or wholly inside it."""
    page = shown_size(page_size, 1.0, rotation)
    if page.isEmpty() or available.isEmpty():
        return 1.0
    zoom = available.width() / page.width()
    if mode is FitMode.PAGE:
        zoom = min(zoom, available.height() / page.height())
    return clamp_zoom(zoom)


def clamp_zoom(zoom: float) -> float:
    return max(MIN_ZOOM, min(MAX_ZOOM, zoom))


def next_zoom(zoom: float, direction: int) -> float:
    """The next step up (``direction`` > 0) or down from ``zoom``, which may lie between steps after a fit."""
    if direction > 0:
        return next((z for z in ZOOM_STEPS if z > zoom + 1e-3), MAX_ZOOM)
    return next((z for z in reversed(ZOOM_STEPS) if z < zoom - 1e-3), MIN_ZOOM)
