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

from assessor_app.demo import run_admin
from assessor_app.store.database import Database
from assessor_app.store.paths import AppPaths
from assessor_app.store.settings import Settings
from assessor_app.sync.account import sign_in
from assessor_app.sync.service import SyncReport, SyncService
from bench._sync_program import PASSWORD, USER, write_program
from issuer_server.launcher import running_server


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--assignments", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        program = write_program(root / "program", args.assignments, 1024)
        db_url, evidence = f"sqlite:///{root / 'issuer.sqlite3'}", root / "issuer-evidence"
        run_admin(db_url, evidence, "init-db")
        started = time.perf_counter()
        run_admin(db_url, evidence, "load-program", str(program))
        print(f"issuer loaded {args.assignments} assignments in {time.perf_counter() - started:.1f} s")
        with running_server(db_url, evidence) as url:
            paths = AppPaths(root / "desk", root / "desk" / "logs").ensure()
            db = Database.open(paths.database, paths.backups)
            settings = Settings(paths.settings)
            client = sign_in(settings, url, USER, PASSWORD)
            service = SyncService(paths, db, client, settings)
            report = SyncReport()
            started = time.perf_counter()
            service._pull_feed(report)
            feed = time.perf_counter() - started
            service._pull_content(report)
            total = time.perf_counter() - started
            client.sign_out()
            client.close()
            db.close()
    print(f"feed: {feed:.2f} s; feed + rubric + manifests: {total:.2f} s for {report.new_assignments} assignments "
          f"(target < 2 s) -> {'PASS' if total < 2 else 'MISS'}")


if __name__ == "__main__":
    main()
