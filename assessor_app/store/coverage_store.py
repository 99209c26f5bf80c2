"""Evidence coverage per assignment, saved as the assessor views evidence (so it survives a restart)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import insert, select, update

from assessor_app.domain.clock import utc_now
from assessor_app.domain.coverage import Coverage, PdfCoverage, VideoCoverage
from assessor_app.store.database import Database
from assessor_app.store.schema import CoverageRow

_T = CoverageRow.__table__


class CoverageStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def load(self, assignment_id: str, titles: Mapping[str, str] | None = None) -> Coverage:
        coverage = Coverage(titles=dict(titles or {}))
        with self._db.read() as conn:
            for row in conn.execute(select(_T).where(_T.c.assignment_id == assignment_id)).mappings():
                detail = row["detail"]
                if row["kind"] == "video":
                    coverage.videos[row["evidence_id"]] = VideoCoverage(
                        detail.get("duration"), [tuple(pair) for pair in detail.get("watched", [])])
                elif row["kind"] == "pdf":
                    coverage.pdfs[row["evidence_id"]] = PdfCoverage(
                        detail.get("page_count"), {int(k): float(v) for k, v in detail.get("pages", {}).items()})
        return coverage

    def save_video(self, assignment_id: str, evidence_id: str, video: VideoCoverage) -> None:
        self._save(assignment_id, evidence_id, "video", {"duration": video.duration,
                                                          "watched": [list(p) for p in video.watched]})

    def save_pdf(self, assignment_id: str, evidence_id: str, pdf: PdfCoverage) -> None:
        self._save(assignment_id, evidence_id, "pdf", {"page_count": pdf.page_count,
                                                        "pages": {str(k): v for k, v in pdf.seconds_per_page.items()}})

    def _save(self, assignment_id: str, evidence_id: str, kind: str, detail: dict) -> None:
        key = (_T.c.assignment_id == assignment_id) & (_T.c.evidence_id == evidence_id)
        with self._db.write() as conn:
            if conn.execute(select(_T.c.kind).where(key)).first():
                conn.execute(update(_T).where(key).values(detail=detail, updated_at=utc_now()))
            else:
                conn.execute(insert(_T).values(assignment_id=assignment_id, evidence_id=evidence_id, kind=kind,
                                               detail=detail, updated_at=utc_now()))
