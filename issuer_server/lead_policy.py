"""A credential's lead-scoring policy and master scores, and what they decide (docs/LEAD.md): the share of live
work that gets a blind second read, the discrepancy rule, and whether an assessor is qualified for live work.

The rules themselves are the domain's (``assessor_app.domain.calibration``); this module only reads the
issuer's rows into them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessor_app.domain.calibration import DiscrepancyRule, QualificationResult, QualificationRule
from assessor_app.domain.rubric import Credential
from assessor_app.domain.wire import credential_from_achievement
from issuer_server.errors import IssuerError
from issuer_server.models import Assignment, CredentialPolicy, CredentialVersion, MasterScore, ReceivedSheet, User

LIVE_KINDS = ("live", "second_read")


@dataclass(frozen=True, slots=True)
class Policy:
    """A credential's policy; credentials without a row get the defaults (no second reads, no qualification)."""

    second_read_share: float = 0.0
    max_steps: int = 1
    on_decision: bool = True
    min_exact: float = 0.8
    min_items: int = 1
    requires_qualification: bool = False

    @property
    def discrepancy(self) -> DiscrepancyRule:
        return DiscrepancyRule(max_steps=self.max_steps, on_decision=self.on_decision)

    @property
    def qualification(self) -> QualificationRule:
        return QualificationRule(min_exact=self.min_exact, min_items=self.min_items)

    def to_json(self) -> dict[str, Any]:
        return {"second_read_share": self.second_read_share, "max_steps": self.max_steps,
                "on_decision": self.on_decision,
                "qualification": {"min_exact": self.min_exact, "min_items": self.min_items,
                                  "required": self.requires_qualification},
                "discrepancy_rule": self.discrepancy.describe(), "qualification_rule": self.qualification.describe()}


def policy(session: Session, credential_id: str) -> Policy:
    row = session.get(CredentialPolicy, credential_id)
    if row is None:
        return Policy()
    return Policy(row.second_read_share, row.max_steps, row.on_decision, row.qualification_min_exact,
                  row.qualification_min_items, row.requires_qualification)


def credential(session: Session, credential_id: str, version: str) -> Credential:
    doc = session.scalars(select(CredentialVersion.document).where(
        CredentialVersion.credential_id == credential_id, CredentialVersion.version == version)).first()
    if doc is None:
        raise IssuerError(f"Credential {credential_id!r} version {version!r} is not loaded.")
    return credential_from_achievement(doc)


def latest_version(session: Session, credential_id: str) -> CredentialVersion | None:
    return session.scalars(select(CredentialVersion).where(CredentialVersion.credential_id == credential_id)
                           .order_by(CredentialVersion.row_id.desc()).limit(1)).first()


def latest_sheets(session: Session, assignment_ids: list[str]) -> dict[str, ReceivedSheet]:
    """The most recent received sheet of each assignment that has one."""
    found: dict[str, ReceivedSheet] = {}
    if not assignment_ids:
        return found
    for sheet in session.scalars(select(ReceivedSheet).where(ReceivedSheet.assignment_id.in_(assignment_ids))
                                 .order_by(ReceivedSheet.round)):
        found[sheet.assignment_id] = sheet
    return found


def levels_of(sheet: ReceivedSheet) -> dict[str, str]:
    return {str(k): str(v) for k, v in (sheet.body.get("levels") or {}).items()}


def calibration_reads(session: Session, assessor_id: int, credential_id: str, version: str
                      ) -> list[tuple[Mapping[str, str], Mapping[str, str]]]:
    """(the assessor's levels, the master levels) for every calibration item of that credential version the
    assessor has handed in."""
    rows = session.execute(select(Assignment.id, MasterScore.levels)
                           .join(MasterScore, MasterScore.submission_id == Assignment.submission_id)
                           .where(Assignment.assessor_id == assessor_id, Assignment.kind == "calibration",
                                  Assignment.credential_id == credential_id,
                                  Assignment.credential_version == version)).all()
    sheets = latest_sheets(session, [assignment_id for assignment_id, _ in rows])
    return [(levels_of(sheets[assignment_id]), master) for assignment_id, master in rows if assignment_id in sheets]


def qualification(session: Session, assessor_id: int, credential_id: str, version: str) -> QualificationResult:
    rule = policy(session, credential_id).qualification
    return rule.evaluate(credential(session, credential_id, version),
                         calibration_reads(session, assessor_id, credential_id, version))


def refuse_unqualified(session: Session, user: User, credential_id: str, version: str, kind: str) -> None:
    """``assign`` calls this: live work and second reads need a qualified assessor when the policy says so."""
    if kind not in LIVE_KINDS or not policy(session, credential_id).requires_qualification:
        return
    result = qualification(session, user.id, credential_id, version)
    if not result.passed:
        raise IssuerError(f"{user.username!r} is not yet qualified for live work on {credential_id!r} "
                          f"version {version!r}: {result.explanation} Assign calibration items first.")
