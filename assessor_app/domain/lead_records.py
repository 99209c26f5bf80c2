"""The lead's records as export tables, beside the dashboard's figures (docs/LEAD.md "Export"): every adjudication
with both original reads and the resolution, the qualification report, and each calibration or validity read
against the master scores.

One row per criterion (and one for the decision) so a spreadsheet can filter and pivot; levels appear in the
rubric's words with their position (1 = lowest) so differences can be computed without the rubric at hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assessor_app.domain.errors import DomainError
from assessor_app.domain.lead_adjudication import AdjudicationDetail, decision_label
from assessor_app.domain.lead_reads import LeadRead
from assessor_app.domain.rubric import Credential

Table = list[list[object]]

ADJUDICATION_COLUMNS = (
    "adjudication", "submission", "credential version", "status", "opened at", "why it was opened", "criterion",
    "first read by", "first read", "second read by", "second read", "resolved", "resolved by", "resolved at",
    "resolution reason")
CALIBRATION_COLUMNS = (
    "assessor", "submission", "kind", "received at", "criterion", "assessor's level", "assessor's position",
    "master level", "master position", "difference (positions)", "exact")
QUALIFICATION_COLUMNS = (
    "assessor", "calibration items", "criterion scores", "exact agreement", "adjacent agreement", "qualified",
    "explanation")


def _level(credential: Credential, criterion_id: str, level_id: str | None) -> tuple[str, int | None]:
    """The level's label and 1-based position; an unknown id (another rubric version) is shown as it is."""
    if not level_id:
        return "", None
    try:
        criterion = credential.rubric.criterion(criterion_id)
        return criterion.level(level_id).label, criterion.rank(level_id) + 1
    except (DomainError, KeyError, ValueError):
        return level_id, None


def adjudication_table(credential: Credential, details: Sequence[AdjudicationDetail]) -> Table:
    """Both original reads and the resolution of every adjudication, criterion by criterion, then the decision."""
    rows: Table = [list(ADJUDICATION_COLUMNS)]
    for d in details:
        item, resolution = d.item, d.item.resolution
        resolved_levels: Mapping[str, str] = resolution.get("levels") or {}
        head = [item.id, item.submission_id, item.credential_version, item.status, item.opened_at,
                "; ".join(item.reasons)]
        tail = [str(resolution.get("resolved_by") or ""), str(resolution.get("resolved_at") or ""),
                str(resolution.get("reason") or "")]
        for criterion in credential.rubric.criteria:
            cid = criterion.id
            rows.append([*head, criterion.name, d.first.assessor, _level(credential, cid, d.first.levels.get(cid))[0],
                         d.second.assessor, _level(credential, cid, d.second.levels.get(cid))[0],
                         _level(credential, cid, resolved_levels.get(cid))[0], *tail])
        resolved = decision_label(resolution.get("decision")) if resolution else ""
        rows.append([*head, "Decision", d.first.assessor, decision_label(d.first.decision), d.second.assessor,
                     decision_label(d.second.decision), resolved, *tail])
    return rows


def calibration_table(credential: Credential, reads: Sequence[LeadRead]) -> Table:
    """Every read of an item with master scores (calibration and validity alike: leads see both)."""
    rows: Table = [list(CALIBRATION_COLUMNS)]
    mastered = sorted((r for r in reads if r.master_levels), key=lambda r: (r.assessor, r.received_at,
                                                                            r.submission_id))
    for read in mastered:
        master = read.master_levels or {}
        for criterion in credential.rubric.criteria:
            own, own_at = _level(credential, criterion.id, read.levels.get(criterion.id))
            ref, ref_at = _level(credential, criterion.id, master.get(criterion.id))
            both = own_at is not None and ref_at is not None
            rows.append([read.assessor, read.submission_id, read.kind, read.received_at, criterion.name,
                         own, own_at, ref, ref_at, own_at - ref_at if both else None,
                         (own_at == ref_at) if both else None])
    return rows


def qualification_table(report: Mapping[str, Any]) -> Table:
    """The issuer's qualification report: one row per assessor (shares as fractions 0-1), then the rule."""
    rows: Table = [list(QUALIFICATION_COLUMNS)]
    for item in report.get("items", []):
        rows.append([str(item.get("assessor", "")), item.get("items"), item.get("criteria_scored"),
                     item.get("exact"), item.get("adjacent"), "yes" if item.get("passed") else "not yet",
                     str(item.get("explanation") or "")])
    enforced = "enforced before live work" if report.get("required") else "shown for information, not enforced"
    rows += [[], ["rule", f"{report.get('rule') or 'not stated by the issuer'} ({enforced})"]]
    return rows
