"""Everything the scoring view needs for one assignment, loaded in one go off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assessor_app.domain.assignment import Assignment
from assessor_app.domain.calibration.result import CalibrationResult
from assessor_app.domain.coverage import Coverage
from assessor_app.domain.rubric import Credential
from assessor_app.domain.submission import EvidenceItem, PriorAttempt, Submission
from assessor_app.store.calibration_results import CalibrationResults
from assessor_app.store.catalog import Catalog
from assessor_app.store.coverage_store import CoverageStore
from assessor_app.store.database import Database
from assessor_app.store.evidence_files import EvidenceFiles
from assessor_app.store.sheet_editor import SheetEditor
from assessor_app.store.sheets import Author, SheetStore


@dataclass(frozen=True)
class EvidenceEntry:
    item: EvidenceItem
    path: Path | None  # None until downloaded and verified
    problem: str | None = None


@dataclass(frozen=True)
class ScoringContext:
    assignment: Assignment
    submission: Submission
    credential: Credential
    editor: SheetEditor
    evidence: tuple[EvidenceEntry, ...]
    coverage: Coverage
    calibration: CalibrationResult | None = None  # a calibration item's master levels, once fetched

    @property
    def previous(self) -> PriorAttempt | None:
        return self.submission.previous_attempt

    @property
    def titles(self) -> dict[str, str]:
        return {entry.item.id: entry.item.title for entry in self.evidence}


def _evidence_entries(db: Database, submission: Submission) -> tuple[EvidenceEntry, ...]:
    files = {f.id: f for f in EvidenceFiles(db).for_submission(submission.id)}
    evidence = []
    for item in submission.evidence:
        local = files.get(item.id)
        ready = local is not None and local.state == "ready" and local.local_path
        evidence.append(EvidenceEntry(item, Path(local.local_path) if ready else None,
                                      None if ready else (local.error if local and local.error else
                                                          "Not downloaded yet: sync while online to fetch it.")))
    return tuple(evidence)


def load_scoring_context(db: Database, assignment_id: str, author: Author) -> ScoringContext:
    """Open (creating if needed) the assignment's sheet and gather its submission, rubric and evidence."""
    catalog = Catalog(db)
    assignment = catalog.assignment(assignment_id)
    submission = catalog.submission(assignment.submission_id)
    credential = catalog.credential(assignment.credential_id, assignment.credential_version)
    evidence = _evidence_entries(db, submission)
    store = SheetStore(db, author)
    editor = SheetEditor(store, store.open(assignment_id), credential)
    titles = {item.id: item.title for item in submission.evidence}
    return ScoringContext(assignment, submission, credential, editor, evidence,
                          CoverageStore(db).load(assignment_id, titles), CalibrationResults(db).load(assignment_id))


def load_evidence(db: Database, assignment_id: str) -> tuple[EvidenceEntry, ...]:
    """An assignment's evidence and where each file is, read only: what the scoring view prepares for the
    assignments next to the open one, without opening (creating) their sheets."""
    catalog = Catalog(db)
    return _evidence_entries(db, catalog.submission(catalog.assignment(assignment_id).submission_id))
