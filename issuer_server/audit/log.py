"""Appending to the issuer's audit log: entries, the perfect Merkle nodes they complete, and one signed
checkpoint, all in the caller's transaction.

Appends take turns on the single ``audit_log_head`` row (``FOR UPDATE`` on PostgreSQL; SQLite has one writer),
so indexes are dense and every checkpoint extends the one before. Checkpoint timestamps strictly increase (a
clock that steps back is bumped by a millisecond) and every entry of an append carries its checkpoint's
timestamp as ``appended_at``: ``audit verify`` uses this to tie each checkpoint to exactly the entries it added.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, tuple_, update
from sqlalchemy.orm import Session

from assessor_app.domain.clock import format_instant, parse_instant, utc_now
from assessor_app.domain.merkle import Frontier, leaf_hash
from assessor_app.domain.signing import SigningKey, checkpoint_message
from issuer_server.audit.entries import Entry
from issuer_server.audit.keys import log_key
from issuer_server.db import LOG_KEY_INFO
from issuer_server.errors import IssuerError
from issuer_server.models import AuditEntry, AuditLogHead, Checkpoint, MerkleNode

Key = tuple[int, int]  # (level, index) of a perfect subtree


def append(session: Session, entries: Sequence[Entry]) -> range:
    """Append ``entries`` in order and write their checkpoint; returns their log indexes."""
    return append_many(session, [entries])[0]


def append_many(session: Session, batches: Sequence[Sequence[Entry]]) -> list[range]:
    """Several appends in the caller's transaction, each with its own checkpoint and timestamp, written in bulk
    (imports and the benchmark's builder; an operation appends once per transaction)."""
    batches = [batch for batch in batches if batch]
    if not batches:
        return [range(0)]
    key = signing_key(session)
    session.flush()
    conn = session.connection()
    frontier, last = _lock_head(conn, key)
    _seal_pending(conn, key, frontier, last)
    rows: list[dict[str, Any]] = []
    nodes: list[dict[str, Any]] = []
    points: list[dict[str, Any]] = []
    appended = []
    for batch in batches:
        now, start = next_timestamp(last), frontier.size
        more_rows, more_nodes = extend(frontier, batch, now)
        rows += more_rows
        nodes += more_nodes
        points.append(_checkpoint(key, frontier.size, frontier.root().hex(), now))
        appended.append(range(start, frontier.size))
        last = now
    conn.execute(insert(AuditEntry), rows)
    if nodes:
        conn.execute(insert(MerkleNode), nodes)
    conn.execute(insert(Checkpoint), points)
    conn.execute(update(AuditLogHead).where(AuditLogHead.id == 1).values(
        tree_size=frontier.size, last_timestamp=last, frontier=frontier_text(frontier)))
    return appended


def seal(session: Session) -> bool:
    """Sign a checkpoint over entries no checkpoint covers yet (the migration's backfill); True if it did."""
    key = signing_key(session)
    conn = session.connection()
    frontier, last = _lock_head(conn, key)
    return _seal_pending(conn, key, frontier, last)


def signing_key(session: Session) -> SigningKey:
    path: Path | None = session.info.get(LOG_KEY_INFO)
    if path is None:
        raise IssuerError("This database handle has no audit log key; open it with Database(..., log_key_path=...) "
                          "(the server and the admin commands use the --log-key setting).")
    return log_key(path)


def extend(frontier: Frontier, entries: Iterable[Entry], now: str) -> tuple[list[dict[str, Any]],
                                                                            list[dict[str, Any]]]:
    """The ``audit_log`` and ``merkle_nodes`` rows of ``entries`` appended to ``frontier`` (which advances)."""
    rows, nodes = [], []
    for entry in entries:
        text = entry.text()
        leaf = leaf_hash(text.encode("utf-8"))
        rows.append({"index": frontier.size, "kind": entry.kind, "ref": entry.ref, "entry": text,
                     "leaf_hash": leaf.hex(), "appended_at": now})
        nodes += [{"level": level, "index": index, "hash": value.hex()}
                  for level, index, value in frontier.append(leaf) if level]
    return rows, nodes


def next_timestamp(last: str | None) -> str:
    now = utc_now()
    if last is not None and now <= last:
        now = format_instant(parse_instant(last) + timedelta(milliseconds=1))
    return now


def frontier_text(frontier: Frontier) -> str:
    return "".join(node.hex() for node in frontier.nodes)


def head_frontier(size: int, text: str) -> Frontier:
    """The frontier the head row keeps, so an append needs no node lookups (``audit verify`` checks it)."""
    nodes = [bytes.fromhex(text[i:i + 64]) for i in range(0, len(text), 64)]
    if len(nodes) != size.bit_count():
        raise IssuerError("The audit log's head row is damaged (its frontier does not fit its size); run "
                          "'issuer-server audit verify' to find the damage.")
    return Frontier(size, nodes)


def _lock_head(conn: Connection, key: SigningKey) -> tuple[Frontier, str | None]:
    head = conn.execute(select(AuditLogHead.tree_size, AuditLogHead.last_timestamp, AuditLogHead.public_key,
                               AuditLogHead.frontier).where(AuditLogHead.id == 1).with_for_update()).one()
    public_key = key.public_key  # derived on each call: once here
    if head.public_key is None:
        conn.execute(update(AuditLogHead).where(AuditLogHead.id == 1).values(public_key=public_key))
    elif head.public_key != public_key:
        raise IssuerError(f"The audit log is signed with the log key {head.public_key}, but the key file holds "
                          f"{public_key}; restore the issuer's original log key file (see --log-key).")
    return head_frontier(int(head.tree_size), head.frontier), head.last_timestamp


def _seal_pending(conn: Connection, key: SigningKey, frontier: Frontier, last: str | None) -> bool:
    # A statement of its own, after the lock: on PostgreSQL it sees the checkpoint the previous holder committed.
    signed = conn.scalar(select(func.max(Checkpoint.tree_size))) or 0
    if signed >= frontier.size or last is None:
        return False
    _write_checkpoint(conn, key, frontier.size, frontier.root().hex(), last)
    return True


def _checkpoint(key: SigningKey, size: int, root_hex: str, timestamp: str) -> dict[str, Any]:
    return {"tree_size": size, "root_hash": root_hex, "timestamp": timestamp,
            "signature": key.sign(checkpoint_message(size, root_hex, timestamp))}


def _write_checkpoint(conn: Connection, key: SigningKey, size: int, root_hex: str, timestamp: str) -> None:
    conn.execute(insert(Checkpoint), [_checkpoint(key, size, root_hex, timestamp)])


_LEAVES = select(AuditEntry.index, AuditEntry.leaf_hash).where(
    AuditEntry.index.in_(bindparam("indexes", expanding=True)))
_NODES = select(MerkleNode.level, MerkleNode.index, MerkleNode.hash).where(
    tuple_(MerkleNode.level, MerkleNode.index).in_(bindparam("keys", expanding=True)))


def stored_nodes(conn: Connection, keys: Iterable[Key]) -> dict[Key, bytes]:
    """The stored hashes of the perfect subtrees ``keys`` (leaves from ``audit_log``, the rest from
    ``merkle_nodes``) in two queries; a missing node is an error (the log is damaged)."""
    wanted = set(keys)
    leaves = sorted(index for level, index in wanted if level == 0)
    inner = sorted((level, index) for level, index in wanted if level)
    found: dict[Key, bytes] = {}
    if leaves:
        for index, value in conn.execute(_LEAVES, {"indexes": leaves}):
            found[(0, int(index))] = bytes.fromhex(value)
    if inner:
        for level, index, value in conn.execute(_NODES, {"keys": inner}):
            found[(int(level), int(index))] = bytes.fromhex(value)
    missing = wanted - set(found)
    if missing:
        raise IssuerError(f"The audit log's Merkle tree lacks stored nodes {sorted(missing)[:5]}; run "
                          "'issuer-server audit verify' to find the damage.")
    return found


def seal_at_start(db_url: str, key_path: Path) -> None:
    """On start: sign a checkpoint for entries none covers yet (after the migration's backfill). The key is
    read only when there is something to sign, so commands that append nothing never need it."""
    from issuer_server.db import Database

    db = Database(db_url, pool_size=1, log_key_path=key_path)
    try:
        with db.read() as session:
            size = session.scalar(select(AuditLogHead.tree_size).where(AuditLogHead.id == 1)) or 0
            signed = session.scalar(select(func.max(Checkpoint.tree_size))) or 0
        if size > signed:
            with db.write() as session:
                seal(session)
    finally:
        db.dispose()
