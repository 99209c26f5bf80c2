"""A teacher's attempt at a credential: responses, evidence items, and earlier attempts.

The candidate is pseudonymous to assessors: only ``candidate_ref`` travels, never a name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from assessor_app.domain.rubric import Recommendation


class EvidenceKind(StrEnum):
    VIDEO = "video"
    PDF = "pdf"
    IMAGE = "image"
    TEXT = "text"
    AUDIO = "audio"

    @classmethod
    def from_media_type(cls, media_type: str) -> EvidenceKind:
        major, _, minor = media_type.partition("/")
        if major == "video":
            return cls.VIDEO
        if major == "audio":
            return cls.AUDIO
        if major == "image":
            return cls.IMAGE
        if minor == "pdf":
            return cls.PDF
        return cls.TEXT


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One immutable evidence file as the manifest describes it; the sha256 is its identity."""

    id: str
    kind: EvidenceKind
    title: str
    media_type: str
    size: int
    sha256: str
    question_id: str | None = None

    def __post_init__(self) -> None:
        if len(self.sha256) != 64 or any(ch not in "0123456789abcdef" for ch in self.sha256):
            raise ValueError(f"Evidence {self.id!r}: sha256 must be 64 lowercase hex digits.")
        if self.size < 0:
            raise ValueError(f"Evidence {self.id!r}: size cannot be negative.")


@dataclass(frozen=True, slots=True)
class Response:
    """A written answer to one question of the submission requirements."""

    question_id: str
    text: str

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class PriorAttempt:
    """What an earlier attempt earned, so a resubmission can be read against its feedback."""

    attempt: int
    credential_version: str
    levels: Mapping[str, str]
    feedback: Mapping[str, str]
    overall_feedback: str
    outcome: Recommendation


@dataclass(frozen=True, slots=True)
class Submission:
    id: str
    credential_id: str
    credential_version: str
    candidate_ref: str
    attempt: int
    submitted_at: str
    responses: tuple[Response, ...] = ()
    evidence: tuple[EvidenceItem, ...] = ()
    prior_attempts: tuple[PriorAttempt, ...] = field(default=())

    @property
    def is_resubmission(self) -> bool:
        return self.attempt > 1

    @property
    def previous_attempt(self) -> PriorAttempt | None:
        return max(self.prior_attempts, key=lambda p: p.attempt, default=None)

    @property
    def evidence_bytes(self) -> int:
        return sum(item.size for item in self.evidence)
