"""The audit view in the main window: an auditor's sign-in opens it; an offline-scored sheet synced later shows
both its device times and the issuer's receipt time."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from assessor_app.demo import DemoSession, demo_issuer
from assessor_app.domain.clock import parse_instant
from assessor_app.store.catalog import Catalog
from assessor_app.store.settings import Settings
from assessor_app.sync.errors import Offline
from assessor_app.ui.audit.audit_view import AuditView
from assessor_app.ui.audit.models import COL_DEVICE_TIME, COL_RECEIVED
from assessor_app.ui.main_window import MainWindow
from assessor_app.ui.tasks import TaskRunner
from issuer_server.demo_program import DEMO_ASSESSOR, DEMO_AUDITOR
from tests.gui.audit.conftest import auditor_client
from tests.sync.conftest import close_desk, open_desk
from tests.sync.scoring import score_and_submit

TIMEOUT = 60000


def test_an_auditors_sign_in_opens_the_audit_view_with_the_submissions_found(qtbot, paths, issuer, seeded_template):
    auditor_client(issuer.url).close()  # `assessor-app login` as the auditor: the sign-in is remembered
    tasks = TaskRunner()
    window = MainWindow(paths, tasks, Settings(paths.settings))
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.audit.installed, timeout=TIMEOUT) as installed:
            window.open_cache()
        view: AuditView = installed.args[0]
        with qtbot.waitSignal(view.resultsShown, timeout=TIMEOUT):
            pass
        assert window.pages.currentWidget() is view
        assert "&Audit" in [a.text() for a in window.menuBar().actions()]
        found = {view.results_model.row_at(r).submission_id for r in range(view.results_model.rowCount())}
        assert set(seeded_template.submissions) <= found
    finally:
        window.close()
        tasks.wait_idle()


def test_an_offline_scored_sheet_synced_later_shows_device_times_and_the_receipt_time(qtbot, issuer_prepared,
                                                                                      tmp_path):
    with demo_issuer(tmp_path, prepared=issuer_prepared) as first:
        port = int(first.url.rsplit(":", 1)[1])
        desk = open_desk(first)
        desk.service().sync()
    queue = Catalog(desk.db).queue()
    row = next(r for r in sorted(queue, key=lambda r: r.assignment_id) if r.state.value == "new")
    score_and_submit(desk.db, row.assignment_id, settings=desk.settings)  # on the train: the issuer is gone
    with pytest.raises(Offline):
        desk.service().sync(pull=False)
    with demo_issuer(tmp_path, prepared=issuer_prepared, port=port) as back:
        desk.service().sync(pull=False)  # back online: the outbox goes out
        close_desk(desk)
        client = auditor_client(back.url)
        tasks = TaskRunner()
        view = AuditView(tasks, lambda: client)
        qtbot.addWidget(view)
        view.show()
        try:
            view.form.assessor.setText(DEMO_ASSESSOR[0])
            with qtbot.waitSignal(view.resultsShown, timeout=TIMEOUT):
                qtbot.keyClick(view.form.assessor, Qt.Key.Key_Return)
            with qtbot.waitSignal(view.historyShown, timeout=TIMEOUT):
                view.select_submission(row.submission_id)
        finally:
            tasks.wait_idle()
            client.close()
    model = view.timeline_model
    events = [(i, r) for i, r in enumerate(model.rows) if r.kind == "score-event" and r.assignment_id ==
              row.assignment_id]
    assert len(events) == 7
    for i, event in events:
        assert parse_instant(event.device_time) < parse_instant(event.server_time)  # made offline, received later
        assert model.index(i, COL_DEVICE_TIME).data() and model.index(i, COL_RECEIVED).data()
        tip = model.index(i, COL_DEVICE_TIME).data(Qt.ItemDataRole.ToolTipRole)
        assert f"Made on the device at {event.device_time}" in tip
        assert f"Received by the issuer at {event.server_time}" in tip
    assert len({r.server_time for _i, r in events}) == 1  # one push received them all


def test_the_auditor_demo_seeds_scored_history_and_opens_the_audit_view(qtbot, paths, tmp_path):
    session = DemoSession(tmp_path / "issuer", auditor=True)
    tasks = TaskRunner()
    window = MainWindow(paths, tasks, Settings(paths.settings), " — demo", session.start)
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.audit.installed, timeout=TIMEOUT) as installed:
            window.open_cache()
        view: AuditView = installed.args[0]
        qtbot.waitUntil(lambda: view.results_model.rowCount() >= 2, timeout=TIMEOUT)
        assert window.sync.signed_in_as[1] == DEMO_AUDITOR[0]
        rows = [view.results_model.row_at(r) for r in range(view.results_model.rowCount())]
        assert any(len(r.assessors) == 2 for r in rows)  # a double-scored submission
        assert len([r for r in rows if r.last_received_at]) == 2  # two submissions were scored and pushed
    finally:
        window.close()
        tasks.wait_idle()
        session.stop()
