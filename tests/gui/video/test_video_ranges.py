"""Marking In/Out: the range loops playback and is what a score cites."""

from __future__ import annotations

from PySide6.QtCore import Qt

from assessor_app.domain.anchors import TimeRange
from tests.gui.video.conftest import CLASSROOM_A, FRAME_TIMEOUT_MS, load


def seek_and_wait(qtbot, pane, seconds: float) -> None:
    with qtbot.waitSignal(pane.frameShown, timeout=FRAME_TIMEOUT_MS):
        pane.seek(seconds)


def test_citation_range_is_the_marked_in_out(qtbot, pane):
    load(qtbot, pane, CLASSROOM_A)
    seek_and_wait(qtbot, pane, 2.0)
    qtbot.keyClick(pane.bar.play_button, Qt.Key.Key_I)
    seek_and_wait(qtbot, pane, 4.5)
    qtbot.keyClick(pane.bar.play_button, Qt.Key.Key_O)
    cited = pane.citation_range()
    assert abs(cited.start - 2.0) < 0.05 and abs(cited.end - 4.5) < 0.05
    assert pane.bar.range_label.text() == "00:02.0 – 00:04.5"


def test_citation_range_without_marks_is_the_last_few_seconds(qtbot, pane):
    load(qtbot, pane, CLASSROOM_A)
    assert pane.citation_range() == TimeRange(0.0, 0.0)
    seek_and_wait(qtbot, pane, 7.0)
    cited = pane.citation_range()
    assert abs(cited.start - 2.0) < 0.05 and abs(cited.end - 7.0) < 0.05


def test_the_loop_range_wraps_back_to_in(qtbot, pane):
    load(qtbot, pane, CLASSROOM_A)
    seek_and_wait(qtbot, pane, 1.0)
    pane.mark_in()
    seek_and_wait(qtbot, pane, 1.6)
    pane.mark_out()
    pane.set_looping(True)
    assert "(looping)" in pane.bar.range_label.text()
    seek_and_wait(qtbot, pane, 1.0)
    with qtbot.waitSignal(pane.frameShown, timeout=FRAME_TIMEOUT_MS):  # the wrap is a seek back to In
        pane.play()
        qtbot.waitUntil(lambda: pane.current_time() > 1.4, timeout=FRAME_TIMEOUT_MS)
    qtbot.waitUntil(lambda: pane.current_time() < 1.3, timeout=FRAME_TIMEOUT_MS)
    assert pane.is_playing()
    assert pane.current_time() >= 1.0


def test_out_before_in_is_refused_with_a_message(qtbot, pane):
    load(qtbot, pane, CLASSROOM_A)
    seek_and_wait(qtbot, pane, 5.0)
    pane.mark_in()
    seek_and_wait(qtbot, pane, 3.0)
    pane.mark_out()
    assert pane.bar.status_label.text() == "Out must come after In"
    assert pane.citation_range().end == 3.0  # no Out marked: the recent window is cited
