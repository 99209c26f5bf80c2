"""The rubric pane: one card per criterion, overall feedback, the live recommendation and Submit.

Every edit goes to the store's single writer through ``SheetSession`` and is durable when it lands; there
is no Save. Levels commit on choice, text on a pause in typing, on focus-out, on ``flush()`` and when the
pane is hidden (a closing window hides it first). What the screen shows after things settle is what the
store holds, so a refused edit (say, an assignment the issuer revoked) visibly reverts, with the reason in
a banner. Typed text the store refused stays on screen, marked "Not saved", so not a keystroke is lost.
Moving to the next assignment shows its sheet in the same pane when the credential version is the same
(``show_other_sheet``): building the cards again cost more than half of a switch (bench/switch_time.py).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from assessor_app.domain.anchors import EvidenceAnchor
from assessor_app.domain.calibration.result import CalibrationResult
from assessor_app.domain.rubric import Recommendation
from assessor_app.domain.score_sheet import ScoreSheet
from assessor_app.domain.submission import PriorAttempt
from assessor_app.store.comment_bank import CommentBank
from assessor_app.store.sheet_editor import SheetEditor
from assessor_app.ui.rubric.banner import Banner
from assessor_app.ui.rubric.card_navigation import CardNavigator
from assessor_app.ui.rubric.criterion_card import CriterionCard
from assessor_app.ui.rubric.feedback_assist import FeedbackAssist
from assessor_app.ui.rubric.feedback_editor import FeedbackEditor
from assessor_app.ui.rubric.master_score import CalibrationSummary
from assessor_app.ui.rubric.overall_feedback import OverallFeedbackSection
from assessor_app.ui.rubric.override_dialog import OverrideDialog, open_override_dialog
from assessor_app.ui.rubric.pane_header import PaneHeader
from assessor_app.ui.rubric.previous_attempt import prior_score
from assessor_app.ui.rubric.recommendation_bar import RecommendationBar, ask_to_submit
from assessor_app.ui.rubric.recommendation_text import (
    first_unready_criterion,
    submit_confirmation,
)
from assessor_app.ui.rubric.sheet_session import SheetSession
from assessor_app.ui.rubric.style import apply_pane_style
from assessor_app.ui.tasks import TaskRunner

AnchorSource = Callable[[str | None], EvidenceAnchor | None]
Confirm = Callable[[str], bool]


class RubricPane(QWidget):
    anchorActivated = Signal(object)  # EvidenceAnchor: jump the evidence pane there
    saved = Signal()  # everything the assessor did so far is durable
    saveFailed = Signal(str)  # the store refused an edit; the message is shown in the banner too
    submitted = Signal()

    def __init__(self, tasks: TaskRunner, editor: SheetEditor, bank: CommentBank,
                 previous: PriorAttempt | None = None, anchor_source: AnchorSource | None = None, *,
                 titles: dict[str, str] | None = None, coverage_provider: Callable[[], dict] | None = None,
                 confirm: Confirm | None = None, calibration: CalibrationResult | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.credential = editor.credential
        self._tasks = tasks
        self._session = SheetSession(tasks, editor, self)
        self._coverage_provider = coverage_provider
        self._confirm = confirm or (lambda text: ask_to_submit(self, text))
        self._coverage = ("", False)
        self._levels: dict[str, str] = dict(editor.sheet.levels)
        self._read_only = False
        self._sent = False  # the issuer holds the submitted sheet (the host says so)
        self.override_dialog: OverrideDialog | None = None
        self._titles = dict(titles or {})

        def title_of(evidence_id: str) -> str:
            return self._titles.get(evidence_id, "Evidence")

        self.header = PaneHeader(self.credential, previous)
        self.banner = Banner()
        self.calibration_summary = CalibrationSummary()
        self.calibration: CalibrationResult | None = None
        criteria = self.credential.rubric.criteria
        self.cards = [CriterionCard(i, len(criteria), c, title_of, *prior_score(previous, c))
                      for i, c in enumerate(criteria, start=1)]
        self.overall = OverallFeedbackSection(
            title_of, (previous.attempt, previous.overall_feedback) if previous else None)
        self.recommendation = RecommendationBar()
        self.assist = FeedbackAssist(self, tasks, bank, self.credential, title_of, anchor_source, self._session)
        self.assist.notice.connect(lambda text: self.banner.show_message(text, tone="info"))
        self._build_layout()
        self._wire()
        self._add_actions()
        self.setAccessibleName(f"Rubric for {self.credential.name}")
        self.setMinimumWidth(420)
        apply_pane_style(self, self.editors)
        self._show_sheet(editor.sheet)
        self.show_calibration(calibration)

    # --- public ---------------------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return self._read_only

    @property
    def has_pending(self) -> bool:
        """Edits in flight or typed text not yet handed to the store."""
        return self._session.pending > 0 or any(e.has_unsaved_text for e in self.editors)

    @property
    def edits_in_flight(self) -> int:
        """Edits queued on the store's writer whose results have not come back yet."""
        return self._session.pending

    @property
    def is_saved(self) -> bool:
        return not self.has_pending and not self._session.last_failed

    @property
    def editors(self) -> list[FeedbackEditor]:
        return [card.editor for card in self.cards] + [self.overall.editor]

    def card(self, criterion_id: str) -> CriterionCard:
        return next(card for card in self.cards if card.criterion.id == criterion_id)

    def flush(self) -> None:
        """Queue every pending text now; ``saved`` follows once it is durable (at once if nothing was pending).

        The host calls it before closing or switching assignment, then ``TaskRunner.wait_idle()`` at exit.
        """
        for editor in self.editors:
            editor.commit()
        if self._session.pending == 0 and not self._session.last_failed:
            self.saved.emit()

    def undo(self) -> None:
        if not self._read_only:
            self.flush()
            self._session.undo()

    def redo(self) -> None:
        if not self._read_only:
            self.flush()
            self._session.redo()

    def set_coverage_summary(self, text: str, warn: bool) -> None:
        self._coverage = (text, warn)
        self.header.set_coverage(text, warn)

    def request_submit(self) -> None:
        """Check, confirm, submit: problems go to the banner and the first offending card gets focus."""
        if self._read_only:
            return
        self.flush()
        self._session.when_settled(self._check_and_submit)

    def open_override_dialog(self) -> OverrideDialog | None:
        if self._read_only:
            return None
        self.override_dialog = open_override_dialog(self, self.credential, self._session.sheet, self._levels,
                                                    self._propose_override)
        return self.override_dialog

    def can_show(self, editor: SheetEditor) -> bool:
        """Whether ``show_other_sheet`` can take this sheet: its cards are the ones built here."""
        return editor.credential.key == self.credential.key

    def show_calibration(self, result: CalibrationResult | None) -> None:
        """Show a calibration item's master levels and rationale beside the assessor's own (``None`` hides them)."""
        self.calibration = result
        self.calibration_summary.show_result(result, self.credential)
        for card in self.cards:
            score = result.for_criterion(card.criterion) if result is not None else None
            card.show_master(score, result.master_levels.get(card.criterion.id) if result is not None else None)

    def show_other_sheet(self, editor: SheetEditor, previous: PriorAttempt | None,
                         titles: dict[str, str] | None = None,
                         calibration: CalibrationResult | None = None) -> None:
        """Show another assignment's sheet (same credential version) in this pane, instead of building a new one.

        The host flushes first. Edits of the old sheet still in flight land durably but no longer reach this
        pane; everything on screen (levels, text, citations, previous attempt, calibration result, read-only state,
        undo) is the new sheet's from here on.
        """
        assert self.can_show(editor)
        old = self._session
        old.detach()
        for signal in (old.settled, old.saved, old.failed, old.pendingChanged):
            signal.disconnect()
        old.deleteLater()
        self.credential = editor.credential
        self._session = SheetSession(self._tasks, editor, self)
        self._connect_session()
        self.assist.rebind(self._session, self.credential)
        self._titles = dict(titles or {})
        if self.override_dialog is not None and shiboken6.isValid(self.override_dialog):
            self.override_dialog.reject()
        self.override_dialog = None
        self.banner.hide()
        self.header.show_attempt(self.credential, previous)
        self.set_coverage_summary("", False)
        for card in self.cards:
            card.show_prior(*prior_score(previous, card.criterion))
            card.editor.show_other(editor.sheet.feedback.get(card.criterion.id, ""))
        self.overall.show_previous((previous.attempt, previous.overall_feedback) if previous else None)
        self.overall.editor.show_other(editor.sheet.overall_feedback)
        self._set_read_only(False)
        self._show_sheet(editor.sheet)
        self.show_calibration(calibration)
        self.scroll.verticalScrollBar().setValue(0)

    # --- building -------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(2, 2, 8, 12)
        column.setSpacing(12)
        for card in self.cards:
            column.addWidget(card)
        column.addWidget(self.overall)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(content)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # cards take the keyboard; the view follows focus
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        layout.setSpacing(8)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.calibration_summary)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.recommendation)

    def _wire(self) -> None:
        cred = self.credential
        for card in self.cards:
            card.levelChosen.connect(self._on_level_chosen)
            card.feedbackCommitted.connect(self._on_feedback)
            self.assist.attach(card.editor, card.criterion.id, card.tools, card.chips)
        self.overall.editor.commitRequested.connect(
            lambda text: self._commit_text(self.overall.editor, text, lambda s: s.propose_overall_feedback(text),
                                           lambda s: s.overall_feedback))
        self.assist.attach(self.overall.editor, None, self.overall.tools, self.overall.chips)
        self.assist.anchorActivated.connect(self.anchorActivated)
        for editor in self.editors:
            editor.textChanged.connect(self._update_status)
        self.recommendation.overrideRequested.connect(self.open_override_dialog)
        self.recommendation.clearOverrideRequested.connect(
            lambda: self._session.propose(lambda s: s.propose_override(cred, None, None)))
        self.recommendation.submitRequested.connect(self.request_submit)
        self._connect_session()
        self.navigator = CardNavigator(self, self.scroll, self.cards, self.assist.focus_moved)

    def _connect_session(self) -> None:
        self._session.settled.connect(self._show_sheet)
        self._session.saved.connect(self.saved)
        self._session.failed.connect(self._on_failed)
        self._session.pendingChanged.connect(self._update_status)

    def _add_actions(self) -> None:
        bindings: list[tuple[str, list[str], Callable[[], None]]] = [
            ("Undo", ["Ctrl+Z"], self.undo),
            ("Redo", ["Ctrl+Shift+Z", "Ctrl+Y"], self.redo),
            ("Cite evidence", ["Ctrl+E"], self.assist.insert_citation),
            ("Comment bank", ["Ctrl+B"], self.assist.open_comment_bank),
            ("Add selection to comment bank", ["Ctrl+Shift+B"], self.assist.add_selection_to_bank),
            ("Submit", ["Ctrl+Return", "Ctrl+Enter"], self.request_submit),
            ("Previous criterion", ["Ctrl+Up"], lambda: self.navigator.move_from_focus(-1)),
            ("Next criterion", ["Ctrl+Down"], lambda: self.navigator.move_from_focus(1)),
        ]
        for text, keys, slot in bindings:
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    # --- edits ----------------------------------------------------------------------------------
    def _on_level_chosen(self, criterion_id: str, level_id: str | None) -> None:
        if level_id is None:
            self._levels.pop(criterion_id, None)
        else:
            self._levels[criterion_id] = level_id
        self._show_recommendation(self._session.sheet)
        cred = self.credential
        self._session.propose(lambda s: s.propose_level(cred, criterion_id, level_id))

    def _on_feedback(self, criterion_id: str, text: str) -> None:
        cred = self.credential
        self._commit_text(self.card(criterion_id).editor, text, lambda s: s.propose_feedback(cred, criterion_id, text),
                          lambda s: s.feedback.get(criterion_id, ""))

    def _commit_text(self, editor: FeedbackEditor, text: str, proposal: Callable[[ScoreSheet], object],
                     durable: Callable[[ScoreSheet], str]) -> None:
        self._session.propose(proposal, on_failed=lambda: editor.commit_failed(durable(self._session.sheet)))

    def _propose_override(self, recommendation: Recommendation, reason: str) -> None:
        cred = self.credential
        self._session.propose(lambda s: s.propose_override(cred, recommendation, reason or None))

    def _check_and_submit(self) -> None:
        sheet = self._session.sheet
        problems = sheet.submission_problems(self.credential)
        if problems:
            self.banner.show_message("Not ready to submit yet:", problems, tone="warn")
            offending = first_unready_criterion(sheet, self.credential)
            if offending is not None:
                self.card(offending).setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.recommendation.override_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        text, warn = self._coverage
        if not self._confirm(submit_confirmation(sheet.recommendation(self.credential), text, warn)):
            return
        coverage = self._coverage_provider() if self._coverage_provider else None
        self._session.submit(coverage, on_done=self._on_submitted)

    def _on_submitted(self) -> None:
        self._show_sheet(self._session.sheet)  # read-only before anyone hears of it
        self.submitted.emit()

    # --- showing --------------------------------------------------------------------------------
    def _show_sheet(self, sheet: ScoreSheet) -> None:
        self._levels = dict(sheet.levels)
        anchors = list(sheet.anchors.values())
        for card in self.cards:
            cid = card.criterion.id
            card.show_durable(sheet.levels.get(cid), sheet.feedback.get(cid, ""),
                              [a for a in anchors if a.criterion_id == cid])
        self.overall.show_durable(sheet.overall_feedback, [a for a in anchors if a.criterion_id is None])
        self._show_recommendation(sheet)
        if sheet.submitted and not self._read_only:
            self._set_read_only(True)
        self._update_status()

    def _show_recommendation(self, sheet: ScoreSheet) -> None:
        self.recommendation.show_state(self.credential, self._levels, sheet.override, sheet.override_reason)

    def _set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for card in self.cards:
            card.set_read_only(read_only)
        self.overall.set_read_only(read_only)
        self.recommendation.set_read_only(read_only)
        self.assist.read_only = read_only

    def set_sent(self, sent: bool) -> None:
        """Whether the submitted sheet already reached the issuer (shown in the header)."""
        self._sent = sent
        self._update_status()

    def _update_status(self) -> None:
        self.header.show_save_state(submitted=self._read_only, in_flight=self._session.pending,
                                    refused=self._session.last_failed, typing=self.has_pending, sent=self._sent)

    def _on_failed(self, message: str) -> None:
        self.banner.show_message(message, tone="error")
        self.saveFailed.emit(message)

    # --- look and lifetime ------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            apply_pane_style(self, self.editors)
        super().changeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()  # a closing window hides its children first: nothing typed is left behind
        super().hideEvent(event)

