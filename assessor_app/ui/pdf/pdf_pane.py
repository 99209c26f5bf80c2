"""The PDF pane of the scoring view: read a student-work PDF, find words in it, and cite a page and a quote.

All MuPDF work goes through the shared ``PageRenderer`` (one owner thread); the pane only keeps the ids of the
requests it made and drops any result that no longer matches what is on screen. It also records how long each
page was on screen (``pages_seen``), the evidence that every page was looked at. ``prepared`` holds the PDFs
likely to be loaded next, opened and their page 1 rendered ahead: loading one draws it at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QPalette, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from assessor_app.domain.anchors import PdfLocation
from assessor_app.ui.pdf.coverage import PageCoverage
from assessor_app.ui.pdf.focus_style import FOCUS_STYLE
from assessor_app.ui.pdf.hidden_layout import lay_out_hidden
from assessor_app.ui.pdf.mupdf_renderer import PRIORITY_PREFETCH, PRIORITY_THUMBNAIL, PageRenderer
from assessor_app.ui.pdf.page_geometry import POINTS_TO_PIXELS, FitMode, clamp_zoom, fit_zoom, next_zoom
from assessor_app.ui.pdf.page_view import MARGIN, PageCanvas
from assessor_app.ui.pdf.pdf_toolbar import PdfToolbar, add_shortcuts
from assessor_app.ui.pdf.prepared_documents import PreparedDocuments
from assessor_app.ui.pdf.render_results import DocumentInfo, RenderedPage, RenderFailure, SearchResult, SelectedText
from assessor_app.ui.pdf.search_bar import SearchBar
from assessor_app.ui.pdf.search_hits import HitCursor
from assessor_app.ui.pdf.thumbnails import ThumbnailModel, make_thumbnail_view

OPENING = "Opening…"


class PdfPane(QWidget):
    pageShown = Signal(int)  # 1-based page whose picture was just drawn
    failed = Signal(str)  # the document cannot be shown; the text is for the assessor
    coverageChanged = Signal()
    selectionChanged = Signal(str)  # the selected quote ("" when cleared)

    def __init__(self, renderer: PageRenderer, parent: QWidget | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.setAccessibleName("PDF evidence")
        self._renderer = renderer
        self._coverage = PageCoverage(clock)
        self._doc_id: int | None = None
        self._open_request: int | None = None
        self._info: DocumentInfo | None = None
        self._page = 0  # 0-based
        self._zoom, self._fit, self._rotation = 1.0, FitMode.WIDTH, 0
        self._view_request: int | None = None
        self._ready_page: RenderedPage | None = None  # page 1 rendered ahead of time (a prepared document)
        self._drawn: RenderedPage | None = None  # the page on the canvas
        self._thumb_requests: dict[int, int] = {}  # request id -> row
        self._search_request: int | None = None
        self._hits: HitCursor | None = None
        self._search_forward = True
        self._select_request: int | None = None
        self._selection: SelectedText | None = None
        self.prepared = PreparedDocuments(renderer, self._first_page_scale, self)

        self.toolbar = PdfToolbar()
        self.search_bar = SearchBar()
        self.search_bar.hide()
        self.canvas = PageCanvas()
        self.scroll = QScrollArea()
        self.scroll.setAccessibleName("Page view")
        self.scroll.setWidget(self.canvas)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setBackgroundRole(QPalette.ColorRole.Dark)
        self.scroll.installEventFilter(self)
        self.thumbnails = ThumbnailModel(self)
        self.thumbnail_view = make_thumbnail_view(self.thumbnails)
        reading = QWidget()
        row = QHBoxLayout(reading)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.thumbnail_view)
        row.addWidget(self.scroll, 1)
        self.message = QLabel("No PDF open.")
        self.message.setAccessibleName("PDF status")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(reading)
        self.stack.installEventFilter(self)  # resized while a message hides the page view: see eventFilter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.search_bar)
        layout.addWidget(self.stack, 1)
        self.setStyleSheet(FOCUS_STYLE)
        self._wire()
        self._enable_controls(False)

    def _wire(self) -> None:
        r, t = self._renderer, self.toolbar
        r.opened.connect(self._on_opened)
        r.rendered.connect(self._on_rendered)
        r.searched.connect(self._on_searched)
        r.textSelected.connect(self._on_selected)
        r.failed.connect(self._on_failed)
        t.previous.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        t.next.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        t.page_box.valueChanged.connect(self.go_to_page)
        t.zoom_in.clicked.connect(lambda: self.zoom_by(+1))
        t.zoom_out.clicked.connect(lambda: self.zoom_by(-1))
        t.fit_width.clicked.connect(lambda: self.set_fit(FitMode.WIDTH))
        t.fit_page.clicked.connect(lambda: self.set_fit(FitMode.PAGE))
        t.rotate.clicked.connect(self.rotate_view)
        t.find.clicked.connect(self.search_bar.open)
        self.search_bar.findRequested.connect(self.find)
        self.search_bar.closed.connect(self._clear_search)
        self.canvas.selectionDrawn.connect(self._select)
        self.canvas.selectionCleared.connect(lambda: self._set_selection(None))
        self.thumbnails.thumbnailWanted.connect(self._want_thumbnail)
        self.thumbnail_view.clicked.connect(self._thumbnail_chosen)
        self.thumbnail_view.selectionModel().currentChanged.connect(self._thumbnail_chosen)
        add_shortcuts(self, [
            (QKeySequence.StandardKey.Find, self.search_bar.open),
            ("PgDown", lambda: self.go_to_page(self.current_page() + 1)),
            ("PgUp", lambda: self.go_to_page(self.current_page() - 1)),
            ("Home", lambda: self.go_to_page(1)), ("End", lambda: self.go_to_page(self.page_count() or 1)),
            ("Ctrl+=", lambda: self.zoom_by(+1)), ("Ctrl++", lambda: self.zoom_by(+1)),
            ("Ctrl+-", lambda: self.zoom_by(-1)), ("R", self.rotate_view),
            ("W", lambda: self.set_fit(FitMode.WIDTH)), ("P", lambda: self.set_fit(FitMode.PAGE)),
        ])

    # -- public API for the scoring view -----------------------------------------------------------------
    def load(self, path: Path, title: str) -> None:
        """Open ``path``; ``pageShown`` follows when page 1 is drawn, ``failed`` if it cannot be shown."""
        self.unload()
        self._coverage.reset()
        self.toolbar.title.setText(title)
        self.setAccessibleDescription(title)
        prepared = self.prepared.take(Path(path))  # opened ahead, page 1 drawn at once if it was rendered too
        self._open_request, self._doc_id = (self._renderer.open(Path(path)) if prepared is None
                                            else (prepared.request_id, prepared.doc_id))
        self._ready_page = prepared.first_page if prepared is not None else None
        self._show_message(OPENING)
        if prepared is not None and prepared.info is not None:
            self._on_opened(prepared.info)

    def unload(self, keep: bool = False) -> None:
        """Close the document (with ``keep``: keep it open, prepared for a later ``load`` of the same file)."""
        if keep and self._info is not None and self._info.doc_id == self._doc_id:
            self.prepared.keep(self._info, self._drawn)
        elif self._doc_id is not None:
            self._renderer.close(self._doc_id)
        if self._coverage.show_page(None):
            self.coverageChanged.emit()
        self._doc_id = self._open_request = self._info = self._ready_page = self._drawn = None
        self._view_request = self._search_request = self._select_request = None
        self._thumb_requests.clear()
        self._hits, self._selection, self._page = None, None, 0
        self.thumbnails.clear()
        self.canvas.set_image(None)
        self.canvas.set_hits([], None)
        self.canvas.set_selection([])
        self.search_bar.set_status(None, None)
        self.toolbar.title.clear()
        self._enable_controls(False)
        self._show_message("No PDF open.")

    def go_to_page(self, page: int) -> None:
        """Show ``page`` (1-based; clamped to the document)."""
        if self._info is None:
            return
        index = max(0, min(self._info.page_count - 1, page - 1))
        if index != self._page:
            self._page = index
            self._set_selection(None)
            self.canvas.set_image(None)
        self._show_page()

    def current_page(self) -> int:
        return self._page + 1

    def page_count(self) -> int | None:
        return self._info.page_count if self._info else None

    def citation(self) -> PdfLocation:
        """The current page, with the selected words as the quote if something is selected on it."""
        if self._info is None:
            raise RuntimeError("No PDF is shown, so there is nothing to cite.")
        sel = self._selection
        if sel is not None and sel.page_index == self._page and sel.quote:
            return PdfLocation(self._page + 1, sel.quote, sel.prefix, sel.suffix)
        return PdfLocation(self._page + 1)

    def pages_seen(self) -> dict[int, float]:
        """Seconds each page (1-based) was on screen while this pane was visible."""
        return self._coverage.seconds()

    # -- view controls -----------------------------------------------------------------------------------
    def zoom(self) -> float:
        return self._zoom

    def rotation(self) -> int:
        return self._rotation

    def zoom_by(self, direction: int) -> None:
        self._fit = FitMode.NONE
        self._zoom = next_zoom(self._zoom, direction)
        self._show_page()

    def set_zoom(self, zoom: float) -> None:
        self._fit, self._zoom = FitMode.NONE, clamp_zoom(zoom)
        self._show_page()

    def set_fit(self, mode: FitMode) -> None:
        self._fit = mode
        self._show_page()

    def rotate_view(self) -> None:
        self._rotation = (self._rotation + 90) % 360
        self._show_page()

    def find(self, text: str, forward: bool = True) -> None:
        """A new search when ``text`` changed, else a step to the next (previous) hit."""
        if self._doc_id is None or not text.strip():
            self._clear_search()
            return
        if self._hits is not None and self._hits.needle == text:
            self._hits.step(forward)
            self._show_current_hit()
            return
        self._search_forward = forward
        self._search_request = self._renderer.search(self._doc_id, text, channel=f"search-{id(self)}")

    def hit_count(self) -> int | None:
        return None if self._hits is None else self._hits.total

    # -- rendering ---------------------------------------------------------------------------------------
    def _show_page(self) -> None:
        if self._info is None or self._doc_id is None:
            return
        size = self._info.page_sizes[self._page]
        self._zoom = self._zoom_for(size)
        self.canvas.set_page(size, self._zoom, self._rotation)
        self._refresh_hits()
        self.toolbar.show_position(self._page + 1, self._info.page_count)
        self.toolbar.show_zoom(self._zoom, self._fit.value)
        self._select_thumbnail()
        scale = self._zoom * POINTS_TO_PIXELS * self.devicePixelRatioF()
        ready, self._ready_page = self._ready_page, None
        if ready is not None and (ready.doc_id, ready.page_index, ready.scale, ready.rotation) == (
                self._doc_id, self._page, scale, self._rotation):
            # Rendered ahead at exactly this size: draw it now; the render below only warms the next page.
            self._view_request = None
            self._show_rendered(ready)
            self._renderer.render(self._doc_id, self._page, scale, self._rotation, priority=PRIORITY_PREFETCH,
                                  prefetch_next=True)
            return
        self._view_request = self._renderer.render(self._doc_id, self._page, scale, self._rotation,
                                                   channel=f"view-{id(self)}", prefetch_next=True)
        self.prepared.refresh()  # zoom or rotation may have changed: the prepared first pages follow

    def _zoom_for(self, size: QSizeF) -> float:
        """The zoom a page of ``size`` is shown at: the fit mode's for the view's size, else the chosen zoom."""
        if self._fit is FitMode.NONE:
            return self._zoom
        viewport = self.scroll.maximumViewportSize()
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        room = QSizeF(viewport.width() - 2 * MARGIN - bar, viewport.height() - 2 * MARGIN)
        return fit_zoom(size, self._rotation, room, self._fit)

    def _first_page_scale(self, info: DocumentInfo) -> tuple[float, int]:  # as _show_page would render page 1 now
        lay_out_hidden(self, self.stack, self.stack.widget(1))  # hidden, the page view may be at a stale size
        return self._zoom_for(info.page_sizes[0]) * POINTS_TO_PIXELS * self.devicePixelRatioF(), self._rotation

    def _want_thumbnail(self, row: int) -> None:
        if self._doc_id is not None:
            scale = self.thumbnails.thumb_scale(row) * self.devicePixelRatioF()
            request = self._renderer.render(self._doc_id, row, scale, 0, priority=PRIORITY_THUMBNAIL)
            self._thumb_requests[request] = row

    def _on_opened(self, info: DocumentInfo) -> None:
        if info.request_id != self._open_request:
            return
        self._info, self._page = info, 0
        self._enable_controls(True)
        self.stack.setCurrentIndex(1)
        self._show_page()  # before the thumbnails ask for theirs: the page is what the assessor waits for
        self.thumbnails.set_pages(info.page_sizes)
        self._select_thumbnail()

    def _on_rendered(self, result: RenderedPage) -> None:
        if result.request_id == self._view_request:
            self._show_rendered(result)
        elif (row := self._thumb_requests.pop(result.request_id, None)) is not None:
            image = result.image
            image.setDevicePixelRatio(self.devicePixelRatioF())
            self.thumbnails.set_thumbnail(row, image)

    def _show_rendered(self, result: RenderedPage) -> None:
        self._drawn = result
        image = result.image
        image.setDevicePixelRatio(self.devicePixelRatioF())
        self.canvas.set_image(image)
        if self._coverage.show_page(result.page_index + 1):
            self.coverageChanged.emit()
        self.pageShown.emit(result.page_index + 1)

    def _on_failed(self, failure: RenderFailure) -> None:
        if failure.request_id == self._open_request and failure.fatal:
            self._show_message(failure.message)
            self._doc_id = self._open_request = None
            self.failed.emit(failure.message)
        elif failure.request_id == self._view_request:
            self.canvas.set_message(failure.message)
        elif failure.request_id in (self._search_request, self._select_request):
            self.search_bar.status.setText("Text could not be read on this page.")

    # -- search and selection ----------------------------------------------------------------------------
    def _on_searched(self, result: SearchResult) -> None:
        if result.request_id != self._search_request:
            return
        self._hits = HitCursor(result.needle, result.hits)
        self._hits.start_at(self._page, self._search_forward)
        self._show_current_hit()

    def _show_current_hit(self) -> None:
        if self._hits is None:
            return
        page = self._hits.page_of_current()
        if page is not None and page != self._page:
            self.go_to_page(page + 1)
        else:
            self._refresh_hits()
        current = self._hits.current
        self.search_bar.set_status(None if current is None else current + 1, self._hits.total)
        hit = self.canvas.current_hit_in_widget()
        if hit is not None:
            self.scroll.ensureVisible(int(hit.center().x()), int(hit.center().y()), 80, 80)

    def _refresh_hits(self) -> None:
        rects, current = self._hits.on_page(self._page) if self._hits else ([], None)
        self.canvas.set_hits(rects, current)

    def _clear_search(self) -> None:
        self._hits, self._search_request = None, None
        self.canvas.set_hits([], None)
        self.search_bar.set_status(None, None)

    def _select(self, rect: QRectF) -> None:
        if self._doc_id is not None:
            self._select_request = self._renderer.select_text(self._doc_id, self._page, rect,
                                                              channel=f"select-{id(self)}")

    def _on_selected(self, result: SelectedText) -> None:
        if result.request_id == self._select_request and result.page_index == self._page:
            self._set_selection(result if result.quote else None)

    def _set_selection(self, selection: SelectedText | None) -> None:
        had = self._selection is not None
        self._selection = selection
        self.canvas.set_selection(list(selection.rects) if selection else [])
        if selection is not None or had:
            self.selectionChanged.emit(selection.quote if selection else "")

    # -- state, visibility, resizing ---------------------------------------------------------------------
    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentIndex(0)

    def _enable_controls(self, enabled: bool) -> None:
        self.toolbar.set_document_controls_enabled(enabled)
        if not enabled:
            self.search_bar.hide()

    def _thumbnail_chosen(self, index: QModelIndex) -> None:
        if index.isValid() and index.row() != self._page:
            self.go_to_page(index.row() + 1)

    def _select_thumbnail(self) -> None:
        index = self.thumbnails.index(self._page)
        if self.thumbnail_view.currentIndex() != index:
            self.thumbnail_view.setCurrentIndex(index)
            self.thumbnail_view.scrollTo(index)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._coverage.set_visible(True):
            self.coverageChanged.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self._coverage.set_visible(False):
            self.coverageChanged.emit()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange and self.parentWidget() is not None:
            self.parentWidget().installEventFilter(self)  # its resizes while this pane is hidden: see eventFilter
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll and event.type() == QEvent.Type.Resize:
            if self._fit is not FitMode.NONE:
                self._show_page()
            self.prepared.refresh()
        elif event.type() == QEvent.Type.Resize and not self.scroll.isVisible() and (
                watched is self.stack or (watched is self.parentWidget() and not self.isVisible())):
            self.prepared.refresh()  # no resize reaches the hidden page view: the prepared pages follow
        return super().eventFilter(watched, event)
