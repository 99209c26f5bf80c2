"""The adjudication queue and screen: the open discrepant pairs; for one, the evidence (the scoring view's evidence
pane) beside both reads, criterion by criterion, and the lead's resolved level per criterion with a reason. The
resolution is sent to the issuer, which keeps both reads unchanged."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.errors import DomainError
from assessor_app.domain.lead_adjudication import (
    AdjudicationDetail,
    AdjudicationItem,
    decision_label,
    resolution_body,
)
from assessor_app.domain.rubric import Credential
from assessor_app.sync.lead_client import LeadClient
from assessor_app.ui.evidence_pane import EvidencePane
from assessor_app.ui.lead.evidence_fetch import LeadEvidence, fetch_evidence
from assessor_app.ui.lead.rows_model import RowsModel
from assessor_app.ui.pdf.mupdf_renderer import PageRenderer
from assessor_app.ui.tasks import TaskRunner

Loaded = tuple[AdjudicationDetail, Credential, LeadEvidence]


class AdjudicationView(QWidget):
    listed = Signal(list)  # AdjudicationItem
    opened = Signal(object)  # AdjudicationDetail
    resolved = Signal(object)  # the resolved AdjudicationItem
    failed = Signal(str)

    def __init__(self, tasks: TaskRunner, lead: Callable[[], LeadClient], renderer: PageRenderer,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._lead = lead
        self.detail: AdjudicationDetail | None = None
        self.credential: Credential | None = None
        self._evidence: LeadEvidence | None = None
        self.queue_model = RowsModel(["Open adjudication"], self)
        self.queue = QListView()
        self.queue.setModel(self.queue_model)
        self.queue.setAccessibleName("Open adjudications")
        self.queue.setWordWrap(True)
        self.queue.setMaximumWidth(240)
        self.queue.setSpacing(4)
        self.queue.setAlternatingRowColors(True)
        self.queue.activated.connect(lambda index: self.open(index.data(Qt.ItemDataRole.UserRole)))
        self.queue.selectionModel().currentChanged.connect(
            lambda index, _prev: index.isValid() and self.open(index.data(Qt.ItemDataRole.UserRole)))
        self.evidence = EvidencePane(tasks, renderer)
        self.evidence.setMinimumWidth(360)
        self.header = QLabel("Choose an adjudication on the left.")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        self.grid.setColumnStretch(3, 1)
        self.choices: dict[str, QComboBox] = {}
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason for the resolution")
        self.reason.setPlaceholderText("Why these levels: what in the evidence settles each difference. "
                                       "Kept in the audit log with both reads.")
        self.reason.setMaximumHeight(80)
        self.resolve_button = QPushButton("&Resolve")
        self.resolve_button.clicked.connect(self.resolve)
        self.message = QLabel()
        self.message.setWordWrap(True)
        reads = QWidget()
        reads_layout = QVBoxLayout(reads)
        reads_layout.addWidget(self.header)
        reads_layout.addLayout(self.grid)
        reads_layout.addWidget(QLabel("<b>Reason</b>"))
        reads_layout.addWidget(self.reason)
        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        actions.addWidget(self.resolve_button)
        reads_layout.addLayout(actions)
        reads_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(reads)
        splitter = QSplitter()
        splitter.addWidget(self.queue)
        splitter.addWidget(self.evidence)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 3)
        splitter.setSizes([180, 490, 610])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.resolve_button.setEnabled(False)

    # --- the queue -----------------------------------------------------------------------------
    def load_queue(self) -> None:
        self._tasks.query(lambda: self._lead().adjudications("open"), self._show_queue, self._failed)

    def _show_queue(self, items: list[AdjudicationItem]) -> None:
        self.queue_model.set_rows(
            [[f"{item.submission_id}\n{item.credential_id} · opened {item.opened_at[:16]}\n"
              + "\n".join(f"• {r}" for r in item.reasons)] for item in items],
            keys=[item.id for item in items])
        if not items:
            self.header.setText("<h3>No open adjudications</h3><p>Discrepant pairs of reads appear here.</p>")
        self.listed.emit(items)

    def _failed(self, exc: Exception) -> None:
        self.message.setText(str(exc))
        self.failed.emit(str(exc))

    # --- one adjudication ----------------------------------------------------------------------
    def open(self, adjudication_id: str) -> None:
        lead = self._lead

        def work() -> Loaded:
            client = lead()
            detail = client.adjudication(adjudication_id)
            credential = client.credential(detail.item.credential_id, detail.item.credential_version)
            return detail, credential, fetch_evidence(client, detail, credential)

        self.message.setText("Loading both reads and the evidence…")
        self._tasks.query(work, self._show, self._failed)

    def _show(self, loaded: Loaded) -> None:
        detail, credential, evidence = loaded
        self.detail, self.credential = detail, credential
        if self._evidence is not None:
            self._evidence.cleanup()
        self._evidence = evidence
        self.evidence.show_context(evidence.context, None)  # type: ignore[arg-type]  # nothing to save for leads
        first, second = detail.first, detail.second
        self.header.setText(
            f"<h3>{html.escape(credential.name)} · {html.escape(detail.item.submission_id)}</h3>"
            + "".join(f"<div>• {html.escape(r)}</div>" for r in detail.item.reasons))
        self._build_grid(credential, detail)
        self.reason.clear()
        self.message.setText(f"First read by {first.assessor} ({decision_label(first.decision) or 'no decision'}), "
                             f"second by {second.assessor} ({decision_label(second.decision) or 'no decision'}). "
                             "Both are kept as received.")
        self.resolve_button.setEnabled(detail.item.status == "open")
        self.opened.emit(detail)

    def _build_grid(self, credential: Credential, detail: AdjudicationDetail) -> None:
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.choices = {}
        for col, text in enumerate(("Criterion", f"First read · {detail.first.assessor}",
                                    f"Second read · {detail.second.assessor}", "Resolved level")):
            header = QLabel(f"<b>{html.escape(text)}</b>")
            header.setWordWrap(True)
            self.grid.addWidget(header, 0, col)
        for row, criterion in enumerate(credential.rubric.criteria, start=1):
            name = QLabel(html.escape(criterion.name))
            name.setWordWrap(True)  # long criterion names wrap, so the resolved levels stay in view
            name.setMinimumWidth(110)
            self.grid.addWidget(name, row, 0)
            differs = detail.first.levels.get(criterion.id) != detail.second.levels.get(criterion.id)
            for col, side in ((1, detail.first), (2, detail.second)):
                level_id = side.levels.get(criterion.id)
                label = criterion.level(level_id).label if level_id else "—"
                feedback = side.feedback.get(criterion.id, "")
                cell = QLabel(f"<b>{html.escape(label)}</b>" + (f"<br><i>{html.escape(feedback)}</i>"
                                                                 if feedback else ""))
                cell.setWordWrap(True)
                cell.setObjectName("ReadColumn")
                cell.setProperty("differs", differs)
                if differs:
                    cell.setStyleSheet("background: rgba(200,140,30,0.16); border-radius: 4px; padding: 3px;")
                self.grid.addWidget(cell, row, col)
            choice = QComboBox()
            choice.setAccessibleName(f"Resolved level for {criterion.name}")
            choice.addItem("Choose…", None)
            for level in criterion.levels:
                choice.addItem(level.label, level.id)
            agreed = None if differs else detail.first.levels.get(criterion.id)
            if agreed:
                choice.setCurrentIndex(choice.findData(agreed))
            self.choices[criterion.id] = choice
            self.grid.addWidget(choice, row, 3)

    def choose(self, criterion_id: str, level_id: str) -> None:
        box = self.choices[criterion_id]
        box.setCurrentIndex(box.findData(level_id))

    def resolve(self) -> None:
        if self.detail is None or self.credential is None:
            return
        levels = {cid: box.currentData() for cid, box in self.choices.items()}
        try:
            body = resolution_body(self.credential, levels, self.reason.toPlainText())
        except DomainError as exc:
            self.message.setText(str(exc))
            self.failed.emit(str(exc))
            return
        adjudication_id, lead = self.detail.item.id, self._lead
        self.resolve_button.setEnabled(False)
        self.message.setText("Sending the resolution…")
        self._tasks.query(lambda: lead().resolve(adjudication_id, body), self._resolved, self._resolve_failed)

    def _resolve_failed(self, exc: Exception) -> None:
        self.resolve_button.setEnabled(True)
        self._failed(exc)

    def _resolved(self, item: AdjudicationItem) -> None:
        decision = item.resolution.get("decision", "")
        self.message.setText(f"Resolved{f' ({decision})' if decision else ''}. Both reads are kept as received.")
        self.resolved.emit(item)
        self.load_queue()

    def close_evidence(self) -> None:
        self.evidence.close_evidence()
        if self._evidence is not None:
            self._evidence.cleanup()
            self._evidence = None
