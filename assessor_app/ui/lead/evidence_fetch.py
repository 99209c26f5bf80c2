"""The evidence of an adjudicated submission, for the evidence pane: the manifest's items downloaded (and checked
against their sha256) into a private temporary folder that is removed when the lead moves on. Runs on a worker."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from assessor_app.domain.coverage import Coverage
from assessor_app.domain.lead_adjudication import AdjudicationDetail
from assessor_app.domain.rubric import Credential
from assessor_app.domain.submission import Submission
from assessor_app.domain.wire import submission_from_manifest
from assessor_app.store.scoring_context import EvidenceEntry
from assessor_app.sync.errors import SyncError
from assessor_app.sync.lead_client import LeadClient


@dataclass(frozen=True)
class LeadContext:
    """What ``EvidencePane.show_context`` reads, without a sheet: a lead scores nothing here."""

    credential: Credential
    submission: Submission
    evidence: tuple[EvidenceEntry, ...]
    coverage: Coverage = field(default_factory=Coverage)
    assignment: None = None


@dataclass
class LeadEvidence:
    context: LeadContext
    folder: Path | None

    def cleanup(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def fetch_evidence(client: LeadClient, detail: AdjudicationDetail, credential: Credential) -> LeadEvidence:
    submission = submission_from_manifest(dict(detail.manifest))
    folder = Path(tempfile.mkdtemp(prefix="lead-evidence-"))
    entries = []
    for item in submission.evidence:
        target = folder / f"{len(entries)}-{Path(item.title).name or 'evidence'}"
        try:
            client.download_evidence(item.id, target, item.sha256)
            entries.append(EvidenceEntry(item, target))
        except SyncError as exc:
            entries.append(EvidenceEntry(item, None, f"This file could not be fetched from the issuer: {exc}"))
    return LeadEvidence(LeadContext(credential, submission, tuple(entries)), folder)
