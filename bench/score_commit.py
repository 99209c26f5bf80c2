"""Benchmark: latency of committing one score edit, against raw sqlite3 doing the same SQL in the same run.

    .venv/bin/python bench/score_commit.py [--edits 2000]

Target (issue 2): p99 of ``SheetStore.record`` no more than 1.5x the raw figure. Both sides use WAL and
synchronous=FULL and do the same work per edit in one transaction: read the device chain and the assignment
state, insert the event, advance the chain. The raw side skips what only the app does (validation); hashing and
signing with the device key (Ed25519, into the same ``signature`` column) are done by both, since both are part
of the row. Runs alternate in blocks so both see the same disk conditions.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assessor_app.domain.assignment import Assignment, AssignmentKind
from assessor_app.domain.audit_chain import chain_hash
from assessor_app.domain.signing import SigningKey
from assessor_app.store.catalog import Catalog
from assessor_app.store.database import PRAGMAS, Database
from assessor_app.store.sheets import Author, SheetStore
from tests.builders import sample_credential


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def app_side(folder: Path):
    credential = sample_credential()
    db = Database.open(folder / "app.sqlite3")
    Catalog(db).save_assignment(Assignment("a1", "s1", credential.id, credential.version, "ana", AssignmentKind.LIVE))
    store = SheetStore(db, Author("ana", "laptop", SigningKey.generate()))
    state = {"sheet": store.open("a1"), "n": 0}
    criteria = credential.rubric.criteria

    def edit() -> None:
        n = state["n"]
        criterion = criteria[n % len(criteria)]
        sheet = state["sheet"]
        state["sheet"] = store.record(sheet, sheet.propose_level(credential, criterion.id,
                                                                 criterion.levels[n % 4].id)).sheet
        state["n"] = n + 1

    return edit, db.close


def raw_side(folder: Path):
    conn = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    conn.executescript("""
        CREATE TABLE assignments (id TEXT PRIMARY KEY, state TEXT NOT NULL);
        CREATE TABLE device_chain (device_id TEXT PRIMARY KEY, last_seq INTEGER, last_hash TEXT);
        CREATE TABLE score_events (id TEXT PRIMARY KEY, sheet_seq INTEGER, sheet_id TEXT, assignment_id TEXT,
            actor TEXT, device_id TEXT, device_seq INTEGER, at TEXT, field TEXT, old TEXT, new TEXT, reason TEXT,
            prev_hash TEXT, hash TEXT, signature TEXT, UNIQUE(device_id, device_seq), UNIQUE(sheet_id, sheet_seq));
        INSERT INTO assignments VALUES ('a1', 'in_progress');
        INSERT INTO device_chain VALUES ('laptop', 0, '""" + "0" * 64 + """');
    """)
    state = {"n": 0}
    key = SigningKey.generate()

    def edit() -> None:
        n = state["n"] + 1
        conn.execute("BEGIN IMMEDIATE")
        seq, prev = conn.execute("SELECT last_seq, last_hash FROM device_chain WHERE device_id='laptop'").fetchone()
        conn.execute("SELECT state FROM assignments WHERE id='a1'").fetchone()
        body = {"id": str(uuid.uuid4()), "field": "criteria.c.level", "new": json.dumps(f"l{n % 4}"), "seq": seq + 1}
        digest = chain_hash(body, prev)
        conn.execute("INSERT INTO score_events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                     (body["id"], n, "s1", "a1", "ana", "laptop", seq + 1, "2026-11-23T00:00:00.000Z",
                      body["field"], None, body["new"], None, prev, digest, key.sign_event(digest)))
        conn.execute("UPDATE device_chain SET last_seq=?, last_hash=? WHERE device_id='laptop'", (seq + 1, digest))
        conn.execute("COMMIT")
        state["n"] = n

    return edit, conn.close


def measure(edit, count: int) -> list[float]:
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        edit()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=2000)
    parser.add_argument("--block", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app_edit, app_close = app_side(folder)
        raw_edit, raw_close = raw_side(folder)
        measure(app_edit, 50)
        measure(raw_edit, 50)  # warm-up
        app: list[float] = []
        raw: list[float] = []
        for _ in range(args.edits // args.block):
            app += measure(app_edit, args.block)
            raw += measure(raw_edit, args.block)
        app_close()
        raw_close()
    rows = [("SheetStore.record", app), ("raw sqlite3", raw)]
    print(f"{'side':<20}{'edits':>7}{'p50 ms':>9}{'p99 ms':>9}{'mean ms':>9}")
    for name, samples in rows:
        print(f"{name:<20}{len(samples):>7}{statistics.median(samples):>9.3f}{percentile(samples, 0.99):>9.3f}"
              f"{statistics.fmean(samples):>9.3f}")
    ratio = percentile(app, 0.99) / percentile(raw, 0.99)
    print(f"p99 ratio app/raw: {ratio:.2f} (target <= 1.5) -> {'PASS' if ratio <= 1.5 else 'MISS'}")


if __name__ == "__main__":
    main()
