"""The evidence half of the scoring view: the submission's evidence items and written responses, each openable.

Video goes to the libvlc pane, PDFs to the MuPDF pane, images to the image pane, responses to a readable text
view. It also answers "where am I in the evidence?" for citations, follows a citation back, and keeps the
evidence coverage (what was watched and read) up to date in the store. ``prepare`` readies the video and the
PDF the neighbouring submissions would open first, so moving to one of them shows its evidence at once.
"""

from __future__ import annotations

import html
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QListView, QSplitter, QStackedWidget, QTextBrowser, QVBoxLayout, QWidget

from assessor_app.domain.anchors import EvidenceAnchor, PdfLocation, TimeRange
from assessor_app.domain.coverage import Coverage, PdfCoverage, VideoCoverage, merge_intervals
from assessor_app.domain.submission import EvidenceKind
from assessor_app.store.coverage_store import CoverageStore
from assessor_app.store.scoring_context import EvidenceEntry, ScoringContext
from assessor_app.ui.image_pane import ImagePane
from assessor_app.ui.pdf.mupdf_renderer import PageRenderer
from assessor_app.ui.pdf.pdf_pane import PdfPane
from assessor_app.ui.tasks import TaskRunner
from assessor_app.ui.video.video_pane import VideoPane

log = logging.getLogger(__name__)
Index = QModelIndex | QPersistentModelIndex
RESPONSES = "__responses__"
KIND_LABEL = {EvidenceKind.VIDEO: "Video", EvidenceKind.PDF: "PDF", EvidenceKind.IMAGE: "Image",
              EvidenceKind.TEXT: "Text", EvidenceKind.AUDIO: "Audio"}


@dataclass(frozen=True)
class EvidenceRow:
    key: str  # evidence id, or RESPONSES
    title: str
    detail: str
    entry: EvidenceEntry | None


class EvidenceListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[EvidenceRow] = []

    def set_rows(self, rows: list[EvidenceRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.title}\n{row.detail}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.entry.problem if row.entry and row.entry.problem else row.title
        if role == Qt.ItemDataRole.UserRole:
            return row.key
        return None


def first_of_kind(entries: Iterable[EvidenceEntry], kind: EvidenceKind) -> EvidenceEntry | None:
    """The first item of ``kind``: the video is what a submission opens on, the PDF what is read next."""
    return next((e for e in entries if e.item.kind is kind), None)


def human_size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} KB"


def responses_html(context: ScoringContext) -> str:
    prompts = {q.id: (section.title, q.prompt) for section in context.credential.sections for q in section.questions}
    parts = []
    for response in context.submission.responses:
        section, prompt = prompts.get(response.question_id, ("", response.question_id))
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in response.text.split("\n") if p.strip())
        parts.append(f"<h3>{html.escape(prompt)}</h3><p class='meta'>{html.escape(section)} · "
                     f"{response.word_count} words</p>{paragraphs}")
    style = ("<style>body{font-size:11pt;line-height:150%;} h3{margin-top:18px;margin-bottom:2px;} "
             "p.meta{color:#666;margin-top:0;}</style>")
    return style + ("".join(parts) or "<p>This submission has no written responses.</p>")


class EvidencePane(QWidget):
    coverageChanged = Signal()

    def __init__(self, tasks: TaskRunner, renderer: PageRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._context: ScoringContext | None = None
        self._coverage_store: CoverageStore | None = None
        self._saved: dict[str, VideoCoverage | PdfCoverage] = {}
        self._current: str | None = None
        self.model = EvidenceListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Evidence items")
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setMinimumWidth(150)
        self.list.setMaximumWidth(260)
        self.list.selectionModel().currentChanged.connect(lambda current, _prev: self._open_index(current))
        self.video = VideoPane(release_later=self._stop_in_background)
        self.pdf = PdfPane(renderer)
        self.image = ImagePane(tasks)
        self.responses = QTextBrowser()
        self.responses.setAccessibleName("Written responses")
        self.responses.setOpenExternalLinks(False)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        for widget in (self.message, self.video, self.pdf, self.image, self.responses):
            self.stack.addWidget(widget)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        for pane in (self.video, self.pdf, self.image):
            pane.failed.connect(self._show_failure)
        self.video.coverageChanged.connect(self.coverageChanged)
        self.pdf.coverageChanged.connect(self.coverageChanged)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(5000)
        self._save_timer.timeout.connect(self.save_coverage)
        self.coverageChanged.connect(self._save_timer.start)

    # --- showing a submission ------------------------------------------------------------------
    def show_context(self, context: ScoringContext, coverage_store: CoverageStore) -> None:
        self.save_coverage()
        self._unload_panes()
        self._context = context
        self._coverage_store = coverage_store
        self._saved = {**context.coverage.videos, **context.coverage.pdfs}  # what the store holds (never mutated)
        rows = [EvidenceRow(e.item.id, e.item.title,
                            f"{KIND_LABEL[e.item.kind]} · {human_size(e.item.size)}"
                            + ("" if e.path else " · not downloaded"), e)
                for e in context.evidence]
        words = sum(r.word_count for r in context.submission.responses)
        rows.append(EvidenceRow(RESPONSES, "Written responses", f"{len(context.submission.responses)} answers · "
                                f"{words} words", None))
        self.model.set_rows(rows)
        self.responses.setHtml(responses_html(context))
        video = first_of_kind(context.evidence, EvidenceKind.VIDEO)
        first = next((i for i, r in enumerate(rows) if video is not None and r.entry is video), 0)
        self.list.setCurrentIndex(self.model.index(first))

    def prepare(self, neighbours: Iterable[tuple[EvidenceEntry, ...]]) -> None:
        """Ready the first video and the first PDF of each of these submissions (their files, where downloaded),
        and the open submission's first PDF too, which the assessor usually reads after the video. Anything else
        prepared or kept before is let go."""
        def first_path(entries: Iterable[EvidenceEntry], kind: EvidenceKind) -> list[Path]:
            entry = first_of_kind(entries, kind)
            return [entry.path] if entry is not None and entry.path is not None else []

        neighbours = list(neighbours)
        current = self._context.evidence if self._context is not None else ()
        if (pdf := first_of_kind(current, EvidenceKind.PDF)) is not None and pdf.item.id == self._current:
            current = ()  # already open in the PDF pane
        self.video.prepare([p for entries in neighbours for p in first_path(entries, EvidenceKind.VIDEO)])
        self.pdf.prepared.prepare([p for entries in (current, *neighbours)
                                   for p in first_path(entries, EvidenceKind.PDF)])

    def forget_prepared(self) -> None:
        self.video.forget_prepared()
        self.pdf.prepared.clear()

    def _stop_in_background(self, work: Callable[[], None]) -> None:
        """Stopping a libvlc player joins its threads (~45 ms): a worker does it, not the GUI thread."""
        self._tasks.query(work, lambda _result: None,
                          lambda exc: log.warning("a video player did not stop cleanly: %s", exc))

    def open_item(self, key: str) -> None:
        for row, item in enumerate(self.model.rows):
            if item.key == key:
                self.list.setCurrentIndex(self.model.index(row))
                return

    def _open_index(self, index: Index) -> None:
        if not index.isValid():
            return
        row = self.model.rows[index.row()]
        self.save_coverage()
        self._unload_panes()
        self._current = row.key
        if row.entry is None:
            self.stack.setCurrentWidget(self.responses)
            return
        entry = row.entry
        if entry.path is None:
            self._show_failure(entry.problem or "This evidence is not available on this computer yet.")
            return
        pane = {EvidenceKind.VIDEO: self.video, EvidenceKind.AUDIO: self.video, EvidenceKind.PDF: self.pdf,
                EvidenceKind.IMAGE: self.image}.get(entry.item.kind)
        if pane is None:
            self._show_failure(f"“{entry.item.title}” is a {entry.item.media_type} file, which the app cannot show.")
            return
        self.stack.setCurrentWidget(pane)
        pane.load(entry.path, entry.item.title)

    def _show_failure(self, text: str) -> None:
        self.message.setText(f"<p style='font-size:12pt'>{html.escape(text)}</p>")
        self.stack.setCurrentWidget(self.message)

    def _unload_panes(self) -> None:
        # Kept, not closed: the video still on its first frame and the open PDF stay ready for a way back.
        self.video.unload(keep=True)
        self.pdf.unload(keep=True)
        self.image.unload()

    # --- citations -----------------------------------------------------------------------------
    def current_entry(self) -> EvidenceEntry | None:
        row = next((r for r in self.model.rows if r.key == self._current), None)
        return row.entry if row else None

    def anchor_for(self, criterion_id: str | None) -> EvidenceAnchor | None:
        entry = self.current_entry()
        if entry is None or entry.path is None:
            return None
        selector: TimeRange | PdfLocation | None = None
        if self.stack.currentWidget() is self.video:
            selector = self.video.citation_range()
        elif self.stack.currentWidget() is self.pdf:
            selector = self.pdf.citation()
        if selector is None:
            return None
        return EvidenceAnchor(str(uuid.uuid4()), entry.item.id, selector, criterion_id)

    def jump_to(self, anchor: EvidenceAnchor) -> None:
        self.open_item(anchor.evidence_id)
        selector = anchor.selector
        if isinstance(selector, TimeRange):
            self.video.seek(selector.start)
        elif isinstance(selector, PdfLocation):
            self.pdf.go_to_page(selector.page)

    # --- coverage ------------------------------------------------------------------------------
    def coverage(self) -> Coverage:
        """Stored coverage merged with what is on screen now."""
        if self._context is None:
            return Coverage()
        stored = self._context.coverage
        entry = self.current_entry()
        if entry is not None and self.stack.currentWidget() is self.video:
            previous = stored.videos.get(entry.item.id, VideoCoverage(None))
            stored.videos[entry.item.id] = VideoCoverage(self.video.duration() or previous.duration,
                                                         merge_intervals(previous.watched + self.video.watched()))
        elif entry is not None and self.stack.currentWidget() is self.pdf:
            previous_pdf = stored.pdfs.get(entry.item.id, PdfCoverage(None))
            seen = dict(previous_pdf.seconds_per_page)
            for page, seconds in self.pdf.pages_seen().items():
                seen[page] = max(seen.get(page, 0.0), seconds)
            stored.pdfs[entry.item.id] = PdfCoverage(self.pdf.page_count() or previous_pdf.page_count, seen)
        return stored

    def save_coverage(self) -> None:
        context, store = self._context, self._coverage_store
        if context is None or store is None:
            return
        coverage = self.coverage()
        assignment_id = context.assignment.id
        # Only what changed since the last save: each save is a durable write on the store's one writer, and the
        # next assignment's context waits behind it (bench/switch_time.py).
        videos = {k: v for k, v in coverage.videos.items() if self._saved.get(k) != v}
        pdfs = {k: v for k, v in coverage.pdfs.items() if self._saved.get(k) != v}
        if not videos and not pdfs:
            return
        self._saved.update(videos)
        self._saved.update(pdfs)

        def save() -> None:
            for evidence_id, video in videos.items():
                store.save_video(assignment_id, evidence_id, video)
            for evidence_id, pdf in pdfs.items():
                store.save_pdf(assignment_id, evidence_id, pdf)

        self._tasks.mutate(save, lambda _r: None, lambda _e: None)

    def close_evidence(self) -> None:
        self._save_timer.stop()
        self.save_coverage()
        self._unload_panes()

