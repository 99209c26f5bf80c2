"""``issuer-server audit verify``: the whole log checked against itself, its checkpoints and the source tables.

It recomputes every leaf and every perfect node of the tree and compares them with the stored ones, checks each
checkpoint's root and its place (it ends exactly the entries appended with it, with their timestamp), verifies
the latest checkpoint's signature with the log key (every checkpoint's with ``--signatures``), rebuilds every
entry from its source row (score events with their chain position and signature, sheets, reviews, rubric
versions, device keys) so that the log and the tables agree row for row, and walks every device's hash chain.
``--signatures`` also re-verifies each event cryptographically: its hash recomputed from its content and its
Ed25519 signature (about 0.15 ms each on a slow core), and every checkpoint's signature.

A large SQLite log is scanned by one process per core over contiguous ranges (``verify_sources.plan``); the main
process then matches what the processes left over, joins the chains and finishes the tree above the chunks.
The report names the first inconsistency by log index (rows with no entry come after the last index).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text

from assessor_app.domain.signing import Verifier
from issuer_server.audit import verify_sources as sources
from issuer_server.audit import verify_tree as tree
from issuer_server.audit.keys import existing_log_key
from issuer_server.audit.verify_scan import MAX_FINDINGS, Finding, Scanner, ScanResult, Shared, scan
from issuer_server.audit.verify_streams import Part
from issuer_server.db import make_engine

PARALLEL_FROM = 4 * tree.CHUNK  # entries; below this one process is quicker than starting others


@dataclass
class Report:
    size: int = 0
    root: str = ""
    kinds: Counter[str] = field(default_factory=Counter)
    nodes: int = 0
    checkpoints: int = 0
    checkpoint_signatures: int = 0
    event_signatures: int | None = None
    devices: int = 0
    positions: int = 0
    findings: list[Finding] = field(default_factory=list)
    problems: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        if not self.ok:
            more = f" ({self.problems - 1} more inconsistencies found)" if self.problems > 1 else ""
            return [f"audit log check FAILED: {self.findings[0].message}{more}"]
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(self.kinds.items()))
        signatures = (f"{self.event_signatures} event hashes and signatures re-verified"
                      if self.event_signatures is not None
                      else "event hashes and signatures not re-verified (add --signatures)")
        return [f"audit log verified: {self.size} entries ({kinds or 'empty'})",
                f"tree size {self.size}, root {self.root or '-'}; {self.nodes} stored Merkle nodes recomputed",
                f"{self.checkpoints} checkpoints: every root and place checked, {self.checkpoint_signatures} "
                "signature(s) verified with the log key",
                f"source tables agree entry for entry; {self.devices} device chains, {self.positions} positions; "
                f"{signatures}"]


_INHERITED: dict[str, Any] = {}  # what forked scanning processes find ready


def _run_part(part: Part) -> ScanResult:
    engine = make_engine(_INHERITED["url"], pool_size=1)
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived row tuples and no cycles: the collector would only slow the scan
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA mmap_size=17179869184")  # read pages in place, not copied
            result = scan(conn, part, _INHERITED["shared"])
            levels = tree.levels_of(bytes(result.leaves), tree.CHUNK_LEVEL)
            result.extra["nodes"] = tree.check_nodes(conn, levels, part.lo, 1, result.find)
            points = tree.part_points(conn, levels, part.lo, part.checkpoints_from, part.hi)
            result.extra["points"] = tree.check_part_points(points, result.runs, _INHERITED["log_key"],
                                                            _INHERITED["every_signature"], result.find)
            result.runs = []  # checked here; the range's first and last runs travel in ``points``
            result.extra["chunk_roots"] = levels[tree.CHUNK_LEVEL] if len(levels) > tree.CHUNK_LEVEL else []
            if part.hi == _INHERITED["shared"].end:
                result.extra["end_low"] = tree.low_fold(part.hi, levels, part.lo)
            result.leaves = bytearray()  # the main process needs only the chunk roots
            return result
    finally:
        if collecting:
            gc.enable()
        engine.dispose()


def _run(parts: list[Part]) -> list[ScanResult]:
    """The first part in this process (its result needs no pickling), the others in forked processes."""
    if len(parts) == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_run_part(p) for p in parts]
    with multiprocessing.get_context("fork").Pool(len(parts) - 1) as pool:
        others = pool.map_async(_run_part, parts[1:])
        first = _run_part(parts[0])
        return [first, *others.get()]


def _snapshot(engine: Engine) -> Connection:
    conn = engine.connect()
    if engine.dialect.name == "postgresql":  # SQLite's read transaction is a snapshot already (WAL)
        conn.execution_options(isolation_level="REPEATABLE READ")
    return conn


def _verifiers(conn: Connection) -> dict[str, Verifier]:
    found = {}
    for device_id, public_key in conn.execute(text("SELECT device_id, public_key FROM devices")):
        with contextlib.suppress(ValueError):  # a damaged key: each signature of that device fails, and says so
            found[device_id] = Verifier(public_key)
    return found


def verify(url: str, key_path: Path | None, *, signatures: bool = False, workers: int | None = None) -> Report:
    """Check everything; ``key_path``: the issuer's log key file (its public half is the trust anchor; without
    it the public key the log records is used)."""
    report, main = Report(), ScanResult(0, 0)
    # One read transaction (one snapshot) in this process; appends may go on meanwhile, and the scanning
    # processes read only rows that never change once logged (entries below ``end`` and their sources).
    engine = make_engine(url, pool_size=1)
    try:
        with _snapshot(engine) as conn:
            end, low = conn.execute(text('SELECT COALESCE(MAX("index") + 1, 0), MIN("index") FROM audit_log')).one()
            if low is not None and low < 0:
                main.find(0, f"entry {low}: the log has an entry at a negative index")
            expected, labels = sources.small_expected(conn)
            shared = Shared(expected, frozenset(d for (d,) in conn.execute(text("SELECT device_id FROM devices"))),
                            {i: name for i, name in conn.execute(text("SELECT id, username FROM users"))},
                            _verifiers(conn) if signatures else None, end)
            parts = sources.plan(conn, end, workers or os.cpu_count() or 1) \
                if end >= PARALLEL_FROM and conn.dialect.name == "sqlite" else [Part(0, end)]
            log_key = _log_verifier(conn, key_path, main.find)
            _INHERITED.update(url=url, shared=shared, log_key=log_key, every_signature=signatures)
            try:
                results = _run(parts)
            finally:
                _INHERITED.clear()
            _finish(conn, report, main, results, shared, labels, log_key, signatures)
    finally:
        engine.dispose()
    found = sorted([f for r in results for f in r.findings] + main.findings, key=lambda f: f.position)
    report.problems = sum(r.problems for r in results) + main.problems
    report.findings = found[:MAX_FINDINGS]
    return report


def _finish(conn: Connection, report: Report, main: ScanResult, results: list[ScanResult], shared: Shared,
            labels: dict[tuple[str, str], str], log_key: Verifier | None, signatures: bool) -> None:
    end, find = shared.end, main.find
    report.size = end
    scanner = Scanner(conn, shared, main)
    seen: Counter[tuple[str, str]] = Counter()
    for result in results:
        report.kinds.update(result.kinds)
        seen.update(result.small_seen)
        main.events.update(result.events)
        main.links.update(result.links)
        main.sheets.update(result.sheets)
        for device_id, segments in result.segments.items():
            main.segments.setdefault(device_id, []).extend(segments)
    for index, kind, ref, entry in sorted(e for r in results for e in r.entries):
        scanner.check(index, kind, ref, entry, last_chance=True)
    seen.update(main.small_seen)
    for key in sorted(k for k, n in seen.items() if n > 1):
        find(end, f"the log holds the entry of {labels.get(key, key)} {seen[key]} times")
    for event_id in sorted(main.events):
        find(end, f"score_events row {event_id} has no entry in the audit log")
    for event_id, link in sorted(main.links.items()):
        find(end, f"device_links: device {link[1]} #{link[2]} holds event {event_id}, which no log entry holds")
    for sheet in main.sheets.values():
        if not sheet.decision_seen:
            find(end, f"{sheet.source} has no decision entry in the audit log")
        if sheet.review is not None and not sheet.review_seen:
            find(end, f"{sheet.source} has no review entry in the audit log")
    for key in sorted(set(shared.expected) - set(seen)):
        find(end, f"{labels[key]} has no entry in the audit log")
    report.devices, report.positions = sources.check_chains(main.segments, end, find)
    unlinked = [u for r in results for u in r.unlinked] + main.unlinked
    report.devices += sources.check_unlinked(unlinked, find)
    upper = tree.levels_of(b"".join(root for r in results for root in r.extra["chunk_roots"]))
    report.nodes = sum(r.extra["nodes"] for r in results) + tree.check_nodes(
        conn, [[] for _ in range(tree.CHUNK_LEVEL)] + upper, 0, tree.CHUNK_LEVEL + 1, find)
    tree.check_node_counts(conn, end, find)
    tree.stray_points(conn, end, find)
    parts = [r.extra["points"] for r in results]
    points = tree.finish_checkpoints(parts, upper, end, log_key, signatures, find)
    last_run = next((p.last_run for p in reversed(parts) if p.last_run is not None), None)
    root = tree.root_from(end, upper, next((r.extra["end_low"] for r in results if "end_low" in r.extra), None))
    head = conn.execute(text("SELECT tree_size, last_timestamp, frontier FROM audit_log_head WHERE id = 1")).first()
    if head is None or head.tree_size != end or (last_run and head.last_timestamp != last_run[2]) \
            or tree.fold_text(head.frontier or "") != root:
        find(end, "audit_log_head does not describe the log's last append (its size, time or frontier)")
    report.root = root.hex()
    report.checkpoints, report.checkpoint_signatures = points.count, points.signatures_checked
    if signatures:
        report.event_signatures = sum(r.signatures_checked for r in results) + main.signatures_checked


def _log_verifier(conn: Connection, key_path: Path | None, find: tree.Find) -> Verifier | None:
    recorded = conn.scalar(text("SELECT public_key FROM audit_log_head WHERE id = 1"))
    key = existing_log_key(key_path) if key_path is not None else None
    if key is not None and recorded is not None and key.public_key != recorded:
        find(0, f"the log records the log key {recorded}, but the key file {key_path} holds {key.public_key}")
    public = key.public_key if key is not None else recorded
    try:
        return Verifier(public) if public else None
    except ValueError:
        return None
