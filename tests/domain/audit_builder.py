"""A tiny issuer-side audit log in memory, to build history documents the way docs/AUDIT.md describes them.

Pure Python over the domain's own primitives (Merkle tree, Ed25519, score events), so the domain's
verification can be specified without a server; the sync and GUI tests use the real issuer instead.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from assessor_app.domain.audit_chain import GENESIS_HASH, canonical_json
from assessor_app.domain.merkle import inclusion_proof, leaf_hash, root_from_leaves
from assessor_app.domain.rubric import Credential
from assessor_app.domain.score_events import Change, ScoreEvent
from assessor_app.domain.signing import SigningKey, checkpoint_message
from assessor_app.domain.wire import credential_to_achievement
from tests.builders import sample_credential


@dataclass
class TinyLog:
    key: SigningKey = field(default_factory=SigningKey.generate)
    entries: list[dict[str, Any]] = field(default_factory=list)

    def append(self, entry: dict[str, Any]) -> int:
        self.entries.append(entry)
        return len(self.entries) - 1

    def leaves(self) -> list[bytes]:
        return [leaf_hash(canonical_json(e)) for e in self.entries]

    def checkpoint(self, timestamp: str = "2026-11-20T12:00:00.000Z") -> dict[str, Any]:
        root = root_from_leaves(self.leaves()).hex()
        size = len(self.entries)
        return {"tree_size": size, "root_hash": root, "timestamp": timestamp,
                "signature": self.key.sign(checkpoint_message(size, root, timestamp))}

    def proofs(self, size: int | None = None) -> dict[int, list[str]]:
        leaves = self.leaves()
        size = len(leaves) if size is None else size

        def node(level: int, index: int) -> bytes:
            return root_from_leaves(leaves[index << level:(index + 1) << level])

        return {i: [p.hex() for p in inclusion_proof(i, size, node)] for i in range(size)}


@dataclass
class Device:
    device_id: str
    key: SigningKey = field(default_factory=SigningKey.generate)
    seq: int = 0
    last_hash: str = GENESIS_HASH

    def stamp(self, change: Change, *, sheet_id: str, assignment_id: str, actor: str, at: str) -> ScoreEvent:
        self.seq += 1
        event = ScoreEvent.stamp(change, sheet_id=sheet_id, assignment_id=assignment_id, actor=actor,
                                 device_id=self.device_id, device_seq=self.seq, prev_hash=self.last_hash, at=at)
        self.last_hash = event.hash
        return event.signed(self.key.sign_event(event.hash))


@dataclass
class HistoryBuilder:
    """One submission, one assignment, scored on one device; events are received when ``receive`` says."""

    credential: Credential = field(default_factory=sample_credential)
    log: TinyLog = field(default_factory=TinyLog)
    device: Device = field(default_factory=lambda: Device("laptop-1"))
    assignment_id: str = "asg-1"
    sheet_id: str = "sheet-1"
    actor: str = "ana"
    events: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    pending: list[ScoreEvent] = field(default_factory=list)

    def edit(self, field_path: str, old: Any, new: Any, at: str, reason: str | None = None) -> ScoreEvent:
        """An edit made on the device at ``at``; it waits on the device until ``receive``."""
        event = self.device.stamp(Change(field_path, old, new, reason), sheet_id=self.sheet_id,
                                  assignment_id=self.assignment_id, actor=self.actor, at=at)
        self.pending.append(event)
        return event

    def other_sheet_event(self, at: str) -> dict[str, Any]:
        """An event of another sheet on the same device: only its chain link reaches this history."""
        event = self.device.stamp(Change("overall_feedback", "", "elsewhere"), sheet_id="sheet-other",
                                  assignment_id="asg-other", actor=self.actor, at=at)
        link = {k: event.to_dict()[k] for k in ("device_id", "device_seq", "prev_hash", "hash", "signature")}
        self.links.append(link)
        return link

    def receive(self, received_at: str) -> None:
        """The issuer receives every pending event at ``received_at`` and logs each one."""
        for event in self.pending:
            entry = {"kind": "score-event", **event.to_dict(), "received_at": received_at}
            index = self.log.append(entry)
            self.events.append({**event.to_dict(), "received_at": received_at, "log_index": index})
        self.pending.clear()

    def decide(self, received_at: str, recommendation: str = "earned", round_: int = 1) -> None:
        members = {"assignment_id": self.assignment_id, "round": round_, "sheet_id": self.sheet_id,
                   "assessor": self.actor, "received_at": received_at, "recommendation": recommendation,
                   "derived_recommendation": recommendation, "override_reason": None, "body_sha256": "ab" * 32}
        index = self.log.append({"kind": "decision", **members})
        self.decisions.append({**members, "log_index": index})

    def review(self, reviewed_at: str, decision: str = "accepted", round_: int = 1) -> None:
        members = {"assignment_id": self.assignment_id, "round": round_, "decision": decision, "note": "Thanks",
                   "reviewed_by": "admin", "reviewed_at": reviewed_at}
        index = self.log.append({"kind": "review", **members})
        self.reviews.append({**members, "log_index": index})

    def score_all(self, rank: int, at: str) -> None:
        for criterion in self.credential.rubric.criteria:
            self.edit(f"criteria.{criterion.id}.level", None, criterion.levels[rank].id, at)

    def document(self) -> dict[str, Any]:
        c = self.credential
        return copy.deepcopy({
            "submission": {"id": "sub-1", "credential_id": c.id, "attempt": 1, "candidate_ref": "T-1001"},
            "assignments": [{"id": self.assignment_id, "assessor": self.actor, "kind": "live", "status": "assigned",
                             "credential_version": c.version, "rounds": len(self.decisions)}],
            "events": self.events, "decisions": self.decisions, "reviews": self.reviews,
            "devices": {self.device.device_id: self.device.key.public_key},
            "links": self.links, "credentials": {c.version: credential_to_achievement(c)},
            "checkpoint": self.log.checkpoint(),
        })
