from PySide6.QtCore import Qt

from assessor_app.domain.assignment import Assignment, AssignmentKind, AssignmentState
from assessor_app.store.catalog import Catalog, QueueRow
from assessor_app.store.database import Database
from assessor_app.store.settings import Settings
from assessor_app.ui.main_window import MainWindow
from assessor_app.ui.queue_model import QueueModel
from assessor_app.ui.tasks import TaskRunner


def rows():
    return [
        QueueRow("a1", "s1", "cred", "1.0", "Checking for Understanding", "T-1", 1, "2026-11-30T12:00:00.000Z",
                 AssignmentState.NEW, 3, 3),
        QueueRow("a2", "s2", "cred", "1.0", "Checking for Understanding", "T-1", 2, "2026-11-25T12:00:00.000Z",
                 AssignmentState.IN_PROGRESS, 3, 1),
        QueueRow("a3", "s3", "cred", "1.0", "Checking for Understanding", "T-1", 1, None, AssignmentState.QUEUED, 0, 0),
    ]


def test_queue_model_passes_the_model_tester(qtmodeltester):
    model = QueueModel()
    model.set_rows(rows())
    qtmodeltester.check(model, force_py=True)


def test_queue_model_shows_readiness_and_hides_the_kind():
    model = QueueModel()
    model.set_rows(rows())
    texts = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(3)]
    assert texts[0][5] == "Ready" and texts[1][5] == "1/3" and texts[2][5] == "—"
    assert not any("calibration" in str(cell).lower() for row in texts for cell in row)


def open_window(qtbot, paths):
    tasks = TaskRunner()
    window = MainWindow(paths, tasks, Settings(paths.settings))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.model.modelReset, timeout=10000):
        window.open_cache()
    return window, tasks


def test_empty_cache_shows_a_clear_empty_state(qtbot, paths):
    window, tasks = open_window(qtbot, paths)
    assert window.stack.currentWidget() is window.empty
    assert "No assignments yet" in window.empty.text()
    window.close()
    assert tasks.wait_idle()


def test_cached_assignments_appear_due_soonest_first_and_filter_by_state(qtbot, paths, credential):
    db = Database.open(paths.database, paths.backups)
    catalog = Catalog(db)
    for i, due in enumerate(["2026-12-03T00:00:00.000Z", "2026-11-28T00:00:00.000Z"]):
        catalog.save_assignment(Assignment(f"a{i}", f"s{i}", credential.id, credential.version, "ana",
                                           AssignmentKind.VALIDITY if i else AssignmentKind.LIVE, due_at=due))
    catalog.move("a0", AssignmentState.IN_PROGRESS)
    db.close()
    window, tasks = open_window(qtbot, paths)
    assert window.stack.currentWidget() is window.table
    assert window.proxy.rowCount() == 2
    assert window.proxy.index(0, 3).data() == "Sat 28 Nov"
    window.state_filter.setCurrentIndex(window.state_filter.findData(AssignmentState.IN_PROGRESS.value))
    assert window.proxy.rowCount() == 1
    assert window.proxy.index(0, 4).data(Qt.ItemDataRole.DisplayRole) == "In progress"
    window.close()
    assert tasks.wait_idle()


def test_a_database_from_a_newer_version_is_explained_in_the_window(qtbot, paths, monkeypatch):
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    Database.open(paths.database, paths.backups).close()
    raw = sqlite3.connect(paths.database)
    raw.execute("UPDATE alembic_version SET version_num='9999_future'")
    raw.commit()
    raw.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    tasks = TaskRunner()
    window = MainWindow(paths, tasks, Settings(paths.settings))
    qtbot.addWidget(window)
    window.open_cache()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "newer version" in shown[0] and "newer version" in window.empty.text()
    window.close()
