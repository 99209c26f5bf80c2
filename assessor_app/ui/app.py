"""Starting the GUI: one QApplication, the task runner, the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from assessor_app.store.paths import AppPaths
from assessor_app.ui.main_window import MainWindow
from assessor_app.ui.tasks import TaskRunner


def run_gui(paths: AppPaths, *, title_suffix: str = "") -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Assessor's Desk")
    app.setOrganizationName("assessors-desk")
    tasks = TaskRunner()
    window = MainWindow(paths, tasks, title_suffix)
    window.show()
    window.open_cache()
    return app.exec()
