"""Applying the issuer's assignment feed to the cache without ever losing local work.

The feed only adds assignments, refreshes what the issuer owns (due date, review, whether a calibration result
can be read) and withdraws them: a revoked assignment keeps its sheet and events, and only stops being offered
for scoring. Nothing the assessor did is overwritten by what the server sends (the opposite of "last device to
sync wins").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

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
    """One page of the feed in one transaction: one read of the known states, then batched writes."""
    new_rows: list[tuple[Any, ...]] = []
    updates: list[tuple[Any, ...]] = []
    revoked = restored = 0
    touched: set[str] = set()
    now = utc_now()
    ids = [str(item["id"]) for item in items]
    with db.write() as conn:
        known = {row[0]: AssignmentState(row[1]) for row in conn.execute(
            select(_A.c.id, _A.c.state).where(_A.c.id.in_(ids)))}
        for item in items:
            aid = str(item["id"])
            review = item.get("review") or {}
            issuer_fields = (item.get("due_at"), item.get("updated_at"), review.get("decision"), review.get("note"),
                             bool(item.get("calibration_result")))
            state = known.get(aid)
            if state is None:
                if item.get("status") == "revoked":
                    continue  # withdrawn before we ever saw it: nothing local to keep
                new_rows.append((aid, str(item["submission_id"]), str(item["credential_id"]),
                                 str(item["credential_version"]), assessor, *issuer_fields, now))
                known[aid] = AssignmentState.NEW
            else:
                target = _target_state(state, item.get("status"))
                if target is not None:
                    check_transition(state, target)
                    revoked += target is AssignmentState.REVOKED
                    restored += target is not AssignmentState.REVOKED
                    known[aid] = target
                updates.append((*issuer_fields, now, known[aid].value, aid))
            touched.add(aid)
        cursor = conn.connection.driver_connection.cursor()
        cursor.executemany(_INSERT_ASSIGNMENT, new_rows)
        cursor.executemany(_UPDATE_ASSIGNMENT, updates)
    return FeedResult(Changes(assignments=frozenset(touched)), len(new_rows), revoked, restored)


_INSERT_ASSIGNMENT = (
    "INSERT INTO assignments (id, submission_id, credential_id, credential_version, assessor, kind, state, due_at, "
    "server_updated_at, review_decision, review_note, calibration_result, updated_at) "
    "VALUES (?, ?, ?, ?, ?, 'live', 'new', ?, ?, ?, ?, ?, ?)"
)
_UPDATE_ASSIGNMENT = (
    "UPDATE assignments SET due_at = ?, server_updated_at = ?, review_decision = ?, review_note = ?, "
    "calibration_result = ?, updated_at = ?, state = ? WHERE id = ?"
)


def _target_state(state: AssignmentState, status: object) -> AssignmentState | None:
    if status == "revoked":
        return None if state is AssignmentState.REVOKED else AssignmentState.REVOKED
    if status == "assigned" and state is AssignmentState.REVOKED:
        return AssignmentState.IN_PROGRESS  # restored by the issuer: local work resumes where it was
    return None

