"""Benchmark: evidence download throughput over loopback, against curl fetching the same files in the same run.

    .venv/bin/python bench/sync_throughput.py [--files 8 --mb 128]

Target (issue 4): at least 0.8x curl's throughput. Both sides use the same parallelism (3 transfers at a
time) and write to the same disk; ours also verifies each file's sha256 before renaming it into place.
Runs inside a Secret Service session (the README's test command provides one; or dbus-run-session).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assessor_app.sync.downloads import PARALLEL
from assessor_app.sync.service import SyncReport
from bench._sync_program import issuer_and_desk, write_program


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--mb", type=int, default=128)
    args = parser.parse_args()
    total = args.files * args.mb * 1024 * 1024
    with tempfile.TemporaryDirectory(dir=Path.home()) as tmp:
        root = Path(tmp)
        program = write_program(root / "program", args.files, args.mb * 1024 * 1024)
        with issuer_and_desk(root, program) as service:
            client = service._client
            url = client.server_url
            report = SyncReport()
            service._pull_feed(report)
            service._pull_content(report)
            # curl first (warms the server's page cache for both), then ours, then curl again; best curl counts.
            curl_times = []
            token = client._access
            for attempt in range(2):
                out = root / f"curl{attempt}"
                out.mkdir()
                command = ["curl", "-sS", "--no-progress-meter", "--parallel", "--parallel-max", str(PARALLEL),
                           "-H", f"Authorization: Bearer {token}"]
                for i in range(args.files):
                    command += ["-o", str(out / f"{i}.bin"), f"{url}/api/v1/evidence/ev-{i}-0"]
                started = time.perf_counter()
                subprocess.run(command, check=True)
                curl_times.append(time.perf_counter() - started)
                assert sum(f.stat().st_size for f in out.iterdir()) == total
                for f in out.iterdir():
                    f.unlink()
                if attempt == 0:
                    started = time.perf_counter()
                    service._pull_evidence(report)
                    ours = time.perf_counter() - started
    assert report.downloaded_bytes == total and not report.problems, report
    curl = min(curl_times)
    mb = total / 1e6
    ratio = (mb / ours) / (mb / curl)
    print(f"{mb:.0f} MB in {args.files} files, {PARALLEL} at a time")
    print(f"assessor-app sync: {ours:.2f} s = {mb / ours:.0f} MB/s (sha256-verified, fsynced)")
    print(f"curl:              {curl:.2f} s = {mb / curl:.0f} MB/s (best of {len(curl_times)})")
    print(f"ratio: {ratio:.2f} (target >= 0.8) -> {'PASS' if ratio >= 0.8 else 'MISS'}")


if __name__ == "__main__":
    main()
