"""The scoring view: evidence on the left, the rubric on the right, for one assignment at a time.

Opening an assignment loads its context off the GUI thread (the sheet is created on the store's writer);
previous/next move through the queue without going back to it. The splitter layout is remembered.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from assessor_app.domain.coverage import BARELY_WATCHED
from assessor_app.store.comment_bank import CommentBank
from assessor_app.store.coverage_store import CoverageStore
from assessor_app.store.database import Database
from assessor_app.store.scoring_context import ScoringContext, load_scoring_context
from assessor_app.store.settings import SPLITTER_STATE, Settings
from assessor_app.store.sheets import Author
from assessor_app.ui.evidence_pane import EvidencePane
from assessor_app.ui.pdf.mupdf_renderer import PageRenderer
from assessor_app.ui.rubric.pane import RubricPane
from assessor_app.ui.tasks import TaskRunner


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
        self.close_current()
        self.context = context
        submission = context.submission
        attempt = f"attempt {submission.attempt}" + (" (resubmission)" if submission.is_resubmission else "")
        self.title.setText(f"<b>{submission.candidate_ref}</b> · {context.credential.name} · {attempt}")
        assert self._db is not None
        # Evidence first: libvlc parses and decodes the first frame on its own threads while the GUI thread builds
        # the rubric pane (bench/switch_time.py).
        self.evidence.show_context(context, CoverageStore(self._db))
        rubric = RubricPane(self._tasks, context.editor, CommentBank(self._db), context.previous,
                            self.evidence.anchor_for, titles=context.titles,
                            coverage_provider=lambda: self.evidence.coverage().to_payload())
        rubric.anchorActivated.connect(self.evidence.jump_to)
        rubric.submitted.connect(lambda: self.submitted.emit(context.assignment.id))
        self.rubric = rubric
        self.rubric_layout.addWidget(rubric)
        self._show_coverage()
        self.loaded.emit(context.assignment.id)

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
            self.open(self._db, self._author, target)

    def close_current(self) -> None:
        """Leave the current assignment: pending feedback flushed, coverage saved, media released."""
        if self.rubric is not None:
            self.rubric.flush()
            self.rubric_layout.removeWidget(self.rubric)
            self.rubric.deleteLater()
            self.rubric = None
        self.evidence.close_evidence()
        self.context = None

    # --- layout memory ---------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        state = self._settings.get(SPLITTER_STATE)
        if state:
            self.splitter.restoreState(QByteArray(base64.b64decode(state)))
        else:
            self.splitter.setSizes([760, 520])

    def _save_layout(self) -> None:
        self._settings.set(SPLITTER_STATE, base64.b64encode(bytes(self.splitter.saveState().data())).decode())
