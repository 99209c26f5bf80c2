"""Fixtures for the video pane: real libvlc, the committed demo clips, and a leak check on every pane.

A machine without libvlc fails these tests with the install hint (a skip would hide a missing real part).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor

from assessor_app.ui.video.video_pane import VideoPane
from assessor_app.ui.video.vlc_media import VideoUnavailable, shared_instance

ROOT = Path(__file__).resolve().parents[3]
RED_THEN_GREEN = ROOT / "resources/demo/video/red_then_green.mp4"
CLASSROOM_A = ROOT / "resources/demo/video/classroom_a.mp4"
TRUNCATED = ROOT / "resources/demo/broken/truncated.mp4"
FRAME_TIMEOUT_MS = 5000


def _thread_name(task: str) -> str:
    try:
        return Path(f"/proc/self/task/{task}/comm").read_text().strip()
    except OSError:  # the thread ended while we looked
        return ""


def unnamed_native_threads() -> int:
    """Threads carrying the process's own name: VLC's (it names none) and Python's. Qt's named pool threads
    (image scaling keeps some alive for 30 s) are not a leak, so they are left out."""
    own = _thread_name(str(os.getpid()))
    return sum(_thread_name(task) == own for task in os.listdir("/proc/self/task"))


@pytest.fixture(scope="session")
def vlc_instance():
    try:
        return shared_instance()
    except VideoUnavailable as exc:
        pytest.fail(f"The video pane tests need libvlc: {exc}", pytrace=False)


@pytest.fixture
def pane(qtbot, vlc_instance) -> Iterator[VideoPane]:
    """A shown, focused pane; afterwards its player is released, and no timer or VLC thread is left running."""
    baseline = unnamed_native_threads()
    widget = VideoPane()
    qtbot.addWidget(widget)
    widget.resize(800, 560)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.bar.play_button.setFocus()
    yield widget
    widget.unload()
    running = [t.objectName() or repr(t) for t in widget.findChildren(QTimer) if t.isActive()]
    assert not running, f"timers left running: {running}"
    qtbot.waitUntil(lambda: unnamed_native_threads() <= baseline, timeout=5000)


def load(qtbot, pane: VideoPane, path: Path, title: str = "clip") -> None:
    with qtbot.waitSignal(pane.frameShown, timeout=FRAME_TIMEOUT_MS):
        pane.load(path, title)


def centre_colour(pane: VideoPane) -> QColor:
    image = pane.surface.grab().toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2)


def is_red(colour: QColor) -> bool:
    return colour.red() > 200 and colour.green() < 60 and colour.blue() < 60


def is_green(colour: QColor) -> bool:
    return colour.green() > 200 and colour.red() < 60 and colour.blue() < 60
