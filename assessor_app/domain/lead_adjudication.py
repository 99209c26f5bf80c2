"""Adjudications as the lead sees them (docs/LEAD.md): a discrepant live/second-read pair, both reads kept, and
the lead's resolution per criterion with a reason. Parsing of the issuer's JSON plus the check that a resolution
is complete before it is sent."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from assessor_app.domain.errors import DomainError
from assessor_app.domain.rubric import Credential, Recommendation


def decision_label(value: Any) -> str:
    """A recommendation in the UI's words ("Earned", "Not Yet"); anything else as it is."""
    try:
        return Recommendation(str(value)).label
    except ValueError:
        return "" if value is None else str(value)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _reasons(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    out = []
    for item in value or []:
        out.append(_text(item.get("explanation") or item.get("reason") or item) if isinstance(item, dict)
                   else _text(item))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class AdjudicationItem:
    id: str
    submission_id: str
    credential_id: str
    opened_at: str
    reasons: tuple[str, ...]
    status: str  # open | resolved
    credential_version: str = ""
    resolution: Mapping[str, Any] = field(default_factory=dict)  # levels, decision, reason, resolved_by/at

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> AdjudicationItem:
        try:
            return cls(_text(doc["id"]), _text(doc["submission_id"]), _text(doc.get("credential_id")),
                       _text(doc.get("opened_at")), _reasons(doc.get("reasons")), _text(doc.get("status") or "open"),
                       _text(doc.get("credential_version")), dict(doc.get("resolution") or {}))
        except (KeyError, TypeError, AttributeError) as exc:
            raise DomainError(f"An adjudication from the issuer is malformed ({exc!r}).") from exc


@dataclass(frozen=True, slots=True)
class ReadSide:
    """One of the two original reads, as received (never changed by the resolution)."""

    assessor: str
    received_at: str
    levels: Mapping[str, str]
    feedback: Mapping[str, str] = field(default_factory=dict)
    overall_feedback: str = ""
    decision: str = ""

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> ReadSide:
        feedback = doc.get("feedback") or {}
        overall = ""
        if isinstance(feedback, str):
            overall, feedback = feedback, {}
        return cls(_text(doc.get("assessor")), _text(doc.get("received_at")),
                   {str(k): str(v) for k, v in (doc.get("levels") or {}).items() if v is not None},
                   {str(k): str(v) for k, v in feedback.items() if v},
                   _text(doc.get("overall_feedback") or overall),
                   _text(doc.get("recommendation") or doc.get("decision")))


@dataclass(frozen=True, slots=True)
class AdjudicationDetail:
    item: AdjudicationItem
    first: ReadSide
    second: ReadSide
    manifest: Mapping[str, Any]

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> AdjudicationDetail:
        reads = doc.get("reads") or []
        if len(reads) != 2:
            raise DomainError("The issuer sent an adjudication without its two reads; ask the issuer to check it.")
        return cls(AdjudicationItem.from_json(doc), ReadSide.from_json(reads[0]), ReadSide.from_json(reads[1]),
                   dict(doc.get("submission") or {}))


def resolution_body(credential: Credential, levels: Mapping[str, str | None], reason: str) -> dict[str, Any]:
    """The ``PUT /lead/adjudications/{id}`` body; raises ``DomainError`` saying what is missing."""
    missing = [c.name for c in credential.rubric.criteria if not levels.get(c.id)]
    if missing:
        raise DomainError("Choose a resolved level for every criterion: " + ", ".join(missing) + ".")
    for c in credential.rubric.criteria:
        c.level(str(levels[c.id]))  # raises UnknownLevel for a level of another rubric version
    if not reason.strip():
        raise DomainError("Give a reason for the resolution: it is kept in the audit log with both reads.")
    return {"levels": {c.id: str(levels[c.id]) for c in credential.rubric.criteria}, "reason": reason.strip()}
