"""Finding submissions: by credential, assessor, the date range their decisions arrived in, and the decision."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from assessor_app.sync.audit_client import SearchFilter

ANY_DATE = QDate(2000, 1, 1)  # shown as "Any date" (the edit's special value)


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(ANY_DATE)
    edit.setSpecialValueText("Any date")
    edit.setDate(ANY_DATE)
    return edit


class SearchForm(QWidget):
    searchRequested = Signal(object)  # SearchFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.credential = QLineEdit()
        self.credential.setPlaceholderText("any credential")
        self.credential.setAccessibleName("Credential id")
        self.assessor = QLineEdit()
        self.assessor.setPlaceholderText("any assessor")
        self.assessor.setAccessibleName("Assessor user name")
        self.since = _date_edit("Decisions received from (date)")
        self.until = _date_edit("Decisions received up to and including (date)")
        self.decision = QComboBox()
        self.decision.setAccessibleName("Decision")
        for text, value in (("Any decision", ""), ("Earned", "earned"), ("Not Yet", "not_yet")):
            self.decision.addItem(text, value)
        self.button = QPushButton("&Search")
        self.button.setAccessibleName("Search submissions")
        self.button.clicked.connect(self.submit)
        for edit in (self.credential, self.assessor):
            edit.returnPressed.connect(self.submit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, widget, stretch in (("Credential", self.credential, 2), ("Assessor", self.assessor, 1),
                                      ("Received from", self.since, 0), ("to", self.until, 0),
                                      ("Decision", self.decision, 0)):
            label = QLabel(text)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget, stretch)
        layout.addWidget(self.button)

    def current(self) -> SearchFilter:
        since, until = self.since.date(), self.until.date()
        return SearchFilter(
            credential_id=self.credential.text().strip(), assessor=self.assessor.text().strip(),
            since=since.toString("yyyy-MM-dd") + "T00:00:00.000Z" if since != ANY_DATE else "",
            # "up to and including" a date: before midnight at its end
            until=until.addDays(1).toString("yyyy-MM-dd") + "T00:00:00.000Z" if until != ANY_DATE else "",
            decision=str(self.decision.currentData() or ""))

    def submit(self) -> None:
        self.searchRequested.emit(self.current())
