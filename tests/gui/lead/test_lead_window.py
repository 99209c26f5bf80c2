"""Lead mode in the main window: a lead's sign-in adds the Lead menu and opens Lead mode (the lead has no queue of
their own to go back to), and the dashboard loads the issuer's credentials."""

from __future__ import annotations

from assessor_app.store.settings import Settings
from assessor_app.ui.lead.lead_view import LeadView
from assessor_app.ui.main_window import MainWindow
from assessor_app.ui.tasks import TaskRunner
from tests.gui.lead.conftest import lead_client

TIMEOUT = 120_000


def test_a_leads_sign_in_opens_lead_mode_with_its_menu_and_the_dashboard(qtbot, paths, issuer):
    lead_client(issuer.url).close()  # `assessor-app login` as the lead: the sign-in is remembered
    tasks = TaskRunner()
    window = MainWindow(paths, tasks, Settings(paths.settings))
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.lead.installed, timeout=TIMEOUT) as installed:
            window.open_cache()
        view: LeadView = installed.args[0]
        with qtbot.waitSignal(view.dashboard.loaded, timeout=TIMEOUT) as loaded:
            pass
        assert window.pages.currentWidget() is view
        menus = [a.text() for a in window.menuBar().actions()]
        assert "&Lead" in menus and menus[-1] == "&Help"  # Help stays last
        assert loaded.args[0].n_reads > 0 and view.dashboard.credential.count() >= 1
        assert window.audit.view is None  # a lead is not an auditor
    finally:
        window.close()
        tasks.wait_idle()
