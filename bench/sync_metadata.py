"""Benchmark: metadata sync of 1,000 assignments (feed + rubric + 1,000 manifests) from the real issuer.

    .venv/bin/python bench/sync_metadata.py [--assignments 1000]

Target (issue 4): under 2 s. Evidence downloads are excluded (files are tiny and counted separately).
Runs inside a Secret Service session (the README's test command provides one; or dbus-run-session).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assessor_app.sync.service import SyncReport
from bench._sync_program import issuer_and_desk, write_program


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--assignments", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        program = write_program(root / "program", args.assignments, 1024)
        with issuer_and_desk(root, program) as service:
            report = SyncReport()
            started = time.perf_counter()
            service._pull_feed(report)  # the metadata phases only
            feed = time.perf_counter() - started
            service._pull_content(report)
            total = time.perf_counter() - started
    print(f"feed: {feed:.2f} s; feed + rubric + manifests: {total:.2f} s for {report.new_assignments} assignments "
          f"(target < 2 s) -> {'PASS' if total < 2 else 'MISS'}")


if __name__ == "__main__":
    main()
