"""What the page renderer sends back to the GUI thread: plain values, safe to pass between threads.

Every result carries the ``request_id`` it answers, so a view can drop a result it no longer wants (the
assessor navigated away before it arrived). Page geometry is in *display points*: PDF points after the page's
own ``/Rotate``, before the view's zoom and rotation (``page_geometry`` applies those).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QImage


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    request_id: int
    doc_id: int
    path: Path
    page_sizes: tuple[QSizeF, ...]  # display points, one per page

    @property
    def page_count(self) -> int:
        return len(self.page_sizes)


@dataclass(frozen=True, slots=True)
class RenderedPage:
    request_id: int
    doc_id: int
    page_index: int  # 0-based
    scale: float  # device pixels per display point
    rotation: int  # view rotation in degrees, clockwise
    image: QImage
    from_cache: bool = False  # served from the page cache (rendered before, or warmed ahead of time)


@dataclass(frozen=True, slots=True)
class SearchResult:
    request_id: int
    doc_id: int
    needle: str
    hits: tuple[tuple[int, QRectF], ...]  # (0-based page, rect in display points), in reading order


@dataclass(frozen=True, slots=True)
class SelectedText:
    request_id: int
    doc_id: int
    page_index: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    rects: tuple[QRectF, ...] = field(default_factory=tuple)  # the selected words, display points


@dataclass(frozen=True, slots=True)
class RenderFailure:
    """A request that could not be served; ``message`` is written for the assessor, never a traceback."""

    request_id: int
    doc_id: int
    message: str
    fatal: bool  # the document as a whole cannot be used (as opposed to one damaged page)
