"""Response bodies of the audit API (docs/AUDIT.md, "Audit API")."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class LogKey(BaseModel):
    public_key: str = Field(description="The issuer's log key: unpadded base64url of the 32 raw Ed25519 bytes.")
    algorithm: Literal["Ed25519"]


class CheckpointDoc(BaseModel):
    """Signed over ``"assessors-desk audit-log checkpoint v1\\n{tree_size}\\n{root_hash}\\n{timestamp}\\n"``."""

    tree_size: int
    root_hash: str
    timestamp: str
    signature: str


class LogEntry(BaseModel):
    index: int
    entry: dict[str, Any]
    leaf_hash: str


class EntryPage(BaseModel):
    entries: list[LogEntry]


class InclusionProof(BaseModel):
    index: int
    tree_size: int
    path: list[str] = Field(description="RFC 6962 audit path, leaf to root, hex.")


class ConsistencyProof(BaseModel):
    first: int
    second: int
    path: list[str] = Field(description="RFC 6962 consistency proof, hex.")


class SubmissionSummary(BaseModel):
    submission_id: str
    credential_id: str
    credential_version: str
    attempt: int
    assessors: list[str]
    last_received_at: str | None
    decision: str | None = Field(description="The recommendation of the most recent sheet received, if any.")


class SubmissionSearch(BaseModel):
    items: list[SubmissionSummary]


class HistorySubmission(BaseModel):
    id: str
    credential_id: str
    credential_version: str
    attempt: int
    candidate_ref: str


class HistoryAssignment(BaseModel):
    id: str
    assessor: str
    kind: str
    status: str
    credential_version: str
    rounds: int = Field(description="How many sheets the issuer received for this assignment.")


class HistoryLink(BaseModel):
    device_id: str
    device_seq: int
    prev_hash: str
    hash: str
    signature: str | None


class SubmissionHistory(BaseModel):
    """Every item carries the members of its log entry plus ``log_index`` (null if the log lacks it)."""

    submission: HistorySubmission
    assignments: list[HistoryAssignment]
    events: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    reviews: list[dict[str, Any]]
    devices: dict[str, str] = Field(description="device id -> public key, for every device that signed an event.")
    links: list[HistoryLink] = Field(description="Device predecessors of the events that are not events here.")
    credentials: dict[str, dict[str, Any]] = Field(description="version -> OB 3.0 Achievement document.")
    checkpoint: CheckpointDoc | None
