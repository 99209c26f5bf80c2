"""How a role's page enters the main window (the audit view, Lead mode): once a sync has finished, ask the issuer
who is signed in (off the GUI thread, once per sign-in); with one of the page's roles, add the page and its menu,
and open it at once for someone who has no assessor work of their own. Subclasses say which roles, which page and
what the menu says."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from assessor_app.sync.errors import SignInRequired
from assessor_app.ui.sync_controller import SyncController
from assessor_app.ui.tasks import TaskRunner


class RoleEntry(QObject):
    installed = Signal(object)  # the page
    ROLES: ClassVar[frozenset[str]]
    WORK_ROLES: ClassVar[frozenset[str]] = frozenset({"assessor"})  # roles with a queue to go back to
    MENU: ClassVar[str]
    OPEN_ACTION: ClassVar[str]

    def __init__(self, window: QMainWindow, tasks: TaskRunner, sync: SyncController, pages: QStackedWidget,
                 back_to_queue: Callable[[], Any] | None = None) -> None:
        super().__init__(window)
        self._window, self._tasks, self._sync, self._pages = window, tasks, sync, pages
        self._back = back_to_queue
        self._asking = False
        self.view: Any = None  # the page, once installed
        sync.finished.connect(lambda _report: self.check_roles())

    def make_view(self, *, can_go_back: bool) -> QWidget:
        raise NotImplementedError

    def menu_actions(self, menu: Any, *, assesses: bool) -> None:
        """Actions after "Open …" in the page's menu (none by default)."""

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
        self._asking = False  # offline or signed out: asked again after the next sync

    def _roles_known(self, me: dict[str, Any]) -> None:
        self._asking = False
        roles = set(me.get("roles") or []) if isinstance(me, dict) else set()
        if roles & self.ROLES and self.view is None:
            self.install(assesses=bool(roles & self.WORK_ROLES))

    def install(self, *, assesses: bool) -> Any:
        view = self.make_view(can_go_back=assesses)
        if self._back is not None:
            view.backRequested.connect(self._back)
        self._pages.addWidget(view)
        self.view = view
        menu_bar = self._window.menuBar()
        menu = menu_bar.addMenu(self.MENU)
        help_menu = menu_bar.actions()[-2] if len(menu_bar.actions()) > 1 else None
        if help_menu is not None:  # keep Help last
            menu_bar.insertMenu(help_menu, menu)
        open_action = QAction(self.OPEN_ACTION, self._window)
        open_action.triggered.connect(self.show)
        menu.addAction(open_action)
        self.menu_actions(menu, assesses=assesses)
        if not assesses:
            self.show()
        self.installed.emit(view)
        return view

    def show(self) -> None:
        if self.view is None:
            return
        self._pages.setCurrentWidget(self.view)
