"""The rubric pane's one road to the store: every edit goes through ``TaskRunner.mutate`` to the ``SheetEditor``.

The session counts edits in flight so the pane can say "Saving…" / "Saved" truthfully, and it hands the
durable sheet back only when nothing is in flight (``settled``): the view then shows what the store holds,
without flickering through intermediate states while the assessor types or presses digits quickly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal

from assessor_app.domain.errors import DomainError
from assessor_app.domain.score_sheet import ScoreSheet
from assessor_app.store.sheet_editor import Proposal, SheetEditor
from assessor_app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

OnFailed = Callable[[], None]


def readable_error(exc: Exception) -> str:
    """The message to show for a refused edit: the domain's own words, never a traceback."""
    if isinstance(exc, DomainError):
        return str(exc)
    return ("Your last change could not be saved, so it was undone on screen; everything saved before it is "
            f"safe. ({type(exc).__name__})")


class SheetSession(QObject):
    """Queues edits on the single writer and reports when they are durable."""

    settled = Signal(object)  # ScoreSheet: the durable sheet once nothing is in flight
    saved = Signal()  # everything queued is durable (emitted with ``settled`` when no edit of the batch failed)
    pendingChanged = Signal(int)
    failed = Signal(str)

    def __init__(self, tasks: TaskRunner, editor: SheetEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._editor = editor
        self._pending = 0
        self._batch_failed = False
        self._last_failed = False
        self._waiting: list[Callable[[], None]] = []
        self._detached = False

    def detach(self) -> None:
        """The pane moved on to another sheet: edits still in flight land durably, but report to nobody."""
        self._detached = True

    @property
    def sheet(self) -> ScoreSheet:
        """The latest durable sheet (immutable; safe to read on the GUI thread)."""
        return self._editor.sheet

    @property
    def pending(self) -> int:
        return self._pending

    @property
    def last_failed(self) -> bool:
        """True when the most recent batch of edits had a refusal (the indicator says "Not saved")."""
        return self._last_failed

    def propose(self, proposal: Proposal, on_failed: OnFailed | None = None) -> None:
        self._run(lambda: self._editor.edit(proposal), on_failed=on_failed)

    def undo(self) -> None:
        self._run(self._editor.undo)

    def redo(self) -> None:
        self._run(self._editor.redo)

    def submit(self, coverage: dict | None, on_done: Callable[[], None]) -> None:
        self._run(lambda: self._editor.submit(coverage), on_done=on_done)

    def when_settled(self, callback: Callable[[], None]) -> None:
        """Call back now if nothing is in flight, else once everything queued so far has landed."""
        if self._pending == 0:
            callback()
        else:
            self._waiting.append(callback)

    def _run(self, work: Callable[[], object], on_done: Callable[[], None] | None = None,
             on_failed: OnFailed | None = None) -> None:
        self._pending += 1
        self.pendingChanged.emit(self._pending)

        def done(_result: object) -> None:
            if shiboken6.isValid(self) and not self._detached:  # the pane may be gone; the edit is durable anyway
                self._finish(on_done)

        def error(exc: Exception) -> None:
            if not shiboken6.isValid(self) or self._detached:
                log.warning("score edit refused after its pane closed or moved on: %s", exc)
                return
            log.warning("score edit refused: %s\n%s", exc, "".join(getattr(exc, "__notes__", [])))
            self._batch_failed = True
            self.failed.emit(readable_error(exc))
            self._finish(on_failed)

        self._tasks.mutate(work, done, error)

    def _finish(self, callback: Callable[[], None] | None) -> None:
        self._pending -= 1
        if callback is not None:
            callback()
        self.pendingChanged.emit(self._pending)
        if self._pending:
            return
        self._last_failed, self._batch_failed = self._batch_failed, False
        self.settled.emit(self.sheet)
        if not self._last_failed:
            self.saved.emit()
        waiting, self._waiting = self._waiting, []
        for callback_after in waiting:
            callback_after()
