"""Applying the issuer's assignment feed to the cache without ever losing local work.

The feed only adds assignments, refreshes what the issuer owns (due date, review) and withdraws them: a
revoked assignment keeps its sheet and events, and only stops being offered for scoring. Nothing the assessor
did is overwritten by what the server sends (the opposite of "last device to sync wins").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update

from assessor_app.domain.assignment import AssignmentState, check_transition
from assessor_app.domain.clock import utc_now
from assessor_app.store.changes import Changes
from assessor_app.store.database import Database
from assessor_app.store.schema import AssignmentRow

_A = AssignmentRow.__table__


@dataclass(frozen=True, slots=True)
class FeedResult:
    changes: Changes
    new: int = 0
    revoked: int = 0
    restored: int = 0


def apply_feed_items(db: Database, assessor: str, items: list[dict[str, Any]]) -> FeedResult:
    new = revoked = restored = 0
    touched: set[str] = set()
    now = utc_now()
    with db.write() as conn:
        for item in items:
            aid = str(item["id"])
            review = item.get("review") or {}
            known = conn.execute(select(_A.c.state).where(_A.c.id == aid)).first()
            issuer_fields = dict(due_at=item.get("due_at"), server_updated_at=item.get("updated_at"),
                                 review_decision=review.get("decision"), review_note=review.get("note"),
                                 updated_at=now)
            if known is None:
                if item.get("status") == "revoked":
                    continue  # withdrawn before we ever saw it: nothing local to keep
                conn.execute(insert(_A).values(
                    id=aid, submission_id=str(item["submission_id"]), credential_id=str(item["credential_id"]),
                    credential_version=str(item["credential_version"]), assessor=assessor, kind="live",
                    state=AssignmentState.NEW.value, **issuer_fields))
                new += 1
            else:
                state = AssignmentState(known[0])
                target = _target_state(state, item.get("status"))
                values = dict(issuer_fields)
                if target is not None:
                    check_transition(state, target)
                    values["state"] = target.value
                    revoked += target is AssignmentState.REVOKED
                    restored += target is not AssignmentState.REVOKED
                conn.execute(update(_A).where(_A.c.id == aid).values(**values))
            touched.add(aid)
    return FeedResult(Changes(assignments=frozenset(touched)), new, revoked, restored)


def _target_state(state: AssignmentState, status: object) -> AssignmentState | None:
    if status == "revoked":
        return None if state is AssignmentState.REVOKED else AssignmentState.REVOKED
    if status == "assigned" and state is AssignmentState.REVOKED:
        return AssignmentState.IN_PROGRESS  # restored by the issuer: local work resumes where it was
    return None

