"""The scoring view: evidence on the left, the rubric on the right, for one assignment at a time.

Opening an assignment loads its context off the GUI thread (the sheet is created on the store's writer);
previous/next move through the queue without going back to it. Moving is meant to feel instant
(bench/switch_time.py): the rubric pane is kept and shown the next sheet when the credential version is the
same, and once an assignment is open the first video and PDF of its neighbours in the queue (the next two in
the direction of travel, and the one behind) are prepared in the background. The splitter layout is remembered.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from assessor_app.domain.assignment import AssignmentState
from assessor_app.domain.coverage import BARELY_WATCHED
from assessor_app.store.comment_bank import CommentBank
from assessor_app.store.coverage_store import CoverageStore
from assessor_app.store.database import Database
from assessor_app.store.scoring_context import EvidenceEntry, ScoringContext, load_evidence, load_scoring_context
from assessor_app.store.settings import SPLITTER_STATE, Settings
from assessor_app.store.sheets import Author
from assessor_app.ui.evidence_pane import EvidencePane
from assessor_app.ui.pdf.mupdf_renderer import PageRenderer
from assessor_app.ui.rubric.pane import RubricPane
from assessor_app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class ScoringView(QWidget):
    backRequested = Signal()
    loaded = Signal(str)  # assignment id, once evidence and rubric are on screen
    submitted = Signal(str)
    failed = Signal(str)

    def __init__(self, tasks: TaskRunner, settings: Settings, renderer: PageRenderer,
                 neighbours: Callable[[str, int], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._settings = settings
        self._neighbours = neighbours
        self._db: Database | None = None
        self._author: Author | None = None
        self.context: ScoringContext | None = None
        self.rubric: RubricPane | None = None
        self._neighbour_request = 0  # only the latest neighbour look-up is acted on
        self._direction = 1  # of the last move through the queue: the likelier next one

        self.back = QPushButton("← Queue")
        self.back.setAccessibleName("Back to the queue")
        self.back.clicked.connect(self.backRequested)
        self.previous_button = QPushButton("‹ Previous")
        self.previous_button.setAccessibleName("Previous assignment")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QPushButton("Next ›")
        self.next_button.setAccessibleName("Next assignment")
        self.next_button.clicked.connect(lambda: self.step(1))
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        header = QHBoxLayout()
        header.addWidget(self.back)
        header.addWidget(self.title, 1)
        header.addWidget(self.previous_button)
        header.addWidget(self.next_button)

        self.evidence = EvidencePane(tasks, renderer)
        self.rubric_holder = QWidget()
        self.rubric_layout = QVBoxLayout(self.rubric_holder)
        self.rubric_layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.evidence)
        self.splitter.addWidget(self.rubric_holder)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self._restore_layout()
        self._layout_timer = QTimer(self)  # remember the layout once dragging stops, not on every move
        self._layout_timer.setSingleShot(True)
        self._layout_timer.setInterval(800)
        self._layout_timer.timeout.connect(self._save_layout)
        self.splitter.splitterMoved.connect(lambda *_: self._layout_timer.start())
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)
        self.evidence.coverageChanged.connect(self._show_coverage)
        QShortcut(QKeySequence("Alt+Right"), self, lambda: self.step(1))
        QShortcut(QKeySequence("Alt+Left"), self, lambda: self.step(-1))
        QShortcut(QKeySequence("Alt+Up"), self, self.backRequested.emit)

    # --- opening -------------------------------------------------------------------------------
    def open(self, db: Database, author: Author, assignment_id: str) -> None:
        self._db, self._author = db, author
        self.title.setText("Opening…")
        self._tasks.mutate(lambda: load_scoring_context(db, assignment_id, author), self._show, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.title.setText(f"<b>This assignment cannot be opened:</b> {exc}")
        self.failed.emit(str(exc))

    def _show(self, context: ScoringContext) -> None:
        self._leave_current()
        self.context = context
        submission = context.submission
        attempt = f"attempt {submission.attempt}" + (" (resubmission)" if submission.is_resubmission else "")
        self.title.setText(f"<b>{submission.candidate_ref}</b> · {context.credential.name} · {attempt}")
        assert self._db is not None
        # Evidence first: libvlc parses and decodes the first frame on its own threads (unless it was prepared)
        # while the GUI thread shows the sheet (bench/switch_time.py).
        self.evidence.show_context(context, CoverageStore(self._db))
        self._show_rubric(context)
        self._show_coverage()
        self.loaded.emit(context.assignment.id)
        self._prepare_neighbours(context.assignment.id)

    def _show_rubric(self, context: ScoringContext) -> None:
        """Show the sheet in the pane already there when it fits (same credential version), else in a new one."""
        sent = context.assignment.state is AssignmentState.SYNCED
        if self.rubric is not None and self.rubric.can_show(context.editor):
            self.rubric.show_other_sheet(context.editor, context.previous, context.titles, context.calibration)
            self.rubric.set_sent(sent)
            return
        self._drop_rubric()
        assert self._db is not None
        rubric = RubricPane(self._tasks, context.editor, CommentBank(self._db), context.previous,
                            self.evidence.anchor_for, titles=context.titles,
                            coverage_provider=lambda: self.evidence.coverage().to_payload(),
                            calibration=context.calibration)
        rubric.anchorActivated.connect(self.evidence.jump_to)
        rubric.submitted.connect(self._rubric_submitted)
        self.rubric = rubric
        rubric.set_sent(sent)
        self.rubric_layout.addWidget(rubric)

    def _rubric_submitted(self) -> None:
        # Only the sheet on screen reports its submission (a pane moved on to another sheet drops the old one's).
        if self.context is not None:
            self.submitted.emit(self.context.assignment.id)

    def _prepare_neighbours(self, assignment_id: str) -> None:
        """Look up (read only) the evidence of the assignments around this one, then have the evidence pane prepare
        their first video and PDF: the next one in the direction of travel first, then the one behind (usually
        still prepared: it was just left), then the one after next, which gives its preparation two moves' time
        when the assessor skims through the queue."""
        ahead = self._neighbours(assignment_id, self._direction)
        behind = self._neighbours(assignment_id, -self._direction)
        beyond = self._neighbours(ahead, self._direction) if ahead is not None else None
        targets = [t for t in dict.fromkeys((ahead, behind, beyond)) if t is not None and t != assignment_id]
        db = self._db
        self._neighbour_request += 1
        request = self._neighbour_request
        if db is None or not targets:
            self.evidence.prepare([])
            return

        def prepared(found: list[tuple[EvidenceEntry, ...]]) -> None:
            if request == self._neighbour_request and self.context is not None:
                self.evidence.prepare(found)

        self._tasks.query(lambda: [load_evidence(db, t) for t in targets], prepared,
                          lambda exc: log.warning("the next assignments' evidence could not be looked up: %s", exc))

    def _show_coverage(self) -> None:
        if self.rubric is None:
            return
        coverage = self.evidence.coverage()
        warn = any(v.fraction < BARELY_WATCHED for v in coverage.videos.values())
        self.rubric.set_coverage_summary(coverage.summary(), warn)

    def step(self, direction: int) -> None:
        if self.context is None or self._db is None or self._author is None:
            return
        target = self._neighbours(self.context.assignment.id, direction)
        if target is not None:
            self._direction = 1 if direction > 0 else -1
            self.open(self._db, self._author, target)

    def close_current(self) -> None:
        """Leave the scoring view: pending feedback flushed, coverage saved, media (prepared ones too) released."""
        self._leave_current()
        self._drop_rubric()
        self._neighbour_request += 1
        self.evidence.forget_prepared()

    def _leave_current(self) -> None:
        """Leave the current assignment for another: the rubric pane and the prepared media stay for it."""
        if self.rubric is not None:
            self.rubric.flush()
        self.evidence.close_evidence()
        self.context = None

    def _drop_rubric(self) -> None:
        if self.rubric is not None:
            self.rubric.flush()
            self.rubric_layout.removeWidget(self.rubric)
            self.rubric.deleteLater()
            self.rubric = None

    # --- layout memory ---------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        state = self._settings.get(SPLITTER_STATE)
        if state:
            self.splitter.restoreState(QByteArray(base64.b64decode(state)))
        else:
            self.splitter.setSizes([760, 520])

    def _save_layout(self) -> None:
        self._settings.set(SPLITTER_STATE, base64.b64encode(bytes(self.splitter.saveState().data())).decode())
