"""The plain-Python parts of the pane: clock, watched coverage, marked range, container check, sizes."""

from __future__ import annotations

from pathlib import Path

from assessor_app.ui.video.container_check import container_problem
from assessor_app.ui.video.marked_range import MarkedRange, clock_text
from assessor_app.ui.video.playback_clock import PlaybackClock
from assessor_app.ui.video.vlc_media import fit_size
from assessor_app.ui.video.watched_coverage import WatchedCoverage
from tests.gui.video.conftest import CLASSROOM_A, TRUNCATED


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_clock_extrapolates_at_the_rate_and_ignores_small_lag():
    t = FakeTime()
    clock = PlaybackClock(now=t)
    clock.start()
    clock.set_rate(2.0)
    t.now += 1.0
    assert clock.position() == 2.0
    clock.reported_by_vlc(1.8)  # VLC's coarse clock lags: not a jump back
    assert clock.position() == 2.0
    clock.reported_by_vlc(0.5)  # far behind: a real jump
    assert clock.position() == 0.5


def test_frame_steps_move_the_stopped_clock():
    clock = PlaybackClock(now=FakeTime())
    clock.jump(2.0)
    clock.step(0.04)
    clock.step(0.04)
    assert abs(clock.position() - 2.08) < 1e-9


def test_coverage_merges_overlaps_and_breaks_on_jumps():
    coverage = WatchedCoverage()
    for t in (0.0, 0.5, 1.0):
        coverage.observe(t)
    coverage.break_run()
    for t in (0.8, 1.5, 2.0):
        coverage.observe(t)
    coverage.observe(7.0)  # a jump: not watched
    coverage.observe(7.5)
    assert coverage.intervals() == [(0.0, 2.0), (7.0, 7.5)]
    assert coverage.fraction(10.0) == 0.25


def test_marked_range_without_in_takes_the_recent_window():
    marked = MarkedRange()
    assert marked.mark_out(8.0)
    assert (marked.start, marked.end) == (3.0, 8.0)
    assert not marked.mark_out(2.0)
    assert marked.loop_bounds(12.0) == (3.0, 8.0)


def test_clock_text_shows_tenths():
    assert clock_text(65.43) == "01:05.4"


def test_container_check_names_truncation_and_passes_whole_files():
    assert "incomplete" in container_problem(TRUNCATED)
    assert container_problem(CLASSROOM_A) is None
    assert container_problem(Path(__file__)) is None  # not MP4: VLC decides


def test_decode_size_keeps_the_aspect_and_caps_at_720p():
    assert fit_size(640, 360) == (640, 360)
    assert fit_size(1920, 1080) == (1280, 720)
    assert fit_size(720, 576, sar=16 / 15) == (768, 576)
    assert fit_size(0, 0) == (640, 360)
