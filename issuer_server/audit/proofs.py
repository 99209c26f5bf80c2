"""Reading the log: entries, the latest checkpoint, and inclusion and consistency proofs from the stored nodes.

A proof touches O(log² n) perfect subtrees. Which ones depends only on the sizes, never on the hashes, so each
proof is computed twice: once with a recording stand-in that learns the nodes it needs, then with those nodes
fetched in one query.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, func, select

from assessor_app.domain import merkle
from issuer_server.audit.log import Key, stored_nodes
from issuer_server.models import AuditEntry, AuditLogHead, Checkpoint

MAX_ENTRIES = 1000
_BLANK = bytes(32)


def tree_size(conn: Connection) -> int:
    return int(conn.scalar(select(AuditLogHead.tree_size).where(AuditLogHead.id == 1)) or 0)


def checkpoint(conn: Connection, size: int | None = None) -> dict[str, Any] | None:
    """The latest checkpoint (or the one of ``size``) as the API shows it."""
    query = select(Checkpoint)
    query = query.where(Checkpoint.tree_size == size) if size is not None else \
        query.where(Checkpoint.tree_size == select(func.max(Checkpoint.tree_size)).scalar_subquery())
    row = conn.execute(query).first()
    if row is None:
        return None
    return {"tree_size": int(row.tree_size), "root_hash": row.root_hash, "timestamp": row.timestamp,
            "signature": row.signature}


def entries(conn: Connection, start: int, end: int) -> list[dict[str, Any]]:
    rows = conn.execute(select(AuditEntry.index, AuditEntry.entry, AuditEntry.leaf_hash)
                        .where(AuditEntry.index >= start, AuditEntry.index < end).order_by(AuditEntry.index))
    return [{"index": int(index), "entry": json.loads(text), "leaf_hash": leaf} for index, text, leaf in rows]


def _with_stored_nodes(conn: Connection, proof: Callable[[merkle.NodeLookup], list[bytes]]) -> list[str]:
    needed: set[Key] = set()

    def record(level: int, index: int) -> bytes:
        needed.add((level, index))
        return _BLANK

    proof(record)
    nodes = stored_nodes(conn, needed)
    return [p.hex() for p in proof(lambda level, index: nodes[(level, index)])]


def inclusion(conn: Connection, index: int, size: int) -> list[str]:
    return _with_stored_nodes(conn, lambda node: merkle.inclusion_proof(index, size, node))


def consistency(conn: Connection, first: int, second: int) -> list[str]:
    return _with_stored_nodes(conn, lambda node: merkle.consistency_proof(first, second, node))
