"""The assessor's delta feed: every change to what an assessor sees of an assignment gets a new,
strictly increasing sequence number; the cursor is that number, opaque to clients.

The number comes from a one-row counter updated inside the writing transaction. Its row lock is held
to commit, so changes become visible in number order and a reader never skips one that commits late.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from issuer_server import calibration_results
from issuer_server.models import Assignment, FeedClock
from issuer_server.problems import Problem

_PREFIX = "v1:"


def next_seq(session: Session) -> int:
    return int(session.execute(update(FeedClock).where(FeedClock.id == 1).values(value=FeedClock.value + 1)
                               .returning(FeedClock.value)).scalar_one())


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not text.startswith(_PREFIX):
            raise ValueError(text)
        seq = int(text[len(_PREFIX):])
        if seq < 0:
            raise ValueError(text)
        return seq
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise Problem(400, "bad-cursor", "The cursor is not one this server issued; "
                      "start again without a cursor to get the full list.") from exc


def item(row: Assignment, calibration_result: bool = False) -> dict[str, Any]:
    """The assessor's view of an assignment: the kind stays server-side (validity and second reads are blind);
    ``calibration_result`` is true once a calibration item's result can be read (docs/LEAD.md)."""
    review = None
    if row.review_decision:
        review = {"decision": row.review_decision, "note": row.review_note or "", "at": row.reviewed_at}
    return {"id": row.id, "submission_id": row.submission_id, "credential_id": row.credential_id,
            "credential_version": row.credential_version, "status": row.status, "due_at": row.due_at,
            "updated_at": row.updated_at, "review": review, "calibration_result": calibration_result}


def page(session: Session, assessor_id: int, cursor: str | None, limit: int) -> dict[str, Any]:
    after = decode_cursor(cursor)
    rows = list(session.scalars(
        select(Assignment).where(Assignment.assessor_id == assessor_id, Assignment.change_seq > after)
        .order_by(Assignment.change_seq).limit(limit + 1)))
    has_more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1].change_seq if rows else after
    revealed = calibration_results.ready(session, rows)
    return {"items": [item(r, r.id in revealed) for r in rows], "next_cursor": encode_cursor(last),
            "has_more": has_more}
