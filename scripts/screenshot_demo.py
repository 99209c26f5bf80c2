"""Screenshots of the demo for the README: run under Xvfb (see README), writes PNGs.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot_demo.py docs/screenshots/scoring.png \
        [docs/screenshots/queue.png [docs/screenshots/audit.png]]
    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot_demo.py \
        --audit docs/screenshots/audit.png

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot_demo.py \
        --lead docs/screenshots/lead-dashboard.png docs/screenshots/adjudication.png

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot_demo.py \
        --calibration docs/screenshots/calibration.png

The audit view is shot from a second demo, started as with ``assessor-app --demo --auditor``; Lead mode from a
third, as with ``assessor-app --demo --lead``; the calibration result from a fourth, where the demo assessor scores
and submits the calibration item (all criteria at the master level but one), syncs and opens it again.
"""

from __future__ import annotations

import json
import os
import shutil
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


def audit_shot(out: str) -> int:
    """The demo auditor's audit view: the double-scored submission's timeline, verified, at 1280x720."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="assessors-desk-audit-shot-"))
    os.environ["ASSESSOR_APP_HOME"] = str(folder / "desk")
    paths = AppPaths.resolve().ensure()
    session = DemoSession(folder / "issuer", auditor=True)
    tasks = TaskRunner()
    window = MainWindow(paths, tasks, Settings(paths.settings), " — demo", session.start)
    window.resize(1280, 720)
    window.show()

    def installed(view) -> None:
        def found(_count: int) -> None:
            rows = [view.results_model.row_at(r) for r in range(view.results_model.rowCount())]
            double = next(r for r in rows if len(r.assessors) > 1)
            view.select_submission(double.submission_id)

        view.resultsShown.connect(found)
        view.historyShown.connect(lambda _sid: view.verify())
        view.verified.connect(lambda _result: QTimer.singleShot(500, lambda: shoot(view)))

    def shoot(view) -> None:
        row = next(i for i, r in enumerate(view.timeline_model.rows) if r.old == "Proficient" and r.new == "Developing")
        view.timeline.selectRow(row)
        view.timeline.setFocus()
        window.grab().save(out)
        window.close()

    window.audit.installed.connect(installed)
    window.open_cache()
    status = app.exec()
    tasks.wait_idle()
    session.stop()
    shutil.rmtree(folder, ignore_errors=True)
    return status


def lead_shot(dashboard_out: str, adjudication_out: str) -> int:
    """The demo lead's agreement dashboard and an adjudication, at 1280x720 (``assessor-app --demo --lead``)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="assessors-desk-lead-shot-"))
    os.environ["ASSESSOR_APP_HOME"] = str(folder / "desk")
    paths = AppPaths.resolve().ensure()
    session = DemoSession(folder / "issuer", lead=True)
    tasks = TaskRunner()
    window = MainWindow(paths, tasks, Settings(paths.settings), " — demo", session.start)
    window.resize(1280, 720)
    window.show()

    def installed(view) -> None:
        view.dashboard.loaded.connect(lambda _board: QTimer.singleShot(500, lambda: dashboard(view)))

    def dashboard(view) -> None:
        window.grab().save(dashboard_out)
        view.adjudication.listed.connect(lambda items: items and view.adjudication.open(items[0].id))
        view.adjudication.opened.connect(lambda _detail: QTimer.singleShot(1500, adjudication))
        view.tabs.setCurrentWidget(view.adjudication)

    def adjudication() -> None:
        window.grab().save(adjudication_out)
        window.close()

    window.lead.installed.connect(installed)
    window.open_cache()
    status = app.exec()
    tasks.wait_idle()
    session.stop()
    shutil.rmtree(folder, ignore_errors=True)
    return status


def calibration_shot(out: str) -> int:
    """The demo's calibration item after submit and sync: master levels and rationale beside the assessor's."""
    from assessor_app.store.catalog import Catalog
    from assessor_app.store.sheet_editor import SheetEditor
    from assessor_app.store.sheets import SheetStore

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="assessors-desk-calibration-shot-"))
    os.environ["ASSESSOR_APP_HOME"] = str(folder / "desk")
    paths = AppPaths.resolve().ensure()
    session = DemoSession(folder / "issuer")
    tasks = TaskRunner()
    window = MainWindow(paths, tasks, Settings(paths.settings), " — demo", session.start)
    window.resize(1280, 760)
    window.show()
    program = folder / "issuer" / "program" / "program.json"
    state: dict[str, str] = {}

    def score(db, author) -> None:
        doc = json.loads(program.read_text(encoding="utf-8"))
        item = next(a for a in doc["assignments"] if a["kind"] == "calibration")
        master = next(m["levels"] for m in doc["master_scores"] if m["submission_id"] == item["submission_id"])
        state["assignment"] = item["id"]
        assignment = Catalog(db).assignment(item["id"])
        credential = Catalog(db).credential(assignment.credential_id, assignment.credential_version)
        store = SheetStore(db, author)
        editor = SheetEditor(store, store.open(item["id"]), credential)
        for index, criterion in enumerate(credential.rubric.criteria):
            rank = criterion.rank(master[criterion.id]) + (1 if index == 1 else 0)  # one step off on the second
            level = criterion.levels[min(rank, len(criterion.levels) - 1)].id
            editor.edit(lambda s, c=criterion, lv=level: s.propose_level(credential, c.id, lv))
        editor.edit(lambda s: s.propose_overall_feedback("Clear, specific evidence of the method."))
        editor.submit({"evidence_viewed": []})

    def synced(_report) -> None:
        if "assignment" not in state:
            db, author = window._db, window.author()
            tasks.mutate(lambda: score(db, author), lambda _r: window.sync_now(), lambda exc: print(exc))
        else:
            window.sync.finished.disconnect(synced)
            window.open_assignment(state["assignment"])

    def shoot() -> None:
        rubric = window.scoring.rubric
        if rubric is not None and rubric.cards[1].master is not None:  # the criterion one step off the master
            rubric.scroll.ensureWidgetVisible(rubric.cards[1].master, 0, 40)
        QTimer.singleShot(800, lambda: (window.grab().save(out), window.close()))

    window.sync.finished.connect(synced)
    window.scoring.loaded.connect(lambda _aid: QTimer.singleShot(1500, shoot))
    window.open_cache()
    status = app.exec()
    tasks.wait_idle()
    session.stop()
    shutil.rmtree(folder, ignore_errors=True)
    return status


if __name__ == "__main__":
    if sys.argv[1] == "--calibration":  # only the calibration result
        raise SystemExit(calibration_shot(sys.argv[2]))
    if sys.argv[1] == "--audit":  # only the audit view
        raise SystemExit(audit_shot(sys.argv[2]))
    if sys.argv[1] == "--lead":  # the lead's dashboard and adjudication screen
        raise SystemExit(lead_shot(sys.argv[2], sys.argv[3]))
    status = main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
    if status == 0 and len(sys.argv) > 3:
        status = audit_shot(sys.argv[3])
    raise SystemExit(status)
