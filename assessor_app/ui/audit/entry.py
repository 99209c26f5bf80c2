"""Where the audit view enters the main window: once a sync has finished, ask the issuer who is signed in;
if they hold the ``auditor`` (or ``admin``) role, add the view as a page with an Audit menu, and open it at
once for someone who has no assessor work of their own.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QStackedWidget

from assessor_app.sync.errors import SignInRequired
from assessor_app.ui.audit.audit_view import AuditView
from assessor_app.ui.sync_controller import SyncController
from assessor_app.ui.tasks import TaskRunner

AUDIT_ROLES = frozenset({"auditor", "admin"})
WORK_ROLES = frozenset({"assessor", "lead"})


class AuditEntry(QObject):
    installed = Signal(object)  # the AuditView

    def __init__(self, window: QMainWindow, tasks: TaskRunner, sync: SyncController, pages: QStackedWidget,
                 back_to_queue: Any = None) -> None:
        super().__init__(window)
        self._window = window
        self._tasks = tasks
        self._sync = sync
        self._pages = pages
        self._back = back_to_queue
        self._asking = False
        self.view: AuditView | None = None
        sync.finished.connect(lambda _report: self.check_roles())

    def check_roles(self) -> None:
        """Ask the issuer for the signed-in user's roles (off the GUI thread), once per sign-in."""
        if self.view is not None or self._asking:
            return
        try:
            client = self._sync.client()
        except SignInRequired:
            return
        self._asking = True
        self._tasks.query(client.me, self._roles_known, self._not_known)

    def _not_known(self, _exc: Exception) -> None:
        self._asking = False  # offline or signed out: asked again after the next sync

    def _roles_known(self, me: dict[str, Any]) -> None:
        self._asking = False
        roles = set(me.get("roles") or []) if isinstance(me, dict) else set()
        if roles & AUDIT_ROLES and self.view is None:
            self.install(assesses=bool(roles & WORK_ROLES))

    def install(self, *, assesses: bool) -> AuditView:
        view = AuditView(self._tasks, self._sync.client, can_go_back=assesses)
        if self._back is not None:
            view.backRequested.connect(self._back)
        self._pages.addWidget(view)
        self.view = view
        menu_bar = self._window.menuBar()
        menu = menu_bar.addMenu("&Audit")
        help_menu = menu_bar.actions()[-2] if len(menu_bar.actions()) > 1 else None
        if help_menu is not None:  # keep Help last
            menu_bar.insertMenu(help_menu, menu)
        open_action = QAction("Open the &audit view", self._window)
        open_action.triggered.connect(self.show)
        menu.addAction(open_action)
        if assesses and self._back is not None:
            back = QAction("Back to my &queue", self._window)
            back.triggered.connect(self._back)
            menu.addAction(back)
        if not assesses:
            self.show()
        self.installed.emit(view)
        return view

    def show(self) -> None:
        if self.view is None:
            return
        first_time = self._pages.currentWidget() is not self.view and not self.view.results_model.rowCount()
        self._pages.setCurrentWidget(self.view)
        self.view.form.credential.setFocus()
        if first_time:
            self.view.search()
