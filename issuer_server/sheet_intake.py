"""Checking a pushed score sheet against the pinned rubric version and its own event history.

The server trusts nothing the client computed: it refolds the events with the domain's
``ScoreSheet.apply``, checks every event's hash and its signature by the registered device key (and the
signature of every chain link), recomputes the decision rule, and refuses a sheet whose stated levels,
feedback or recommendation the events do not reproduce. The checks that need the issuer's copy of each
device chain run later, in the storing transaction (``device_chain``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessor_app.domain.anchors import EvidenceAnchor
from assessor_app.domain.errors import DomainError, SheetLocked
from assessor_app.domain.reason_codes import post_submit_reason_problem
from assessor_app.domain.rubric import Credential
from assessor_app.domain.score_events import ScoreEvent
from assessor_app.domain.score_sheet import ScoreSheet
from assessor_app.domain.signing import Verifier
from assessor_app.domain.wire import credential_from_achievement
from issuer_server.models import Assignment, CredentialVersion
from issuer_server.problems import Problem
from issuer_server.schemas import ChainLink, ScoreSheetPush


@dataclass(frozen=True, slots=True)
class CheckedSheet:
    sheet: ScoreSheet
    events: list[ScoreEvent]
    derived: str | None
    links: tuple[ChainLink, ...] = ()


def _invalid(slug: str, detail: str) -> Problem:
    return Problem(422, slug, detail)


def refuse_if_closed(assignment: Assignment) -> None:
    if assignment.status != "revoked":
        return
    if assignment.status_reason == "reassigned":
        raise Problem(409, "assignment-reassigned",
                      "This assignment was reassigned to another assessor, so the issuer cannot take this sheet. "
                      "Your work is kept on your device; contact the issuer if you think this is wrong.",
                      assignment_status="reassigned")
    raise Problem(409, "assignment-revoked",
                  "The issuer withdrew this assignment, so it cannot take this sheet. "
                  "Your work is kept on your device; contact the issuer if you think this is wrong.",
                  assignment_status="revoked")


_CREDENTIALS: dict[tuple[str, str], Credential] = {}


def pinned_credential(session: Session, assignment: Assignment) -> Credential:
    """The rubric version the assignment pins. Versions are immutable (the loader refuses to change a
    loaded one), so parsed credentials are kept per (id, version)."""
    key = (assignment.credential_id, assignment.credential_version)
    credential = _CREDENTIALS.get(key)
    if credential is None:
        doc = session.scalars(select(CredentialVersion.document).where(
            CredentialVersion.credential_id == key[0], CredentialVersion.version == key[1])).one()
        credential = credential_from_achievement(doc)
        if len(_CREDENTIALS) > 1024:
            _CREDENTIALS.clear()
        _CREDENTIALS[key] = credential
    return credential


def _check_levels(credential: Credential, levels: Mapping[str, str], feedback: Mapping[str, str]) -> None:
    rubric = credential.rubric
    for criterion_id, level_id in levels.items():
        try:
            criterion = rubric.criterion(criterion_id)
        except DomainError:
            raise _invalid("unknown-criterion", f"Criterion {criterion_id!r} is not part of {credential.id} "
                           f"version {credential.version}.") from None
        try:
            criterion.level(level_id)
        except DomainError:
            raise _invalid("unknown-level", f"Level {level_id!r} is not a level of criterion {criterion_id!r} in "
                           f"{credential.id} version {credential.version}.") from None
    for criterion_id in feedback:
        try:
            rubric.criterion(criterion_id)
        except DomainError:
            raise _invalid("unknown-criterion", f"Feedback names criterion {criterion_id!r}, which is not part of "
                           f"{credential.id} version {credential.version}.") from None


MAX_DEVICE_SEQ = 2**53  # JSON-safe and far below BIGINT


def pushed_device_ids(push: ScoreSheetPush) -> set[str]:
    """The devices whose keys the checks need (read before the checks, in the request's first transaction)."""
    ids = {e.get("device_id") for e in push.events if isinstance(e, dict)}
    return {d for d in ids if isinstance(d, str)} | {link.device_id for link in push.chain}


def _check_signature(keys: Mapping[str, Verifier], device_id: str, event_hash: str, signature: str | None,
                     what: str) -> None:
    verifier = keys.get(device_id)
    if verifier is None:
        raise _invalid("unknown-device", f"{what} comes from device {device_id}, which has no registered key; "
                       "sign in again on that device to register it, then sync.")
    if not signature:
        raise _invalid("unsigned-event", f"{what} carries no signature by its device's key; this version of the "
                       "app cannot send to this issuer: update the app and sync again.")
    if not verifier.verifies_event(event_hash, signature):
        raise _invalid("bad-signature", f"{what} is not signed by the key registered for device {device_id}; "
                       "it was altered or signed by another key, so the issuer cannot accept it.")


def _check_links(push: ScoreSheetPush, keys: Mapping[str, Verifier]) -> tuple[ChainLink, ...]:
    for link in push.chain:
        _check_signature(keys, link.device_id, link.hash, link.signature,
                         f"The chain link of device {link.device_id} #{link.device_seq}")
    return tuple(push.chain)


def _events(push: ScoreSheetPush, assignment_id: str, keys: Mapping[str, Verifier]) -> list[ScoreEvent]:
    events: list[ScoreEvent] = []
    seen: set[str] = set()
    for index, raw in enumerate(push.events):
        try:
            event = ScoreEvent.from_dict(raw)
            if not all(isinstance(getattr(event, name), str) for name in ("id", "sheet_id", "assignment_id", "field",
                                                                          "hash", "prev_hash", "at", "actor",
                                                                          "device_id")) \
                    or type(event.device_seq) is not int or not 1 <= event.device_seq <= MAX_DEVICE_SEQ \
                    or not 1 <= len(event.device_id) <= 128 \
                    or not (event.signature is None or isinstance(event.signature, str)):
                raise TypeError("wrong member types")
        except TypeError:
            raise _invalid("malformed-event", f"Event #{index + 1} is not a complete score event "
                           "(id, sheet_id, assignment_id, actor, device_id, device_seq, at, field, old, new, "
                           "reason, prev_hash, hash, signature).") from None
        if event.id in seen:
            raise _invalid("duplicate-event", f"Event {event.id} appears twice in the push.")
        seen.add(event.id)
        if event.sheet_id != push.sheet_id or event.assignment_id != assignment_id:
            raise _invalid("foreign-event", f"Event {event.id} belongs to another sheet or assignment.")
        if not event.verifies():
            raise _invalid("event-hash-mismatch", f"Event {event.id} (#{index + 1}) does not match its hash; "
                           "the score history was altered or corrupted.")
        _check_signature(keys, event.device_id, event.hash, event.signature,
                         f"Event {event.id} (device {event.device_id} #{event.device_seq})")
        events.append(event)
    return events


def _non_empty(mapping: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v not in (None, "")}


def _replay(push: ScoreSheetPush, credential: Credential, assignment_id: str, events: list[ScoreEvent]) -> ScoreSheet:
    """The domain's fold, event by event, so a change after submit without a reason code is named."""
    sheet = ScoreSheet(push.sheet_id, assignment_id, credential.id, credential.version)
    for event in events:
        try:
            sheet = sheet.apply(event)
        except SheetLocked as exc:
            why = post_submit_reason_problem(event.reason) or str(exc)
            raise _invalid("change-after-submit-needs-reason",
                           f"Event {event.id} changes {event.field!r} after the sheet was submitted. {why}") from None
    return sheet


def check_push(credential: Credential, assignment: Assignment, push: ScoreSheetPush,
               keys: Mapping[str, Verifier]) -> CheckedSheet:
    """Every rule a sheet must pass on its own before the issuer takes it; raises 409/422 problems. ``keys``:
    the registered keys of the devices it names (``pushed_device_ids``)."""
    refuse_if_closed(assignment)
    if (push.credential_id, push.credential_version) != (assignment.credential_id, assignment.credential_version):
        raise _invalid("wrong-credential-version",
                       f"This assignment is pinned to {assignment.credential_id} version "
                       f"{assignment.credential_version}, but the sheet was made under {push.credential_id} "
                       f"version {push.credential_version}; rescore under the pinned version.")
    _check_levels(credential, push.levels, push.feedback)
    derived = credential.rubric.decide(push.levels)
    if derived is None:
        missing = [c.name for c in credential.rubric.criteria if c.id not in push.levels]
        raise _invalid("incomplete-sheet", "The sheet is incomplete: " + ", ".join(f"“{m}”" for m in missing)
                       + " has no level yet.")
    if push.recommendation != derived.value and not (push.override_reason or "").strip():
        raise _invalid("recommendation-contradicts-rule",
                       f"The recommendation {push.recommendation!r} contradicts the rubric's decision rule "
                       f"({derived.value!r}); give an override_reason or follow the rule.")
    events = _events(push, assignment.id, keys)
    links = _check_links(push, keys)
    try:
        sheet = _replay(push, credential, assignment.id, events)
        replayed_recommendation = sheet.recommendation(credential)
        anchors = {a["id"]: EvidenceAnchor.from_dict(a).to_dict() for a in push.anchors}
    except (DomainError, KeyError, TypeError, ValueError) as exc:
        raise _invalid("events-do-not-replay", f"The score events cannot be replayed: {exc}") from None
    mismatches = []
    if dict(sheet.levels) != push.levels:
        mismatches.append("levels")
    if _non_empty(sheet.feedback) != _non_empty(push.feedback):
        mismatches.append("feedback")
    if sheet.overall_feedback != push.overall_feedback:
        mismatches.append("overall_feedback")
    if {k: v.to_dict() for k, v in sheet.anchors.items()} != anchors:
        mismatches.append("anchors")
    if replayed_recommendation is None or replayed_recommendation.value != push.recommendation:
        mismatches.append("recommendation")
    if mismatches:
        raise _invalid("events-disagree-with-sheet", "Replaying the score events does not reproduce the sheet's "
                       + ", ".join(mismatches) + "; push the complete event history of this sheet.")
    problems = sheet.submission_problems(credential)
    if problems:
        raise _invalid("incomplete-sheet", "The sheet is not ready to submit: " + " ".join(problems))
    return CheckedSheet(sheet, events, derived.value, links)
