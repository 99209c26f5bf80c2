"""Everything the scoring view needs for one assignment, loaded in one go off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assessor_app.domain.assignment import Assignment
from assessor_app.domain.coverage import Coverage
from assessor_app.domain.rubric import Credential
from assessor_app.domain.submission import EvidenceItem, PriorAttempt, Submission
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

    @property
    def previous(self) -> PriorAttempt | None:
        return self.submission.previous_attempt

    @property
    def titles(self) -> dict[str, str]:
        return {entry.item.id: entry.item.title for entry in self.evidence}


def load_scoring_context(db: Database, assignment_id: str, author: Author) -> ScoringContext:
    """Open (creating if needed) the assignment's sheet and gather its submission, rubric and evidence."""
    catalog = Catalog(db)
    assignment = catalog.assignment(assignment_id)
    submission = catalog.submission(assignment.submission_id)
    credential = catalog.credential(assignment.credential_id, assignment.credential_version)
    files = {f.id: f for f in EvidenceFiles(db).for_submission(submission.id)}
    evidence = []
    for item in submission.evidence:
        local = files.get(item.id)
        ready = local is not None and local.state == "ready" and local.local_path
        evidence.append(EvidenceEntry(item, Path(local.local_path) if ready else None,
                                      None if ready else (local.error if local and local.error else
                                                          "Not downloaded yet: sync while online to fetch it.")))
    store = SheetStore(db, author)
    editor = SheetEditor(store, store.open(assignment_id), credential)
    titles = {item.id: item.title for item in submission.evidence}
    return ScoringContext(assignment, submission, credential, editor, tuple(evidence),
                          CoverageStore(db).load(assignment_id, titles))
