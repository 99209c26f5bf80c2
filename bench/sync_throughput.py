"""Benchmark: evidence download throughput over loopback, against curl fetching the same files in the same run.

    bash scripts/dev.sh bench sync_throughput [--files 8 --mb 128 --rounds 3]

Target (issue 4): at least 0.8x curl's throughput. Both sides use the same parallelism (3 transfers at a
time), the same server and the same disk; ours also verifies each file's sha256 and fsyncs it before renaming it
into place, curl does neither. Rounds alternate (curl, ours, curl, ours, ...); before every timed run the page
cache is flushed (``sync``) so neither side pays for the other's writeback, and each of our rounds is a new desk
(signed in, assignments and manifests pulled, untimed) downloading everything. The best round of each counts; all
rounds are printed with the load average.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assessor_app.sync.downloads import PARALLEL
from assessor_app.sync.service import SyncReport
from bench._sync_program import desk, running_issuer, write_program


def curl_round(url: str, token: str, files: int, out: Path, total: int) -> float:
    out.mkdir()
    command = ["curl", "-sS", "--no-progress-meter", "--parallel", "--parallel-max", str(PARALLEL),
               "-H", f"Authorization: Bearer {token}"]
    for i in range(files):
        command += ["-o", str(out / f"{i}.bin"), f"{url}/api/v1/evidence/ev-{i}-0"]
    os.sync()
    started = time.perf_counter()
    subprocess.run(command, check=True)
    elapsed = time.perf_counter() - started
    assert sum(f.stat().st_size for f in out.iterdir()) == total
    shutil.rmtree(out)
    return elapsed


def our_round(url: str, folder: Path, total: int) -> float:
    with desk(folder, url) as service:
        report = SyncReport()
        service._pull_feed(report)
        service._pull_content(report)
        os.sync()
        started = time.perf_counter()
        service._pull_evidence(report)
        elapsed = time.perf_counter() - started
    assert report.downloaded_bytes == total and not report.problems, report
    shutil.rmtree(folder)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--mb", type=int, default=128)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    total = args.files * args.mb * 1024 * 1024
    mb = total / 1e6
    curl_times: list[float] = []
    our_times: list[float] = []
    with tempfile.TemporaryDirectory(dir=Path.home()) as tmp:
        root = Path(tmp)
        program = write_program(root / "program", args.files, args.mb * 1024 * 1024)
        with running_issuer(root, program) as url, desk(root / "token-desk", url) as service:
            token = service._client._access
            curl_round(url, token, args.files, root / "warm", total)  # the server's page cache, for both sides
            for n in range(args.rounds):
                load = os.getloadavg()[0]
                curl_times.append(curl_round(url, token, args.files, root / f"curl{n}", total))
                our_times.append(our_round(url, root / f"desk{n}", total))
                print(f"round {n + 1}: load {load:.2f}  curl {curl_times[-1]:.2f} s  ours {our_times[-1]:.2f} s",
                      flush=True)
    ours, curl = min(our_times), min(curl_times)
    ratio = curl / ours
    print(f"{mb:.0f} MB in {args.files} files, {PARALLEL} at a time, best of {args.rounds} rounds each")
    print(f"assessor-app sync: {ours:.2f} s = {mb / ours:.0f} MB/s (sha256-verified, fsynced)")
    print(f"curl:              {curl:.2f} s = {mb / curl:.0f} MB/s")
    print(f"ratio: {ratio:.2f} (target >= 0.8) -> {'PASS' if ratio >= 0.8 else 'MISS'}")


if __name__ == "__main__":
    main()
