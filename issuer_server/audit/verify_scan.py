"""One scanning process of ``audit verify``: a range of the log matched against the source rows that belong to it.

The log range and each source table's share are read in stored order and matched by key (event id, or
``assignment/round``); a row that turns up before its entry waits in a dictionary. Whatever a process cannot
match (a row stored out of order at the edge of its share, or a real inconsistency) is handed back as a
leftover, and the main process matches leftovers across processes with the same ``Scanner``. Device chain
positions are followed as they stream by, as segments that the main process joins up (``verify_sources``).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Connection

from assessor_app.domain.audit_chain import chain_hash
from assessor_app.domain.signing import Verifier
from issuer_server.audit import entries as e
from issuer_server.audit import verify_streams as vs
from issuer_server.audit.verify_tree import canonical

SCORE_EVENT = e.SCORE_EVENT
MAX_FINDINGS = 20
LOOKAHEAD = 50_000  # rows read ahead for one missing source row before it is left to the main process
_ZERO = bytes(32)


@dataclass(frozen=True, slots=True)
class Finding:
    """One inconsistency; ``position`` orders findings: the log index it concerns (a Merkle node or checkpoint:
    the last entry it covers; a row with no entry: past the log's end)."""

    position: int
    message: str


@dataclass(frozen=True, slots=True)
class Shared:
    """What every scanning process knows: small tables' expected entries, device keys, user names."""

    expected: Mapping[tuple[str, str], str]  # rubric versions and device keys by (kind, ref)
    registered: frozenset[str]
    usernames: Mapping[int, str]
    verifiers: Mapping[str, Verifier] | None  # set when event signatures are to be re-verified
    end: int  # the log's size (positions past it mean "no entry")


@dataclass(slots=True)
class Sheet:
    decision: str
    review: str | None
    assignment_id: str
    round: int
    assessor: str
    decision_seen: bool = False
    review_seen: bool = False

    @property
    def source(self) -> str:
        return f"received_sheets of assignment {self.assignment_id} round {self.round}"


@dataclass
class ScanResult:
    lo: int
    hi: int
    leaves: bytearray = field(default_factory=bytearray)
    runs: list[tuple[int, int, str]] = field(default_factory=list)  # (first, last, appended_at)
    findings: list[Finding] = field(default_factory=list)
    problems: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    small_seen: list[tuple[str, str]] = field(default_factory=list)
    signatures_checked: int = 0
    # leftovers for the main process
    entries: list[tuple[int, str, str, str]] = field(default_factory=list)
    events: dict[str, Sequence[Any]] = field(default_factory=dict)
    links: dict[str, Sequence[Any]] = field(default_factory=dict)
    sheets: dict[str, Sheet] = field(default_factory=dict)
    segments: dict[str, list[list[Any]]] = field(default_factory=dict)  # device -> [first, prev, last, hash]
    unlinked: list[tuple[str, int, str, str, int]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # the tree part's results (verify_tree)

    def find(self, position: int, message: str) -> None:
        self.problems += 1
        self.findings.append(Finding(position, message))
        if len(self.findings) > 4 * MAX_FINDINGS:
            self.findings.sort(key=lambda f: f.position)
            del self.findings[MAX_FINDINGS:]


class Scanner:
    """Matches log entries with source rows; streams may be empty (the main process's leftover matching)."""

    def __init__(self, conn: Connection, shared: Shared, result: ScanResult,
                 events: Iterator[Sequence[Any]] | None = None, links: Iterator[Sequence[Any]] | None = None,
                 sheets: Iterator[Sequence[Any]] | None = None) -> None:
        self.conn, self.shared, self.result = conn, shared, result
        self._events, self._links, self._sheets = events or iter(()), links or iter(()), sheets or iter(())
        self.events, self.links, self.sheets = result.events, result.links, result.sheets
        self._open: dict[str, list[Any]] = {}  # each device's segment being extended
        self._registered = shared.registered

    # --- pulling rows until the wanted one turns up ------------------------------------------------------
    def event(self, event_id: str) -> Sequence[Any] | None:
        """The row of ``event_id``: waiting, or next in the stream (the usual case), or a little further on."""
        found = self.events.pop(event_id, None)
        if found is None:
            found = next(self._events, None)
            if found is None or found[0] == event_id:
                return found
            self.events[found[0]] = found
            for row in islice(self._events, LOOKAHEAD):
                if row[0] == event_id:
                    return row
                self.events[row[0]] = row
            return None
        return found

    def link(self, event_id: str) -> Sequence[Any] | None:
        found = self.links.pop(event_id, None)
        if found is None:
            follow, waiting = self._follow, self.links
            found = next(self._links, None)  # the usual case: the next position is this event's
            if found is None:
                return None
            follow(found)
            if found[0] == event_id:
                return found
            if found[0] is not None:
                waiting[found[0]] = found
            for row in islice(self._links, LOOKAHEAD):
                follow(row)
                if row[0] == event_id:
                    return row
                if row[0] is not None:
                    waiting[row[0]] = row
            return None
        return found

    def sheet(self, ref: str, *, pull: bool) -> Sheet | None:
        """A review's sheet came with its decision, usually long before: only decisions read ahead."""
        found = self.sheets.get(ref)
        for _ in range(LOOKAHEAD if found is None and pull else 0):
            row = next(self._sheets, None)
            if row is None:
                break
            sheet = self._sheet(row)
            self.sheets[e.sheet_ref(sheet.assignment_id, sheet.round)] = sheet
            if e.sheet_ref(sheet.assignment_id, sheet.round) == ref:
                return sheet
        return found

    def _sheet(self, row: Sequence[Any]) -> Sheet:
        assessor = self.shared.usernames.get(row[3], "")
        decision, review = vs.sheet_texts(row, assessor)
        return Sheet(decision, review, row[0], row[1], assessor)

    def _follow(self, link: Sequence[Any]) -> None:
        """Chain bookkeeping: extend the device's open segment, or start another."""
        event_id, device_id, seq, prev_hash, hash_, signature = link
        if event_id is None and self.shared.verifiers is not None:  # events' own are checked with the event
            self.result.signatures_checked += 1
            verifier = self.shared.verifiers.get(device_id)
            if verifier is None or not canonical(signature) or not verifier.verifies_event(hash_, signature):
                self.result.find(self.shared.end, f"device_links: device {device_id} #{seq}: its signature is not "
                                 "valid for the device's key")
        last = self._open.get(device_id)
        if last is not None and seq == last[2] + 1 and prev_hash == last[3]:
            last[2], last[3] = seq, hash_
        else:
            self._open[device_id] = segment = [seq, prev_hash, seq, hash_]
            self.result.segments.setdefault(device_id, []).append(segment)

    def drain(self) -> None:
        """Read the rest of every stream, so every row of this share is matched or left over."""
        for row in self._events:
            self.events[row[0]] = row
        for row in self._links:
            self._follow(row)
            if row[0] is not None:
                self.links[row[0]] = row
        for row in self._sheets:
            sheet = self._sheet(row)
            self.sheets[e.sheet_ref(sheet.assignment_id, sheet.round)] = sheet

    # --- checking one entry ------------------------------------------------------------------------------
    def check(self, index: int, kind: str, ref: str, entry: str, *, last_chance: bool = False) -> bool:
        """Check an entry against its source; False if the source is not at hand (a leftover, unless
        ``last_chance``, when a missing source is a finding)."""
        if kind == e.SCORE_EVENT:
            return self.check_event(index, ref, entry, last_chance)
        if kind in (e.DECISION, e.REVIEW):
            return self._check_sheet(index, kind, ref, entry, last_chance)
        expected = self.shared.expected.get((kind, ref))
        if expected is None:
            self.result.find(index, f"entry {index} ({kind} {ref}): no source row has that key")
        elif expected != entry:
            self.result.find(index, f"entry {index} ({kind} {ref}): does not match its source row"
                             f"{_differences(entry, expected)}")
        else:
            self.result.small_seen.append((kind, ref))
        return True

    def _check_sheet(self, index: int, kind: str, ref: str, entry: str, last_chance: bool) -> bool:
        decision = kind == e.DECISION
        sheet = self.sheet(ref, pull=decision)
        where = f"entry {index} ({kind} {ref})"
        if sheet is None:
            if last_chance:
                self.result.find(index, f"{where}: received_sheets has no such assignment and round")
            return last_chance
        if sheet.decision_seen if decision else sheet.review_seen:
            self.result.find(index, f"{where}: the log holds this {kind} twice")
            return True
        if decision:
            sheet.decision_seen = True
        else:
            sheet.review_seen = True
        expected = sheet.decision if decision else sheet.review
        if expected is None:
            self.result.find(index, f"{where}: {sheet.source} records no review")
        elif expected != entry:
            slow = vs.slow_sheet_texts(self.conn, sheet.assignment_id, sheet.round, sheet.assessor)
            if (slow[0] if decision else slow[1]) != entry:
                self.result.find(index, f"{where}: does not match {sheet.source}{_differences(entry, expected)}")
        if sheet.decision_seen and (sheet.review is None or sheet.review_seen):
            del self.sheets[ref]
        return True

    def check_event(self, index: int, ref: str, entry: str, last_chance: bool) -> bool:
        row = self.event(ref)
        if row is None:
            if last_chance:
                self.result.find(index, f"{_where(index, ref)}: score_events has no row with that id")
            return last_chance
        device_id, seq, prev_hash, hash_ = row[4], row[5], row[11], row[12]
        registered = device_id in self._registered
        link = self.link(ref) if registered else None
        if link is None and registered and not last_chance:
            self.events[ref] = row  # its chain position is in another process's share
            return False
        signature = link[5] if link is not None else None
        verifiers = self.shared.verifiers  # set when each event's hash and signature are re-verified
        if vs.plain_event_entry(row, signature) == entry:
            if verifiers is not None and hashlib.sha256(
                    vs.plain_event_body(row).encode("utf-8")).hexdigest() != hash_:
                self.result.find(index, f"{_where(index, ref)}: the event's hash does not match its content")
        else:
            expected, members = vs.slow_event(row, signature)
            if expected != entry:
                self.result.find(index, f"{_where(index, ref)}: does not match score_events row {ref}"
                                 f"{_differences(entry, expected)}")
                return True
            body = {k: v for k, v in members.items() if k != "received_at"}
            if verifiers is not None and chain_hash(body, str(body["prev_hash"])) != body["hash"]:
                self.result.find(index, f"{_where(index, ref)}: the event's hash does not match its content")
        if link is None:
            if registered:
                self.result.find(index, f"{_where(index, ref)}: device {device_id} has no chain position #{seq}")
            else:  # pushed before devices registered keys: its chain is checked among such events alone
                self.result.unlinked.append((device_id, seq, prev_hash, hash_, index))
            return True
        if link[4] != hash_ or link[3] != prev_hash or link[2] != seq or link[1] != device_id:
            self.result.find(index, f"{_where(index, ref)}: device_links #{link[2]} of device {link[1]} does not "
                             "hold this event")
        if verifiers is not None:
            self.result.signatures_checked += 1
            verifier = verifiers.get(device_id)
            if verifier is None or not canonical(signature) or not verifier.verifies_event(hash_, signature):
                self.result.find(index, f"{_where(index, ref)}: its signature is not valid for device "
                                 f"{device_id}'s key")
        return True


def scan(conn: Connection, part: vs.Part, shared: Shared) -> ScanResult:
    """Check log entries ``part.lo .. part.hi - 1`` and the source rows of the part's shares."""
    result = ScanResult(part.lo, part.hi)
    scanner = Scanner(conn, shared, result, vs.rows(conn, vs.EVENTS_SQL, part.events),
                      vs.rows(conn, vs.LINKS_SQL, part.links), vs.rows(conn, vs.sheets_sql(conn), part.sheets))
    sha256, check_event, kinds, leaves = hashlib.sha256, scanner.check_event, result.kinds, result.leaves
    expected_index, run_first, run_at, previous, events = part.lo, part.lo, None, part.lo - 1, 0
    for index, kind, ref, entry, leaf_hex, appended_at in vs.log_rows(conn, part.lo, part.hi):
        if index != expected_index:
            result.find(expected_index, f"entries {expected_index} to {index - 1} are missing from the log")
            leaves += _ZERO * (index - expected_index)
            expected_index = index
        expected_index += 1
        leaf = sha256(b"\x00" + entry.encode()).digest()
        leaves += leaf
        if leaf.hex() != leaf_hex:
            result.find(index, f"entry {index} ({kind} {ref}): its stored leaf hash does not match its entry")
        if appended_at != run_at:
            if run_at is not None:
                result.runs.append((run_first, previous, run_at))
            run_first, run_at = index, appended_at
        previous = index
        if kind == SCORE_EVENT:
            events += 1
            if not check_event(index, ref, entry, False):
                result.entries.append((index, kind, ref, entry))
            continue
        kinds[kind] = kinds.get(kind, 0) + 1
        if kind not in e.KINDS:
            result.find(index, f"entry {index}: unknown kind {kind!r}")
        elif not scanner.check(index, kind, ref, entry):
            result.entries.append((index, kind, ref, entry))
    if events:
        kinds[SCORE_EVENT] = kinds.get(SCORE_EVENT, 0) + events
    if run_at is not None:
        result.runs.append((run_first, previous, run_at))
    if expected_index < part.hi:
        result.find(expected_index, f"entries {expected_index} to {part.hi - 1} are missing from the log")
        leaves += _ZERO * (part.hi - expected_index)
    scanner.drain()
    return result


def _where(index: int, ref: str) -> str:
    return f"entry {index} (score event {ref})"


def _differences(stored: str, expected: str) -> str:
    import json

    try:
        have, want = json.loads(stored), json.loads(expected)
    except ValueError:
        return ""
    if not isinstance(have, dict) or not isinstance(want, dict):
        return ""
    names = sorted(k for k in set(have) | set(want) if have.get(k, ...) != want.get(k, ...))
    return f" (they differ in {', '.join(names)})" if names else ""
