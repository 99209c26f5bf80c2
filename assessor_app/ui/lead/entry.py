"""Where Lead mode enters the main window (``ui/role_entry.py``): with the ``lead`` role, a Lead page and menu."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMainWindow, QStackedWidget

from assessor_app.ui.lead.lead_view import LeadView
from assessor_app.ui.pdf.mupdf_renderer import PageRenderer
from assessor_app.ui.role_entry import RoleEntry
from assessor_app.ui.sync_controller import SyncController
from assessor_app.ui.tasks import TaskRunner

LEAD_ROLES = frozenset({"lead"})


class LeadEntry(RoleEntry):
    ROLES = LEAD_ROLES
    MENU = "&Lead"
    OPEN_ACTION = "Open &Lead mode"

    def __init__(self, window: QMainWindow, tasks: TaskRunner, sync: SyncController, pages: QStackedWidget,
                 renderer: PageRenderer, back_to_queue: Callable[[], Any] | None = None) -> None:
        super().__init__(window, tasks, sync, pages, back_to_queue)
        self._renderer = renderer
        self.view: LeadView | None = None

    def make_view(self, *, can_go_back: bool) -> LeadView:
        return LeadView(self._tasks, self._sync.client, self._renderer, can_go_back=can_go_back)

    def show(self) -> None:
        super().show()
        if self.view is not None:
            self.view.start()
