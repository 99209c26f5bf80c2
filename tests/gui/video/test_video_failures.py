"""Broken files and a missing libvlc give sentences an assessor can act on; the pane keeps working."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assessor_app.ui.video import video_pane, vlc_media
from tests.gui.video.conftest import (
    FRAME_TIMEOUT_MS,
    RED_THEN_GREEN,
    TRUNCATED,
    centre_colour,
    is_red,
    load,
)


def test_a_truncated_file_shows_a_readable_error_and_the_next_file_plays(qtbot, pane):
    with qtbot.waitSignal(pane.failed, timeout=FRAME_TIMEOUT_MS) as failure:
        pane.load(TRUNCATED, "Lesson, part 1")
    message = failure.args[0]
    assert message.startswith("This video cannot be played: the file is incomplete")
    assert "Ask the issuer for a fresh copy" in message
    assert "Traceback" not in message
    assert pane.surface.message() == message
    assert not pane.bar.play_button.isEnabled()
    load(qtbot, pane, RED_THEN_GREEN)
    assert is_red(centre_colour(pane))
    assert pane.bar.play_button.isEnabled()


def test_a_file_that_ends_early_in_playback_is_reported(qtbot, pane, monkeypatch):
    monkeypatch.setattr(video_pane, "container_problem", lambda _path: None)  # let VLC find out by itself
    load(qtbot, pane, TRUNCATED)
    pane.seek(3.0)
    with qtbot.waitSignal(pane.failed, timeout=FRAME_TIMEOUT_MS) as failure:
        pane.play()
    assert re.search(r"it stops at 00:0[34] of 00:12; the file is incomplete", failure.args[0])


def test_a_file_without_video_is_reported(qtbot, pane, tmp_path):
    notes = tmp_path / "notes.mp4"
    notes.write_text("not a video at all\n" * 50)
    with qtbot.waitSignal(pane.failed, timeout=FRAME_TIMEOUT_MS) as failure:
        pane.load(notes, "notes")
    assert "no video that VLC can decode" in failure.args[0]


def test_a_missing_file_is_reported(qtbot, pane):
    with qtbot.waitSignal(pane.failed, timeout=FRAME_TIMEOUT_MS) as failure:
        pane.load(Path("/nonexistent/lesson.mp4"), "lesson")
    assert "the file is missing" in failure.args[0]


@pytest.mark.parametrize(("instance", "expected"), [
    (NameError("libvlc"), "VLC, which was not found"),
    (OSError("libvlc.so.5"), "VLC, which was not found"),
    (None, "plugins are missing"),
])
def test_missing_libvlc_says_what_to_install(monkeypatch, instance, expected):
    def fake_instance(_args):
        if isinstance(instance, Exception):
            raise instance
        return instance
    monkeypatch.setattr(vlc_media, "_shared_instance", None)
    monkeypatch.setattr(vlc_media.vlc, "Instance", fake_instance)
    with pytest.raises(vlc_media.VideoUnavailable) as caught:
        vlc_media.shared_instance()
    assert expected in str(caught.value)
    assert "sudo apt install libvlc5 vlc-plugin-base" in str(caught.value)


def test_the_pane_without_libvlc_shows_the_install_hint(qtbot, monkeypatch):
    def unavailable(*_args, **_kwargs):
        raise vlc_media.VideoUnavailable("Video playback needs VLC. " + vlc_media.INSTALL_HINT)
    monkeypatch.setattr(video_pane, "VlcPlayer", unavailable)
    pane = video_pane.VideoPane()
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.failed, timeout=FRAME_TIMEOUT_MS) as failure:
        pane.load(RED_THEN_GREEN, "clip")
    assert "sudo apt install libvlc5 vlc-plugin-base" in failure.args[0]
    pane.unload()


def test_audio_is_off_offscreen_and_on_a_desktop():
    assert "--aout=dummy" in vlc_media.instance_args({"QT_QPA_PLATFORM": "offscreen"})
    assert "--aout=dummy" in vlc_media.instance_args({"ASSESSOR_APP_NO_AUDIO": "1"})
    assert "--aout=dummy" not in vlc_media.instance_args({"QT_QPA_PLATFORM": "xcb"})
