"""Build score-sheet pushes the way the desktop client does: every edit proposed through the domain,
stamped into a device's hash chain and signed by the device key, then the sheet frozen with a submit event;
the push carries chain links for the device's positions the issuer may not hold yet."""

from __future__ import annotations

import contextlib
import copy
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from assessor_app.domain.audit_chain import GENESIS_HASH
from assessor_app.domain.errors import SheetLocked
from assessor_app.domain.rubric import Credential, Recommendation
from assessor_app.domain.score_events import Change, ScoreEvent
from assessor_app.domain.score_sheet import ScoreSheet
from assessor_app.domain.signing import SigningKey


@dataclass
class SigningDevice:
    """A device as the app keeps one: an id, its Ed25519 key and every position of its chain so far, plus how
    far the issuer is known to hold that chain (``acknowledged``: positions 1..N)."""

    device_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    key: SigningKey = field(default_factory=SigningKey.generate)
    positions: dict[int, dict[str, Any]] = field(default_factory=dict)  # seq -> its chain link
    acknowledged: int = 0

    @property
    def seq(self) -> int:
        return len(self.positions)

    @property
    def last_hash(self) -> str:
        return str(self.positions[self.seq]["hash"]) if self.positions else GENESIS_HASH

    def registration(self) -> dict[str, str]:
        """The body of ``POST /devices``."""
        return {"device_id": self.device_id, "public_key": self.key.public_key}

    def stamp(self, change: Change, *, sheet_id: str, assignment_id: str, actor: str,
              prev_hash: str | None = None) -> ScoreEvent:
        """The device's next event, signed. ``prev_hash`` lets a test break the chain on purpose."""
        seq = self.seq + 1
        event = ScoreEvent.stamp(change, sheet_id=sheet_id, assignment_id=assignment_id, actor=actor,
                                 device_id=self.device_id, device_seq=seq,
                                 prev_hash=self.last_hash if prev_hash is None else prev_hash)
        event = event.signed(self.key.sign_event(event.hash))
        self.positions[seq] = link_of(event)
        return event

    def links_for(self, events: Iterable[ScoreEvent | Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Links for every position above ``acknowledged``, up to the highest of this device in ``events``, that
        is not itself in ``events`` (what the app sends beside a sheet)."""
        own = {_seq(e) for e in events if _device(e) == self.device_id}
        top = max(own, default=0)
        return [dict(self.positions[s]) for s in range(self.acknowledged + 1, top + 1) if s not in own]

    def acknowledge(self, events: Iterable[ScoreEvent | Mapping[str, Any]]) -> None:
        """A push with these events was received: the issuer now holds this chain up to their highest position."""
        own = [_seq(e) for e in events if _device(e) == self.device_id]
        self.acknowledged = max([self.acknowledged, *own])

    def rewound(self, seq: int) -> SigningDevice:
        """The same device (id and key) as it was after position ``seq``: its next events take positions that
        are already used (for tests of replayed positions)."""
        return SigningDevice(self.device_id, self.key, {s: copy.deepcopy(p) for s, p in self.positions.items()
                                                        if s <= seq}, min(self.acknowledged, seq))


def link_of(event: ScoreEvent) -> dict[str, Any]:
    return {"device_id": event.device_id, "device_seq": event.device_seq, "prev_hash": event.prev_hash,
            "hash": event.hash, "signature": event.signature}


def _seq(event: ScoreEvent | Mapping[str, Any]) -> int:
    return int(event.device_seq if isinstance(event, ScoreEvent) else event["device_seq"])


def _device(event: ScoreEvent | Mapping[str, Any]) -> str:
    return str(event.device_id if isinstance(event, ScoreEvent) else event["device_id"])


def build_push(credential: Credential, assignment_id: str, levels: Mapping[str, str], *, device: SigningDevice,
               actor: str = "assessor", overall_feedback: str = "Thank you.",
               feedback: Mapping[str, str] | None = None, override: Recommendation | None = None,
               override_reason: str | None = None, validate_override: bool = True,
               submit: bool = True, after_submit: Sequence[Change] = ()) -> dict[str, Any]:
    """A push body for ``PUT /assignments/{id}/score-sheet`` from ``device``. ``validate_override=False`` lets a
    test build a contradicting override without a reason, and ``after_submit`` changes are stamped after the
    submit event even when the domain refuses them (no reason code), both of which the domain itself would
    refuse."""
    sheet = ScoreSheet(str(uuid.uuid4()), assignment_id, credential.id, credential.version)
    changes: list[Change] = []
    for criterion_id, level_id in levels.items():
        changes.append(sheet.propose_level(credential, criterion_id, level_id))
    for criterion in credential.rubric.criteria:
        text = (feedback or {}).get(criterion.id)
        if text is None and criterion.id in levels and not criterion.meets(levels[criterion.id]):
            text = f"Next time, work on {criterion.name.lower()}."
        if text:
            changes.append(sheet.propose_feedback(credential, criterion.id, text))
    changes.append(sheet.propose_overall_feedback(overall_feedback))
    if override is not None:
        changes.append(Change("recommendation", None, override.value, override_reason) if not validate_override
                       else sheet.propose_override(credential, override, override_reason))
    events = []
    for change in changes:
        event = device.stamp(change, sheet_id=sheet.id, assignment_id=assignment_id, actor=actor)
        sheet = sheet.apply(event)
        events.append(event)
    if submit and not sheet.submission_problems(credential):
        event = device.stamp(sheet.propose_submit(credential), sheet_id=sheet.id, assignment_id=assignment_id,
                             actor=actor)
        sheet = sheet.apply(event)
        events.append(event)
    for change in after_submit:
        event = device.stamp(change, sheet_id=sheet.id, assignment_id=assignment_id, actor=actor)
        events.append(event)
        with contextlib.suppress(SheetLocked):
            sheet = sheet.apply(event)
    recommendation = sheet.recommendation(credential)
    return {
        "sheet_id": sheet.id, "credential_id": credential.id, "credential_version": credential.version,
        "levels": dict(sheet.levels), "feedback": dict(sheet.feedback), "overall_feedback": sheet.overall_feedback,
        "anchors": [a.to_dict() for a in sheet.anchors.values()],
        "recommendation": recommendation.value if recommendation else "not_yet",
        "override_reason": sheet.override_reason, "events": [e.to_dict() for e in events],
        "coverage": {"evidence_viewed": []}, "chain": device.links_for(events),
    }


def all_at(credential: Credential, rank: int) -> dict[str, str]:
    """Every criterion at the level of the given rank (0 = lowest)."""
    return {c.id: c.levels[rank].id for c in credential.rubric.criteria}
