"""The rows ``audit verify`` reads and the entry texts it expects of them.

Each table is read in its stored order (SQLite: rowid ranges, one per scanning process), never joined: a join
costs an index lookup per row, a scan does not. A score event's expected entry is written
without escaping (``plain_event_entry``), which is exact when no value holds a quote, a backslash or a control
character (nearly every event, and checked on the text itself); any other event is rebuilt the slow way, by the
book (``entries.score_event`` + ``canonical_json``), so the shortcut saves time but never decides a case alone.
Decisions and reviews are written with the JSON encoder's own string escaping (equal to ``canonical_json``).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring as _s  # type: ignore[attr-defined]
from typing import Any

from sqlalchemy import Connection, text

from issuer_server.audit import entries as e


@dataclass(frozen=True, slots=True)
class Part:
    """One scanning process's share: log indexes ``lo .. hi - 1`` and rowid ranges of the source tables
    (``None``: the whole table, the one-process plan and PostgreSQL's)."""

    lo: int
    hi: int
    events: tuple[int, int] | None = None
    links: tuple[int, int] | None = None
    sheets: tuple[int, int] | None = None
    checkpoints_from: int = 0  # this part checks checkpoints of tree size in (checkpoints_from, hi]


EVENTS_SQL = ("SELECT id, sheet_id, assignment_id, actor, device_id, device_seq, at, field, CAST(old AS TEXT), "
              "CAST(new AS TEXT), reason, prev_hash, hash, received_at FROM score_events")
LINKS_SQL = "SELECT event_id, device_id, device_seq, prev_hash, hash, signature FROM device_links"
SHEETS_SQL = ("SELECT assignment_id, round, sheet_id, assessor_id, received_at, recommendation, "
              "derived_recommendation, override_reason, CAST(body AS {body_type}), review_decision, review_note, "
              "reviewed_by, reviewed_at FROM received_sheets")


def sheets_sql(conn: Connection) -> str:
    return SHEETS_SQL.format(body_type="BLOB" if conn.dialect.name == "sqlite" else "TEXT")


LOG_SQL = 'SELECT "index", kind, ref, entry, leaf_hash, appended_at FROM audit_log'


def stream(conn: Connection, sql: str, params: dict[str, Any]) -> Iterator[Sequence[Any]]:
    """Rows in batches; on SQLite straight from the driver's cursor (its named parameters are SQLAlchemy's),
    which costs half as much per row as going through SQLAlchemy's result objects."""
    if conn.dialect.name == "sqlite":  # batches flattened in C: no Python frame per row
        cursor = conn.connection.driver_connection.execute(sql, params)  # type: ignore[union-attr]
        return itertools.chain.from_iterable(iter(lambda: cursor.fetchmany(4096), []))
    return iter(conn.execution_options(stream_results=True, yield_per=2048).execute(text(sql), params))


def rows(conn: Connection, sql: str, rowids: tuple[int, int] | None) -> Iterator[Sequence[Any]]:
    """``sql``'s rows in stored order, restricted to a rowid range when one is given."""
    if rowids is None:
        return stream(conn, sql, {})
    return stream(conn, sql + " WHERE rowid >= :r0 AND rowid < :r1", {"r0": rowids[0], "r1": rowids[1]})


def log_rows(conn: Connection, lo: int, hi: int) -> Iterator[Sequence[Any]]:
    return stream(conn, LOG_SQL + ' WHERE "index" >= :lo AND "index" < :hi ORDER BY "index"', {"lo": lo, "hi": hi})


def _j(value: Any) -> str:
    if value is None:
        return "null"
    if type(value) is not str:
        raise TypeError("not text")
    return _s(value)  # type: ignore[no-any-return]


def _int(value: Any) -> int:
    if type(value) is not int:
        raise TypeError("not an integer")
    return value


def decision_text(row: Sequence[Any], assessor: str, body_sha256: str) -> str:
    """The decision entry of a ``SHEETS_SQL`` row (raises ``TypeError`` for values it does not handle)."""
    assignment_id, round_, sheet_id, _, received_at, recommendation, derived, override = row[:8]
    return (f'{{"assessor":{_s(assessor)},"assignment_id":{_s(assignment_id)},"body_sha256":"{body_sha256}",'
            f'"derived_recommendation":{_j(derived)},"kind":"decision","override_reason":{_j(override)},'
            f'"received_at":{_s(received_at)},"recommendation":{_s(recommendation)},"round":{_int(round_)},'
            f'"sheet_id":{_s(sheet_id)}}}')


def review_text(row: Sequence[Any]) -> str:
    decision, note, reviewed_by, reviewed_at = row[9:13]
    return (f'{{"assignment_id":{_s(row[0])},"decision":{_j(decision)},"kind":"review","note":{_j(note)},'
            f'"reviewed_at":{_j(reviewed_at)},"reviewed_by":{_j(reviewed_by)},"round":{_int(row[1])}}}')


def _reviewed(row: Sequence[Any]) -> bool:
    """A sheet with any review column set expects a review entry (review details without a decision cannot
    have been logged, so they show up as a missing review)."""
    return row[9] is not None or row[10] is not None or row[11] is not None or row[12] is not None


def sheet_texts(row: Sequence[Any], assessor: str) -> tuple[str, str | None]:
    """(decision entry, review entry or None) expected of a ``SHEETS_SQL`` row, hashing the body as stored (the
    issuer stores it as canonical JSON; ``slow_sheet_texts`` covers a body that is not)."""
    body = row[8]  # on SQLite its stored bytes, never decoded (5 KB a sheet)
    body = body.encode("utf-8") if isinstance(body, str) else body if isinstance(body, bytes) else b""
    sha = hashlib.sha256(body).hexdigest()
    try:
        return decision_text(row, assessor, sha), review_text(row) if _reviewed(row) else None
    except TypeError:
        return _by_the_book(row, assessor)


def slow_sheet_texts(conn: Connection, assignment_id: str, round_: int, assessor: str) -> tuple[str | None,
                                                                                               str | None]:
    """A sheet's expected entries by the book, its body parsed and hashed as canonical JSON."""
    row = conn.execute(text(sheets_sql(conn) + " WHERE assignment_id = :a AND round = :r"),
                       {"a": assignment_id, "r": round_}).first()
    return _by_the_book(row, assessor) if row is not None else (None, None)


def _by_the_book(row: Sequence[Any], assessor: str) -> tuple[str, str | None]:
    try:
        body_sha256 = e.sha256_json(json.loads(row[8]))
    except (TypeError, ValueError):
        body_sha256 = "(the stored body is not JSON)"
    decision = e.decision(assignment_id=row[0], round_=row[1], sheet_id=row[2], assessor=assessor,
                          received_at=row[4], recommendation=row[5], derived_recommendation=row[6],
                          override_reason=row[7], body_sha256=body_sha256).text()
    review = None
    if _reviewed(row):
        review = e.review(assignment_id=row[0], round_=row[1], decision=row[9], note=row[10], reviewed_by=row[11],
                          reviewed_at=row[12]).text()
    return decision, review


_QUOTES = 54  # in an event entry: 16 keys and 11 string values (reason, signature, old, new counted apart)


def plain_event_entry(row: Sequence[Any], signature: Any) -> str | None:
    """The entry of a score event written without escaping, or ``None`` if its values are not all plain. With no
    backslash anywhere and no quote beyond the expected ones, no value needs an escape and none can hide a member,
    so this equals ``canonical_json`` of the same values exactly (and differs whenever they do)."""
    (id_, sheet_id, assignment_id, actor, device_id, device_seq, at, field_, old, new, reason, prev_hash, hash_,
     received_at) = row
    if type(device_seq) is not int or type(old) is not str or type(new) is not str:
        return None
    old_quotes = 0 if old == "null" else old.count('"')
    new_quotes = 0 if new == "null" else new.count('"')
    if (old_quotes and (old_quotes != 2 or old[0] != '"' or old[-1] != '"')) \
            or (new_quotes and (new_quotes != 2 or new[0] != '"' or new[-1] != '"')):
        return None  # an object, an array of strings or a broken value: only the slow path can tell
    reason_text = "null" if reason is None else f'"{reason}"'
    signature_text = "null" if signature is None else f'"{signature}"'
    entry = (f'{{"actor":"{actor}","assignment_id":"{assignment_id}","at":"{at}","device_id":"{device_id}",'
             f'"device_seq":{device_seq},"field":"{field_}","hash":"{hash_}","id":"{id_}","kind":"score-event",'
             f'"new":{new},"old":{old},"prev_hash":"{prev_hash}","reason":{reason_text},'
             f'"received_at":"{received_at}","sheet_id":"{sheet_id}","signature":{signature_text}}}')
    quotes = _QUOTES + old_quotes + new_quotes + (reason is not None) * 2 + (signature is not None) * 2
    if "\\" in entry or entry.count('"') != quotes:
        return None
    return entry


def plain_event_body(row: Sequence[Any]) -> str:
    """What the event's chain hash covers, written the same way: valid where ``plain_event_entry`` matched."""
    (id_, sheet_id, assignment_id, actor, device_id, device_seq, at, field_, old, new, reason, prev_hash, _,
     _) = row
    reason_text = "null" if reason is None else f'"{reason}"'
    return (f'{{"actor":"{actor}","assignment_id":"{assignment_id}","at":"{at}","device_id":"{device_id}",'
            f'"device_seq":{device_seq},"field":"{field_}","id":"{id_}","new":{new},"old":{old},'
            f'"prev_hash":"{prev_hash}","reason":{reason_text},"sheet_id":"{sheet_id}"}}')


def slow_event(row: Sequence[Any], signature: str | None) -> tuple[str, dict[str, Any]]:
    """The expected entry of a score event by the book, and its members (for ``chain_hash``)."""
    values = dict(zip(e.EVENT_COLUMNS, row, strict=True))
    for name in ("old", "new"):
        with contextlib.suppress(TypeError, ValueError):  # not JSON: the entry comparison will fail, as it should
            values[name] = json.loads(values[name])
    return e.score_event(values, signature).text(), values
