"""Benchmark: cold start to a usable queue, on a cache that has been synced before.

    bash scripts/dev.sh bench cold_start [--runs 10] [--importtime]

Set-up: one demo sync (the real ``MainWindow`` against ``DemoSession``, as ``bench/switch_time.py`` does) into
a temporary ``ASSESSOR_APP_HOME``, then the issuer is stopped: what an assessor has after yesterday's sync.

Each run is a fresh Python process (``python -c``) that goes through the real entry point, ``assessor_app.cli
.main([])`` (what the ``assessor-app`` command runs: argument parsing, then ``ui.app.run_gui``), and reports
when the queue model has its rows. The only addition is a zero-delay timer queued before ``main`` runs (on a
``QApplication`` the child creates first, which ``run_gui`` then reuses), which finds the ``MainWindow`` once
the event loop runs, notes the moment ``window.model`` has rows, then closes the window (so ``run_gui``
returns normally: pending work finished, cache closed). The sign-in is still saved, so the window also
starts a sync that fails at once against the stopped issuer, as it would for an assessor who is offline.

Time is ``time.monotonic()`` (CLOCK_MONOTONIC, shared by every process on Linux): from just before the
parent's ``Popen`` (so interpreter start-up counts) to the rows. The child also reports when its first line
ran (interpreter start-up done) and when its imports were done. The OS file cache is warm after the first
run (dropping it needs root and would measure the disk, not the app); run 1 is shown separately.

Target (issue): under 1.5 s. With ``--importtime`` (or on a MISS) one more run under ``python -X importtime``
lists the slowest imports.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_S = 1.5

# The child: report milestones as one JSON line on stdout. Kept as source (not a module of the app) so that
# nothing but the real entry point's own imports is loaded before the clock stops.
CHILD = r"""
import json, os, sys, time
marks = {"interpreter": time.monotonic()}
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from assessor_app import cli
from assessor_app.ui import app as gui
marks["imports"] = time.monotonic()
app = QApplication(sys.argv[:1])

def find_window():
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, gui.MainWindow))
    marks["event loop"] = time.monotonic()

    def check(*_args):
        if window.model.rowCount() and "rows" not in marks:
            marks["rows"] = time.monotonic()
            marks["row count"] = window.model.rowCount()
            print(json.dumps(marks), flush=True)
            QTimer.singleShot(0, window.close)

    window.model.modelReset.connect(check)
    window.model.rowsInserted.connect(check)
    check()

QTimer.singleShot(0, find_window)
status = cli.main([])
sys.exit(status if "rows" in marks else 3)
"""


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def make_synced_cache(folder: Path) -> dict[str, str]:
    """Sync the demo once into ``folder``, stop the issuer; returns the environment for the children."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("ASSESSOR_APP_NO_AUDIO", "1")
    from PySide6.QtWidgets import QApplication

    from bench.switch_time import start_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window, tasks, session, paths = start_window(folder)
    rows = window.model.rowCount()
    window.close()
    tasks.wait_idle()
    session.stop()
    app.processEvents()
    print(f"pre-synced cache: {rows} assignments in {paths.database} (issuer stopped)", flush=True)
    return {**os.environ, "ASSESSOR_APP_HOME": str(folder / "desk"), "PYTHONDONTWRITEBYTECODE": "1"}


def run_child(env: dict[str, str], extra: tuple[str, ...] = ()) -> tuple[dict, float, str]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, *extra, "-c", CHILD], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"the child failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(lines[-1]), started, done.stderr


def import_offenders(stderr: str, top: int = 12) -> None:
    """Print what the imports cost: third-party packages as the app pulls them in, and the slowest modules.

    ``-X importtime`` lists a module after everything it imported, indented one step deeper than its parent,
    so a line's parent is the next line below it with less indentation.
    """
    rows: list[tuple[str, float, float, int]] = []  # module, self ms, cumulative ms, depth
    for line in stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            rows.append((match.group(4), int(match.group(1)) / 1000, int(match.group(2)) / 1000,
                         len(match.group(3)) // 2))
    pulled: dict[tuple[str, str], float] = defaultdict(float)  # (package, by which app module) -> ms
    for index, (name, _self_ms, cumulative, depth) in enumerate(rows):
        if name.startswith("assessor_app"):
            continue
        parent = next((r[0] for r in rows[index + 1:] if r[3] < depth), "<entry point or at run time>")
        if parent.startswith("assessor_app") or parent == "<entry point or at run time>":
            pulled[(name.split(".")[0], parent)] += cumulative
    print("\nthird-party imports by the app module that pulls them in (cumulative ms; nested ones counted once):")
    for (package, parent), ms in sorted(pulled.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {ms:8.1f} ms  {package:<12} <- {parent}")
    print("slowest single modules (self time):")
    for name, self_ms, _cumulative, _depth in sorted(rows, key=lambda r: -r[1])[:top]:
        print(f"  {self_ms:8.1f} ms  {name}")
    print(f"  all imports: {sum(r[1] for r in rows):.0f} ms of self time in {len(rows)} modules")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--importtime", action="store_true", help="always list the slowest imports")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="assessors-desk-cold-"))
    try:
        return measure(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure(args: argparse.Namespace, folder: Path) -> int:
    env = make_synced_cache(folder)
    results = []
    for run in range(1, args.runs + 1):
        marks, started, _stderr = run_child(env)
        result = {"run": run, "total": marks["rows"] - started, "interpreter": marks["interpreter"] - started,
                  "imports": marks["imports"] - marks["interpreter"], "to rows": marks["rows"] - marks["imports"],
                  "rows": marks["row count"]}
        results.append(result)
        print(f"run {run:2}: {result['total']:.3f} s to {result['rows']} rows (interpreter "
              f"{result['interpreter']:.3f} s, imports {result['imports']:.3f} s, QApplication + window + cache + "
              f"query {result['to rows']:.3f} s)", flush=True)

    def column(name: str, rows: list[dict]) -> list[float]:
        return [r[name] for r in rows]

    print(f"\n{'part':<46}{'p50 s':>8}{'p95 s':>8}{'max s':>8}")
    for label, name in (("process start -> interpreter ready", "interpreter"), ("imports", "imports"),
                        ("QApplication, window, cache open, queue query", "to rows"),
                        ("total: process start -> queue rows", "total")):
        values = column(name, results)
        print(f"{label:<46}{statistics.median(values):>8.3f}{percentile(values, 0.95):>8.3f}{max(values):>8.3f}")
    warm = results[1:] or results
    print(f"(run 1, first after the sync: {results[0]['total']:.3f} s; runs 2-{len(results)} p50 "
          f"{statistics.median(column('total', warm)):.3f} s)")
    p95 = percentile(column("total", results), 0.95)
    verdict = "PASS" if p95 < TARGET_S else "MISS"
    print(f"\ncold start p95 {p95:.3f} s, p50 {statistics.median(column('total', results)):.3f} s "
          f"(target < {TARGET_S} s) -> {verdict}")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    if args.importtime or verdict == "MISS":
        _marks, _started, stderr = run_child(env, ("-X", "importtime"))
        import_offenders(stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
