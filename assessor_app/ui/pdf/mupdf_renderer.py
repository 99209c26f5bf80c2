"""The page renderer: every PyMuPDF call of the app, made on one owner thread.

PyMuPDF is not thread-safe (PLATFORM-NOTES), so a single QThread runs a worker that owns every
``pymupdf.Document``. The GUI posts requests through a queued signal; the worker keeps them in a priority heap
(the visible page first, prefetch last) and serves one per turn of its event loop, so a request arriving while
thumbnails render is served next. A newer request on the same *channel* replaces a pending older one (holding
PgDn does not render every page on the way). Results come back through queued signals carrying the request id.

This is the only module that imports ``pymupdf``.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import pymupdf
from PySide6.QtCore import QObject, QRectF, QSizeF, Qt, QThread, Signal, Slot
from PySide6.QtGui import QImage

from assessor_app.ui.pdf.page_cache import PageImageCache
from assessor_app.ui.pdf.quotes import quote_from_words
from assessor_app.ui.pdf.render_results import (
    DocumentInfo,
    RenderedPage,
    RenderFailure,
    SearchResult,
    SelectedText,
)

log = logging.getLogger(__name__)

PRIORITY_VIEW, PRIORITY_TEXT, PRIORITY_THUMBNAIL, PRIORITY_PREFETCH = range(4)

DAMAGED = "This PDF cannot be opened: it appears damaged. Ask the issuer to re-upload it."
MISSING = "This PDF cannot be opened: the file is missing from this computer. Sync again to fetch it."
ENCRYPTED = ("This PDF cannot be opened: it is password-protected. "
             "Ask the issuer to re-upload it without a password.")
EMPTY = "This PDF has no pages. Ask the issuer to re-upload it."
PAGE_DAMAGED = "Page {page} of this PDF cannot be shown: it appears damaged."


@dataclass(frozen=True, slots=True)
class _Open:
    request_id: int
    doc_id: int
    path: Path


@dataclass(frozen=True, slots=True)
class _Close:
    request_id: int
    doc_id: int


@dataclass(frozen=True, slots=True)
class _Render:
    request_id: int
    doc_id: int
    page_index: int
    scale: float
    rotation: int
    prefetch_next: bool
    emit: bool = True  # False for prefetch: only warm the cache


@dataclass(frozen=True, slots=True)
class _Search:
    request_id: int
    doc_id: int
    needle: str


@dataclass(frozen=True, slots=True)
class _Select:
    request_id: int
    doc_id: int
    page_index: int
    rect: tuple[float, float, float, float]  # display points


_Job = _Render | _Search | _Select


class _Worker(QObject):
    """Lives on the owner thread; nothing outside this class touches its documents."""

    opened = Signal(object)
    rendered = Signal(object)
    searched = Signal(object)
    selected = Signal(object)
    failed = Signal(object)
    _drainRequested = Signal()

    def __init__(self, cache_bytes: int) -> None:
        super().__init__()
        self._docs: dict[int, pymupdf.Document] = {}
        self._cache = PageImageCache(cache_bytes)
        self._heap: list[tuple[int, int, str | None, _Job]] = []
        self._order = itertools.count()
        self._drain_posted = False
        self.thread_ident: int | None = None  # for tests and diagnostics
        # Queued on purpose: a drain must run after the requests already posted, not inside the current one.
        self._drainRequested.connect(self._drain, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object, int)
    def submit(self, request: object, channel: str | None, priority: int) -> None:
        self.thread_ident = threading.get_ident()
        if isinstance(request, _Open):
            self._open(request)
        elif isinstance(request, _Close):
            self._close(request.doc_id)
        else:
            assert isinstance(request, _Render | _Search | _Select)
            if channel is not None:
                self._heap = [item for item in self._heap if item[2] != channel]
                heapq.heapify(self._heap)
            heapq.heappush(self._heap, (priority, next(self._order), channel, request))
            self._post_drain()

    @Slot()
    def stop(self) -> None:
        for doc_id in list(self._docs):
            self._close(doc_id)
        self._heap.clear()
        QThread.currentThread().quit()

    def _post_drain(self) -> None:
        if not self._drain_posted and self._heap:
            self._drain_posted = True
            self._drainRequested.emit()

    @Slot()
    def _drain(self) -> None:
        """Serve one job, then yield to the event loop so newer requests are queued before the next one."""
        self._drain_posted = False
        if not self._heap:
            return
        _, _, _, job = heapq.heappop(self._heap)
        doc = self._docs.get(job.doc_id)
        if doc is not None:
            try:
                if isinstance(job, _Render):
                    self._render(doc, job)
                elif isinstance(job, _Search):
                    self._search(doc, job)
                else:
                    self._select(doc, job)
            except Exception:  # a damaged page: say so, keep the document usable
                log.warning("MuPDF failed on %s: %s", job, pymupdf.TOOLS.mupdf_warnings(), exc_info=True)
                page = getattr(job, "page_index", 0) + 1
                self.failed.emit(RenderFailure(job.request_id, job.doc_id, PAGE_DAMAGED.format(page=page), False))
        self._post_drain()

    def _open(self, req: _Open) -> None:
        if not req.path.is_file():
            self.failed.emit(RenderFailure(req.request_id, req.doc_id, MISSING, True))
            return
        try:
            doc = pymupdf.open(req.path, filetype="pdf")
        except Exception:
            log.info("MuPDF could not open %s: %s", req.path, pymupdf.TOOLS.mupdf_warnings(), exc_info=True)
            self.failed.emit(RenderFailure(req.request_id, req.doc_id, DAMAGED, True))
            return
        try:
            message = ENCRYPTED if doc.needs_pass else EMPTY if doc.page_count == 0 else None
            sizes = () if message else tuple(QSizeF(page.rect.width, page.rect.height) for page in doc)
        except Exception:
            log.info("MuPDF could not read pages of %s", req.path, exc_info=True)
            message = DAMAGED
        if message:
            doc.close()
            self.failed.emit(RenderFailure(req.request_id, req.doc_id, message, True))
            return
        self._docs[req.doc_id] = doc
        self.opened.emit(DocumentInfo(req.request_id, req.doc_id, req.path, sizes))

    def _close(self, doc_id: int) -> None:
        self._heap = [item for item in self._heap if item[3].doc_id != doc_id]
        heapq.heapify(self._heap)
        self._cache.drop_document(doc_id)
        doc = self._docs.pop(doc_id, None)
        if doc is not None:
            doc.close()

    def _render(self, doc: pymupdf.Document, job: _Render) -> None:
        key = (job.doc_id, job.page_index, round(job.scale, 4), job.rotation)
        image = self._cache.get(key)
        cached = image is not None
        if image is None:
            pix = doc[job.page_index].get_pixmap(
                matrix=pymupdf.Matrix(job.scale, job.scale).prerotate(job.rotation), alpha=False)
            # One copy out of MuPDF's buffer; wrapping pix.samples without a copy is a use-after-free.
            image = QImage(pix.samples_mv, pix.width, pix.height, pix.stride,
                           QImage.Format.Format_RGB888).convertToFormat(QImage.Format.Format_RGB32)
            del pix
            self._cache.put(key, image)
        if job.emit:
            self.rendered.emit(RenderedPage(job.request_id, job.doc_id, job.page_index, job.scale, job.rotation,
                                            image, cached))
        nxt = job.page_index + 1
        if job.prefetch_next and nxt < doc.page_count and (job.doc_id, nxt, key[2], job.rotation) not in self._cache:
            ahead = _Render(job.request_id, job.doc_id, nxt, job.scale, job.rotation, False, emit=False)
            heapq.heappush(self._heap, (PRIORITY_PREFETCH, next(self._order), "prefetch", ahead))

    def _search(self, doc: pymupdf.Document, job: _Search) -> None:
        hits: list[tuple[int, QRectF]] = []
        if job.needle.strip():
            for page in doc:
                for rect in page.search_for(job.needle):
                    hits.append((page.number, _qrect(rect * page.rotation_matrix)))
        self.searched.emit(SearchResult(job.request_id, job.doc_id, job.needle, tuple(hits)))

    def _select(self, doc: pymupdf.Document, job: _Select) -> None:
        page = doc[job.page_index]
        # Words are in unrotated page space. A drag along a line has no height: give it some, or nothing meets it.
        x0, y0, x1, y1 = pymupdf.Rect(job.rect).normalize()
        area = pymupdf.Rect(x0 - 1, y0 - 1, x1 + 1, y1 + 1) * page.derotation_matrix
        words = page.get_text("words", sort=True)
        chosen = [i for i, w in enumerate(words) if pymupdf.Rect(w[:4]).intersects(area)]
        quote = quote_from_words([w[4] for w in words], chosen)
        rects = tuple(_qrect(pymupdf.Rect(words[i][:4]) * page.rotation_matrix) for i in chosen)
        self.selected.emit(SelectedText(job.request_id, job.doc_id, job.page_index, quote.exact, quote.prefix,
                                        quote.suffix, rects))


def _qrect(rect: pymupdf.Rect) -> QRectF:
    rect = pymupdf.Rect(rect).normalize()
    return QRectF(rect.x0, rect.y0, rect.width, rect.height)


class PageRenderer(QObject):
    """The GUI's handle on the owner thread. Create one per app (or per test), ``shutdown()`` at the end.

    Each call returns a request id; the matching result arrives later on one of the signals below, on the
    GUI thread. Several views can share one renderer: each keeps the ids it asked for and ignores the rest.
    """

    opened = Signal(object)  # DocumentInfo
    rendered = Signal(object)  # RenderedPage
    searched = Signal(object)  # SearchResult
    textSelected = Signal(object)  # SelectedText
    failed = Signal(object)  # RenderFailure
    _submitted = Signal(object, object, int)
    _stopRequested = Signal()

    def __init__(self, parent: QObject | None = None, *, cache_bytes: int = 96 * 1024 * 1024) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._thread = QThread()
        self._thread.setObjectName("mupdf-owner")
        self._worker = _Worker(cache_bytes)
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._submitted.connect(self._worker.submit)
        self._stopRequested.connect(self._worker.stop)
        for source, relay in ((self._worker.opened, self.opened), (self._worker.rendered, self.rendered),
                              (self._worker.searched, self.searched), (self._worker.selected, self.textSelected),
                              (self._worker.failed, self.failed)):
            source.connect(relay)
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def open(self, path: Path) -> tuple[int, int]:
        """Open a document; returns ``(request_id, doc_id)``. ``opened`` or ``failed`` answers."""
        request_id = doc_id = next(self._ids)
        self._submitted.emit(_Open(request_id, doc_id, Path(path)), None, PRIORITY_VIEW)
        return request_id, doc_id

    def close(self, doc_id: int) -> None:
        """Forget a document: pending work for it is dropped, its cached pages freed."""
        self._submitted.emit(_Close(next(self._ids), doc_id), None, PRIORITY_VIEW)

    def render(self, doc_id: int, page_index: int, scale: float, rotation: int = 0, *,
               channel: str | None = None, priority: int = PRIORITY_VIEW, prefetch_next: bool = False) -> int:
        """Render a page at ``scale`` device pixels per point, rotated clockwise by ``rotation`` degrees."""
        request_id = next(self._ids)
        job = _Render(request_id, doc_id, page_index, scale, rotation % 360, prefetch_next)
        self._submitted.emit(job, channel, priority)
        return request_id

    def search(self, doc_id: int, needle: str, *, channel: str | None = None) -> int:
        request_id = next(self._ids)
        self._submitted.emit(_Search(request_id, doc_id, needle), channel, PRIORITY_TEXT)
        return request_id

    def select_text(self, doc_id: int, page_index: int, rect: QRectF, *, channel: str | None = None) -> int:
        """The words of a page under ``rect`` (display points) as a quote with context."""
        request_id = next(self._ids)
        box = (rect.left(), rect.top(), rect.right(), rect.bottom())
        self._submitted.emit(_Select(request_id, doc_id, page_index, box), channel, PRIORITY_TEXT)
        return request_id

    def owner_thread_ident(self) -> int | None:
        """The owner thread's ``threading.get_ident()``, once it has served a request (diagnostics)."""
        return self._worker.thread_ident if self._thread.isRunning() else None

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Close every document on the owner thread and stop it. Safe to call twice."""
        if not self._thread.isRunning():
            return True
        self._stopRequested.emit()
        return self._thread.wait(timeout_ms)
