"""What an auditor reads: the timeline of a submission in the rubric's own words, the sheet as it stood at a
moment, and what changed between two moments.

Field paths become labels from the rubric version the sheet was made under (criterion names, level names),
so a timeline row reads "Planning: objective and questions — level: Developing → Proficient". The sheet as
of a moment is the domain's own fold (``ScoreSheet.apply``) over the events up to that moment, by the
device's clock (when the assessor made the change) or the issuer's (when it arrived).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from assessor_app.domain.anchors import EvidenceAnchor
from assessor_app.domain.audit_history import DECISION, REVIEW, SCORE_EVENT, History, HistoryEvent, LogItem
from assessor_app.domain.clock import parse_instant
from assessor_app.domain.errors import DomainError
from assessor_app.domain.rubric import Credential, Recommendation
from assessor_app.domain.score_sheet import ScoreSheet

DEVICE_CLOCK, SERVER_CLOCK = "device", "server"
_RECOMMENDATIONS = {"earned": "Earned", "not_yet": "Not Yet"}


@dataclass(frozen=True, slots=True)
class TimelineRow:
    kind: str  # score-event | decision | review
    assignment_id: str
    who: str
    device_time: str | None  # when the assessor's device says the change was made
    server_time: str | None  # when the issuer received (or, for a review, recorded) it
    field: str  # the raw field path ("" for decisions and reviews)
    label: str  # the field in the rubric's words
    old: str
    new: str
    reason: str
    rubric_version: str
    log_index: int | None
    event_id: str | None = None
    device: str = ""  # "<device id> #<seq>"

    @property
    def sort_key(self) -> tuple[datetime, int]:
        moment = self.device_time or self.server_time
        return (_instant(moment), self.log_index if self.log_index is not None else 1 << 62)


_LAST = datetime.max.replace(tzinfo=UTC)


def _instant(text: str | None) -> datetime:
    try:
        return parse_instant(text) if text else _LAST
    except ValueError:
        return _LAST


# --- labels --------------------------------------------------------------------------------------
def field_label(credential: Credential | None, path: str) -> str:
    """A field path in the rubric's words."""
    if path.startswith("criteria."):
        _, criterion_id, leaf = [*path.split(".", 2), "", ""][:3]
        return f"{_criterion_name(credential, criterion_id)} — {leaf}"
    if path.startswith("anchors."):
        return "Evidence citation"
    return {"overall_feedback": "Overall feedback", "recommendation": "Recommendation override",
            "status": "Sheet status"}.get(path, path)


def value_text(credential: Credential | None, path: str, value: Any) -> str:
    """A field's value in the rubric's words (level names, Earned / Not Yet, citations)."""
    if value is None:
        return {"recommendation": "follows the rule"}.get(path, "—")
    if path.startswith("criteria.") and path.endswith(".level"):
        criterion_id = path.split(".", 2)[1]
        return _level_name(credential, criterion_id, str(value))
    if path == "recommendation":
        return _RECOMMENDATIONS.get(str(value), str(value))
    if path == "status":
        return {"draft": "Draft", "submitted": "Submitted"}.get(str(value), str(value))
    if path.startswith("anchors.") and isinstance(value, dict):
        try:
            anchor = EvidenceAnchor.from_dict(value)
        except DomainError:
            return str(value)
        text = anchor.selector.citation()
        return f"{text}: {anchor.note}" if anchor.note else text
    return str(value) if value != "" else "—"


def _criterion_name(credential: Credential | None, criterion_id: str) -> str:
    if credential is not None:
        try:
            return credential.rubric.criterion(criterion_id).name
        except DomainError:
            pass
    return f"Criterion {criterion_id}"


def _level_name(credential: Credential | None, criterion_id: str, level_id: str) -> str:
    if credential is not None:
        try:
            return credential.rubric.criterion(criterion_id).level(level_id).label
        except DomainError:
            pass
    return level_id


# --- the timeline --------------------------------------------------------------------------------
def timeline(history: History) -> list[TimelineRow]:
    """Every score event, decision and review of the submission, ordered by when it happened."""
    rows = [_event_row(history, item) for item in history.events]
    rows += [_decision_row(history, item) for item in history.decisions]
    rows += [_review_row(history, item) for item in history.reviews]
    return sorted(rows, key=lambda r: r.sort_key)


def _event_row(history: History, item: HistoryEvent) -> TimelineRow:
    event = item.event
    version = history.rubric_version(event.assignment_id)
    credential = history.credential(version)
    return TimelineRow(SCORE_EVENT, event.assignment_id, event.actor, event.at, item.received_at, event.field,
                       field_label(credential, event.field), value_text(credential, event.field, event.old),
                       value_text(credential, event.field, event.new), event.reason or "", version, item.log_index,
                       event.id, f"{event.device_id} #{event.device_seq}")


def _decision_row(history: History, item: LogItem) -> TimelineRow:
    raw = item.raw
    recommendation = _RECOMMENDATIONS.get(str(raw.get("recommendation")), str(raw.get("recommendation")))
    derived = _RECOMMENDATIONS.get(str(raw.get("derived_recommendation")), "")
    new = recommendation if not derived or derived == recommendation \
        else f"{recommendation} (the rule gives {derived})"
    return TimelineRow(DECISION, item.assignment_id, str(raw.get("assessor", "")), None,
                       str(raw.get("received_at") or "") or None, "", "Decision received" + _round(raw),
                       "", new, str(raw.get("override_reason") or ""), history.rubric_version(item.assignment_id),
                       item.log_index)


def _review_row(history: History, item: LogItem) -> TimelineRow:
    raw = item.raw
    decision = {"accepted": "Accepted", "returned": "Returned for rescoring"}.get(str(raw.get("decision")),
                                                                                   str(raw.get("decision")))
    return TimelineRow(REVIEW, item.assignment_id, str(raw.get("reviewed_by", "")), None,
                       str(raw.get("reviewed_at") or "") or None, "", "Issuer review" + _round(raw),
                       "", decision, str(raw.get("note") or ""), history.rubric_version(item.assignment_id),
                       item.log_index)


def _round(raw: Any) -> str:
    """Sheets are counted from round 0 at the issuer; a later round follows a return for rescoring."""
    try:
        later = int(raw.get("round") or 0)
    except (TypeError, ValueError):
        return ""
    return f" (round {later + 1})" if later else ""


# --- the sheet at a moment -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SheetLine:
    key: str  # stable across moments, for diffs
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class SheetAsOf:
    assignment_id: str
    moment: str
    clock: str
    events_applied: int
    lines: tuple[SheetLine, ...]
    problem: str | None = None  # set when an event could not be folded (the history is damaged)

    def value(self, key: str) -> str | None:
        return next((line.value for line in self.lines if line.key == key), None)


def _happened_by(item: HistoryEvent, clock: str, moment: datetime) -> bool:
    stamp = item.event.at if clock == DEVICE_CLOCK else item.received_at
    try:
        return parse_instant(stamp) <= moment
    except ValueError:
        return False


def sheet_as_of(history: History, assignment_id: str, moment: str, clock: str = DEVICE_CLOCK) -> SheetAsOf:
    """The assignment's sheet as it stood at ``moment`` (RFC 3339) by the device's or the issuer's clock."""
    when = parse_instant(moment)
    version = history.rubric_version(assignment_id)
    credential = history.credential(version)
    events = [e for e in history.events_of(assignment_id) if _happened_by(e, clock, when)]
    sheet_id = events[0].event.sheet_id if events else ""
    sheet = ScoreSheet(sheet_id, assignment_id, history.credential_id, version)
    problem = None
    applied = 0
    for item in events:
        try:
            sheet = sheet.apply(item.event)
        except (DomainError, ValueError, TypeError, KeyError) as exc:
            problem = f"Event {item.event.id} (log entry #{item.log_index}) cannot be applied: {exc}"
            break
        applied += 1
    return SheetAsOf(assignment_id, moment, clock, applied, tuple(sheet_lines(sheet, credential)), problem)


def sheet_lines(sheet: ScoreSheet, credential: Credential | None) -> list[SheetLine]:
    """The sheet as labelled lines: each criterion's level and feedback, overall feedback, citations,
    the recommendation (override or what the rule derives) and the status."""
    lines: list[SheetLine] = []
    criterion_ids = [c.id for c in credential.rubric.criteria] if credential else sorted(
        set(sheet.levels) | set(sheet.feedback))
    for criterion_id in criterion_ids:
        name = _criterion_name(credential, criterion_id)
        level = sheet.levels.get(criterion_id)
        lines.append(SheetLine(f"criteria.{criterion_id}.level", f"{name} — level",
                               _level_name(credential, criterion_id, level) if level else "—"))
        lines.append(SheetLine(f"criteria.{criterion_id}.feedback", f"{name} — feedback",
                               sheet.feedback.get(criterion_id) or "—"))
    lines.append(SheetLine("overall_feedback", "Overall feedback", sheet.overall_feedback or "—"))
    citations = "; ".join(value_text(credential, "anchors.", a.to_dict()) for a in sheet.anchors.values())
    lines.append(SheetLine("anchors", "Evidence citations", citations or "—"))
    lines.append(SheetLine("recommendation", "Recommendation", _recommendation_text(sheet, credential)))
    lines.append(SheetLine("status", "Sheet status", "Submitted" if sheet.submitted else "Draft"))
    return lines


def _recommendation_text(sheet: ScoreSheet, credential: Credential | None) -> str:
    derived: Recommendation | None = None
    if credential is not None:
        try:
            derived = sheet.derived_recommendation(credential)
        except DomainError:
            derived = None
    if sheet.override is not None:
        text = f"{sheet.override.label} (override"
        return text + (f": {sheet.override_reason})" if sheet.override_reason else ")")
    return f"{derived.label} (by the rule)" if derived else "— (not every criterion is scored)"


@dataclass(frozen=True, slots=True)
class SheetDifference:
    key: str
    label: str
    before: str
    after: str


def diff(before: SheetAsOf, after: SheetAsOf) -> list[SheetDifference]:
    """The lines whose value differs between two moments, in sheet order."""
    earlier = {line.key: line for line in before.lines}
    changes: list[SheetDifference] = []
    for line in after.lines:
        old = earlier.get(line.key)
        old_value = old.value if old else "—"
        if old_value != line.value:
            changes.append(SheetDifference(line.key, line.label, old_value, line.value))
    return changes
