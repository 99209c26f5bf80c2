"""The pane's keyboard: Space, Left/Right, ``.``, I/O, M, and the editors' J/K/L shuttle.

libvlc has no reverse playback, so J cannot play backwards: each press jumps back 5 s and says so in the
status line. K pauses. L plays at 1x, and while playing steps up 1x → 1.5x → 2x. The keys work while focus is
anywhere inside the pane (not elsewhere in the scoring view, where they are typing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut

from assessor_app.ui.video.marked_range import clock_text

if TYPE_CHECKING:
    from assessor_app.ui.video.video_pane import VideoPane

JUMP_S = 5.0
SHUTTLE_SPEEDS = (1.0, 1.5, 2.0)


def shuttle_back(pane: VideoPane) -> None:
    pane.jump(-JUMP_S)
    pane.say(f"J: back {JUMP_S:g} s to {clock_text(pane.current_time())} (reverse play is not available)")


def shuttle_stop(pane: VideoPane) -> None:
    pane.pause()
    pane.say("K: paused")


def shuttle_forward(pane: VideoPane) -> None:
    if not pane.is_playing():
        pane.set_speed(1.0)
        pane.play()
    else:
        faster = [s for s in SHUTTLE_SPEEDS if s > pane.speed()]
        pane.set_speed(faster[0] if faster else SHUTTLE_SPEEDS[-1])
    pane.say(f"L: playing at {pane.speed():g}x")


def install_keys(pane: VideoPane) -> list[QShortcut]:
    keys = {
        Qt.Key.Key_Space: pane.toggle_play,
        Qt.Key.Key_Left: lambda: pane.jump(-JUMP_S),
        Qt.Key.Key_Right: lambda: pane.jump(JUMP_S),
        Qt.Key.Key_Period: pane.step_frame,
        Qt.Key.Key_J: lambda: shuttle_back(pane),
        Qt.Key.Key_K: lambda: shuttle_stop(pane),
        Qt.Key.Key_L: lambda: shuttle_forward(pane),
        Qt.Key.Key_I: pane.mark_in,
        Qt.Key.Key_O: pane.mark_out,
        Qt.Key.Key_M: pane.toggle_mute,
    }
    shortcuts = []
    for key, action in keys.items():
        shortcut = QShortcut(QKeySequence(key), pane, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(action)
        shortcuts.append(shortcut)
    return shortcuts
