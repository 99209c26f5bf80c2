"""The assignment queue as a table model over plain ``QueueRow`` values.

Every assignment looks alike here: calibration, validity and second reads are not distinguishable.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from assessor_app.domain.assignment import AssignmentState
from assessor_app.store.catalog import QueueRow

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Candidate", "Credential", "Attempt", "Due", "State", "Evidence")
COL_CANDIDATE, COL_CREDENTIAL, COL_ATTEMPT, COL_DUE, COL_STATE, COL_EVIDENCE = range(len(COLUMNS))
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def _due_text(due_at: str | None) -> str:
    if not due_at:
        return "—"
    try:
        return datetime.fromisoformat(due_at.replace("Z", "+00:00")).strftime("%a %d %b")
    except ValueError:
        return due_at


class QueueModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[QueueRow] = []

    def set_rows(self, rows: list[QueueRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> QueueRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.candidate_ref, row.credential_name, str(row.attempt or "—"), _due_text(row.due_at),
                    row.state.label, self._evidence_text(row))[col]
        if role == SORT_ROLE:
            return (row.candidate_ref, row.credential_name, row.attempt or 0, row.due_at or "9999", row.state.value,
                    row.evidence_ready / row.evidence_total if row.evidence_total else 0)[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_EVIDENCE:
            return f"{row.evidence_ready} of {row.evidence_total} evidence files downloaded"
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_ATTEMPT and (row.attempt or 0) > 1:
            return "A resubmission: the previous attempt's feedback is shown beside each criterion"
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_ATTEMPT, COL_EVIDENCE):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _evidence_text(row: QueueRow) -> str:
        if row.evidence_total == 0:
            return "—"
        if row.evidence_ready == row.evidence_total:
            return "Ready"
        return f"{row.evidence_ready}/{row.evidence_total}"

    def states(self) -> list[AssignmentState]:
        return sorted({r.state for r in self._rows}, key=list(AssignmentState).index)
