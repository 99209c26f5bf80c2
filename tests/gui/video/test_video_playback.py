"""The pane plays real video through libvlc: pictures, seeking, play/pause, speed, frame steps, coverage."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.video.conftest import (
    CLASSROOM_A,
    FRAME_TIMEOUT_MS,
    RED_THEN_GREEN,
    centre_colour,
    is_green,
    is_red,
    load,
)


def test_the_first_frame_is_painted_and_grab_captures_it(qtbot, pane):
    load(qtbot, pane, RED_THEN_GREEN)
    assert is_red(centre_colour(pane))
    assert pane.duration() == 4.0
    assert not pane.is_playing()  # a loaded video waits for the assessor


def test_the_picture_keeps_its_aspect_ratio_letterboxed(qtbot, pane):
    load(qtbot, pane, RED_THEN_GREEN)
    pane.surface.resize(800, 200)
    rect = pane.surface.picture_rect()
    assert abs(rect.width() / rect.height() - 16 / 9) < 0.02
    image = pane.surface.grab().toImage()
    assert not is_red(image.pixelColor(5, 100))  # the bar beside the picture stays dark


def test_seek_lands_on_the_green_half(qtbot, pane):
    load(qtbot, pane, RED_THEN_GREEN)
    with qtbot.waitSignal(pane.frameShown, timeout=FRAME_TIMEOUT_MS):
        pane.seek(3.0)
    assert is_green(centre_colour(pane))
    assert abs(pane.current_time() - 3.0) < 0.1
    assert pane.bar.time_label.text() == "00:03.0"


def test_space_plays_and_pauses(qtbot, pane):
    load(qtbot, pane, CLASSROOM_A)
    qtbot.keyClick(pane.bar.play_button, Qt.Key.Key_Space)
    qtbot.waitUntil(pane.is_playing, timeout=FRAME_TIMEOUT_MS)
    assert pane.bar.play_button.text() == "Pause"
    qtbot.keyClick(pane.bar.play_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not pane.is_playing(), timeout=FRAME_TIMEOUT_MS)
    assert pane.bar.play_button.text() == "Play"


def test_playing_advances_the_clock_and_the_watched_coverage(qtbot, pane):
    load(qtbot, pane, CLASSROOM_A)
    with qtbot.waitSignal(pane.coverageChanged, timeout=FRAME_TIMEOUT_MS):
        pane.play()
    qtbot.waitUntil(lambda: pane.current_time() > 1.0, timeout=FRAME_TIMEOUT_MS)
    pane.pause()
    qtbot.waitUntil(lambda: not pane.is_playing(), timeout=FRAME_TIMEOUT_MS)
    [(start, end)] = pane.watched()
    assert start < 0.1 and end > 0.9
    assert 0.07 < pane.watched_fraction() < 0.3
    assert pane.bar.watched_label.text().startswith("Watched ")


def test_a_seek_breaks_the_watched_stretch(qtbot, pane):
    load(qtbot, pane, CLASSROOM_A)
    pane.play()
    qtbot.waitUntil(lambda: pane.current_time() > 0.5, timeout=FRAME_TIMEOUT_MS)
    with qtbot.waitSignal(pane.frameShown, timeout=FRAME_TIMEOUT_MS):
        pane.seek(8.0)
    qtbot.waitUntil(lambda: pane.current_time() > 8.5, timeout=FRAME_TIMEOUT_MS)
    pane.pause()
    intervals = pane.watched()
    assert len(intervals) == 2, intervals
    assert intervals[0][1] < 2.0 and 7.9 < intervals[1][0] < 8.3


def test_speed_choice_reaches_the_player(qtbot, pane):
    load(qtbot, pane, CLASSROOM_A)
    pane.bar.speed_box.setCurrentIndex(pane.bar.speed_box.findData(1.5))
    assert pane.player.rate() == 1.5
    assert pane.bar.speed_box.currentText() == "1.5x"


def test_frame_step_advances_the_tracked_time_by_one_frame(qtbot, pane):
    load(qtbot, pane, CLASSROOM_A)
    with qtbot.waitSignal(pane.frameShown, timeout=FRAME_TIMEOUT_MS):
        pane.seek(2.0)
    before = pane.current_time()
    with qtbot.waitSignal(pane.frameShown, timeout=FRAME_TIMEOUT_MS):
        qtbot.keyClick(pane.bar.play_button, Qt.Key.Key_Period)
    assert abs(pane.current_time() - before - 1 / 25) < 1e-6
    assert not pane.is_playing()


def test_left_and_right_jump_five_seconds(qtbot, pane):
    load(qtbot, pane, CLASSROOM_A)
    with qtbot.waitSignal(pane.frameShown, timeout=FRAME_TIMEOUT_MS):
        qtbot.keyClick(pane.bar.play_button, Qt.Key.Key_Right)
    assert abs(pane.current_time() - 5.0) < 0.05
    with qtbot.waitSignal(pane.frameShown, timeout=FRAME_TIMEOUT_MS):
        qtbot.keyClick(pane.bar.play_button, Qt.Key.Key_Left)
    assert pane.current_time() < 0.05


def test_jkl_shuttle_jumps_back_pauses_and_speeds_up(qtbot, pane):
    load(qtbot, pane, CLASSROOM_A)
    qtbot.keyClick(pane.bar.play_button, Qt.Key.Key_L)
    qtbot.waitUntil(pane.is_playing, timeout=FRAME_TIMEOUT_MS)
    qtbot.keyClick(pane.bar.play_button, Qt.Key.Key_L)
    assert pane.player.rate() == 1.5
    qtbot.keyClick(pane.bar.play_button, Qt.Key.Key_L)
    assert pane.player.rate() == 2.0
    qtbot.keyClick(pane.bar.play_button, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: not pane.is_playing(), timeout=FRAME_TIMEOUT_MS)
    with qtbot.waitSignal(pane.frameShown, timeout=FRAME_TIMEOUT_MS):
        pane.seek(9.0)
    with qtbot.waitSignal(pane.frameShown, timeout=FRAME_TIMEOUT_MS):
        qtbot.keyClick(pane.bar.play_button, Qt.Key.Key_J)
    assert abs(pane.current_time() - 4.0) < 0.05
    assert "back 5 s" in pane.bar.status_label.text()


def test_mute_key_and_volume_reach_the_player(qtbot, pane):
    load(qtbot, pane, CLASSROOM_A)
    qtbot.keyClick(pane.bar.play_button, Qt.Key.Key_M)
    assert pane.bar.mute_button.isChecked()
    assert pane.bar.mute_button.accessibleName() == "Unmute"
    assert pane.player.muted()
    pane.bar.volume_slider.setValue(40)
    assert pane.player.volume() == 40


def test_unload_twice_is_harmless_and_clears_the_pane(qtbot, pane):
    load(qtbot, pane, CLASSROOM_A)
    pane.unload()
    pane.unload()
    assert pane.duration() is None
    assert pane.surface.image() is None
    assert not pane.player.is_open
