"""Request and response bodies of lead scoring (docs/LEAD.md): calibration results and the lead's routes."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class CalibrationResult(BaseModel):
    assignment_id: str
    submission_id: str
    master_levels: dict[str, str]
    master_decision: str
    rationale: dict[str, str]
    your_levels: dict[str, str]
    your_decision: str
    exact: float | None = Field(description="Share of criteria at exactly the master level.")
    matches: dict[str, bool]
    explanation: str


class QualificationPolicy(BaseModel):
    min_exact: float
    min_items: int
    required: bool


class PolicyDoc(BaseModel):
    second_read_share: float
    max_steps: int
    on_decision: bool
    qualification: QualificationPolicy
    discrepancy_rule: str
    qualification_rule: str


class LeadCredential(BaseModel):
    credential_id: str
    version: str
    name: str
    policy: PolicyDoc


class LeadCredentialList(BaseModel):
    items: list[LeadCredential]


class LeadRead(BaseModel):
    assignment_id: str
    submission_id: str
    credential_version: str
    assessor: str
    kind: Literal["live", "calibration", "validity", "second_read"]
    received_at: str
    levels: dict[str, str]
    decision: str
    master_levels: dict[str, str] | None


class LeadReads(BaseModel):
    credential: dict[str, Any] = Field(description="The latest version's OB 3.0 Achievement document.")
    reads: list[LeadRead]


class DiscrepancyReason(BaseModel):
    criterion_id: str | None = Field(description="null: the two reads recommend different decisions.")
    first: str | None
    second: str | None
    steps: int | None
    explanation: str


class Resolution(BaseModel):
    levels: dict[str, str]
    decision: str
    reason: str
    resolved_by: str
    resolved_at: str


class AdjudicationItem(BaseModel):
    id: str
    submission_id: str
    credential_id: str
    credential_version: str
    opened_at: str
    reasons: list[DiscrepancyReason]
    status: Literal["open", "resolved"]
    resolution: Resolution | None = None


class AdjudicationList(BaseModel):
    items: list[AdjudicationItem]


class AdjudicationRead(BaseModel):
    assignment_id: str
    kind: str
    assessor: str
    received_at: str
    levels: dict[str, str]
    feedback: dict[str, str]
    overall_feedback: str
    recommendation: str


class AdjudicationDetail(AdjudicationItem):
    reads: list[AdjudicationRead] = Field(description="[the live read, the second read], as received.")
    submission: dict[str, Any] = Field(description="The submission's manifest.")


class ResolveRequest(BaseModel):
    levels: dict[str, str] = Field(description="criterion id -> level id, every criterion of the rubric.")
    reason: str = Field(min_length=1, max_length=4000)


class QualificationItem(BaseModel):
    assessor: str
    items: int
    criteria_scored: int
    exact: float | None
    adjacent: float | None
    passed: bool
    explanation: str


class QualificationList(BaseModel):
    credential_id: str
    version: str
    rule: str
    required: bool
    items: list[QualificationItem]
