"""The issuer's side of assignments: create, revoke, reassign, distribute, and review received sheets.

Each operation that changes what an assessor sees stamps the row with a new feed sequence number.
Reassigning revokes the old row (reason ``reassigned``) and creates a new one for the new assessor,
so the old assessor's pushes get a clear 409 and the new one's feed shows a fresh assignment.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assessor_app.domain.assignment import AssignmentKind
from assessor_app.domain.clock import utc_now
from issuer_server import lead_policy
from issuer_server.audit import record as audit_record
from issuer_server.errors import Conflict, IssuerError, NotFound
from issuer_server.feed import next_seq
from issuer_server.models import Assignment, ReceivedSheet, Submission, User


def _user(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFound(f"There is no user {username!r}; add it with 'issuer-server add-user'.")
    return user


def _assignment(session: Session, assignment_id: str) -> Assignment:
    row = session.get(Assignment, assignment_id)
    if row is None:
        raise NotFound(f"There is no assignment {assignment_id!r}; list them with 'issuer-server decisions'.")
    return row


def assign(session: Session, submission_id: str, assessor: str, kind: str = "live", *,
           due_at: str | None = None, assignment_id: str | None = None) -> Assignment:
    submission = session.get(Submission, submission_id)
    if submission is None:
        raise NotFound(f"There is no submission {submission_id!r}; load the program that holds it first.")
    try:
        kind = AssignmentKind(kind).value
    except ValueError:
        raise IssuerError(f"Unknown assignment kind {kind!r}; use one of "
                          f"{', '.join(k.value for k in AssignmentKind)}.") from None
    user = _user(session, assessor)
    if "assessor" not in user.role_list and "lead" not in user.role_list:
        raise IssuerError(f"User {assessor!r} is not an assessor; give them the role with add-user --role assessor.")
    active = session.scalars(select(Assignment).where(
        Assignment.submission_id == submission_id, Assignment.assessor_id == user.id,
        Assignment.status == "assigned")).first()
    if active is not None:
        raise Conflict(f"{assessor!r} already has assignment {active.id} for submission {submission_id!r}.")
    # Lead scoring (docs/LEAD.md): live work and second reads only for qualified assessors, when required.
    lead_policy.refuse_unqualified(session, user, submission.credential_id, submission.credential_version, kind)
    if assignment_id and session.get(Assignment, assignment_id) is not None:
        raise Conflict(f"Assignment id {assignment_id!r} is already used.")
    now = utc_now()
    row = Assignment(id=assignment_id or str(uuid.uuid4()), submission_id=submission_id,
                     credential_id=submission.credential_id, credential_version=submission.credential_version,
                     assessor_id=user.id, kind=kind, status="assigned", status_reason=None, replaced_by=None,
                     due_at=due_at, created_at=now, updated_at=now, change_seq=next_seq(session), sheet_round=0)
    session.add(row)
    session.flush()
    return row


def revoke(session: Session, assignment_id: str, reason: str = "revoked") -> Assignment:
    row = _assignment(session, assignment_id)
    if row.status == "revoked":
        raise Conflict(f"Assignment {assignment_id} is already revoked.")
    row.status, row.status_reason = "revoked", reason
    row.updated_at, row.change_seq = utc_now(), next_seq(session)
    return row


def reassign(session: Session, assignment_id: str, to_user: str) -> Assignment:
    """Revoke ``assignment_id`` and give its submission to ``to_user`` as a new assignment (returned)."""
    old = _assignment(session, assignment_id)
    if old.status == "revoked":
        raise Conflict(f"Assignment {assignment_id} is revoked; assign the submission afresh instead.")
    if _user(session, to_user).id == old.assessor_id:
        raise Conflict(f"Assignment {assignment_id} already belongs to {to_user!r}.")
    revoke(session, assignment_id, reason="reassigned")
    new = assign(session, old.submission_id, to_user, old.kind, due_at=old.due_at)
    old.replaced_by = new.id
    return new


@dataclass(frozen=True, slots=True)
class Planned:
    submission_id: str
    assessor: str
    kind: str


def plan_all(session: Session, assessors: Sequence[str], second_read_share: float | None, seed: int) -> list[Planned]:
    """Give every submission without an active assignment to the least-loaded assessor; a seeded
    share of them also gets a blind second read by a different assessor. The share is the credential's
    policy (docs/LEAD.md) unless ``second_read_share`` overrides it for every credential; when the policy
    requires qualification, only qualified assessors are planned (a submission nobody may score yet is skipped)."""
    if not assessors:
        raise IssuerError("Name at least one assessor with --assessors a,b,c.")
    if second_read_share is not None and not 0 <= second_read_share <= 1:
        raise IssuerError("--second-read-share must be between 0 and 1.")
    if second_read_share is not None and second_read_share > 0 and len(set(assessors)) < 2:
        raise IssuerError("Second reads need at least two different assessors.")
    policies: dict[str, lead_policy.Policy] = {}
    eligible: dict[tuple[str, str], set[str]] = {}
    users = {name: _user(session, name) for name in assessors}

    def policy_of(credential_id: str) -> lead_policy.Policy:
        if credential_id not in policies:
            policies[credential_id] = lead_policy.policy(session, credential_id)
        return policies[credential_id]

    def qualified(credential_id: str, version: str) -> set[str]:
        """Assessors who may get live work on the credential version (docs/LEAD.md)."""
        if (credential_id, version) not in eligible:
            names = set(assessors)
            if policy_of(credential_id).requires_qualification:
                names = {n for n in names if lead_policy.qualification(
                    session, users[n].id, credential_id, version).passed}
            eligible[(credential_id, version)] = names
        return eligible[(credential_id, version)]

    taken = set(session.scalars(select(Assignment.submission_id).where(Assignment.status == "assigned")))
    load = {name: 0 for name in assessors}
    counts = session.execute(select(User.username, func.count()).join(Assignment, Assignment.assessor_id == User.id)
                             .where(Assignment.status == "assigned").group_by(User.username))
    for name, count in counts:
        if name in load:
            load[name] = int(count)
    rng = random.Random(seed)
    plan: list[Planned] = []
    for submission_id, credential_id, version in session.execute(
            select(Submission.id, Submission.credential_id, Submission.credential_version).order_by(Submission.id)):
        candidates = qualified(credential_id, version)
        if submission_id in taken or not candidates:  # nobody qualified yet: left for a later run
            continue
        first = min(candidates, key=lambda n: (load[n], n))
        load[first] += 1
        plan.append(Planned(submission_id, first, "live"))
        share = policy_of(credential_id).second_read_share if second_read_share is None else second_read_share
        others = candidates - {first}
        if rng.random() < share and others:
            second = min(others, key=lambda n: (load[n], n))
            load[second] += 1
            plan.append(Planned(submission_id, second, "second_read"))
    return plan


def assign_all(session: Session, assessors: Sequence[str], second_read_share: float | None = None,
               seed: int = 0) -> list[Assignment]:
    return [assign(session, p.submission_id, p.assessor, p.kind)
            for p in plan_all(session, assessors, second_read_share, seed)]


def latest_sheet(session: Session, assignment: Assignment) -> ReceivedSheet | None:
    return session.scalars(select(ReceivedSheet).where(ReceivedSheet.assignment_id == assignment.id)
                           .order_by(ReceivedSheet.round.desc()).limit(1)).first()


def review(session: Session, assignment_id: str, decision: str, note: str, reviewer: str) -> tuple[Assignment,
                                                                                                     ReceivedSheet]:
    """Accept or return the assignment's current sheet; a return opens the assignment for a new sheet."""
    row = _assignment(session, assignment_id)
    if row.status == "revoked":
        raise Conflict(f"Assignment {assignment_id} is revoked; there is nothing to review.")
    sheet = latest_sheet(session, row)
    if sheet is None or sheet.round != row.sheet_round:
        raise Conflict(f"Assignment {assignment_id} has no score sheet waiting for review.")
    if sheet.review_decision is not None:
        raise Conflict(f"The sheet of assignment {assignment_id} was already {sheet.review_decision}.")
    decided = {"accept": "accepted", "return": "returned"}.get(decision)
    if decided is None:
        raise IssuerError("The decision must be 'accept' or 'return'.")
    now = utc_now()
    sheet.review_decision, sheet.review_note, sheet.reviewed_at, sheet.reviewed_by = decided, note, now, reviewer
    row.review_decision, row.review_note, row.reviewed_at = decided, note, now
    if decided == "returned":
        row.sheet_round += 1
    row.updated_at, row.change_seq = now, next_seq(session)
    audit_record.sheet_reviewed(session, sheet)  # the audit log's "review" entry, in this transaction
    return row, sheet


def pending(session: Session) -> list[tuple[Assignment, ReceivedSheet, str]]:
    rows = session.execute(
        select(Assignment, ReceivedSheet, User.username)
        .join(ReceivedSheet, (ReceivedSheet.assignment_id == Assignment.id)
              & (ReceivedSheet.round == Assignment.sheet_round))
        .join(User, User.id == Assignment.assessor_id)
        .where(Assignment.status == "assigned", ReceivedSheet.review_decision.is_(None))
        .order_by(ReceivedSheet.received_at))
    return [(a, s, u) for a, s, u in rows]
