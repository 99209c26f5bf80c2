"""Calibration results kept in the cache: which flagged assignments still need theirs fetched, and the issuer's
answer for the scoring view (docs/LEAD.md). Only assignments the issuer flagged ever get one, so validity and live
work never show anything."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from assessor_app.domain.calibration.result import CalibrationResult
from assessor_app.domain.clock import utc_now
from assessor_app.domain.errors import DomainError
from assessor_app.store.changes import Changes
from assessor_app.store.database import Database
from assessor_app.store.schema import AssignmentRow, CalibrationResultRow

_A = AssignmentRow.__table__
_R = CalibrationResultRow.__table__


class CalibrationResults:
    def __init__(self, db: Database) -> None:
        self._db = db

    def wanted(self, assessor: str | None = None) -> list[str]:
        """Assignments the issuer flagged whose result is not cached yet, oldest id first."""
        query = (select(_A.c.id).join(_R, _R.c.assignment_id == _A.c.id, isouter=True)
                 .where(_A.c.calibration_result.is_(True), _R.c.assignment_id.is_(None)).order_by(_A.c.id))
        if assessor is not None:
            query = query.where(_A.c.assessor == assessor)
        with self._db.read() as conn:
            return list(conn.scalars(query))

    def save(self, assignment_id: str, document: dict[str, Any]) -> Changes:
        with self._db.write() as conn:
            conn.execute(_R.delete().where(_R.c.assignment_id == assignment_id))
            conn.execute(_R.insert().values(assignment_id=assignment_id, document=document, fetched_at=utc_now()))
        return Changes(assignments=frozenset({assignment_id}))

    def load(self, assignment_id: str) -> CalibrationResult | None:
        """The cached result, or ``None`` (none yet, or a document this version cannot read: shown as none)."""
        with self._db.read() as conn:
            doc = conn.execute(select(_R.c.document).where(_R.c.assignment_id == assignment_id)).scalar_one_or_none()
        if doc is None:
            return None
        try:
            return CalibrationResult.from_json(doc)
        except DomainError:
            return None
