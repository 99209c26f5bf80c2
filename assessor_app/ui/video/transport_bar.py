"""The controls under the picture. Widgets only: ``VideoPane`` gives them behaviour.

Every control takes keyboard focus (Tab order follows the layout), draws a visible focus ring, has an
accessible name, and names its shortcut in its tooltip, because assessors spend hours here and many work from
the keyboard.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QVBoxLayout,
    QWidget,
)

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
FOCUS_RING = """
QPushButton:focus, QComboBox:focus { outline: none; border: 2px solid palette(highlight); border-radius: 3px; }
QSlider:focus { border: 2px solid palette(highlight); border-radius: 3px; }
"""


def _button(text: str, name: str, tip: str, icon: QStyle.StandardPixmap | None = None) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setAutoDefault(False)
    if icon is not None:
        button.setIcon(button.style().standardIcon(icon))
    return button


class TransportBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(FOCUS_RING)
        sp = QStyle.StandardPixmap

        self.time_label = QLabel("00:00.0")
        self.time_label.setAccessibleName("Current time")
        self.duration_label = QLabel("--:--")
        self.duration_label.setAccessibleName("Duration")
        for label in (self.time_label, self.duration_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance("0:00:00.0") + 6)
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.seek_bar = QSlider(Qt.Orientation.Horizontal)
        self.seek_bar.setAccessibleName("Seek bar")
        self.seek_bar.setToolTip("Position in the video (Left/Right: 5 s)")
        self.seek_bar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.play_button = _button("Play", "Play or pause", "Play / pause (Space, K pauses, L plays)", sp.SP_MediaPlay)
        self.back_button = _button("−5 s", "Back 5 seconds", "Back 5 s (Left, J)", sp.SP_MediaSeekBackward)
        self.forward_button = _button("+5 s", "Forward 5 seconds", "Forward 5 s (Right)", sp.SP_MediaSeekForward)
        self.step_button = _button("Frame", "Next frame", "Step one frame forward (.)", sp.SP_MediaSkipForward)
        self.speed_box = QComboBox()
        self.speed_box.setAccessibleName("Playback speed")
        self.speed_box.setToolTip("Playback speed (L speeds up: 1x, 1.5x, 2x)")
        self.speed_box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for speed in SPEEDS:
            self.speed_box.addItem(f"{speed:g}x", speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))

        self.in_button = _button("In", "Mark loop start", "Mark the loop / citation start here (I)")
        self.out_button = _button("Out", "Mark loop end", "Mark the loop / citation end here (O)")
        self.loop_button = _button("Loop", "Loop the marked range", "Repeat the In–Out range")
        self.loop_button.setCheckable(True)
        self.range_label = QLabel("No range marked")
        self.range_label.setAccessibleName("Marked range")

        self.mute_button = _button("", "Mute", "Mute / unmute (M)", sp.SP_MediaVolume)
        self.mute_button.setCheckable(True)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setAccessibleName("Volume")
        self.volume_slider.setToolTip("Volume (Up/Down when focused)")
        self.volume_slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(80)
        self.volume_slider.setFixedWidth(90)

        self.status_label = QLabel("")
        self.status_label.setAccessibleName("Player status")
        self.watched_label = QLabel("Watched 0%")
        self.watched_label.setAccessibleName("Watched so far")
        self.watched_label.setToolTip("Share of the video played through at least once")

        seek_row = QHBoxLayout()
        seek_row.addWidget(self.time_label)
        seek_row.addWidget(self.seek_bar, 1)
        seek_row.addWidget(self.duration_label)

        buttons = QHBoxLayout()
        for widget in (self.play_button, self.back_button, self.forward_button, self.step_button):
            buttons.addWidget(widget)
        buttons.addWidget(QLabel("Speed"))
        buttons.addWidget(self.speed_box)
        buttons.addStretch(1)
        buttons.addWidget(self.mute_button)
        buttons.addWidget(self.volume_slider)

        # The range controls get their own row, so the pane fits beside the rubric at 1280x720.
        status_row = QHBoxLayout()
        for widget in (self.in_button, self.out_button, self.loop_button, self.range_label):
            status_row.addWidget(widget)
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.watched_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(seek_row)
        layout.addLayout(buttons)
        layout.addLayout(status_row)

    def set_playing(self, playing: bool) -> None:
        text = "Pause" if playing else "Play"
        if self.play_button.text() == text:  # already shown: every unload of a video lands here
            return
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setText(text)

    def set_muted(self, muted: bool) -> None:
        icon = QStyle.StandardPixmap.SP_MediaVolumeMuted if muted else QStyle.StandardPixmap.SP_MediaVolume
        self.mute_button.setIcon(self.style().standardIcon(icon))
        self.mute_button.setChecked(muted)
        self.mute_button.setAccessibleName("Unmute" if muted else "Mute")

    def set_controls_enabled(self, enabled: bool) -> None:
        for widget in (self.seek_bar, self.play_button, self.back_button, self.forward_button, self.step_button,
                       self.speed_box, self.in_button, self.out_button, self.loop_button):
            widget.setEnabled(enabled)
