"""Starting the GUI: one QApplication, the task runner, the main window."""

from __future__ import annotations

import sys
from collections.abc import Callable

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
    return app.exec()
