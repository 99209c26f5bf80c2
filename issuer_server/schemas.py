"""Request and response bodies of the sync API (these shapes are the contract the desktop client uses)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Id = Field(min_length=1, max_length=200)


class TokenRequest(BaseModel):
    grant_type: Literal["password"]
    username: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=1024)


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=512)


class TokenPair(BaseModel):
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int
    refresh_token: str


class Me(BaseModel):
    username: str
    display_name: str
    roles: list[Literal["assessor", "lead", "auditor", "admin"]]


class Review(BaseModel):
    decision: Literal["accepted", "returned"]
    note: str
    at: str


class AssignmentItem(BaseModel):
    id: str
    submission_id: str
    credential_id: str
    credential_version: str
    status: Literal["assigned", "revoked"]
    due_at: str | None
    updated_at: str
    review: Review | None
    calibration_result: bool = Field(False, description="A calibration item's result can be read (docs/LEAD.md).")


class AssignmentPage(BaseModel):
    items: list[AssignmentItem]
    next_cursor: str
    has_more: bool


HEX64 = r"^[0-9a-f]{64}$"
DEVICE_ID = Field(min_length=1, max_length=128, pattern=r"^[!-~]+$",
                  description="The device's id (visible ASCII, at most 128 characters; the app uses a UUID).")


class ChainLink(BaseModel):
    """A device event that is not in this push (it belongs to another sheet) but sits in the device's chain
    between what the issuer already holds and the pushed events: its hash, predecessor and signature only."""

    device_id: str = DEVICE_ID
    device_seq: int = Field(ge=1, le=2**53)
    prev_hash: str = Field(pattern=HEX64)
    hash: str = Field(pattern=HEX64)
    signature: str | None = Field(default=None, max_length=128,
                                  description="Ed25519 by the device key, unpadded base64url (see AUDIT.md).")


class ScoreSheetPush(BaseModel):
    """A frozen score sheet with the events that produced it; unknown extra members are ignored."""

    sheet_id: str = Field(min_length=1, max_length=64)  # stored in String(64) columns
    credential_id: str = Id
    credential_version: str = Field(min_length=1, max_length=64)
    levels: dict[str, str]
    feedback: dict[str, str] = Field(default_factory=dict)
    overall_feedback: str = ""
    anchors: list[dict[str, Any]] = Field(default_factory=list)
    recommendation: Literal["earned", "not_yet"]
    override_reason: str | None = None
    events: list[dict[str, Any]] = Field(min_length=1)
    coverage: dict[str, Any] = Field(default_factory=dict)
    chain: list[ChainLink] = Field(default_factory=list, max_length=100_000)


class SheetReceipt(BaseModel):
    assignment_id: str
    sheet_id: str
    received_at: str
    recommendation: Literal["earned", "not_yet"]
    derived_recommendation: Literal["earned", "not_yet"] | None
    status: Literal["received"]


class DeviceRegistration(BaseModel):
    device_id: str = DEVICE_ID
    public_key: str = Field(min_length=1, max_length=64,
                            description="The device's Ed25519 public key: unpadded base64url of its 32 raw bytes.")


class DeviceInfo(BaseModel):
    device_id: str
    public_key: str
    registered_at: str
    contiguous_seq: int = Field(description="The highest N such that the issuer holds events or links 1..N of "
                                            "this device's chain (0 if none).")


class ReviewRequest(BaseModel):
    decision: Literal["accept", "return"]
    note: str = Field(default="", max_length=20_000)


class ReviewResult(BaseModel):
    assignment_id: str
    sheet_id: str
    review: Review


class PendingSheet(BaseModel):
    assignment_id: str
    submission_id: str
    assessor: str
    sheet_id: str
    received_at: str
    recommendation: Literal["earned", "not_yet"]
    derived_recommendation: Literal["earned", "not_yet"] | None
    override_reason: str | None


class PendingList(BaseModel):
    items: list[PendingSheet]


class Health(BaseModel):
    status: Literal["ok"]


class ResultLevel(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    name: str
    points: str


class ResultDescription(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    name: str
    resultType: str
    requiredLevel: str
    rubricCriterionLevel: list[ResultLevel]


class Achievement(BaseModel):
    """Open Badges 3.0 ``Achievement`` (MicroCredential) with the rubric as ``resultDescription``."""

    model_config = ConfigDict(extra="allow")
    id: str
    type: list[str]
    achievementType: str
    name: str
    version: str
    resultDescription: list[ResultDescription]


class EvidenceEntry(BaseModel):
    id: str
    kind: Literal["video", "pdf", "image", "text", "audio"]
    title: str
    media_type: str
    size: int
    sha256: str
    question_id: str | None


class ResponseEntry(BaseModel):
    question_id: str
    text: str


class PriorAttemptEntry(BaseModel):
    attempt: int
    credential_version: str
    levels: dict[str, str]
    feedback: dict[str, str]
    overall_feedback: str
    outcome: Literal["earned", "not_yet"]


class Manifest(BaseModel):
    id: str
    credential_id: str
    credential_version: str
    candidate_ref: str
    attempt: int
    submitted_at: str
    responses: list[ResponseEntry]
    evidence: list[EvidenceEntry]
    prior_attempts: list[PriorAttemptEntry]


class ProblemDoc(BaseModel):
    """RFC 9457 problem details."""

    model_config = ConfigDict(extra="allow")
    type: str
    title: str
    status: int
    detail: str


class ManifestBatch(BaseModel):
    items: list[Manifest]
    missing: list[str]
