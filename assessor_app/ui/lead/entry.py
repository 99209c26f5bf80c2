"""Where Lead mode enters the main window (the audit view's pattern): after a sync, ask the issuer for the
signed-in user's roles; with the ``lead`` role, add the Lead page and a Lead menu, and open it at once for someone
with no assessor work of their own."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QStackedWidget

from assessor_app.sync.errors import SignInRequired
from assessor_app.ui.lead.lead_view import LeadView
from assessor_app.ui.pdf.mupdf_renderer import PageRenderer
from assessor_app.ui.sync_controller import SyncController
from assessor_app.ui.tasks import TaskRunner

LEAD_ROLES = frozenset({"lead"})


class LeadEntry(QObject):
    installed = Signal(object)  # the LeadView

    def __init__(self, window: QMainWindow, tasks: TaskRunner, sync: SyncController, pages: QStackedWidget,
                 renderer: PageRenderer, back_to_queue: Any = None) -> None:
        super().__init__(window)
        self._window, self._tasks, self._sync, self._pages = window, tasks, sync, pages
        self._renderer = renderer
        self._back = back_to_queue
        self._asking = False
        self.view: LeadView | None = None
        sync.finished.connect(lambda _report: self.check_roles())

    def check_roles(self) -> None:
        if self.view is not None or self._asking:
            return
        try:
            client = self._sync.client()
        except SignInRequired:
            return
        self._asking = True
        self._tasks.query(client.me, self._roles_known, self._not_known)

    def _not_known(self, _exc: Exception) -> None:
        self._asking = False

    def _roles_known(self, me: dict[str, Any]) -> None:
        self._asking = False
        roles = set(me.get("roles") or []) if isinstance(me, dict) else set()
        if roles & LEAD_ROLES and self.view is None:
            self.install(assesses="assessor" in roles)

    def install(self, *, assesses: bool) -> LeadView:
        view = LeadView(self._tasks, self._sync.client, self._renderer, can_go_back=assesses)
        if self._back is not None:
            view.backRequested.connect(self._back)
        self._pages.addWidget(view)
        self.view = view
        menu_bar = self._window.menuBar()
        menu = menu_bar.addMenu("&Lead")
        help_menu = menu_bar.actions()[-2] if len(menu_bar.actions()) > 1 else None
        if help_menu is not None:  # keep Help last
            menu_bar.insertMenu(help_menu, menu)
        open_action = QAction("Open &Lead mode", self._window)
        open_action.triggered.connect(self.show)
        menu.addAction(open_action)
        if not assesses:
            self.show()
        self.installed.emit(view)
        return view

    def show(self) -> None:
        if self.view is None:
            return
        self._pages.setCurrentWidget(self.view)
        self.view.start()
