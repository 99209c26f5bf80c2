"""The sheet as it stood at a chosen moment, and what changed between that moment and a second one.

Moments are UTC to the millisecond and read by either clock: the device's (when the assessor made each
change, even offline) or the issuer's (when each change arrived). Folding is the domain's own
(``audit_timeline.sheet_as_of``): a handful of events, computed on the GUI thread without touching disk.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.audit_history import History
from assessor_app.domain.audit_timeline import DEVICE_CLOCK, SERVER_CLOCK, SheetAsOf, diff, sheet_as_of
from assessor_app.ui.audit.models import DiffModel, SheetModel

UTC = QTimeZone.utc()
DISPLAY = "yyyy-MM-dd HH:mm:ss.zzz"


def to_qt(instant: str) -> QDateTime:
    moment = QDateTime.fromString(instant.replace("Z", "+00:00"), Qt.DateFormat.ISODateWithMs)
    return moment.toTimeZone(UTC)


def to_rfc3339(moment: QDateTime) -> str:
    return moment.toTimeZone(UTC).toString("yyyy-MM-ddTHH:mm:ss.zzz") + "Z"


def _moment_edit(name: str) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setTimeZone(UTC)
    edit.setDisplayFormat(DISPLAY + " 'UTC'")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    return edit


def _table(name: str, model: SheetModel | DiffModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    for column in range(model.columnCount() - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


class AsOfPanel(QWidget):
    changed = Signal()  # the sheet or the diff was recomputed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._history: History | None = None
        self.assignment = QComboBox()
        self.assignment.setAccessibleName("Assignment (whose sheet)")
        self.clock = QComboBox()
        self.clock.setAccessibleName("Read moments by")
        self.clock.addItem("the device's clock (when each change was made)", DEVICE_CLOCK)
        self.clock.addItem("the issuer's clock (when each change arrived)", SERVER_CLOCK)
        self.first = _moment_edit("Show the sheet as it stood at")
        self.second = _moment_edit("Compare with the sheet at")
        self.sheet_model = SheetModel(self)
        self.diff_model = DiffModel(self)
        self.sheet_view = _table("The sheet at the chosen moment", self.sheet_model)
        self.diff_view = _table("What changed between the two moments", self.diff_model)
        self.sheet_caption = QLabel()
        self.sheet_caption.setProperty("role", "muted")
        self.diff_caption = QLabel()
        self.diff_caption.setProperty("role", "muted")
        self.diff_caption.setWordWrap(True)

        controls = QGridLayout()
        for row, (text, widget, text2, widget2) in enumerate((
                ("Sheet of", self.assignment, "Moments by", self.clock),
                ("As it stood at", self.first, "Compare with", self.second))):
            for col, (t, w) in enumerate(((text, widget), (text2, widget2))):
                label = QLabel(t)
                label.setBuddy(w)
                controls.addWidget(label, row, col * 2)
                controls.addWidget(w, row, col * 2 + 1)
        controls.setColumnStretch(1, 1)
        controls.setColumnStretch(3, 1)
        left, right = QWidget(), QWidget()
        for box, caption, view in ((left, self.sheet_caption, self.sheet_view),
                                   (right, self.diff_caption, self.diff_view)):
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(caption)
            column.addWidget(view, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(split, 1)
        for signal in (self.assignment.currentIndexChanged, self.clock.currentIndexChanged):
            signal.connect(lambda _i: self.refresh())
        self.first.dateTimeChanged.connect(lambda _m: self.refresh())
        self.second.dateTimeChanged.connect(lambda _m: self.refresh())

    # --- what to show ----------------------------------------------------------------------------
    def set_history(self, history: History | None) -> None:
        """Show a new history: the first assignment, from its first change to its last."""
        self._history = history
        with _quiet(self.assignment, self.first, self.second, self.clock):
            self.assignment.clear()
            if history is not None:
                for assignment_id in history.assignment_ids():
                    info = history.assignment(assignment_id)
                    who = f"{info.assessor} ({info.kind.replace('_', ' ')})" if info else "unknown assessor"
                    self.assignment.addItem(f"{who} · {assignment_id}", assignment_id)
            self._span_moments()
        self.refresh()

    def show_moment(self, assignment_id: str, instant: str, clock: str) -> None:
        """The sheet at one moment of one assignment (e.g. chosen from the timeline)."""
        with _quiet(self.assignment, self.first, self.second, self.clock):
            position = self.assignment.findData(assignment_id)
            if position >= 0:
                self.assignment.setCurrentIndex(position)
            self.clock.setCurrentIndex(max(0, self.clock.findData(clock)))
            self.first.setDateTime(to_qt(instant))
        self.refresh()

    def set_moments(self, first: str, second: str) -> None:
        with _quiet(self.first, self.second):
            self.first.setDateTime(to_qt(first))
            self.second.setDateTime(to_qt(second))
        self.refresh()

    def _span_moments(self) -> None:
        history, assignment_id = self._history, self.assignment.currentData()
        events = history.events_of(assignment_id) if history and assignment_id else []
        clock = self.clock.currentData()
        times = sorted(e.event.at if clock == DEVICE_CLOCK else e.received_at for e in events)
        if times:
            self.first.setDateTime(to_qt(times[0]))
            self.second.setDateTime(to_qt(times[-1]))

    # --- computing -------------------------------------------------------------------------------
    def current(self) -> tuple[SheetAsOf, SheetAsOf] | None:
        history, assignment_id = self._history, self.assignment.currentData()
        if history is None or not assignment_id:
            return None
        clock = str(self.clock.currentData())
        return (sheet_as_of(history, assignment_id, to_rfc3339(self.first.dateTime()), clock),
                sheet_as_of(history, assignment_id, to_rfc3339(self.second.dateTime()), clock))

    def refresh(self) -> None:
        pair = self.current()
        if pair is None:
            self.sheet_model.set_rows([])
            self.diff_model.set_rows([])
            self.sheet_caption.setText("Choose a submission to see its sheets.")
            self.diff_caption.setText("")
            self.changed.emit()
            return
        first, second = pair
        self.sheet_model.set_rows(first.lines)
        changes = diff(first, second)
        self.diff_model.set_rows(changes)
        by = "made" if first.clock == DEVICE_CLOCK else "received"
        self.sheet_caption.setText(f"At {self.first.text()}: {first.events_applied} change(s) {by} by then."
                                   + (f" ⚠ {first.problem}" if first.problem else ""))
        self.diff_caption.setText(
            f"From the first moment to {self.second.text()}: " + (
                f"{len(changes)} field(s) differ." if changes else "nothing differs.")
            + (f" ⚠ {second.problem}" if second.problem else ""))
        self.sheet_view.resizeRowsToContents()
        self.diff_view.resizeRowsToContents()
        self.changed.emit()


class _quiet:
    """Block the widgets' signals while several are set together (one refresh afterwards)."""

    def __init__(self, *widgets: QWidget) -> None:
        self._widgets = widgets

    def __enter__(self) -> None:
        self._was = [w.blockSignals(True) for w in self._widgets]

    def __exit__(self, *_exc: object) -> None:
        for widget, was in zip(self._widgets, self._was, strict=True):
            widget.blockSignals(was)
