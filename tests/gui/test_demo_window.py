"""The demo path end to end in the real window: issuer on loopback, keyring sign-in, sync with progress."""

from assessor_app.demo import DemoSession
from assessor_app.store.settings import Settings
from assessor_app.ui.main_window import MainWindow
from assessor_app.ui.sync_controller import UP_TO_DATE
from assessor_app.ui.tasks import TaskRunner


def test_demo_window_signs_in_syncs_and_shows_a_ready_queue(qtbot, paths, tmp_path):
    session = DemoSession(tmp_path / "issuer")
    tasks = TaskRunner()
    window = MainWindow(paths, tasks, Settings(paths.settings), " — demo", session.start)
    qtbot.addWidget(window)
    progress = []
    window.sync.progressed.connect(progress.append)
    try:
        with qtbot.waitSignal(window.sync.finished, timeout=60000):
            window.open_cache()
        qtbot.waitUntil(lambda: window.model.rowCount() == 11, timeout=10000)
        assert window.sync.state == UP_TO_DATE
        assert "Up to date" in window.sync_status.state_label.text()
        assert all(window.model.row_at(r).evidence_ready == 3 for r in range(11))
        assert any(p.phase == "evidence" and p.bytes_total for p in progress)
        assert window.sync.signed_in_as[1] == "demo"
    finally:
        window.close()
        tasks.wait_idle()
        session.stop()
