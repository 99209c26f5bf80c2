"""Benchmark: next-submission switch time in the demo (Next / Alt+Right in the scoring view).

    bash scripts/dev.sh bench switch_time [--switches 50] [--no-profile]

Set-up, like ``tests/gui/test_scoring_end_to_end.py``: the demo issuer (``DemoSession``), the real
``MainWindow`` (offscreen, no audio), a full sync, the first assignment opened and its video on screen. Then
``--switches`` times ``window.scoring.step(±1)``, walking the queue forward and back (direction flips at
either end, so every switch really loads another submission). Switches follow each other with no pause: an
assessor skimming through the queue, the hardest case for what the app prepares in the background (the next
submissions' first video frame and first PDF page, see docs/ARCHITECTURE.md, "The GUI"). Each switch is timed
on one event loop, timestamps taken inside the slots, so no polling adds latency:

- **video**: from the ``step()`` call until ``VideoPane.frameShown``: the next submission's video (the
  evidence pane opens it first) shows its first frame;
- **pdf**: from selecting the PDF evidence item (done on the next event-loop turn after ``frameShown``,
  as an assessor who goes straight to the student work would) until ``PdfPane.pageShown(1)``;
- **switch** (the combined figure the target applies to): from the ``step()`` call until the PDF's first page
  is drawn in that sequence, i.e. until the assessor has seen both the first video frame and the first PDF
  page of the new submission. The pane shows one evidence item at a time, so "both" is sequential: switch
  is about video + pdf plus one event-loop turn.
- **loaded** is reported as a breakdown: ``step()`` until ``ScoringView.loaded`` (context loaded on the
  writer thread, sheet shown in the rubric pane, evidence list filled, video load started).

Target (issue): p95 of switch under 150 ms. The script also prints where the time goes: per-phase medians
from timestamps (phases on the writer thread included; they are stamped by wrapping the functions in
this process only, nothing in the app is changed), how often the prepared video and PDF were there (and
ready) when the switch needed them, and a cProfile of one switch on the GUI thread. The machine is shared:
read every figure with the load average printed around the run.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, Qt, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication

TARGET_MS = 150.0
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Marks = dict[str, float]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def wait_for(signal: SignalInstance, timeout_s: float, ready: Callable[[], bool] | None = None) -> bool:
    """Run the event loop until ``signal`` fires (and ``ready()``, if given, is true); False on timeout.

    With ``ready`` given and already true, returns at once (the awaited state may have come before the call).
    """
    if ready is not None and ready():
        return True
    loop = QEventLoop()
    fired = False

    def check(*_args: Any) -> None:
        nonlocal fired
        if ready is None or ready():
            fired = True
            loop.quit()

    signal.connect(check)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(int(timeout_s * 1000))
    loop.exec()
    signal.disconnect(check)
    return fired


class PhaseClock:
    """Timestamps of app functions during the current switch, by wrapping them on their classes/modules.

    Wrapping (rather than editing the app) keeps the benchmark honest about what ships: the wrappers only
    read ``perf_counter`` (thread-safe) and store into a dict owned by this script.
    """

    def __init__(self) -> None:
        self.marks: Marks = {}
        self.notes: dict[str, bool] = {}  # per switch: was the prepared video/PDF there, was page 1 a cache hit

    def stamp(self, label: str) -> None:
        self.marks.setdefault(label, time.perf_counter())

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            self.stamp(f"{label}>")
            try:
                return original(*args, **kwargs)
            finally:
                self.stamp(f"{label}<")

        setattr(owner, name, timed)

    def note_result(self, owner: Any, name: str, label: str, judge: Callable[[Any], bool]) -> None:
        """Record ``judge(result)`` of the first call during a switch (e.g. whether a prepared player was there)."""
        original = getattr(owner, name)

        def noted(*args: Any, **kwargs: Any) -> Any:
            result = original(*args, **kwargs)
            self.notes.setdefault(label, judge(result))
            return result

        setattr(owner, name, noted)


def instrument(clock: PhaseClock) -> None:
    """Wrap the steps of a switch; must run before the window is built (signals bind methods at connect)."""
    from assessor_app.ui import evidence_pane, scoring_view
    from assessor_app.ui.pdf.prepared_documents import PreparedDocuments
    from assessor_app.ui.video.standby_players import StandbyPlayers
    from assessor_app.ui.video.video_pane import VideoPane

    clock.wrap(scoring_view, "load_scoring_context", "context (writer)")
    clock.wrap(scoring_view.ScoringView, "_show", "show")
    clock.wrap(scoring_view.ScoringView, "_leave_current", "close previous")
    clock.wrap(scoring_view.ScoringView, "_show_rubric", "rubric pane (shown)")
    clock.wrap(scoring_view, "RubricPane", "rubric pane")
    clock.wrap(evidence_pane.EvidencePane, "show_context", "evidence list")
    clock.wrap(VideoPane, "load", "video load call")
    # Whether the media prepared in the background during the previous switch was there, and ready, when needed.
    clock.note_result(StandbyPlayers, "take", "video prepared", lambda player: player is not None)
    clock.note_result(StandbyPlayers, "take", "video prepared, frame decoded",
                      lambda player: player is not None and player.has_frame)
    clock.note_result(PreparedDocuments, "take", "pdf prepared", lambda doc: doc is not None)
    clock.note_result(PreparedDocuments, "take", "pdf prepared, page 1 rendered",
                      lambda doc: doc is not None and doc.warm)


PHASES = [  # (name, from mark, to mark): the breakdown printed for the median switch
    ("step() -> writer starts context load", "t0", "context (writer)>"),
    ("context load on the writer", "context (writer)>", "context (writer)<"),
    ("result back on the GUI thread", "context (writer)<", "show>"),
    ("close previous (flush, coverage, unload media)", "close previous>", "close previous<"),
    ("rubric pane shows the sheet (kept pane, or new)", "rubric pane (shown)>", "rubric pane (shown)<"),
    ("  of which a new RubricPane built", "rubric pane>", "rubric pane<"),
    ("evidence list + responses + video load call", "evidence list>", "evidence list<"),
    ("  of which VideoPane.load", "video load call>", "video load call<"),
    ("_show total (to loaded)", "show>", "show<"),
    ("loaded -> first video frame (prepared, or decoded)", "show<", "frame"),
    ("frameShown -> PDF item selected", "frame", "select"),
    ("PDF selected -> page 1 drawn", "select", "page"),
]


class Bench:
    def __init__(self, window: Any, clock: PhaseClock) -> None:
        self.window = window
        self.view = window.scoring
        self.clock = clock
        self.loop = QEventLoop()
        self.position = 0
        self.direction = 1
        self.pdf_page_pending = False
        self.view.loaded.connect(lambda _aid: clock.stamp("loaded"))
        self.view.evidence.video.frameShown.connect(self._on_frame)
        self.view.evidence.pdf.pageShown.connect(self._on_page)
        self.notes: list[dict[str, bool]] = []

    def _on_frame(self) -> None:
        # Only the new submission's video counts: the previous one may still deliver a late frame after step().
        if "loaded" in self.clock.marks and "frame" not in self.clock.marks:
            self.clock.stamp("frame")
            QTimer.singleShot(0, self._select_pdf)

    def _select_pdf(self) -> None:
        context = self.view.context
        assert context is not None
        key = next(e.item.id for e in context.evidence if e.item.kind.value == "pdf")
        self.clock.stamp("select")
        self.pdf_page_pending = True
        self.view.evidence.open_item(key)

    def _on_page(self, page: int) -> None:
        if self.pdf_page_pending and page == 1:
            self.pdf_page_pending = False
            self.clock.stamp("page")
            self.loop.quit()

    def switch(self, profiler: cProfile.Profile | None = None) -> Marks:
        rows = self.window.proxy.rowCount()
        if not 0 <= self.position + self.direction < rows:
            self.direction = -self.direction
        self.position += self.direction
        self.clock.marks = {}
        self.clock.notes = {}
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(self.loop.quit)
        timer.start(20000)
        if profiler is not None:
            profiler.enable()
        self.clock.stamp("t0")
        self.view.step(self.direction)
        self.loop.exec()
        if profiler is not None:
            profiler.disable()
        marks = self.clock.marks
        self.notes.append(dict(self.clock.notes))
        if "page" not in marks:
            raise RuntimeError(f"switch {self.direction:+d} to row {self.position} did not finish: {sorted(marks)}")
        expected = self.window.proxy.index(self.position, 0).data(ROW_ROLE).assignment_id
        got = self.view.context.assignment.id if self.view.context else None
        if got != expected:
            order = [self.window.proxy.index(r, 0).data(ROW_ROLE).assignment_id for r in range(rows)]
            raise RuntimeError(f"expected {expected} at row {self.position}, got {got}; order {order}")
        return dict(marks)


def start_window(folder: Path) -> tuple[Any, Any, Any, Any]:
    from assessor_app.demo import DemoSession
    from assessor_app.store.paths import AppPaths
    from assessor_app.store.settings import Settings
    from assessor_app.ui.main_window import MainWindow
    from assessor_app.ui.tasks import TaskRunner

    os.environ["ASSESSOR_APP_HOME"] = str(folder / "desk")
    paths = AppPaths.resolve().ensure()
    session = DemoSession(folder / "issuer")
    tasks = TaskRunner()
    window = MainWindow(paths, tasks, Settings(paths.settings), " — bench", session.start)
    window.resize(1280, 720)
    window.show()
    window.open_cache()
    if not wait_for(window.sync.finished, 120):
        raise RuntimeError("the demo sync did not finish in 120 s")

    def all_ready() -> bool:
        rows = [window.proxy.index(r, 0).data(ROW_ROLE) for r in range(window.proxy.rowCount())]
        return bool(rows) and all(r.evidence_total and r.evidence_ready == r.evidence_total for r in rows)

    if not wait_for(window.model.modelReset, 30, all_ready):
        raise RuntimeError("the queue never showed every evidence item downloaded")
    return window, tasks, session, paths


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def summarize(name: str, samples: list[float]) -> dict[str, float]:
    return {"name": name, "n": len(samples), "p50": statistics.median(samples), "p95": percentile(samples, 0.95),
            "max": max(samples), "mean": statistics.fmean(samples)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--switches", type=int, default=50)
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile of one extra switch")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("ASSESSOR_APP_NO_AUDIO", "1")
    app = QApplication(sys.argv[:1])
    clock = PhaseClock()
    instrument(clock)
    folder = Path(tempfile.mkdtemp(prefix="assessors-desk-switch-"))
    started = time.perf_counter()
    try:
        window, tasks, session, _paths = start_window(folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    print(f"demo synced in {time.perf_counter() - started:.1f} s; {window.proxy.rowCount()} assignments; "
          f"platform {app.platformName()}; load average before the switches {load_average()}", flush=True)
    try:
        first = window.proxy.index(0, 0).data(ROW_ROLE).assignment_id
        video = window.scoring.evidence.video
        window.open_assignment(first)
        if not wait_for(video.frameShown, 30):
            raise RuntimeError("the first assignment's video never showed a frame")
        bench = Bench(window, clock)
        runs = [bench.switch() for _ in range(args.switches)]
        profile_text = ""
        if not args.no_profile:
            profiler = cProfile.Profile()
            runs_profiled = bench.switch(profiler)
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
            profile_text = out.getvalue()
            print(f"(profiled switch: switch {1000 * (runs_profiled['page'] - runs_profiled['t0']):.0f} ms "
                  "with the profiler on)")
    finally:
        window.close()
        tasks.wait_idle()
        session.stop()
        shutil.rmtree(folder, ignore_errors=True)

    def ms(marks: Marks, a: str, b: str) -> float:
        return 1000 * (marks[b] - marks[a])

    rows = [summarize("loaded (step -> ScoringView.loaded)", [ms(m, "t0", "loaded") for m in runs]),
            summarize("video (step -> first frame shown)", [ms(m, "t0", "frame") for m in runs]),
            summarize("pdf (PDF selected -> page 1 drawn)", [ms(m, "select", "page") for m in runs]),
            summarize("switch (step -> video frame + PDF page)", [ms(m, "t0", "page") for m in runs])]
    print(f"\n{len(runs)} switches, alternating through {window.proxy.rowCount()} assignments")
    print(f"{'measure':<44}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'mean ms':>9}")
    for r in rows:
        print(f"{r['name']:<44}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['max']:>9.1f}{r['mean']:>9.1f}")
    print("\nwhere the time goes (median over the switches, ms):")
    for label, a, b in PHASES:
        values = [ms(m, a, b) for m in runs if a in m and b in m]
        if values:
            print(f"  {label:<52}{statistics.median(values):>8.1f}  (p95 {percentile(values, 0.95):.1f})")
    print("\nprepared in the background before the switch (count of switches):")
    for label in sorted({key for notes in bench.notes[:len(runs)] for key in notes}):
        hits = sum(notes.get(label, False) for notes in bench.notes[:len(runs)])
        print(f"  {label:<52}{hits:>4} / {len(runs)}")
    print(f"\nload average after the switches {load_average()} (1, 5, 15 min; 2 cores)")
    switch_p95 = rows[-1]["p95"]
    verdict = "PASS" if switch_p95 < TARGET_MS else "MISS"
    print(f"\nswitch p95 {switch_p95:.1f} ms (target < {TARGET_MS:.0f} ms) -> {verdict}")
    video_p95 = rows[1]["p95"]
    print(f"video alone p95 {video_p95:.1f} ms -> {'PASS' if video_p95 < TARGET_MS else 'MISS'}; "
          f"pdf alone p95 {rows[2]['p95']:.1f} ms -> {'PASS' if rows[2]['p95'] < TARGET_MS else 'MISS'}")
    if profile_text:
        print("\ncProfile of one more switch (GUI thread only; the writer/VLC/MuPDF threads are in the timings):")
        print(profile_text)
    if args.json:
        print(json.dumps({"rows": rows, "target_ms": TARGET_MS, "verdict": verdict}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

