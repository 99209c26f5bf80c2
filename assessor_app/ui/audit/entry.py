"""Where the audit view enters the main window (``ui/role_entry.py``): with the ``auditor`` (or ``admin``) role, an
Audit page and menu; someone who also assesses or leads gets a way back to their queue."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction

from assessor_app.ui.audit.audit_view import AuditView
from assessor_app.ui.role_entry import RoleEntry

AUDIT_ROLES = frozenset({"auditor", "admin"})
WORK_ROLES = frozenset({"assessor", "lead"})


class AuditEntry(RoleEntry):
    ROLES = AUDIT_ROLES
    WORK_ROLES = WORK_ROLES
    MENU = "&Audit"
    OPEN_ACTION = "Open the &audit view"
    view: AuditView | None

    def make_view(self, *, can_go_back: bool) -> AuditView:
        return AuditView(self._tasks, self._sync.client, can_go_back=can_go_back)

    def menu_actions(self, menu: Any, *, assesses: bool) -> None:
        if assesses and self._back is not None:
            back = QAction("Back to my &queue", self._window)
            back.triggered.connect(self._back)
            menu.addAction(back)

    def show(self) -> None:
        if self.view is None:
            return
        first_time = self._pages.currentWidget() is not self.view and not self.view.results_model.rowCount()
        super().show()
        self.view.form.credential.setFocus()
        if first_time:
            self.view.search()
