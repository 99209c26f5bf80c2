"""A submission's score history as the issuer's audit API serves it (docs/AUDIT.md, "Audit API").

``History.parse`` reads the ``GET /audit/submissions/{id}/history`` document into plain values and keeps
each item's raw JSON, because verification must rebuild the exact log entry the issuer hashed
(``log_entry``). Search results (``GET /audit/submissions``) parse into ``SubmissionSummary``.
Anything malformed raises ``DomainError`` with a sentence an auditor can act on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from assessor_app.domain.errors import DomainError
from assessor_app.domain.rubric import Credential
from assessor_app.domain.score_events import ScoreEvent
from assessor_app.domain.wire import credential_from_achievement

SCORE_EVENT, DECISION, REVIEW = "score-event", "decision", "review"
EVENT_MEMBERS = ("id", "sheet_id", "assignment_id", "actor", "device_id", "device_seq", "at", "field", "old", "new",
                 "reason", "prev_hash", "hash", "signature")
# The members of each kind of log entry besides ``kind`` (docs/AUDIT.md, "The issuer's audit log").
ENTRY_MEMBERS: dict[str, tuple[str, ...]] = {
    SCORE_EVENT: (*EVENT_MEMBERS, "received_at"),
    DECISION: ("assignment_id", "round", "sheet_id", "assessor", "received_at", "recommendation",
               "derived_recommendation", "override_reason", "body_sha256"),
    REVIEW: ("assignment_id", "round", "decision", "note", "reviewed_by", "reviewed_at"),
}


def _malformed(what: str, exc: Exception | str) -> DomainError:
    return DomainError(f"The issuer's history document is malformed ({what}: {exc}); "
                       "ask the issuer to check its audit API.")


def log_entry(kind: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The log entry an item of the history stands for: ``kind`` plus the contract's members, exactly."""
    missing = [name for name in ENTRY_MEMBERS[kind] if name not in raw]
    if missing:
        raise DomainError(f"the history leaves out {', '.join(missing)}")
    return {"kind": kind, **{name: raw[name] for name in ENTRY_MEMBERS[kind]}}


@dataclass(frozen=True, slots=True)
class Checkpoint:
    tree_size: int
    root_hash: str
    timestamp: str
    signature: str

    @classmethod
    def parse(cls, doc: Mapping[str, Any]) -> Checkpoint:
        try:
            return cls(int(doc["tree_size"]), str(doc["root_hash"]), str(doc["timestamp"]), str(doc["signature"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise _malformed("checkpoint", exc) from None


@dataclass(frozen=True, slots=True)
class AssignmentInfo:
    id: str
    assessor: str
    kind: str
    status: str
    credential_version: str
    rounds: int


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    """One accepted score event with the issuer's receipt time and its place in the log."""

    event: ScoreEvent
    received_at: str
    log_index: int | None
    raw: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class LogItem:
    """A decision or review of the history: its kind, the members the log holds and its index."""

    kind: str
    raw: Mapping[str, Any]
    log_index: int | None

    @property
    def assignment_id(self) -> str:
        return str(self.raw.get("assignment_id", ""))


@dataclass(frozen=True, slots=True)
class ChainLink:
    """The hash, predecessor and signature of a device event that belongs to another sheet."""

    device_id: str
    device_seq: int
    prev_hash: str
    hash: str
    signature: str | None


@dataclass(frozen=True, slots=True)
class History:
    submission_id: str
    credential_id: str
    attempt: int
    candidate_ref: str
    assignments: tuple[AssignmentInfo, ...]
    events: tuple[HistoryEvent, ...]
    decisions: tuple[LogItem, ...]
    reviews: tuple[LogItem, ...]
    devices: Mapping[str, str]
    links: tuple[ChainLink, ...]
    credential_docs: Mapping[str, Mapping[str, Any]]
    checkpoint: Checkpoint
    raw: Mapping[str, Any] = field(repr=False)
    _parsed: dict[str, Credential] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def parse(cls, doc: Mapping[str, Any]) -> History:
        if not isinstance(doc, Mapping):
            raise _malformed("document", "not an object")
        try:
            sub = doc["submission"]
            submission_id = str(sub["id"])
            credential_id = str(sub.get("credential_id") or sub.get("credential") or "")
            assignments = tuple(
                AssignmentInfo(str(a["id"]), str(a.get("assessor", "")), str(a.get("kind", "")),
                               str(a.get("status", "")), str(a["credential_version"]), int(a.get("rounds") or 0))
                for a in doc.get("assignments", []))
            links = tuple(ChainLink(str(k["device_id"]), int(k["device_seq"]), str(k["prev_hash"]), str(k["hash"]),
                                    k.get("signature")) for k in doc.get("links", []))
            devices = {str(k): str(v) for k, v in (doc.get("devices") or {}).items()}
            credentials = {str(k): v for k, v in (doc.get("credentials") or {}).items()}
            attempt, candidate = int(sub.get("attempt") or 0), str(sub.get("candidate_ref", ""))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise _malformed("submission, assignments, devices or links", exc) from None
        return cls(
            submission_id=submission_id, credential_id=credential_id, attempt=attempt, candidate_ref=candidate,
            assignments=assignments, events=tuple(_event(raw) for raw in doc.get("events", [])),
            decisions=tuple(_item(DECISION, raw) for raw in doc.get("decisions", [])),
            reviews=tuple(_item(REVIEW, raw) for raw in doc.get("reviews", [])),
            devices=devices, links=links, credential_docs=credentials,
            checkpoint=Checkpoint.parse(doc.get("checkpoint") or {}), raw=doc)

    # --- looking things up ---------------------------------------------------------------------
    def assignment(self, assignment_id: str) -> AssignmentInfo | None:
        return next((a for a in self.assignments if a.id == assignment_id), None)

    def rubric_version(self, assignment_id: str) -> str:
        info = self.assignment(assignment_id)
        return info.credential_version if info else ""

    def credential(self, version: str) -> Credential | None:
        """The rubric version as a domain credential, or ``None`` when the history does not carry it."""
        if version not in self._parsed:
            doc = self.credential_docs.get(version)
            if doc is None:
                return None
            self._parsed[version] = credential_from_achievement(dict(doc))
        return self._parsed[version]

    def events_of(self, assignment_id: str) -> list[HistoryEvent]:
        """An assignment's events in the order the sheet was made: log order (push order), then device order."""
        own = [e for e in self.events if e.event.assignment_id == assignment_id]
        return sorted(own, key=lambda e: (e.log_index if e.log_index is not None else 1 << 62,
                                          e.event.device_id, e.event.device_seq))

    def assignment_ids(self) -> list[str]:
        """Every assignment with events or decisions, in the order the history lists them."""
        ids = [a.id for a in self.assignments]
        for item in (*(e.event.assignment_id for e in self.events), *(d.assignment_id for d in self.decisions)):
            if item not in ids:
                ids.append(item)
        return ids


def _index(raw: Mapping[str, Any]) -> int | None:
    value = raw.get("log_index")
    return None if value is None else int(value)


def _event(raw: Any) -> HistoryEvent:
    try:
        event = ScoreEvent.from_dict(dict(raw))
        if not isinstance(event.device_seq, int) or not isinstance(event.hash, str):
            raise TypeError("device_seq or hash has the wrong type")
        return HistoryEvent(event, str(raw["received_at"]), _index(raw), raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise _malformed("score event", exc) from None


def _item(kind: str, raw: Any) -> LogItem:
    if not isinstance(raw, Mapping):
        raise _malformed(kind, "not an object")
    try:
        return LogItem(kind, raw, _index(raw))
    except (TypeError, ValueError) as exc:
        raise _malformed(kind, exc) from None


@dataclass(frozen=True, slots=True)
class SubmissionSummary:
    """One search result of ``GET /audit/submissions``."""

    submission_id: str
    credential_id: str
    credential_version: str
    attempt: int
    assessors: tuple[str, ...]
    last_received_at: str | None
    decision: str | None

    @classmethod
    def parse(cls, doc: Mapping[str, Any]) -> SubmissionSummary:
        try:
            return cls(str(doc["submission_id"]), str(doc.get("credential_id", "")),
                       str(doc.get("credential_version", "")), int(doc.get("attempt") or 0),
                       tuple(str(a) for a in doc.get("assessors") or ()), doc.get("last_received_at"),
                       doc.get("decision"))
        except (KeyError, TypeError, ValueError) as exc:
            raise _malformed("search result", exc) from None


def parse_search(doc: Mapping[str, Any]) -> list[SubmissionSummary]:
    items = doc.get("items") if isinstance(doc, Mapping) else None
    if not isinstance(items, list):
        raise _malformed("search results", "no items list")
    return [SubmissionSummary.parse(item) for item in items]
