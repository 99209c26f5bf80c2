"""Videos prepared ahead of time (the next submission's) show their real first frame the moment they are loaded,
and players the pane lets go of are stopped off the GUI thread without ever reaching it again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QImage

from assessor_app.ui.video.video_pane import VideoPane
from tests.gui.video.conftest import (
    CLASSROOM_A,
    FRAME_TIMEOUT_MS,
    RED_THEN_GREEN,
    centre_colour,
    is_green,
    is_red,
    load,
    unnamed_native_threads,
)


def picture(pane: VideoPane) -> QImage:
    image = pane.surface.image()
    assert image is not None
    return image.copy()


def test_a_prepared_video_shows_the_same_first_frame_a_fresh_load_decodes(qtbot, pane):
    load(qtbot, pane, RED_THEN_GREEN)
    fresh = picture(pane)
    pane.prepare([RED_THEN_GREEN])
    qtbot.waitUntil(lambda: pane.standby.is_ready(RED_THEN_GREEN), timeout=FRAME_TIMEOUT_MS)
    [prepared_path] = pane.standby.paths
    assert prepared_path == RED_THEN_GREEN
    with qtbot.waitSignal(pane.frameShown, timeout=FRAME_TIMEOUT_MS):
        pane.load(RED_THEN_GREEN, "again")
    assert pane.standby.paths == ()  # the prepared player was taken over, not opened again
    assert picture(pane) == fresh  # pixel for pixel the file's own first frame
    assert is_red(centre_colour(pane))
    assert pane.duration() == 4.0
    assert not pane.is_playing()


def test_a_taken_over_player_seeks_and_plays_like_a_fresh_one(qtbot, pane):
    pane.prepare([RED_THEN_GREEN])
    qtbot.waitUntil(lambda: pane.standby.is_ready(RED_THEN_GREEN), timeout=FRAME_TIMEOUT_MS)
    load(qtbot, pane, RED_THEN_GREEN)
    assert pane.bar.play_button.isEnabled()
    with qtbot.waitSignal(pane.frameShown, timeout=FRAME_TIMEOUT_MS):
        pane.seek(3.0)
    assert is_green(centre_colour(pane))
    pane.play()
    qtbot.waitUntil(pane.is_playing, timeout=FRAME_TIMEOUT_MS)
    pane.pause()
    qtbot.waitUntil(lambda: not pane.is_playing(), timeout=FRAME_TIMEOUT_MS)


def test_loading_before_the_prepared_frame_is_decoded_still_shows_it(qtbot, pane):
    pane.prepare([RED_THEN_GREEN])
    load(qtbot, pane, RED_THEN_GREEN)  # at once: the prepared player is taken over mid-way
    assert is_red(centre_colour(pane))


def test_preparing_the_next_video_leaves_the_one_on_screen_alone(qtbot, pane):
    load(qtbot, pane, RED_THEN_GREEN)
    shown: list[int] = []
    pane.frameShown.connect(lambda: shown.append(1))
    pane.prepare([CLASSROOM_A])
    qtbot.waitUntil(lambda: pane.standby.is_ready(CLASSROOM_A), timeout=FRAME_TIMEOUT_MS)
    assert shown == []
    assert is_red(centre_colour(pane))
    assert pane.title_label.text() == "clip"
    pane.forget_prepared()
    assert pane.standby.paths == ()


def test_a_prepared_file_that_cannot_play_is_reported_when_loaded(qtbot, pane, tmp_path):
    notes = tmp_path / "notes.mp4"
    notes.write_text("not a video at all\n" * 50)
    pane.prepare([notes])
    with qtbot.waitSignal(pane.failed, timeout=FRAME_TIMEOUT_MS) as failure:
        pane.load(notes, "notes")
    assert "no video that VLC can decode" in failure.args[0]


def test_the_previous_player_is_stopped_by_the_worker_and_never_reaches_the_pane(qtbot, vlc_instance):
    baseline = unnamed_native_threads()
    held: list[Callable[[], None]] = []
    pane = VideoPane(release_later=held.append)  # the worker runs these later; here: when the test says
    qtbot.addWidget(pane)
    pane.resize(800, 560)
    pane.show()
    qtbot.waitExposed(pane)
    load(qtbot, pane, CLASSROOM_A)
    shown: list[int] = []
    pane.frameShown.connect(lambda: shown.append(1))
    load(qtbot, pane, RED_THEN_GREEN)
    assert len(held) == 1  # CLASSROOM_A's player: still running, handed off instead of stopped here
    qtbot.waitUntil(lambda: is_red(centre_colour(pane)), timeout=FRAME_TIMEOUT_MS)
    pane.play()  # the old player keeps redisplaying meanwhile; none of it may show
    qtbot.waitUntil(lambda: pane.current_time() > 0.5, timeout=FRAME_TIMEOUT_MS)
    assert is_red(centre_colour(pane))
    assert shown == [1]
    pane.unload()
    for work in held:
        work()
    qtbot.waitUntil(lambda: unnamed_native_threads() <= baseline, timeout=5000)
