"""Every libvlc specific of the video pane lives here (python-vlc over the system's libvlc 3).

Video goes through libvlc's *video callbacks*: VLC decodes RV32 pictures into a ``FrameBuffer`` we own, and
the widget paints copies of them. That path behaves the same offscreen, under Xvfb and on a desktop, and lets
``grab()`` see the picture; native window embedding does none of that (docs: PLATFORM-NOTES, libvlc).
VLC calls back and fires events on its own threads: those handlers only touch the buffer and emit signals of a
``_Bridge`` living on the GUI thread, so everything else happens there (queued connections) and nothing calls
libvlc from a VLC thread. Each opened file gets a generation number, so a late event of a previous file is
dropped instead of acting on the next one; closing may hand the blocking ``stop`` to a worker (``release_later``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import vlc
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from assessor_app.ui.video.frame_buffer import FrameBuffer
from assessor_app.ui.video.vlc_media import MediaInfo, read_media_info, shared_instance

PARSE_TIMEOUT_MS = 5000
SEEK_NUDGE_MS = 250  # a paused seek that shows nothing this long gets nudged (see VlcPlayer.seek)

ReleaseLater = Callable[[Callable[[], None]], None]  # runs the work off the GUI thread (TaskRunner.query)


class _Gate:
    """Whether VLC threads may still report for one opened file. Closed before its player is handed off to be
    stopped elsewhere, so a late callback of that file never touches this object again."""

    __slots__ = ("open",)

    def __init__(self, is_open: bool = True) -> None:
        self.open = is_open


def _stop_and_release(player: vlc.MediaPlayer | None, media: vlc.Media | None, _keep: tuple[object, ...]) -> None:
    """``stop`` joins VLC's decoder and output threads (~45 ms): no callback runs after it. ``_keep`` holds the
    ctypes callbacks and event managers alive until then."""
    if player is not None:
        player.stop()
        player.release()
    if media is not None:
        media.release()


class _Bridge(QObject):
    """Lives on the GUI thread; VLC threads emit, Qt delivers queued to the GUI thread."""

    parsed = Signal(int)
    frame = Signal(int, int)  # generation, frame serial
    event = Signal(int, str, float)  # generation, kind, value


_EVENTS = {
    vlc.EventType.MediaPlayerPlaying: "playing",
    vlc.EventType.MediaPlayerPaused: "paused",
    vlc.EventType.MediaPlayerEndReached: "ended",
    vlc.EventType.MediaPlayerEncounteredError: "error",
    vlc.EventType.MediaPlayerLengthChanged: "length",
    vlc.EventType.MediaPlayerTimeChanged: "time",
}


def _forwarder(bridge: _Bridge, gate: _Gate, generation: int, kind: str) -> Callable[[vlc.Event], None]:
    def forward(event: vlc.Event) -> None:  # VLC thread
        value = 0.0
        if kind == "time":
            value = event.u.new_time / 1000
        elif kind == "length":
            value = event.u.new_length / 1000
        if gate.open:
            bridge.event.emit(generation, kind, value)
    return forward


class VlcPlayer(QObject):
    """One libvlc media player rendering into a ``FrameBuffer``; all methods are for the GUI thread."""

    mediaReady = Signal(object)  # MediaInfo, once parsed and configured
    frameReady = Signal(int)  # a new picture is in ``buffer`` (serial)
    playingChanged = Signal(bool)
    timeReported = Signal(float)  # VLC's own (coarse) clock, seconds
    lengthChanged = Signal(float)
    ended = Signal()
    failed = Signal(str)  # what went wrong, in words for the assessor

    def __init__(self, instance: vlc.Instance | None = None, parent: QObject | None = None, *,
                 release_later: ReleaseLater | None = None) -> None:
        super().__init__(parent)
        self._instance = instance or shared_instance()
        self._release_later = release_later
        self._gate = _Gate(False)
        self.failure: str | None = None  # why the current file cannot play (kept for a listener that comes later)
        self._bridge = _Bridge(self)
        self._bridge.parsed.connect(self._on_parsed, Qt.ConnectionType.QueuedConnection)
        self._bridge.frame.connect(self._on_frame, Qt.ConnectionType.QueuedConnection)
        self._bridge.event.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self._generation = 0
        self._player: vlc.MediaPlayer | None = None
        self._media: vlc.Media | None = None
        self._path: Path | None = None
        self.buffer: FrameBuffer | None = None
        self.info: MediaInfo | None = None
        self._priming = False  # playing muted until the first picture, then pausing on it
        self._moved = False  # played, sought or stepped since it was opened
        self._ended = False
        self._callbacks: tuple[object, ...] = ()  # ctypes callbacks and event managers must outlive the player
        self._mute = False
        self._volume = 80  # kept here: with the dummy audio output libvlc reports 0 whatever was set
        self._pausing = False  # set_pause(1) sent, Paused event not yet back
        self._reported_playing = False
        self._deferred_seek: float | None = None
        self._seek_target = 0.0
        self._nudges = 0
        self._seek_watchdog = QTimer(self)
        self._seek_watchdog.setSingleShot(True)
        self._seek_watchdog.setInterval(SEEK_NUDGE_MS)
        self._seek_watchdog.timeout.connect(self._nudge_seek)

    # --- opening and closing --------------------------------------------------------------
    def open(self, path: Path) -> None:
        """Parse ``path`` (async); on success configure the picture size and show its first frame, paused."""
        self.close()
        self._generation += 1
        generation, gate, bridge = self._generation, _Gate(), self._bridge
        self._gate = gate
        self._path = path
        self._media = self._instance.media_new_path(str(path))
        events = self._media.event_manager()
        events.event_attach(vlc.EventType.MediaParsedChanged,
                            lambda _e: bridge.parsed.emit(generation) if gate.open else None)
        self._callbacks = (events,)
        self._media.parse_with_options(vlc.MediaParseFlag.local, PARSE_TIMEOUT_MS)

    def close(self) -> None:
        """Stop and release the player; safe to call any number of times. With ``release_later`` the stop runs
        off the GUI thread (it blocks ~45 ms); the closed gate keeps the old file's late callbacks away."""
        self._generation += 1
        self._gate.open = False
        self._seek_watchdog.stop()
        self._deferred_seek = None
        self._pausing = False
        player, self._player = self._player, None
        media, self._media = self._media, None
        keep, self._callbacks = self._callbacks, ()
        if player is not None or media is not None:
            if self._release_later is None:
                _stop_and_release(player, media, keep)
            else:
                self._release_later(lambda: _stop_and_release(player, media, keep))
        self.failure = None
        self.info = None
        self.buffer = None
        self._priming = self._ended = self._reported_playing = False

    def _on_parsed(self, generation: int) -> None:
        if generation != self._generation or self._media is None or self._player is not None:
            return
        status = self._media.get_parsed_status()
        if status == vlc.MediaParsedStatus.skipped or status == 0:
            return  # not finished yet
        info = read_media_info(self._media) if status == vlc.MediaParsedStatus.done else False
        if info is True:
            self._fail("The file has sound but no picture; the video pane cannot play audio-only evidence yet.")
            return
        if info is False:
            self._fail("The file holds no video that VLC can decode (an unsupported format or a damaged file).")
            return
        self.info = info
        self.buffer = FrameBuffer(info.width, info.height)
        self._player = self._make_player(generation, info)
        self.mediaReady.emit(info)
        self._start(0.0, paused=True)

    def _make_player(self, generation: int, info: MediaInfo) -> vlc.MediaPlayer:
        player = self._instance.media_player_new()
        buffer = self.buffer
        assert buffer is not None
        bridge, gate = self._bridge, self._gate

        @vlc.CallbackDecorators.VideoLockCb
        def lock(_opaque, planes):  # VLC thread
            planes[0] = buffer.begin_write()

        @vlc.CallbackDecorators.VideoUnlockCb
        def unlock(_opaque, _picture, _planes):  # VLC thread
            buffer.end_write()

        @vlc.CallbackDecorators.VideoDisplayCb
        def display(_opaque, _picture):  # VLC thread: no libvlc calls here
            serial = buffer.take_if_new()
            if serial is not None and gate.open:
                bridge.frame.emit(generation, serial)

        player.video_set_callbacks(lock, unlock, display, None)
        player.video_set_format("RV32", info.width, info.height, info.width * 4)
        events = player.event_manager()
        for event_type, kind in _EVENTS.items():
            events.event_attach(event_type, _forwarder(bridge, gate, generation, kind))
        self._callbacks = (*self._callbacks, lock, unlock, display, events)
        return player

    def _start(self, at: float, paused: bool) -> None:
        """(Re)start playback at ``at`` seconds; VLC cannot seek a stopped player, so the media says where."""
        assert self._player is not None and self._path is not None
        media = self._instance.media_new_path(str(self._path))
        if at > 0:
            media.add_option(f":start-time={at:.3f}")
        self._player.set_media(media)
        media.release()
        self._ended = False
        self._priming = paused
        self._moved = at > 0 or not paused
        if paused:
            self._player.audio_set_mute(True)
            if self.buffer is not None:
                self.buffer.expect_new_frame()
        self._player.play()

    # --- VLC → GUI thread -------------------------------------------------------------------
    def _on_frame(self, generation: int, serial: int) -> None:
        if generation != self._generation:
            return
        self._seek_watchdog.stop()
        if self._priming and self._player is not None:
            self._priming = False
            self._pause_player()
            self._player.audio_set_mute(self._mute)
        self.frameReady.emit(serial)

    def _on_event(self, generation: int, kind: str, value: float) -> None:
        if generation != self._generation or self._player is None:
            return
        if kind == "playing":
            self._sync_playing()
        elif kind == "paused":
            self._pausing = False
            self._sync_playing()
            if self._deferred_seek is not None:
                target, self._deferred_seek = self._deferred_seek, None
                self.seek(target, playing=False)
        elif kind == "time":
            self.timeReported.emit(value)
        elif kind == "length" and value > 0:
            self.lengthChanged.emit(value)
        elif kind == "ended":
            self._ended = True
            self._sync_playing()
            self.ended.emit()
        elif kind == "error":
            self._fail("VLC could not decode this file; it may be damaged or in an unsupported format.")

    def _fail(self, message: str) -> None:
        self.failure = message
        self.failed.emit(message)

    def announce_frame(self) -> None:
        """Report the picture already decoded once more (queued, as a new frame is), for a listener that arrived
        after it: a player prepared in the background and handed over to the pane."""
        if self.has_frame and self.buffer is not None:
            self._bridge.frame.emit(self._generation, self.buffer.serial)

    # --- controls ------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._player is not None

    @property
    def has_frame(self) -> bool:
        """The first picture of the open file is decoded and the player rests paused on it (or plays on)."""
        return self.buffer is not None and self.buffer.serial > 0 and not self._priming

    @property
    def at_first_frame(self) -> bool:
        """Resting on the first frame as opened, never played, sought or stepped: as good as freshly prepared."""
        return self.has_frame and not self._moved and not self._ended

    @property
    def path(self) -> Path | None:
        return self._path

    def play(self, from_seconds: float | None = None) -> None:
        if self._player is None:
            return
        self._moved = True
        if self._ended:
            self._start(from_seconds or 0.0, paused=False)
        else:
            self._priming = self._pausing = False
            self._player.audio_set_mute(self._mute)
            self._player.set_pause(0)
            self._sync_playing()  # a pause still in flight sends no Playing event when undone

    def _sync_playing(self) -> None:
        """Report the player's real state: events can arrive after a later call changed it again."""
        if self._priming or self._player is None:
            return
        playing = not self._ended and self._player.get_state() == vlc.State.Playing
        if playing != self._reported_playing:
            self._reported_playing = playing
            self.playingChanged.emit(playing)

    def pause(self) -> None:
        if self._player is not None and not self._ended:
            self._pause_player()

    def _pause_player(self) -> None:
        assert self._player is not None
        self._pausing = True
        self._player.set_pause(1)

    def seek(self, seconds: float, playing: bool) -> None:
        """Show ``seconds``. libvlc 3 sometimes shows nothing for a seek sent while a pause is settling (measured:
        most seeks sent right after ``set_pause(1)``), so such seeks wait for the Paused event, and a paused seek
        that still shows nothing is re-sent, then forced with ``next_frame()``."""
        if self._player is None:
            return
        self._moved = True
        if self.buffer is not None:
            self.buffer.expect_new_frame()
        if self._ended:
            self._start(seconds, paused=not playing)
        elif self._pausing or self._priming:
            self._deferred_seek = seconds
        else:
            self._seek_target, self._nudges = seconds, 0
            self._player.set_time(round(seconds * 1000))
            if not playing:
                self._seek_watchdog.start()

    def _nudge_seek(self) -> None:
        if self._player is None:
            return
        self._nudges += 1
        if self._nudges == 1:
            self._player.set_time(round(self._seek_target * 1000))
            self._seek_watchdog.start()
        else:
            self._player.next_frame()

    def next_frame(self) -> None:
        if self._player is not None and not self._ended:
            self._moved = True
            if self.buffer is not None:
                self.buffer.expect_new_frame()
            self._player.next_frame()

    def set_rate(self, rate: float) -> None:
        if self._player is not None:
            self._player.set_rate(rate)

    def rate(self) -> float:
        return self._player.get_rate() if self._player is not None else 1.0

    def set_volume(self, percent: int) -> None:
        self._volume = percent
        if self._player is not None:
            self._player.audio_set_volume(percent)

    def volume(self) -> int:
        """The volume asked for (0-100)."""
        return self._volume

    def muted(self) -> bool:
        return self._mute

    def set_mute(self, mute: bool) -> None:
        self._mute = mute
        if self._player is not None and not self._priming:
            self._player.audio_set_mute(mute)

    def vlc_time(self) -> float:
        return max(0, self._player.get_time()) / 1000 if self._player is not None else 0.0

    def vlc_state(self) -> str:
        return str(self._player.get_state()) if self._player is not None else "State.NothingSpecial"
