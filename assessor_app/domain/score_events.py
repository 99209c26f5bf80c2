"""Score events: the append-only history of a score sheet. The history IS the event log.

An event sets one *field* of a sheet from ``old`` to ``new``. Fields are paths:

    criteria.<criterion id>.level      level id or null
    criteria.<criterion id>.feedback   text
    overall_feedback                   text
    anchors.<anchor id>                anchor object, or null when removed
    recommendation                     "earned" | "not_yet" | null (null: follow the decision rule)
    status                             "draft" -> "submitted"

Events are never updated or deleted: a correction is a new event. Each carries who made it, on which
device, the device's own sequence number and clock, links into that device's hash chain, and is signed by the
device's key. A change after the sheet was submitted needs a reason that starts with a reason code.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields, replace
from typing import Any

from assessor_app.domain.audit_chain import chain_hash
from assessor_app.domain.clock import utc_now

SHEET_FIELDS = ("overall_feedback", "recommendation", "status")
FIELD_PREFIXES = ("criteria.", "anchors.")


@dataclass(frozen=True, slots=True)
class Change:
    """A validated change, not yet stamped with identity, time or chain position."""

    field: str
    old: Any
    new: Any
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ScoreEvent:
    id: str
    sheet_id: str
    assignment_id: str
    actor: str
    device_id: str
    device_seq: int
    at: str
    field: str
    old: Any
    new: Any
    reason: str | None = None
    prev_hash: str = field(default="")
    hash: str = field(default="")
    signature: str | None = None  # Ed25519 by the device key over the hash (see ``signing``)

    @classmethod
    def stamp(
        cls,
        change: Change,
        *,
        sheet_id: str,
        assignment_id: str,
        actor: str,
        device_id: str,
        device_seq: int,
        prev_hash: str,
        at: str | None = None,
        event_id: str | None = None,
    ) -> ScoreEvent:
        """Turn a validated change into the next event of a device's chain."""
        unsigned = cls(
            id=event_id or str(uuid.uuid4()),
            sheet_id=sheet_id,
            assignment_id=assignment_id,
            actor=actor,
            device_id=device_id,
            device_seq=device_seq,
            at=at or utc_now(),
            field=change.field,
            old=change.old,
            new=change.new,
            reason=change.reason,
        )
        return replace(unsigned, prev_hash=prev_hash, hash=chain_hash(unsigned.to_dict(), prev_hash))

    def to_dict(self) -> dict[str, Any]:
        """A shallow dict of the fields (values are JSON values, never mutated in place)."""
        return {name: getattr(self, name) for name in _FIELD_NAMES}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScoreEvent:
        return cls(**{k: v for k, v in data.items() if k in _FIELD_NAMES})

    def signed(self, signature: str) -> ScoreEvent:
        return replace(self, signature=signature)

    def verifies(self) -> bool:
        """Does the stored hash match the body and the stated previous hash?"""
        return chain_hash(self.to_dict(), self.prev_hash) == self.hash


_FIELD_NAMES = tuple(f.name for f in fields(ScoreEvent))
