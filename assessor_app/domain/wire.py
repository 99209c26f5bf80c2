"""JSON shapes shared by the app and the issuer: credentials as Open Badges 3.0, manifests, prior attempts.

One place converts between the domain objects and the sync API's documents, so the client and the
reference server cannot drift apart. Anything malformed raises ``DomainError`` with a readable reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from assessor_app.domain.errors import DomainError
from assessor_app.domain.rubric import (
    Credential,
    Criterion,
    DecisionRule,
    Level,
    Question,
    QuestionKind,
    Recommendation,
    Rubric,
    Section,
)
from assessor_app.domain.score_events import ScoreEvent
from assessor_app.domain.score_sheet import ScoreSheet
from assessor_app.domain.submission import EvidenceItem, EvidenceKind, PriorAttempt, Response, Submission


def credential_to_achievement(credential: Credential) -> dict[str, Any]:
    """OB 3.0 ``Achievement`` with one ``ResultDescription`` per criterion (levels low to high)."""
    rubric = credential.rubric
    return {
        "id": credential.id,
        "type": ["Achievement"],
        "achievementType": "MicroCredential",
        "name": credential.name,
        "description": credential.competency,
        "version": credential.version,
        "criteria": {"narrative": credential.key_method},
        "resultDescription": [
            {
                "id": c.id,
                "type": ["ResultDescription"],
                "name": c.name,
                "description": c.description,
                "resultType": "RubricCriterionLevel",
                "requiredLevel": c.required_level_id,
                "rubricCriterionLevel": [
                    {"id": lv.id, "type": ["RubricCriterionLevel"], "name": lv.label,
                     "description": lv.descriptor, "level": lv.label, "points": f"{lv.value:g}"}
                    for lv in c.levels
                ],
            }
            for c in rubric.criteria
        ],
        "decisionRule": {"minMeeting": rubric.rule.min_meeting, "floorRank": rubric.rule.floor_rank},
        "sections": [
            {"id": s.id, "title": s.title, "questions": [
                {"id": q.id, "type": q.kind.value, "prompt": q.prompt, "wordLimit": q.word_limit,
                 "acceptedMediaTypes": list(q.accepted_media_types)} for q in s.questions]}
            for s in credential.sections
        ],
    }


def credential_from_achievement(doc: dict[str, Any]) -> Credential:
    try:
        criteria = tuple(
            Criterion(
                id=str(rd["id"]),
                name=str(rd["name"]),
                description=str(rd.get("description", "")),
                levels=tuple(
                    Level(str(lv["id"]), str(lv["name"]), str(lv.get("description", "")), float(lv["points"]))
                    for lv in rd["rubricCriterionLevel"]
                ),
                required_level_id=str(rd["requiredLevel"]),
            )
            for rd in doc["resultDescription"]
        )
        rule_doc = doc.get("decisionRule") or {}
        rule = DecisionRule(rule_doc.get("minMeeting"), rule_doc.get("floorRank"))
        sections = tuple(
            Section(str(s["id"]), str(s["title"]), tuple(
                Question(str(q["id"]), QuestionKind(q["type"]), str(q["prompt"]), q.get("wordLimit"),
                         tuple(q.get("acceptedMediaTypes") or ())) for q in s["questions"]))
            for s in doc.get("sections", [])
        )
        return Credential(
            id=str(doc["id"]),
            version=str(doc["version"]),
            name=str(doc["name"]),
            competency=str(doc.get("description", "")),
            key_method=str((doc.get("criteria") or {}).get("narrative", "")),
            rubric=Rubric(criteria, rule),
            sections=sections,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DomainError(f"The credential document is malformed ({exc!r}); ask the issuer to check it.") from exc


def submission_to_manifest(submission: Submission) -> dict[str, Any]:
    return {
        "id": submission.id,
        "credential_id": submission.credential_id,
        "credential_version": submission.credential_version,
        "candidate_ref": submission.candidate_ref,
        "attempt": submission.attempt,
        "submitted_at": submission.submitted_at,
        "responses": [{"question_id": r.question_id, "text": r.text} for r in submission.responses],
        "evidence": [
            {"id": e.id, "kind": e.kind.value, "title": e.title, "media_type": e.media_type, "size": e.size,
             "sha256": e.sha256, "question_id": e.question_id}
            for e in submission.evidence
        ],
        "prior_attempts": [
            {"attempt": p.attempt, "credential_version": p.credential_version, "levels": dict(p.levels),
             "feedback": dict(p.feedback), "overall_feedback": p.overall_feedback, "outcome": p.outcome.value}
            for p in submission.prior_attempts
        ],
    }


def submission_from_manifest(doc: dict[str, Any]) -> Submission:
    try:
        return Submission(
            id=str(doc["id"]),
            credential_id=str(doc["credential_id"]),
            credential_version=str(doc["credential_version"]),
            candidate_ref=str(doc["candidate_ref"]),
            attempt=int(doc["attempt"]),
            submitted_at=str(doc["submitted_at"]),
            responses=tuple(Response(str(r["question_id"]), str(r["text"])) for r in doc.get("responses", [])),
            evidence=tuple(
                EvidenceItem(str(e["id"]), EvidenceKind(e["kind"]), str(e["title"]), str(e["media_type"]),
                             int(e["size"]), str(e["sha256"]), e.get("question_id"))
                for e in doc.get("evidence", [])
            ),
            prior_attempts=tuple(
                PriorAttempt(int(p["attempt"]), str(p["credential_version"]), dict(p["levels"]),
                             dict(p.get("feedback") or {}), str(p.get("overall_feedback", "")),
                             Recommendation(p["outcome"]))
                for p in doc.get("prior_attempts", [])
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DomainError(f"The submission manifest is malformed ({exc!r}); sync again or tell the issuer.") from exc


def sheet_push_body(sheet: ScoreSheet, credential: Credential, events: list[ScoreEvent],
                    coverage: dict[str, Any] | None = None) -> dict[str, Any]:
    """The body of ``PUT /assignments/{id}/score-sheet``: the final state plus every event behind it."""
    recommendation = sheet.recommendation(credential)
    return {
        "sheet_id": sheet.id,
        "credential_id": sheet.credential_id,
        "credential_version": sheet.credential_version,
        "levels": dict(sheet.levels),
        "feedback": dict(sheet.feedback),
        "overall_feedback": sheet.overall_feedback,
        "anchors": [anchor.to_dict() for anchor in sheet.anchors.values()],
        "recommendation": recommendation.value if recommendation else None,
        "override_reason": sheet.override_reason,
        "events": [event.to_dict() for event in events],
        "coverage": coverage or {},
    }


@dataclass(frozen=True, slots=True)
class LinkSpan:
    """Device sequence numbers a push must link: above what the issuer holds (``after``, its ``contiguous_seq``),
    up to the highest pushed (``up_to``), except those pushed as events."""

    device_id: str
    after: int
    up_to: int
    pushed: frozenset[int]

    def needs(self, device_seq: int) -> bool:
        return self.after < device_seq <= self.up_to and device_seq not in self.pushed


def link_spans(events: Iterable[Mapping[str, Any]], contiguous_seq: Callable[[str], int]) -> list[LinkSpan]:
    """What ``chain`` must cover for these events (docs/AUDIT.md): links let the issuer check a device's chain
    across events of sheets it has not received yet. ``contiguous_seq(device_id)`` asks the issuer."""
    pushed: dict[str, set[int]] = {}
    for event in events:
        pushed.setdefault(str(event["device_id"]), set()).add(int(event["device_seq"]))
    spans = [LinkSpan(device, contiguous_seq(device), max(seqs), frozenset(seqs)) for device, seqs in pushed.items()]
    return [span for span in spans if span.after < span.up_to]


def chain_link(event: ScoreEvent) -> dict[str, Any]:
    """An event's place in its device chain, without its content (which arrives with its own sheet)."""
    return {"device_id": event.device_id, "device_seq": event.device_seq, "prev_hash": event.prev_hash,
            "hash": event.hash, "signature": event.signature}


def completed_push_body(body: Mapping[str, Any], links: Iterable[ScoreEvent],
                        sign: Callable[[str, str], str]) -> dict[str, Any]:
    """A queued push body as it goes out: every event signed and the device chain ``links`` added.
    ``sign(device_id, event_hash)`` signs what was recorded before the device key was loaded; Ed25519 is
    deterministic, so a late signature is the one the event would have had."""
    events = [event if event.get("signature") else {**event, "signature": sign(event["device_id"], event["hash"])}
              for event in body.get("events") or []]
    chain = [chain_link(link if link.signature else link.signed(sign(link.device_id, link.hash)))
             for link in sorted(links, key=lambda e: (e.device_id, e.device_seq))]
    return {**body, "events": events, "chain": chain}
