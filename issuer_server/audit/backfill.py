"""Rows that existed before the audit log did, appended once by the migration that creates the log.

The order is deterministic, so the same database always backfills to the same log: by time (rubric versions at
``created_at``, device keys at ``registered_at``, score events and then their decision at ``received_at``,
reviews at ``reviewed_at``), then by kind in that order, then by the row's own key. The migration cannot sign
(the log key is a file the database does not know), so the backfilled entries wait for their checkpoint until
the first start or the first append (``log.seal``). Plain SQL, since it must keep working on this revision's
tables whatever the models become.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, text

from assessor_app.domain.clock import utc_now
from assessor_app.domain.merkle import Frontier
from issuer_server.audit import entries
from issuer_server.audit.entries import Entry
from issuer_server.audit.log import extend, frontier_text

SortKey = tuple[str, int, str, int]


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def existing_entries(conn: Connection) -> list[Entry]:
    found: list[tuple[SortKey, Entry]] = []
    for row in conn.execute(text("SELECT row_id, credential_id, version, CAST(document AS TEXT) AS document, "
                                 "created_at FROM credential_versions")).mappings():
        found.append(((row["created_at"], 0, "", int(row["row_id"])), entries.rubric_version(
            credential_id=row["credential_id"], version=row["version"], document=_json(row["document"]),
            created_at=row["created_at"])))
    for row in conn.execute(text("SELECT d.device_id, d.public_key, d.registered_at, u.username FROM devices d "
                                 "JOIN users u ON u.id = d.user_id")).mappings():
        found.append(((row["registered_at"], 1, row["device_id"], 0), entries.device_key(**row)))
    signatures = {(d, int(s)): sig for d, s, sig in conn.execute(text(
        "SELECT device_id, device_seq, signature FROM device_links"))}
    for row in conn.execute(text("SELECT id, sheet_id, assignment_id, actor, device_id, device_seq, at, field, "
                                 "CAST(old AS TEXT) AS old, CAST(new AS TEXT) AS new, reason, prev_hash, hash, "
                                 "received_at FROM score_events")).mappings():
        event = {**row, "old": _json(row["old"]), "new": _json(row["new"]), "device_seq": int(row["device_seq"])}
        found.append(((row["received_at"], 2, row["device_id"], event["device_seq"]), entries.score_event(
            event, signatures.get((row["device_id"], event["device_seq"])))))
    for row in conn.execute(text(
            "SELECT r.assignment_id, r.round, r.sheet_id, u.username, r.received_at, r.recommendation, "
            "r.derived_recommendation, r.override_reason, CAST(r.body AS TEXT) AS body, r.review_decision, "
            "r.review_note, r.reviewed_by, r.reviewed_at FROM received_sheets r "
            "JOIN users u ON u.id = r.assessor_id")).mappings():
        round_ = int(row["round"])
        found.append(((row["received_at"], 3, row["assignment_id"], round_), entries.decision(
            assignment_id=row["assignment_id"], round_=round_, sheet_id=row["sheet_id"], assessor=row["username"],
            received_at=row["received_at"], recommendation=row["recommendation"],
            derived_recommendation=row["derived_recommendation"], override_reason=row["override_reason"],
            body_sha256=entries.sha256_json(_json(row["body"])))))
        if row["review_decision"] is not None:
            found.append(((row["reviewed_at"] or "", 4, row["assignment_id"], round_), entries.review(
                assignment_id=row["assignment_id"], round_=round_, decision=row["review_decision"],
                note=row["review_note"], reviewed_by=row["reviewed_by"], reviewed_at=row["reviewed_at"])))
    found.sort(key=lambda pair: pair[0])
    return [entry for _, entry in found]


def backfill(conn: Connection) -> int:
    """Append every existing row to the (empty) log; returns how many entries that made."""
    now = utc_now()
    frontier = Frontier()
    rows, nodes = extend(frontier, existing_entries(conn), now)
    if rows:
        conn.execute(text('INSERT INTO audit_log ("index", kind, ref, entry, leaf_hash, appended_at) '
                          "VALUES (:index, :kind, :ref, :entry, :leaf_hash, :appended_at)"), rows)
    if nodes:
        conn.execute(text('INSERT INTO merkle_nodes (level, "index", hash) VALUES (:level, :index, :hash)'), nodes)
    conn.execute(text("INSERT INTO audit_log_head (id, tree_size, last_timestamp, public_key, frontier) "
                      "VALUES (1, :size, :last, NULL, :frontier)"),
                 {"size": len(rows), "last": now if rows else None, "frontier": frontier_text(frontier)})
    return len(rows)
