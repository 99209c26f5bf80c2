"""Benchmark: ``issuer-server audit verify`` on a log of 1,000,000 score events.

    bash scripts/dev.sh bench audit_verify [--events 1000000] [--cache DIR] [--signatures-sample 2000]

Target (issue 7): under 10 s on this 2-core machine. The database (SQLite) is built once through the issuer's own
write and append code (``bench/_audit_log.py``: signed events, one append and one signed checkpoint per sheet and
per review) and cached in ``--cache`` (default ``$TMPDIR/assessors-desk-bench``), so reruns only verify. The
check runs as the real command in a child process, timed end to end. Beside it, in the same run, a bare loop
hashes the same entry bytes with ``hashlib.sha256``: one leaf hash per entry and as many interior hashes (n - 1),
the least any Python verifier of this log must do. Optionally the per-signature cost of ``--signatures`` is
measured on a sample and extrapolated.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assessor_app.domain.signing import SigningKey
from bench._audit_log import build

BUILD_VERSION = "1"  # bump when the builder or the log's format changes
TARGET_SECONDS = 10.0


def cached_database(folder: Path, events: int) -> Path:
    root = folder / f"audit-log-{events}-v{BUILD_VERSION}"
    database = root / "issuer.sqlite3"
    if (root / "complete").is_file():
        return root
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    print(f"building a log of {events:,} score events in {root} (once; later runs reuse it) ...", flush=True)
    started = time.perf_counter()
    made = build(f"sqlite:///{database}", root / "issuer-log-key", root, events,
                 progress=lambda line: print(line, flush=True) if "000 sheets" in line else None)
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (root / "complete").write_text(repr(made))
    print(f"built in {time.perf_counter() - started:.0f} s: {made}", flush=True)
    return root


def bare_hashing(database: Path) -> tuple[int, float]:
    """Seconds for sha256 over every entry (as a leaf) plus n - 1 interior hashes, entries already in memory."""
    with sqlite3.connect(database) as conn:
        entries = [row[0].encode("utf-8") for row in conn.execute('SELECT entry FROM audit_log ORDER BY "index"')]
    sha256 = hashlib.sha256
    started = time.perf_counter()
    level = [sha256(b"\x00" + entry).digest() for entry in entries]
    while len(level) > 1:
        paired = [sha256(b"\x01" + a + b).digest() for a, b in zip(level[0::2], level[1::2], strict=False)]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return len(entries), time.perf_counter() - started


def timed_verify(root: Path, *extra: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    command = [sys.executable, "-m", "issuer_server.cli", "--db", str(root / "issuer.sqlite3"),
               "--log-key", str(root / "issuer-log-key"), "audit", "verify", *extra]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    return time.perf_counter() - started, done


def signature_cost(samples: int) -> float:
    key = SigningKey.generate()
    from assessor_app.domain.signing import Verifier

    verifier, signatures = Verifier(key.public_key), [key.sign_event(f"{n:064x}") for n in range(samples)]
    started = time.perf_counter()
    for n, signature in enumerate(signatures):
        verifier.verifies_event(f"{n:064x}", signature)
    return (time.perf_counter() - started) / samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "assessors-desk-bench")
    parser.add_argument("--signatures-sample", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3, help="verify this many times; the median is judged")
    args = parser.parse_args()
    root = cached_database(args.cache, args.events)
    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    count, bare = bare_hashing(root / "issuer.sqlite3")
    times = []
    for _ in range(args.runs):
        seconds, done = timed_verify(root)
        if done.returncode != 0:
            print(f"audit verify failed (exit {done.returncode}): {done.stderr.strip()}")
            sys.exit(1)
        times.append(seconds)
        print(f"  run {len(times)}: {seconds:.2f} s (load average {os.getloadavg()[0]:.2f})", flush=True)
    print(done.stdout.strip())
    seconds = statistics.median(times)
    per_signature = signature_cost(args.signatures_sample)
    events = int(done.stdout.split(" score-event")[0].rsplit("(", 1)[-1].split(", ")[-1]) \
        if " score-event" in done.stdout else 0
    print(f"bare sha256 loop over the same {count:,} entries (leaves + {count - 1:,} interior hashes): {bare:.2f} s")
    print(f"audit verify (child process, end to end): median {seconds:.2f} s of {len(times)} runs "
          f"(best {min(times):.2f} s) = {seconds / bare:.1f}x the bare loop")
    print(f"--signatures would add about {per_signature * events:.0f} s here ({per_signature * 1e6:.0f} us per "
          f"Ed25519 verification, {events:,} events, before dividing over cores)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"target < {TARGET_SECONDS:.0f} s -> {'PASS' if seconds < TARGET_SECONDS else 'MISS'}")


if __name__ == "__main__":
    main()
