"""The issuer's copy of every device's hash chain: a push's events and links are checked against it and
recorded in the transaction that stores the sheet.

The issuer holds positions 1..N of a device's chain with no gap (a push that would leave one is
refused), each as a bare link (hash, predecessor, signature) until the event's own content arrives with
its sheet. So ``N`` (``contiguous_seq``) is simply the highest position held. Two pushes for one device
at once must not both take position N+1: on PostgreSQL the device row is locked ``FOR UPDATE`` first (in
device id order, so two pushes never wait on each other crosswise); SQLite runs one writer at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from assessor_app.domain.audit_chain import GENESIS_HASH
from assessor_app.domain.score_events import ScoreEvent
from issuer_server.devices import contiguous_seq
from issuer_server.models import Device, DeviceLink
from issuer_server.problems import Problem
from issuer_server.schemas import ChainLink

MAX_NAMED_GAPS = 20


@dataclass(frozen=True, slots=True)
class _Position:
    """One pushed position of a device chain: an event (``event_id`` set) or a bare link."""

    seq: int
    prev_hash: str
    hash: str
    signature: str
    event_id: str | None
    label: str  # how a problem names it


def record(session: Session, username: str, events: Sequence[ScoreEvent], links: Sequence[ChainLink],
           fresh_ids: Iterable[str], *, lock_rows: bool) -> dict[tuple[str, int], str]:
    """Check the pushed events and links against the device chains the issuer holds and record the new
    positions; raises 422 problems. ``fresh_ids``: events the issuer did not hold before this push. Returns the
    signature ``device_links`` now holds for each position that took an event here (the audit log's copy, so
    it needs no second read)."""
    fresh = set(fresh_ids)
    for event in events:
        if event.id in fresh and event.actor != username:
            raise Problem(422, "actor-mismatch", f"Event {event.id} was recorded by {event.actor!r}, but this push "
                          f"comes from {username!r}; each assessor pushes only their own score events.")
    grouped = _group(events, links)
    signatures: dict[tuple[str, int], str] = {}
    for device_id in sorted(grouped):
        _record_device(session, device_id, grouped[device_id], signatures, lock_rows=lock_rows)
    return signatures


def _group(events: Sequence[ScoreEvent], links: Sequence[ChainLink]) -> dict[str, dict[int, _Position]]:
    grouped: dict[str, dict[int, _Position]] = {}
    pushed = [(e.device_id, _Position(e.device_seq, e.prev_hash, e.hash, str(e.signature), e.id,
                                      f"Event {e.id} (device {e.device_id} #{e.device_seq})")) for e in events]
    pushed += [(k.device_id, _Position(k.device_seq, k.prev_hash, k.hash, str(k.signature), None,
                                       f"The chain link of device {k.device_id} #{k.device_seq}")) for k in links]
    for device_id, position in pushed:
        positions = grouped.setdefault(device_id, {})
        other = positions.get(position.seq)
        if other is None:
            positions[position.seq] = position
        elif other.hash != position.hash:
            raise _replayed(position, f"{other.label} claims the same position with different content")
        elif other.prev_hash != position.prev_hash:
            raise _broken(position, f"{other.label} names another predecessor for the same hash")
        # an event and a link of the same position agree: keep the event (it was put first)
    return grouped


def _record_device(session: Session, device_id: str, positions: dict[int, _Position],
                   signatures: dict[tuple[str, int], str], *, lock_rows: bool) -> None:
    if lock_rows:
        session.execute(select(Device.device_id).where(Device.device_id == device_id).with_for_update())
    known = contiguous_seq(session, device_id)
    seqs = sorted(positions)
    _refuse_gaps(device_id, known, [s for s in seqs if s > known], positions)
    needed = [s for s in seqs if s <= known] + ([known] if known and seqs[-1] > known else [])
    held = {row.device_seq: row for row in session.execute(
        select(DeviceLink.device_seq, DeviceLink.prev_hash, DeviceLink.hash, DeviceLink.event_id,
               DeviceLink.signature).where(
            DeviceLink.device_id == device_id, DeviceLink.device_seq.in_(sorted(set(needed)))))} if needed else {}
    fills, inserts = [], []
    for seq in seqs:
        position = positions[seq]
        if seq <= known:
            row = held[seq]
            if row.hash != position.hash:
                raise _replayed(position, "the issuer holds a different event at that position")
            if row.prev_hash != position.prev_hash:
                raise _broken(position, "the issuer holds that position with another predecessor")
            if position.event_id is not None and row.event_id is None:
                fills.append({"device_id": device_id, "device_seq": seq, "event_id": position.event_id})
                signatures[(device_id, seq)] = row.signature
            continue
        if seq == 1:
            prev = GENESIS_HASH
        elif seq - 1 > known:
            prev = positions[seq - 1].hash
        else:
            prev = held[seq - 1].hash
        if position.prev_hash != prev:
            raise _broken(position, f"its prev_hash is not the hash of device {device_id} #{seq - 1}")
        inserts.append({"device_id": device_id, "device_seq": seq, "prev_hash": position.prev_hash,
                        "hash": position.hash, "signature": position.signature, "event_id": position.event_id})
        if position.event_id is not None:
            signatures[(device_id, seq)] = position.signature
    if inserts:
        session.execute(insert(DeviceLink), inserts)
    if fills:
        session.execute(update(DeviceLink), fills)  # bulk UPDATE by primary key


def _refuse_gaps(device_id: str, known: int, new_seqs: list[int], positions: dict[int, _Position]) -> None:
    """Refuse a push that would leave positions of the device's chain missing, naming them."""
    gaps: list[tuple[int, int]] = []
    after: _Position | None = None
    expected = known + 1
    for seq in new_seqs:
        if seq > expected:
            gaps.append((expected, seq - 1))
            after = after or positions[seq]
        expected = seq + 1
    if after is None:
        return
    named = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in gaps[:MAX_NAMED_GAPS])
    if len(gaps) > MAX_NAMED_GAPS:
        named += ", …"
    raise Problem(422, "out-of-order-event",
                  f"{after.label} follows positions of device {device_id}'s chain that the issuer has not received, "
                  f"neither as events nor as chain links: {named}. Sync again so the app sends the missing links.",
                  device_id=device_id, missing=[[a, b] for a, b in gaps[:MAX_NAMED_GAPS]])


def _replayed(position: _Position, why: str) -> Problem:
    return Problem(422, "event-replayed", f"{position.label} is refused: {why}. A position of a device's chain "
                   "is taken once and for all; score events can never be replaced, only followed by new ones.")


def _broken(position: _Position, why: str) -> Problem:
    return Problem(422, "broken-chain", f"{position.label} does not continue its device's hash chain: {why}. "
                   "The score history was altered or corrupted.")
