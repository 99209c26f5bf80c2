"""A device's score events in chain order, across sheets: what a push needs to link the events it carries to
what the issuer already holds of that device (docs/AUDIT.md, "Pushing events")."""

from __future__ import annotations

from sqlalchemy import select

from assessor_app.domain.score_events import ScoreEvent
from assessor_app.store.database import Database
from assessor_app.store.schema import ScoreEventRow

_EVENTS = ScoreEventRow.__table__


def device_events(db: Database, device_id: str, after_seq: int, up_to_seq: int) -> list[ScoreEvent]:
    """The device's events with ``after_seq < device_seq <= up_to_seq``, in sequence order."""
    with db.read() as conn:
        rows = conn.execute(select(_EVENTS).where(
            _EVENTS.c.device_id == device_id, _EVENTS.c.device_seq > after_seq, _EVENTS.c.device_seq <= up_to_seq,
        ).order_by(_EVENTS.c.device_seq)).mappings()
        return [ScoreEvent.from_dict(dict(row)) for row in rows]
