"""Table models of the audit view, over plain rows from the domain: search results, the timeline, the sheet
at a moment and the differences between two moments."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from assessor_app.domain.audit_history import SubmissionSummary
from assessor_app.domain.audit_timeline import SheetDifference, SheetLine, TimelineRow
from assessor_app.ui.audit.times import short_time

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Row = TypeVar("Row")
_DECISIONS = {"earned": "Earned", "not_yet": "Not Yet"}


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """A read-only table over a list of plain rows; subclasses name the columns and how a cell reads."""

    columns: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    @property
    def rows(self) -> list[Row]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return self.columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) \
                or not 0 <= index.column() < len(self.columns):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        return self.cell(row, index.column(), role)

    def cell(self, row: Row, column: int, role: int) -> Any:
        raise NotImplementedError


class SubmissionsModel(RowTableModel[SubmissionSummary]):
    columns = ("Submission", "Credential", "Version", "Attempt", "Assessors", "Last received", "Decision")

    def cell(self, row: SubmissionSummary, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            display = role == Qt.ItemDataRole.DisplayRole
            return (row.submission_id, row.credential_id, row.credential_version,
                    str(row.attempt) if display else row.attempt, ", ".join(row.assessors),
                    short_time(row.last_received_at) if display else (row.last_received_at or ""),
                    _DECISIONS.get(row.decision or "", row.decision or "—"))[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return row.last_received_at
        return None


TIMELINE_COLUMNS = ("Log #", "Device time (UTC)", "Received (UTC)", "Who", "Change", "From", "To", "Rubric", "Reason")
(COL_LOG, COL_DEVICE_TIME, COL_RECEIVED, COL_WHO, COL_FIELD, COL_OLD, COL_NEW, COL_RUBRIC,
 COL_REASON) = range(len(TIMELINE_COLUMNS))


class TimelineModel(RowTableModel[TimelineRow]):
    """The submission's score history; rows whose log entry failed verification are marked."""

    columns = TIMELINE_COLUMNS

    def __init__(self, parent: Any = None, failure_tint: Callable[[], QColor] | None = None) -> None:
        super().__init__(parent)
        self._failed: dict[int, str] = {}
        self._tint = failure_tint

    def set_rows(self, rows: Sequence[TimelineRow]) -> None:
        self._failed = {}
        super().set_rows(rows)

    def mark_failures(self, failed: dict[int, str]) -> None:
        """Mark the rows of these log indices (index -> what failed); an empty dict clears the marks."""
        self._failed = dict(failed)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    def failed_rows(self) -> list[int]:
        return [i for i, r in enumerate(self._rows) if r.log_index in self._failed]

    def cell(self, row: TimelineRow, column: int, role: int) -> Any:
        failed = self._failed.get(row.log_index) if row.log_index is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            return (("⚠ " if failed else "") + ("" if row.log_index is None else str(row.log_index)),
                    short_time(row.device_time) or "—", short_time(row.server_time), row.who, row.label, row.old,
                    row.new, row.rubric_version, row.reason)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, failed)
        if role == Qt.ItemDataRole.BackgroundRole and failed and self._tint is not None:
            return self._tint()
        if role == Qt.ItemDataRole.AccessibleTextRole and column == COL_LOG and failed:
            return f"Log entry {row.log_index}: does not verify"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_LOG:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _tooltip(row: TimelineRow, failed: str | None) -> str:
        lines = [f"{row.label}: {row.old or '—'} → {row.new}"]
        if row.device_time:
            lines.append(f"Made on the device at {row.device_time}" + (f" ({row.device})" if row.device else ""))
        if row.server_time:
            lines.append(f"{'Recorded' if row.kind == 'review' else 'Received'} by the issuer at {row.server_time}")
        if row.event_id:
            lines.append(f"Event {row.event_id}")
        if row.reason:
            lines.append(f"Reason: {row.reason}")
        if failed:
            lines.append(f"Does not verify: {failed}")
        return "\n".join(lines)


class SheetModel(RowTableModel[SheetLine]):
    columns = ("Field", "Value")

    def cell(self, row: SheetLine, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.label, row.value)[column]
        return None


class DiffModel(RowTableModel[SheetDifference]):
    columns = ("Field", "First moment", "Second moment")

    def cell(self, row: SheetDifference, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.label, row.before, row.after)[column]
        return None
