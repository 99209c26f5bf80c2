"""The video pane an assessor scores from: picture, transport controls, J/K/L shuttle, In/Out loop, coverage.

The scoring view uses ``load``/``unload``/``seek``/``current_time``/``duration``/``citation_range`` and the
signals; it never sees libvlc. Time shown and used here comes from ``PlaybackClock`` (smooth, tracks frame
steps), and ``WatchedCoverage`` records what was actually played, so a lead assessor can tell a scored video
was watched, not skimmed. A file that cannot play shows a sentence in place of the picture and emits
``failed``; the pane stays usable for the next file. ``prepare`` readies the files likely to be opened next
(``StandbyPlayers``), so loading one of them shows its first frame without waiting for libvlc.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from assessor_app.domain.anchors import TimeRange, format_clock
from assessor_app.ui.video.container_check import container_problem
from assessor_app.ui.video.keyboard_shuttle import JUMP_S, install_keys
from assessor_app.ui.video.marked_range import MarkedRange, clock_text
from assessor_app.ui.video.playback_clock import PlaybackClock
from assessor_app.ui.video.standby_players import StandbyPlayers
from assessor_app.ui.video.transport_bar import SPEEDS, TransportBar
from assessor_app.ui.video.video_surface import VideoSurface
from assessor_app.ui.video.vlc_backend import ReleaseLater, VlcPlayer
from assessor_app.ui.video.vlc_media import MediaInfo, VideoUnavailable
from assessor_app.ui.video.watched_coverage import WatchedCoverage

TICK_MS = 40
CANNOT_PLAY = "This video cannot be played: {reason}\n\nAsk the issuer for a fresh copy of this evidence item; " \
              "you can go on scoring the rest of the submission meanwhile."


class VideoPane(QWidget):
    frameShown = Signal()  # the first picture after a load, seek or frame step is on screen
    positionChanged = Signal(float)
    failed = Signal(str)
    coverageChanged = Signal()

    def __init__(self, parent: QWidget | None = None, *, release_later: ReleaseLater | None = None) -> None:
        super().__init__(parent)
        self.player: VlcPlayer | None = None  # made on first load, so a machine without VLC still opens the app
        self._release_later = release_later  # where players are stopped (a worker), else here
        self.standby = StandbyPlayers(self._new_player)
        self._clock = PlaybackClock()
        self._coverage = WatchedCoverage()
        self._playing = False
        self._awaiting_frame = False
        self._has_picture = False  # seeks before the first picture wait for it
        self._pending_seek: float | None = None
        self._fps = 25.0
        self._range = MarkedRange()
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)

        self.title_label = QLabel("No video loaded")
        self.title_label.setAccessibleName("Video title")
        self.title_label.setContentsMargins(6, 4, 6, 2)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.surface = VideoSurface()
        self.bar = TransportBar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.surface, 1)
        layout.addWidget(self.bar)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(self.bar.play_button)
        self._wire_controls()
        self.bar.set_controls_enabled(False)

    # --- public API -----------------------------------------------------------------------------
    def load(self, path: Path, title: str) -> None:
        """Show ``path``'s first frame, paused; ``frameShown`` or ``failed`` follows."""
        self.unload()
        self.title_label.setText(title)
        self.surface.setAccessibleName(f"Video picture: {title}")
        self.bar.status_label.setText("Opening…")
        try:
            problem = "the file is missing." if not path.is_file() else container_problem(path)
        except OSError as exc:
            problem = f"the file cannot be read ({exc.strerror})."
        if problem:
            self._fail(problem)
            return
        prepared = self.standby.take(path)
        if prepared is not None:
            self._take_over(prepared)
            return
        try:
            if self.player is None:
                self.player = self.standby.shell()
        except VideoUnavailable as exc:
            self._fail(str(exc))
            return
        self._awaiting_frame = True
        self.player.open(path)

    def prepare(self, paths: Iterable[Path]) -> None:
        """Ready these files in the background (first frame decoded, paused), for a later ``load``; files that
        are missing or visibly broken are left for ``load`` to report."""
        def playable(path: Path) -> bool:
            try:
                return path.is_file() and container_problem(path) is None
            except OSError:
                return False
        self.standby.prepare(p for p in paths if playable(p))

    def forget_prepared(self) -> None:
        self.standby.clear()

    def unload(self, keep: bool = False) -> None:
        """Stop and release the player; safe to call any number of times. With ``keep``, a player still resting
        untouched on its first frame is kept prepared for its file instead (see ``prepare``)."""
        self._ticker.stop()
        if self.player is not None:
            path = self.player.path
            if keep and path is not None and self.player.at_first_frame:
                self.standby.keep(path, self.player)
                self.player = None
            else:
                self.player.close()
        self._playing = self._awaiting_frame = self._has_picture = False
        self._pending_seek = None
        self._range.clear()
        self._clock = PlaybackClock()
        self._coverage.clear()
        self.bar.loop_button.setChecked(False)
        self.bar.set_playing(False)
        self.bar.set_controls_enabled(False)
        self.surface.clear()
        self.title_label.setText("No video loaded")
        self.bar.status_label.setText("")
        self._show_range()
        self._show_position()
        self.coverageChanged.emit()

    def seek(self, seconds: float) -> None:
        duration = self.duration()
        seconds = max(0.0, min(seconds, duration - 0.05) if duration else seconds)
        if self.player is None or not self._has_picture:
            self._pending_seek = seconds
            return
        self._coverage.break_run()
        self._clock.jump(seconds)
        self._awaiting_frame = True
        self.player.seek(seconds, self._playing)
        self._show_position()

    def current_time(self) -> float:
        return self._clock.position()

    def duration(self) -> float | None:
        return self._clock.duration

    def is_playing(self) -> bool:
        return self._playing

    def citation_range(self) -> TimeRange:
        """The marked In–Out range, else the few seconds just watched (what an assessor usually means)."""
        return self._range.citation(self.current_time())

    def watched(self) -> list[tuple[float, float]]:
        return self._coverage.intervals()

    def watched_fraction(self) -> float:
        return self._coverage.fraction(self.duration())

    def speed(self) -> float:
        return float(self.bar.speed_box.currentData())

    # --- actions (buttons and keys) ---------------------------------------------------------------
    def toggle_play(self) -> None:
        self.pause() if self._playing else self.play()

    def play(self) -> None:
        if self.player is not None and self.player.is_open:
            bounds = self._loop_bounds()
            self.player.play(from_seconds=bounds[0] if bounds else 0.0)

    def pause(self) -> None:
        if self.player is not None:
            self.player.pause()

    def jump(self, delta: float) -> None:
        self.seek(self.current_time() + delta)

    def step_frame(self) -> None:
        """One frame forward; libvlc reports no time for it, so the clock counts the step."""
        if self.player is None or not self.player.is_open:
            return
        if self._playing:
            self.pause()
        self._awaiting_frame = True
        self._coverage.break_run()
        self.player.next_frame()
        self._clock.step(1.0 / self._fps)
        self._show_position()

    def set_speed(self, speed: float) -> None:
        self.bar.speed_box.setCurrentIndex(SPEEDS.index(speed))  # applies through _speed_chosen

    def mark_in(self) -> None:
        self._range.mark_in(self.current_time())
        self._show_range()

    def mark_out(self) -> None:
        if not self._range.mark_out(self.current_time()):
            self.say("Out must come after In")
        self._show_range()

    def set_looping(self, on: bool) -> None:
        self.bar.loop_button.setChecked(on)

    def toggle_mute(self) -> None:
        self.bar.mute_button.click()

    # --- wiring ------------------------------------------------------------------------------------
    def _new_player(self) -> VlcPlayer:
        """A player whose reports reach this pane only while it is the one on screen (``self.player``)."""
        player = VlcPlayer(parent=self, release_later=self._release_later)

        def when_current(slot: Callable[..., None]) -> Callable[..., None]:
            def relay(*args: object) -> None:
                if player is self.player:
                    slot(*args)
            return relay

        player.mediaReady.connect(when_current(self._media_ready))
        player.frameReady.connect(when_current(self._frame_ready))
        player.playingChanged.connect(when_current(self._playing_changed))
        player.timeReported.connect(when_current(lambda seconds: self._clock.reported_by_vlc(seconds)))
        player.lengthChanged.connect(when_current(self._length_changed))
        player.ended.connect(when_current(self._ended))
        player.failed.connect(when_current(self._fail))
        return player

    def _take_over(self, prepared: VlcPlayer) -> None:
        """Show a player prepared by ``prepare``: replay what it already reported (failure, media, first frame)."""
        if self.player is not None:
            self.standby.give_back(self.player)
        self.player = prepared
        self._awaiting_frame = True
        if prepared.failure is not None:
            self._fail(prepared.failure)
            return
        if prepared.info is not None:
            self._media_ready(prepared.info)
        prepared.announce_frame()  # queued; a frame still decoding arrives by itself

    def _wire_controls(self) -> None:
        bar = self.bar
        bar.play_button.clicked.connect(self.toggle_play)
        bar.back_button.clicked.connect(lambda: self.jump(-JUMP_S))
        bar.forward_button.clicked.connect(lambda: self.jump(JUMP_S))
        bar.step_button.clicked.connect(self.step_frame)
        bar.speed_box.currentIndexChanged.connect(self._speed_chosen)
        bar.in_button.clicked.connect(self.mark_in)
        bar.out_button.clicked.connect(self.mark_out)
        bar.loop_button.toggled.connect(lambda _on: self._show_range())
        bar.seek_bar.valueChanged.connect(lambda ms: self.seek(ms / 1000))
        bar.mute_button.toggled.connect(self._mute_toggled)
        bar.volume_slider.valueChanged.connect(self._volume_changed)
        install_keys(self)

    # --- player events (GUI thread) -----------------------------------------------------------------
    def _media_ready(self, info: MediaInfo) -> None:
        self._fps = info.fps
        if info.duration:
            self._length_changed(info.duration)
        self.player.set_rate(self.speed())
        self.player.set_volume(self.bar.volume_slider.value())
        self.player.set_mute(self.bar.mute_button.isChecked())

    def _frame_ready(self, _serial: int) -> None:
        if self.player is None or self.player.buffer is None:
            return
        self.surface.show_frame(self.player.buffer.snapshot())
        self._has_picture = True
        if self.bar.status_label.text() == "Opening…":
            self.bar.status_label.setText("")
            self.bar.set_controls_enabled(True)
        if self._pending_seek is not None:
            target, self._pending_seek = self._pending_seek, None
            self.seek(target)
            return
        if self._awaiting_frame:
            self._awaiting_frame = False
            self._show_position()
            self.frameShown.emit()

    def _playing_changed(self, playing: bool) -> None:
        self._playing = playing
        self.bar.set_playing(playing)
        if playing:
            self._clock.start()
            self._coverage.observe(self._clock.position())
            self._ticker.start()
        else:
            self._ticker.stop()
            self._clock.stop()
            self._coverage.break_run()
            self._show_position()

    def _length_changed(self, seconds: float) -> None:
        self._clock.duration = seconds
        with QSignalBlocker(self.bar.seek_bar):
            self.bar.seek_bar.setRange(0, round(seconds * 1000))
            self.bar.seek_bar.setSingleStep(round(JUMP_S * 1000))
            self.bar.seek_bar.setPageStep(max(1000, round(seconds * 100)))
        self.bar.duration_label.setText(clock_text(seconds))

    def _ended(self) -> None:
        duration = self.duration()
        reached = (self.player.vlc_time() if self.player else 0.0) or self._clock.position()  # VLC knows
        if duration and reached < duration - 1.5:
            self._fail(f"it stops at {format_clock(reached)} of {format_clock(duration)}; "
                       "the file is incomplete or damaged.")
            return
        self._clock.jump(duration or reached)
        self._show_position()
        bounds = self._loop_bounds()
        if bounds is not None:
            self._clock.jump(bounds[0])
            self.player.play(from_seconds=bounds[0])

    def _fail(self, reason: str) -> None:
        self._ticker.stop()
        if self.player is not None:
            self.player.close()
        self._playing = self._awaiting_frame = False
        message = CANNOT_PLAY.format(reason=reason[:1].lower() + reason[1:] if reason else "unknown reason.")
        self.surface.show_message(message)
        self.bar.set_playing(False)
        self.bar.set_controls_enabled(False)
        self.bar.status_label.setText("Cannot play this file")
        self.failed.emit(message)

    def _tick(self) -> None:
        now = self._clock.position()
        bounds = self._loop_bounds()
        if bounds is not None and now >= bounds[1]:
            self.seek(bounds[0])
            return
        if self._coverage.observe(now):
            self.coverageChanged.emit()
        self._show_position()

    # --- controls → player ------------------------------------------------------------------------
    def _speed_chosen(self, _index: int) -> None:
        self._clock.set_rate(self.speed())
        if self.player is not None:
            self.player.set_rate(self.speed())

    def _mute_toggled(self, muted: bool) -> None:
        self.bar.set_muted(muted)
        if self.player is not None:
            self.player.set_mute(muted)

    def _volume_changed(self, percent: int) -> None:
        if self.player is not None:
            self.player.set_volume(percent)

    def _loop_bounds(self) -> tuple[float, float] | None:
        return self._range.loop_bounds(self.duration()) if self.bar.loop_button.isChecked() else None

    # --- display ------------------------------------------------------------------------------------
    def _show_position(self) -> None:
        now = self.current_time()
        self.bar.time_label.setText(clock_text(now))
        with QSignalBlocker(self.bar.seek_bar):
            self.bar.seek_bar.setValue(round(now * 1000))
        self.bar.watched_label.setText(f"Watched {self.watched_fraction():.0%}")
        self.positionChanged.emit(now)

    def _show_range(self) -> None:
        looping = "  (looping)" if self._loop_bounds() is not None else ""
        self.bar.range_label.setText(self._range.text() + looping)

    def say(self, text: str) -> None:
        """A short note in the status line (what a key did, why a mark was refused)."""
        self.bar.status_label.setText(text)
