"""Screenshot of the demo's scoring view, for the README: run under Xvfb (see README), writes a PNG.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot_demo.py docs/screenshots/scoring.png
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assessor_app.demo import DemoSession
from assessor_app.store.paths import AppPaths
from assessor_app.store.settings import Settings
from assessor_app.ui.main_window import MainWindow
from assessor_app.ui.tasks import TaskRunner


def main(out: str, queue_out: str | None = None) -> int:
    folder = Path(tempfile.mkdtemp(prefix="assessors-desk-shot-"))
    os.environ["ASSESSOR_APP_HOME"] = str(folder / "desk")
    app = QApplication(sys.argv[:1])
    paths = AppPaths.resolve().ensure()
    session = DemoSession(folder / "issuer")
    tasks = TaskRunner()
    window = MainWindow(paths, tasks, Settings(paths.settings), " — demo", session.start)
    window.resize(1280, 760)
    window.show()

    def synced() -> None:
        rows = [window.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in range(window.proxy.rowCount())]
        if not any(row.evidence_total and row.evidence_ready == row.evidence_total for row in rows):
            return  # the queue refresh after the sync has not arrived yet
        window.model.modelReset.disconnect(synced)
        QTimer.singleShot(500, open_resubmission)  # let the queue page finish drawing first

    def open_resubmission() -> None:
        if queue_out:
            window.grab().save(queue_out)
        row = next(r for r in range(window.proxy.rowCount())
                   if window.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1).attempt == 2)
        window.open_assignment(window.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole + 1).assignment_id)

    def opened(_assignment_id: str) -> None:
        rubric = window.scoring.rubric
        assert rubric is not None
        credential = window.scoring.context.credential
        for index, criterion in enumerate(credential.rubric.criteria[:3]):  # score three criteria by keyboard
            QTest.keyClick(rubric.card(criterion.id), (Qt.Key.Key_3, Qt.Key.Key_4)[index % 2])
        rubric.card(credential.rubric.criteria[3].id).setFocus()
        window.scoring.evidence.video.seek(4.0)
        QTimer.singleShot(2500, shoot)

    def shoot() -> None:
        window.grab().save(out)
        window.close()

    window.model.modelReset.connect(synced)
    window.scoring.loaded.connect(opened)
    window.open_cache()
    status = app.exec()
    tasks.wait_idle()
    session.stop()
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))
