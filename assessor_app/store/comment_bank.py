"""The assessor's comment bank: reusable feedback snippets per credential, optionally tied to a criterion."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import delete, insert, select

from assessor_app.domain.clock import utc_now
from assessor_app.store.database import Database
from assessor_app.store.schema import CommentRow

_T = CommentRow.__table__


@dataclass(frozen=True, slots=True)
class Comment:
    id: str
    credential_id: str
    criterion_id: str | None
    text: str


class CommentBank:
    def __init__(self, db: Database) -> None:
        self._db = db

    def comments(self, credential_id: str, criterion_id: str | None = None) -> list[Comment]:
        """Snippets for a credential; with a criterion, that criterion's first, then the general ones."""
        query = select(_T).where(_T.c.credential_id == credential_id).order_by(_T.c.created_at)
        with self._db.read() as conn:
            rows = [Comment(r["id"], r["credential_id"], r["criterion_id"], r["text"])
                    for r in conn.execute(query).mappings()]
        if criterion_id is None:
            return rows
        return [c for c in rows if c.criterion_id == criterion_id] + [c for c in rows if c.criterion_id is None]

    def add(self, credential_id: str, text: str, criterion_id: str | None = None) -> Comment:
        comment = Comment(str(uuid.uuid4()), credential_id, criterion_id, text.strip())
        with self._db.write() as conn:
            conn.execute(insert(_T).values(id=comment.id, credential_id=credential_id, criterion_id=criterion_id,
                                           text=comment.text, created_at=utc_now()))
        return comment

    def remove(self, comment_id: str) -> None:
        with self._db.write() as conn:
            conn.execute(delete(_T).where(_T.c.id == comment_id))
