"""One open score sheet being edited: proposals made against the latest state, in order, with undo/redo.

The GUI hands edits to the store's single writer as functions of the sheet (``lambda s: s.propose_level(...)``),
so every proposal sees the state left by the edit before it, however fast the assessor types. Undo and
redo are new events that set a field back (history is never rewritten).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from assessor_app.domain.errors import DomainError
from assessor_app.domain.rubric import Credential
from assessor_app.domain.score_events import Change
from assessor_app.domain.score_sheet import ScoreSheet
from assessor_app.store.sheets import Recorded, SheetStore

Proposal = Callable[[ScoreSheet], Change]


class SheetEditor:
    def __init__(self, store: SheetStore, sheet: ScoreSheet, credential: Credential) -> None:
        sheet.check_credential(credential)
        self._store = store
        self._credential = credential
        self._sheet = sheet
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self._lock = threading.Lock()

    @property
    def sheet(self) -> ScoreSheet:
        return self._sheet

    @property
    def credential(self) -> Credential:
        return self._credential

    @property
    def can_undo(self) -> bool:
        return bool(self._undo) and not self._sheet.submitted

    @property
    def can_redo(self) -> bool:
        return bool(self._redo) and not self._sheet.submitted

    def edit(self, propose: Proposal) -> Recorded | None:
        """Propose against the current sheet and commit; ``None`` when the change would change nothing."""
        with self._lock:
            change = propose(self._sheet)
            if change.old == change.new:
                return None
            recorded = self._commit(change)
            self._undo.append(change)
            self._redo.clear()
            return recorded

    def undo(self) -> Recorded | None:
        with self._lock:
            if not self.can_undo:
                return None
            change = self._undo.pop()
            recorded = self._commit(self._reverse(change, change.old))
            self._redo.append(change)
            return recorded

    def redo(self) -> Recorded | None:
        with self._lock:
            if not self.can_redo:
                return None
            change = self._redo.pop()
            recorded = self._commit(self._reverse(change, change.new))
            self._undo.append(change)
            return recorded

    def submit(self, coverage: dict | None = None) -> Recorded:
        with self._lock:
            recorded = self._store.submit(self._sheet, self._credential, coverage)
            self._sheet = recorded.sheet
            self._undo.clear()
            self._redo.clear()
            return recorded

    def _reverse(self, change: Change, target: object) -> Change:
        current = _current_value(self._sheet, change.field)
        if change.field == "recommendation" and target is not None:
            # Restoring an override restores its reason too: the rule may still contradict it.
            return Change(change.field, current, target, change.reason)
        return Change(change.field, current, target, None)

    def _commit(self, change: Change) -> Recorded:
        recorded = self._store.record(self._sheet, change)
        self._sheet = recorded.sheet
        return recorded


def _current_value(sheet: ScoreSheet, path: str) -> object:
    if path.startswith("criteria."):
        _, criterion_id, leaf = path.split(".", 2)
        return sheet.levels.get(criterion_id) if leaf == "level" else sheet.feedback.get(criterion_id, "")
    if path.startswith("anchors."):
        anchor = sheet.anchors.get(path.split(".", 1)[1])
        return anchor.to_dict() if anchor else None
    if path == "overall_feedback":
        return sheet.overall_feedback
    if path == "recommendation":
        return sheet.override.value if sheet.override else None
    raise DomainError(f"{path!r} cannot be undone.")
