"""Help for writing feedback: citations of the evidence on screen (Ctrl+E) and the comment bank (Ctrl+B).

Both insert at the cursor of the feedback editor the assessor is in (or was last in), so the pane's
shortcuts, the per-editor buttons and a screen reader all reach the same behaviour. A citation is two
things: the text in the feedback, and the anchor recorded on the sheet (so the issuer can follow it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from assessor_app.domain.anchors import EvidenceAnchor
from assessor_app.domain.rubric import Credential
from assessor_app.store.comment_bank import Comment, CommentBank
from assessor_app.ui.rubric.anchor_chips import AnchorChips, TitleOf
from assessor_app.ui.rubric.comment_bank_popup import CommentBankPopup
from assessor_app.ui.rubric.editor_tools import EditorTools
from assessor_app.ui.rubric.feedback_editor import FeedbackEditor
from assessor_app.ui.rubric.sheet_session import SheetSession
from assessor_app.ui.tasks import TaskRunner

AnchorSource = Callable[[str | None], EvidenceAnchor | None]
NO_EVIDENCE = "Open a piece of evidence first: a citation points at the evidence position on screen."
NO_EDITOR = "Put the cursor in a feedback box first."


class FeedbackAssist(QObject):
    anchorActivated = Signal(object)  # EvidenceAnchor
    notice = Signal(str)  # something to tell the assessor (not an error)

    def __init__(self, pane: QWidget, tasks: TaskRunner, bank: CommentBank, credential: Credential,
                 title_of: TitleOf, anchor_source: AnchorSource | None, session: SheetSession) -> None:
        super().__init__(pane)
        self._tasks = tasks
        self._bank = bank
        self._credential = credential
        self._title_of = title_of
        self._anchor_source = anchor_source
        self._session = session
        self._criterion_of: dict[FeedbackEditor, str | None] = {}
        self._last_editor: FeedbackEditor | None = None
        self._bank_target: FeedbackEditor | None = None
        self.read_only = False
        self.comment_popup = CommentBankPopup(pane)
        self.comment_popup.chosen.connect(self._insert_snippet)

    def attach(self, editor: FeedbackEditor, criterion_id: str | None, tools: EditorTools,
               chips: AnchorChips) -> None:
        self._criterion_of[editor] = criterion_id
        tools.citeRequested.connect(lambda: self.insert_citation(editor))
        tools.bankRequested.connect(lambda: self.open_comment_bank(editor))
        editor.addToBankRequested.connect(lambda text: self._add_to_bank(text, criterion_id))
        chips.activated.connect(self.anchorActivated)
        chips.removeRequested.connect(self._remove_anchor)

    def rebind(self, session: SheetSession, credential: Credential) -> None:
        """Work for another sheet (same editors): forget where the last one was being written."""
        self._session, self._credential = session, credential
        self._last_editor = self._bank_target = None
        self.read_only = False
        self.comment_popup.hide()

    def focus_moved(self, widget: QWidget) -> None:
        if isinstance(widget, FeedbackEditor) and widget in self._criterion_of:
            self._last_editor = widget

    # --- citations ------------------------------------------------------------------------------
    def _editor_for_action(self, editor: FeedbackEditor | None) -> FeedbackEditor | None:
        """The feedback editor an action applies to, or None (with a notice when no editor is chosen)."""
        if self.read_only:
            return None
        target = editor or self._target()
        if target is None:
            self.notice.emit(NO_EDITOR)
        return target

    def insert_citation(self, editor: FeedbackEditor | None = None) -> None:
        target = self._editor_for_action(editor)
        if target is None:
            return
        criterion_id = self._criterion_of[target]
        anchor = self._anchor_source(criterion_id) if self._anchor_source else None
        if anchor is None:
            self.notice.emit(NO_EVIDENCE)
            return
        target.setFocus()
        target.insert_at_cursor(anchor.citation(self._title_of(anchor.evidence_id)))
        self._session.propose(lambda s: s.propose_anchor(anchor))
        target.commit()  # the citation text and its anchor land together

    def _remove_anchor(self, anchor: EvidenceAnchor) -> None:
        if not self.read_only:
            self._session.propose(lambda s: s.propose_anchor_removal(anchor.id))

    # --- comment bank ---------------------------------------------------------------------------
    def open_comment_bank(self, editor: FeedbackEditor | None = None) -> None:
        target = self._editor_for_action(editor)
        if target is None:
            return
        criterion_id = self._criterion_of[target]
        credential_id = self._credential.id
        self._bank_target = target
        self._tasks.query(lambda: self._bank.comments(credential_id, criterion_id),
                          self._if_alive(lambda rows: self._show_popup(target, criterion_id, rows)),
                          self._if_alive(lambda exc: self.notice.emit(f"The comment bank could not be read: {exc}")))

    def add_selection_to_bank(self) -> None:
        target = self._target()
        if target is None or not target.selected_text():
            self.notice.emit("Select some feedback text first, then add it to your comment bank.")
            return
        self._add_to_bank(target.selected_text(), self._criterion_of[target])

    def _show_popup(self, target: FeedbackEditor, criterion_id: str | None, rows: list[Comment]) -> None:
        if criterion_id is None:  # overall feedback: general snippets first, then the criteria's
            rows = sorted(rows, key=lambda c: c.criterion_id is not None)
        names = {c.id: c.name for c in self._credential.rubric.criteria}
        corner = target.viewport().mapToGlobal(target.cursorRect().bottomLeft())
        self.comment_popup.open_at(corner, rows, names)

    def _insert_snippet(self, text: str) -> None:
        target = self._bank_target
        if target is not None and not self.read_only:
            target.setFocus()
            target.insert_at_cursor(text)

    def _add_to_bank(self, text: str, criterion_id: str | None) -> None:
        if not text.strip():
            return
        credential_id = self._credential.id
        self._tasks.mutate(lambda: self._bank.add(credential_id, text, criterion_id),
                           self._if_alive(lambda _c: self.notice.emit("Added to your comment bank.")),
                           self._if_alive(lambda exc: self.notice.emit(f"Could not add to the comment bank: {exc}")))

    def _if_alive(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """Results may come back after the pane closed; then there is nobody to tell."""

        def guarded(value: Any) -> None:
            if shiboken6.isValid(self):
                callback(value)

        return guarded

    def _target(self) -> FeedbackEditor | None:
        """The editor with focus, else the one in the focused card, else the last one used."""
        widget = QApplication.focusWidget()
        if isinstance(widget, FeedbackEditor) and widget in self._criterion_of:
            return widget
        editor = getattr(widget, "editor", None)
        if isinstance(editor, FeedbackEditor) and editor in self._criterion_of:
            return editor
        return self._last_editor
