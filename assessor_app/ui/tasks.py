"""The one sanctioned way off the GUI thread (after Anki's ``CollectionOp``/``QueryOp``).

``TaskRunner.query`` runs read-only work (queries, network, decoding) on a shared pool; ``TaskRunner.mutate``
runs store mutations one at a time on a single-thread pool, so the store has exactly one writer. Results
and errors come back on the GUI thread through queued signals. Nothing else in the app starts threads.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from a worker are delivered there (queued)."""

    succeeded = Signal(object)
    failed = Signal(object)


class ProgressRelay(QObject):
    """Hand to worker code as a plain callback (``relay.report``); delivers ``progressed`` on the GUI thread."""

    progressed = Signal(object)

    def report(self, value: Any) -> None:
        self.progressed.emit(value)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # reported to the GUI, never swallowed
            exc.__notes__ = [*getattr(exc, "__notes__", []), traceback.format_exc()]
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class TaskRunner(QObject):
    """Owns the worker pools; pass it to the views that need background work."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queries = QThreadPool(self)
        self._queries.setMaxThreadCount(4)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()

    def query(self, work: Callable[[], Any], on_done: Callable[[Any], None],
              on_error: Callable[[Exception], None] | None = None) -> None:
        self._start(self._queries, work, on_done, on_error)

    def mutate(self, work: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[Exception], None] | None = None) -> None:
        self._start(self._writer, work, on_done, on_error)

    def _start(self, pool: QThreadPool, work: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[Exception], None] | None) -> None:
        relay = _Relay()
        self._relays.add(relay)

        @Slot(object)
        def finished(result: Any) -> None:
            self._relays.discard(relay)
            on_done(result)

        @Slot(object)
        def failed(exc: Exception) -> None:
            self._relays.discard(relay)
            if on_error is None:
                raise exc
            on_error(exc)

        relay.succeeded.connect(finished)
        relay.failed.connect(failed)
        pool.start(_Job(work, relay))

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until every job has finished (for shutdown and tests)."""
        return self._queries.waitForDone(msecs) and self._writer.waitForDone(msecs)
