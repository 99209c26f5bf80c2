"""The source tables' side of ``audit verify`` that is not a stream: the small tables' expected entries, how the
log and the source tables are shared out among scanning processes, and every device's chain put together from
the segments the processes saw."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, text

from assessor_app.domain.audit_chain import GENESIS_HASH
from issuer_server.audit import entries as e
from issuer_server.audit import verify_tree as tree
from issuer_server.audit.verify_streams import Part

Find = Callable[[int, str], None]
_FAR = 2**62


def small_expected(conn: Connection) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """Expected entries of rubric versions and device keys (few rows), and which row each comes from."""
    texts, sources = {}, {}
    for credential_id, version, document, created_at in conn.execute(text(
            "SELECT credential_id, version, CAST(document AS TEXT), created_at FROM credential_versions")):
        try:
            parsed = json.loads(document)
        except (TypeError, ValueError):
            parsed = document
        entry = e.rubric_version(credential_id=credential_id, version=version, document=parsed, created_at=created_at)
        texts[(entry.kind, entry.ref)] = entry.text()
        sources[(entry.kind, entry.ref)] = f"credential_versions {credential_id} version {version}"
    for device_id, public_key, username, registered_at in conn.execute(text(
            "SELECT d.device_id, d.public_key, u.username, d.registered_at FROM devices d "
            "LEFT JOIN users u ON u.id = d.user_id")):
        entry = e.device_key(device_id=device_id, public_key=public_key, username=username or "",
                             registered_at=registered_at)
        texts[(entry.kind, entry.ref)] = entry.text()
        sources[(entry.kind, entry.ref)] = f"devices {device_id}"
    for entry in _adjudication_entries(conn):  # lead scoring (docs/LEAD.md)
        texts[(entry.kind, entry.ref)] = entry.text()
        sources[(entry.kind, entry.ref)] = f"adjudications {entry.ref}"
    return texts, sources


def _json(value: Any) -> Any:
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


def _adjudication_entries(conn: Connection) -> list[e.Entry]:
    """Each adjudication's ``adjudication-opened`` entry, and its ``adjudication`` entry once resolved."""
    found = []
    for (id_, submission_id, first, second, reasons, opened_at, levels, decision, reason, resolved_by,
         resolved_at, status) in conn.execute(text(
            "SELECT id, submission_id, first_assignment_id, second_assignment_id, CAST(reasons AS TEXT), opened_at, "
            "CAST(resolved_levels AS TEXT), decision, reason, resolved_by, resolved_at, status FROM adjudications")):
        found.append(e.adjudication_opened(adjudication_id=id_, submission_id=submission_id, first_assignment_id=first,
                                           second_assignment_id=second, reasons=_json(reasons), opened_at=opened_at))
        if status == "resolved":
            found.append(e.adjudication(adjudication_id=id_, submission_id=submission_id, levels=_json(levels),
                                        decision=decision, reason=reason, resolved_by=resolved_by,
                                        resolved_at=resolved_at))
    return found


def plan(conn: Connection, end: int, workers: int) -> list[Part]:
    """Contiguous log ranges starting at chunk boundaries, and for each the rowid range of every source table
    whose first row is the source of the range's first entry of that table (rows are stored in log order,
    nearly always; the rest is matched as leftovers)."""
    chunk = tree.CHUNK
    bounds = sorted({0, end, *(min(end, round(end * w / workers / chunk) * chunk) for w in range(1, workers))})
    inner = [b for b in bounds if 0 < b < end]
    events, links, sheets = [-_FAR], [-_FAR], [-_FAR]
    for bound in inner:
        following = list(conn.execute(text('SELECT kind, ref FROM audit_log WHERE "index" >= :b ORDER BY "index" '
                                           "LIMIT 2000"), {"b": bound}))
        first_event = next((r for k, r in following if k == e.SCORE_EVENT), None)
        event = conn.execute(text("SELECT rowid, device_id, device_seq FROM score_events WHERE id = :i"),
                             {"i": first_event}).first() if first_event else None
        link = conn.execute(text("SELECT rowid FROM device_links WHERE device_id = :d AND device_seq = :s"),
                            {"d": event[1], "s": event[2]}).scalar() if event else None
        ref = next((r for k, r in following if k == e.DECISION), None)
        assignment, _, round_ = (ref or "").rpartition("/")
        sheet = conn.scalar(text("SELECT id FROM received_sheets WHERE assignment_id = :a AND round = :r"),
                            {"a": assignment, "r": int(round_) if round_.isdigit() else -1}) if ref else None
        events.append(max(events[-1], event[0] if event else _FAR))
        links.append(max(links[-1], link if link is not None else _FAR))
        sheets.append(max(sheets[-1], sheet if sheet is not None else _FAR))
    events.append(_FAR)
    links.append(_FAR)
    sheets.append(_FAR)
    starts = [0, *inner]
    return [Part(lo, hi, (events[i], events[i + 1]), (links[i], links[i + 1]), (sheets[i], sheets[i + 1]),
                 checkpoints_from=lo)
            for i, (lo, hi) in enumerate(zip(starts, [*inner, end], strict=True))]


def check_chains(segments: Mapping[str, Sequence[Sequence[Any]]], after: int, find: Find) -> tuple[int, int]:
    """Each device's positions, put together from the segments the processes followed, must run 1..N with every
    predecessor hash right. Returns (devices, positions)."""
    positions = 0
    for device_id in sorted(segments):
        expected, prev = 1, GENESIS_HASH
        for first, first_prev, last, last_hash in sorted(segments[device_id], key=lambda s: s[0]):
            where = f"device_links: device {device_id} #{first}"
            if first > expected:
                find(after, f"{where}: positions {expected} to {first - 1} of the chain are missing")
            elif first < expected:
                find(after, f"{where}: the position is held twice")
            elif first_prev != prev:
                find(after, f"{where}: its prev_hash is not the hash of position #{first - 1} (the chain is broken)")
            positions += last - first + 1
            expected, prev = last + 1, last_hash
    return len(segments), positions


def check_unlinked(events: list[tuple[str, int, str, str, int]], find: Find) -> int:
    """Chains of devices that never registered a key (events from before signing): the events alone."""
    events.sort()
    device, expected, prev = None, 0, GENESIS_HASH
    for device_id, seq, prev_hash, hash_, index in events:
        if device_id != device:
            device, expected, prev = device_id, 1, GENESIS_HASH
        if seq != expected or prev_hash != prev:
            find(index, f"entry {index}: device {device_id} #{seq} does not continue the device's hash chain")
        expected, prev = seq + 1, hash_
    return len({event[0] for event in events})
