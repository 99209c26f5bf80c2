"""Which assessors have qualified for live work on a credential (docs/LEAD.md): the issuer's qualification rule and,
per assessor, how many calibration items they scored, their exact agreement with the master scores, and whether
that passes, in the issuer's own words. The issuer enforces the rule; this table only shows where everyone stands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assessor_app.sync.lead_client import LeadClient
from assessor_app.ui.lead.rows_model import RowsModel
from assessor_app.ui.lead.style import TONE_COLOURS
from assessor_app.ui.tasks import TaskRunner

HEADERS = ("Assessor", "Calibration items", "Exact agreement", "Qualified", "Explanation")


def qualification_rows(report: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """The table's text, one row per assessor as the issuer listed them."""
    rows = []
    for item in report.get("items", []):
        exact = item.get("exact")
        rows.append((str(item.get("assessor", "")), str(item.get("items", 0)),
                     "—" if exact is None else f"{float(exact):.0%}",
                     "Qualified" if item.get("passed") else "Not yet", str(item.get("explanation") or "")))
    return rows


def rule_text(report: dict[str, Any]) -> str:
    rule = str(report.get("rule") or "The issuer did not say which qualification rule applies.")
    enforced = ("Live work is assigned only to qualified assessors." if report.get("required") else
                "Shown for information: this credential does not require qualification before live work.")
    return f"{rule} {enforced}"


class QualificationTable(QWidget):
    loaded = Signal(object)  # the issuer's report (dict)
    failed = Signal(str)

    def __init__(self, tasks: TaskRunner, lead: Callable[[], LeadClient], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._lead = lead
        self._request = 0  # only the latest credential's answer is shown
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.rule.setProperty("role", "muted")
        self.model = RowsModel(HEADERS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Qualification per assessor")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(120)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Qualification for live work</b>"))
        layout.addWidget(self.rule)
        layout.addWidget(self.table)

    def load(self, credential_id: str) -> None:
        self._request += 1
        request = self._request
        self.rule.setText("Asking the issuer who has qualified…")
        lead = self._lead

        def done(report: dict[str, Any]) -> None:
            if request == self._request:
                self.show_report(report)

        def failed(exc: Exception) -> None:
            if request == self._request:
                self.rule.setText(f"Qualification could not be read: {exc}")
                self.failed.emit(str(exc))

        self._tasks.query(lambda: lead().qualification_report(credential_id), done, failed)

    def show_report(self, report: dict[str, Any]) -> None:
        self.rule.setText(rule_text(report))
        self.model.set_rows(qualification_rows(report), right_aligned=(1, 2), colour=_verdict_colour)
        self.loaded.emit(report)


def _verdict_colour(_row: int, column: int, text: str) -> QColor | None:
    return QColor(TONE_COLOURS["good" if text == "Qualified" else "fair"]) if column == 3 else None
