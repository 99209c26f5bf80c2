"""Random single mutations of an issuer database for the audit log's tamper tests: edit a column, delete a row,
insert a row, or swap two rows' order (a column that carries order or identity). Each returns what a correct
check must name in its first finding. Plain SQL through SQLAlchemy Core, so they run on SQLite and PostgreSQL.

Left out on purpose: ``received_sheets.id``, a surrogate key no fact depends on (no entry holds it, nothing
refers to it), so changing it changes nothing an auditor could see.
"""

from __future__ import annotations

import json
import random
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

TABLES = ("score_events", "received_sheets", "audit_log", "checkpoints", "merkle_nodes")
OPERATIONS = ("edit", "delete", "insert", "swap")
EVENT_COLUMNS = ("id", "sheet_id", "assignment_id", "actor", "device_id", "device_seq", "at", "field", "old", "new",
                 "reason", "prev_hash", "hash", "received_at")
SHEET_COLUMNS = ("assignment_id", "round", "sheet_id", "assessor_id", "received_at", "recommendation",
                 "derived_recommendation", "override_reason", "body", "review_decision", "review_note",
                 "reviewed_by", "reviewed_at")
LOG_COLUMNS = ("index", "kind", "ref", "entry", "leaf_hash", "appended_at")
POINT_COLUMNS = ("tree_size", "root_hash", "timestamp", "signature")


@dataclass
class Mutation:
    table: str
    operation: str
    detail: str
    names: list[str]  # regular expressions; the first finding must match one
    every_signature: bool = False  # only --signatures can see it (a superseded checkpoint's signature)

    def named_by(self, message: str) -> bool:
        """Does ``message`` name what was changed (a pattern, or a range of entries spanning a named index)?"""
        for pattern in self.names:
            if pattern.startswith(_RANGE):
                if _spans(message, int(pattern[len(_RANGE):])):
                    return True
            elif re.search(pattern, message):
                return True
        return False


_RANGE = "__range__"


def _entry(index: int) -> list[str]:
    """Patterns that name log index ``index``: "entry 7", "entries 7 and 8", "entries 3 to 9" spanning it."""
    return [rf"\bentry {index}\b", rf"\bentries {index} and\b", rf"\band {index} were\b", f"{_RANGE}{index}"]


def _spans(message: str, index: int) -> bool:
    return any(int(a) <= index <= int(b) for a, b in re.findall(r"entries (-?\d+) to (-?\d+)", message))


def _quote(column: str) -> str:
    return f'"{column}"'


def _rows(conn: Connection, sql: str, **params: Any) -> list[Any]:
    return list(conn.execute(text(sql), params))


def _changed(value: Any, column: str, rng: random.Random) -> Any:
    if column in ("old", "new", "body"):
        parsed = json.loads(value) if isinstance(value, str) else value
        if isinstance(parsed, dict) and parsed:
            key = rng.choice(sorted(parsed))
            parsed[key] = ["tampered", parsed[key]]
        else:
            parsed = {"tampered": parsed}
        return json.dumps(parsed, sort_keys=True, separators=(",", ":"))
    if isinstance(value, int):
        return value + rng.choice((1, 2, 3, 97))
    if value is None:
        return "tampered"
    if column == "recommendation" or column == "derived_recommendation":
        return "earned" if value == "not_yet" else "not_yet"
    if not value:
        return "x"
    position = rng.randrange(len(value))  # same length: PostgreSQL checks VARCHAR sizes
    replacement = "7" if value[position] != "7" else "8"
    return value[:position] + replacement + value[position + 1:]


def _log_index_of(conn: Connection, kind: str, ref: str) -> int:
    return int(conn.scalar(text('SELECT "index" FROM audit_log WHERE kind = :k AND ref = :r'), {"k": kind, "r": ref}))


def mutate_score_events(conn: Connection, operation: str, rng: random.Random) -> Mutation:
    rows = _rows(conn, "SELECT id, device_id, device_seq FROM score_events ORDER BY id")
    event_id, device_id, _ = rng.choice(rows)
    if operation == "edit":
        column = rng.choice(EVENT_COLUMNS)
        value = conn.scalar(text(f"SELECT {_quote(column)} FROM score_events WHERE id = :i"), {"i": event_id})
        if column in ("old", "new"):
            value = conn.scalar(text(f"SELECT CAST({_quote(column)} AS TEXT) FROM score_events WHERE id = :i"),
                                {"i": event_id})
        conn.execute(text(f"UPDATE score_events SET {_quote(column)} = :v WHERE id = :i"),
                     {"v": _changed(value, column, rng), "i": event_id})
        return Mutation("score_events", "edit", f"{column} of {event_id}", [re.escape(event_id)])
    if operation == "delete":
        conn.execute(text("DELETE FROM score_events WHERE id = :i"), {"i": event_id})
        return Mutation("score_events", "delete", event_id, [re.escape(event_id)])
    if operation == "insert":
        new_id = str(uuid.uuid4())
        columns = ", ".join(_quote(c) for c in EVENT_COLUMNS)
        picks = ", ".join(":new_id" if c == "id" else _quote(c) for c in EVENT_COLUMNS)
        conn.execute(text(f"INSERT INTO score_events ({columns}) SELECT {picks} FROM score_events WHERE id = :i"),
                     {"new_id": new_id, "i": event_id})
        return Mutation("score_events", "insert", new_id, [re.escape(new_id)])
    same_device = [r for r in rows if r[1] == device_id and r[0] != event_id]
    other = rng.choice(same_device)
    seqs = dict(_rows(conn, "SELECT id, device_seq FROM score_events WHERE id IN (:a, :b)", a=event_id, b=other[0]))
    conn.execute(text("UPDATE score_events SET device_seq = :s WHERE id = :i"), {"s": seqs[other[0]], "i": event_id})
    conn.execute(text("UPDATE score_events SET device_seq = :s WHERE id = :i"), {"s": seqs[event_id], "i": other[0]})
    return Mutation("score_events", "swap", f"device_seq of {event_id} and {other[0]}",
                    [re.escape(event_id), re.escape(other[0])])


def mutate_received_sheets(conn: Connection, operation: str, rng: random.Random) -> Mutation:
    rows = _rows(conn, "SELECT id, assignment_id, round, review_decision FROM received_sheets ORDER BY id")
    row_id, assignment_id, round_, _ = rng.choice(rows)
    names = [re.escape(assignment_id)]
    if operation == "edit":
        column = rng.choice(SHEET_COLUMNS)
        select = f"CAST({_quote(column)} AS TEXT)" if column == "body" else _quote(column)
        value = conn.scalar(text(f"SELECT {select} FROM received_sheets WHERE id = :i"), {"i": row_id})
        if column == "assessor_id":
            others = [u for (u,) in _rows(conn, "SELECT id FROM users WHERE id != :v ORDER BY id", v=value)]
            changed: Any = rng.choice(others)
        elif column == "assignment_id":
            changed = str(uuid.uuid4())
        elif column == "round":
            changed = value + 50
        elif column == "review_decision":
            changed = None if value is not None else "accepted"
        else:
            changed = _changed(value, column, rng)
        conn.execute(text(f"UPDATE received_sheets SET {_quote(column)} = :v WHERE id = :i"),
                     {"v": changed, "i": row_id})
        return Mutation("received_sheets", "edit", f"{column} of {assignment_id}/{round_}", names)
    if operation == "delete":
        conn.execute(text("DELETE FROM received_sheets WHERE id = :i"), {"i": row_id})
        return Mutation("received_sheets", "delete", f"{assignment_id}/{round_}", names)
    if operation == "insert":
        new_assignment = str(uuid.uuid4())
        columns = ", ".join(_quote(c) for c in SHEET_COLUMNS)
        picks = ", ".join(":a" if c == "assignment_id" else _quote(c) for c in SHEET_COLUMNS)
        conn.execute(text(f"INSERT INTO received_sheets ({columns}) SELECT {picks} FROM received_sheets WHERE id = :i"),
                     {"a": new_assignment, "i": row_id})
        return Mutation("received_sheets", "insert", new_assignment, [re.escape(new_assignment)])
    column = rng.choice(("received_at", "recommendation", "sheet_id", "body"))
    select = f"CAST({_quote(column)} AS TEXT)" if column == "body" else _quote(column)
    candidates = [r for r in rows if r[0] != row_id]
    rng.shuffle(candidates)
    for other in candidates:
        values = dict(_rows(conn, f"SELECT id, {select} FROM received_sheets WHERE id IN (:a, :b)", a=row_id,
                            b=other[0]))
        if values[row_id] != values[other[0]]:
            break
    for target, source in ((row_id, other[0]), (other[0], row_id)):
        conn.execute(text(f"UPDATE received_sheets SET {_quote(column)} = :v WHERE id = :i"),
                     {"v": values[source], "i": target})
    return Mutation("received_sheets", "swap", f"{column} of {assignment_id} and {other[1]}",
                    [*names, re.escape(other[1])])


def mutate_audit_log(conn: Connection, operation: str, rng: random.Random) -> Mutation:
    size = int(conn.scalar(text('SELECT COUNT(*) FROM audit_log')))
    index = rng.randrange(size)
    if operation == "edit":
        column = rng.choice(LOG_COLUMNS)
        value = conn.scalar(text(f'SELECT {_quote(column)} FROM audit_log WHERE "index" = :i'), {"i": index})
        if column == "index":
            changed: Any = rng.choice((size + 3, -1))
        elif column == "kind":
            changed = rng.choice([k for k in ("score-event", "decision", "review", "device-key") if k != value])
        else:
            changed = _changed(value, column, rng)
        conn.execute(text(f'UPDATE audit_log SET {_quote(column)} = :v WHERE "index" = :i'), {"v": changed, "i": index})
        names = _entry(index) + ([r"\bentry -1\b"] if changed == -1 and column == "index" else [])
        return Mutation("audit_log", "edit", f"{column} of entry {index}", names)
    if operation == "delete":
        conn.execute(text('DELETE FROM audit_log WHERE "index" = :i'), {"i": index})
        return Mutation("audit_log", "delete", f"entry {index}", _entry(index))
    if operation == "insert":
        at = rng.choice((size, -1))
        conn.execute(text('INSERT INTO audit_log ("index", kind, ref, entry, leaf_hash, appended_at) SELECT :n, kind, '
                          "'intruder-' || ref, entry, leaf_hash, appended_at FROM audit_log WHERE \"index\" = :i"),
                     {"n": at, "i": index})
        return Mutation("audit_log", "insert", f"a copy of entry {index} at {at}", _entry(at))
    other = rng.choice([i for i in range(size) if i != index])
    for source, target in ((index, -7), (other, index), (-7, other)):
        conn.execute(text('UPDATE audit_log SET "index" = :t WHERE "index" = :s'), {"s": source, "t": target})
    return Mutation("audit_log", "swap", f"entries {index} and {other}", _entry(index) + _entry(other))


def mutate_checkpoints(conn: Connection, operation: str, rng: random.Random) -> Mutation:
    sizes = [s for (s,) in _rows(conn, "SELECT tree_size FROM checkpoints ORDER BY tree_size")]
    size = rng.choice(sizes)
    names = [rf"tree size {size}\b"]
    if operation == "edit":
        column = rng.choice(POINT_COLUMNS)
        value = conn.scalar(text(f"SELECT {_quote(column)} FROM checkpoints WHERE tree_size = :s"), {"s": size})
        if column == "tree_size":
            changed: Any = rng.choice([s for s in range(1, sizes[-1] + 5) if s not in sizes])
            names.append(rf"tree size {changed}\b")
        else:
            changed = _changed(value, column, rng)
        conn.execute(text(f"UPDATE checkpoints SET {_quote(column)} = :v WHERE tree_size = :s"),
                     {"v": changed, "s": size})
        return Mutation("checkpoints", "edit", f"{column} of tree size {size}", names,
                        every_signature=column == "signature" and size != sizes[-1])
    if operation == "delete":
        conn.execute(text("DELETE FROM checkpoints WHERE tree_size = :s"), {"s": size})
        return Mutation("checkpoints", "delete", f"tree size {size}", names)
    if operation == "insert":
        new = rng.choice([s for s in range(1, sizes[-1] + 5) if s not in sizes])
        conn.execute(text('INSERT INTO checkpoints (tree_size, root_hash, "timestamp", signature) SELECT :n, '
                          'root_hash, "timestamp", signature FROM checkpoints WHERE tree_size = :s'),
                     {"n": new, "s": size})
        return Mutation("checkpoints", "insert", f"tree size {new}", [rf"tree size {new}\b"])
    other = rng.choice([s for s in sizes if s != size])
    for source, target in ((size, -9), (other, size), (-9, other)):
        conn.execute(text("UPDATE checkpoints SET tree_size = :t WHERE tree_size = :s"), {"s": source, "t": target})
    return Mutation("checkpoints", "swap", f"tree sizes {size} and {other}", [*names, rf"tree size {other}\b"])


def _node(level: int, index: int) -> list[str]:
    return [rf"\(level {level}, index {index}\)"]


def mutate_merkle_nodes(conn: Connection, operation: str, rng: random.Random) -> Mutation:
    nodes = _rows(conn, 'SELECT level, "index" FROM merkle_nodes ORDER BY level, "index"')
    level, index = rng.choice(nodes)
    where = 'WHERE level = :l AND "index" = :i'
    if operation == "edit":
        column = rng.choice(("level", "index", "hash"))
        value = conn.scalar(text(f"SELECT {_quote(column)} FROM merkle_nodes {where}"), {"l": level, "i": index})
        changed = {"level": 40, "index": index + 1000}.get(column) or _changed(value, column, rng)
        conn.execute(text(f"UPDATE merkle_nodes SET {_quote(column)} = :v {where}"),
                     {"v": changed, "l": level, "i": index})
        return Mutation("merkle_nodes", "edit", f"{column} of ({level}, {index})", _node(level, index))
    if operation == "delete":
        conn.execute(text(f"DELETE FROM merkle_nodes {where}"), {"l": level, "i": index})
        return Mutation("merkle_nodes", "delete", f"({level}, {index})", _node(level, index))
    if operation == "insert":
        new = (level, index + 5000)
        conn.execute(text('INSERT INTO merkle_nodes (level, "index", hash) SELECT level, :n, hash FROM merkle_nodes '
                          + where), {"n": new[1], "l": level, "i": index})
        return Mutation("merkle_nodes", "insert", f"{new}", _node(*new))
    same_level = [n for n in nodes if n[0] == level and n[1] != index]
    if not same_level:
        return mutate_merkle_nodes(conn, "edit", rng)
    other = rng.choice(same_level)[1]
    for source, target in ((index, -5), (other, index), (-5, other)):
        conn.execute(text('UPDATE merkle_nodes SET "index" = :t WHERE level = :l AND "index" = :s'),
                     {"s": source, "t": target, "l": level})
    return Mutation("merkle_nodes", "swap", f"({level}, {index}) and ({level}, {other})",
                    _node(level, index) + _node(level, other))


MUTATORS: dict[str, Callable[[Connection, str, random.Random], Mutation]] = {
    "score_events": mutate_score_events, "received_sheets": mutate_received_sheets, "audit_log": mutate_audit_log,
    "checkpoints": mutate_checkpoints, "merkle_nodes": mutate_merkle_nodes}
