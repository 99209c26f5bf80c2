"""Starting the GUI: one QApplication, the task runner, the main window."""

from __future__ import annotations

import contextlib
import signal
import socket
import sys
from collections.abc import Callable

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication

from assessor_app.store.paths import AppPaths
from assessor_app.store.settings import Settings
from assessor_app.ui.main_window import MainWindow
from assessor_app.ui.tasks import TaskRunner


def run_gui(paths: AppPaths, *, title_suffix: str = "",
            demo_start: Callable[[], tuple[str, str, str]] | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Assessor's Desk")
    app.setOrganizationName("assessors-desk")
    tasks = TaskRunner()
    window = MainWindow(paths, tasks, Settings(paths.ensure().settings), title_suffix, demo_start)
    window.show()
    window.open_cache()
    _quit_on_termination(app)
    return app.exec()


def _quit_on_termination(app: QApplication) -> None:
    """SIGTERM/SIGINT close the window properly (pending edits flushed, the demo issuer stopped).

    Python runs signal handlers only when it gets control, so a wake-up fd watched by Qt delivers them.
    """
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)
    app._termination = (reader, writer, notifier)  # type: ignore[attr-defined]  # keep them alive
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: app.closeAllWindows())
