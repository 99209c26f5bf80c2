"""Every libvlc specific of the video pane lives here (python-vlc over the system's libvlc 3).

Video goes through libvlc's *video callbacks*: VLC decodes RV32 pictures into a ``FrameBuffer`` we own, and
the widget paints copies of them. That path behaves the same offscreen, under Xvfb and on a desktop, and lets
``grab()`` see the picture; native window embedding does none of that (docs: PLATFORM-NOTES, libvlc).
VLC calls back and fires events on its own threads: those handlers only touch the buffer and emit signals of a
``_Bridge`` living on the GUI thread, so everything else happens there (queued connections) and nothing calls
libvlc from a VLC thread. Each opened file gets a generation number, so a late event of a previous file is
dropped instead of acting on the next one.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import vlc
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from assessor_app.ui.video.frame_buffer import FrameBuffer

INSTALL_HINT = "Install VLC's library and plugins: sudo apt install libvlc5 vlc-plugin-base"
MAX_SIZE = (1280, 720)  # decode size cap: enough for a pane, cheap to copy
PARSE_TIMEOUT_MS = 5000
SEEK_NUDGE_MS = 250  # a paused seek that shows nothing this long gets nudged (see VlcPlayer.seek)


class VideoUnavailable(RuntimeError):
    """libvlc or its plugins are missing: video cannot play at all on this machine."""


@dataclass(frozen=True, slots=True)
class MediaInfo:
    width: int
    height: int
    fps: float
    duration: float | None


def instance_args(env: Mapping[str, str] = os.environ) -> list[str]:
    """No audio device in tests and offscreen runs (nothing to hear, and no sound server to wait for)."""
    args = ["--no-xlib", "--quiet", "--no-video-title-show", "--no-osd", "--no-snapshot-preview"]
    if env.get("ASSESSOR_APP_NO_AUDIO") == "1" or env.get("QT_QPA_PLATFORM") == "offscreen":
        args.append("--aout=dummy")
    return args


_shared_instance: vlc.Instance | None = None


def shared_instance() -> vlc.Instance:
    """One libvlc instance per process (made on first use: nothing happens at import)."""
    global _shared_instance
    if _shared_instance is None:
        try:
            made = vlc.Instance(instance_args())
        except (NameError, OSError, AttributeError) as exc:  # python-vlc found no libvlc
            raise VideoUnavailable(f"Video playback needs VLC, which was not found. {INSTALL_HINT}") from exc
        if made is None:
            raise VideoUnavailable(f"VLC is installed but its plugins are missing. {INSTALL_HINT}")
        _shared_instance = made
    return _shared_instance


def fit_size(width: int, height: int, sar: float = 1.0) -> tuple[int, int]:
    """Square-pixel decode size for a ``width``x``height`` video, scaled down to fit ``MAX_SIZE``."""
    if width <= 0 or height <= 0:
        width, height = 640, 360
    display_w = width * (sar if sar > 0 else 1.0)
    scale = min(1.0, MAX_SIZE[0] / display_w, MAX_SIZE[1] / height)
    return max(2, round(display_w * scale) // 2 * 2), max(2, round(height * scale) // 2 * 2)


def _read_media_info(media: vlc.Media) -> MediaInfo | bool:
    """The first video track's size and rate. python-vlc's ``tracks_get`` mis-declares the track union (and
    crashes on ``.video``), so the pointer array is read here: the union pointer sits in the ``audio`` field.
    Without a video track: whether there is sound."""
    tracks = ctypes.POINTER(vlc.MediaTrack)()
    count = vlc.libvlc_media_tracks_get(media, ctypes.byref(tracks))
    if not count:
        return False
    try:
        array = ctypes.cast(tracks, ctypes.POINTER(ctypes.POINTER(vlc.MediaTrack) * count)).contents
        for i in range(count):
            track = array[i].contents
            if track.type == vlc.TrackType.video and track.audio:
                video = ctypes.cast(track.audio, ctypes.POINTER(vlc.VideoTrack)).contents
                sar = video.sar_num / video.sar_den if video.sar_num and video.sar_den else 1.0
                width, height = fit_size(video.width, video.height, sar)
                fps = video.frame_rate_num / video.frame_rate_den if video.frame_rate_den else 25.0
                duration_ms = media.get_duration()
                return MediaInfo(width, height, fps or 25.0, duration_ms / 1000 if duration_ms > 0 else None)
        return any(array[i].contents.type == vlc.TrackType.audio for i in range(count))
    finally:
        vlc.libvlc_media_tracks_release(ctypes.cast(tracks, ctypes.POINTER(ctypes.POINTER(vlc.MediaTrack))), count)


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


class VlcPlayer(QObject):
    """One libvlc media player rendering into a ``FrameBuffer``; all methods are for the GUI thread."""

    mediaReady = Signal(object)  # MediaInfo, once parsed and configured
    frameReady = Signal(int)  # a new picture is in ``buffer`` (serial)
    playingChanged = Signal(bool)
    timeReported = Signal(float)  # VLC's own (coarse) clock, seconds
    lengthChanged = Signal(float)
    ended = Signal()
    failed = Signal(str)  # what went wrong, in words for the assessor

    def __init__(self, instance: vlc.Instance | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._instance = instance or shared_instance()
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
        self._ended = False
        self._callbacks: tuple[object, ...] = ()  # ctypes callbacks must outlive the player
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
        generation = self._generation
        self._path = path
        self._media = self._instance.media_new_path(str(path))
        self._media.event_manager().event_attach(
            vlc.EventType.MediaParsedChanged, lambda _e: self._bridge.parsed.emit(generation))
        self._media.parse_with_options(vlc.MediaParseFlag.local, PARSE_TIMEOUT_MS)

    def close(self) -> None:
        """Stop and release the player; safe to call any number of times."""
        self._generation += 1
        self._seek_watchdog.stop()
        self._deferred_seek = None
        self._pausing = False
        player, self._player = self._player, None
        if player is not None:
            player.stop()  # joins VLC's decoder and output threads: no callback runs after this
            player.release()
        if self._media is not None:
            self._media.release()
            self._media = None
        self._callbacks = ()
        self.info = None
        self.buffer = None
        self._priming = self._ended = self._reported_playing = False

    def _on_parsed(self, generation: int) -> None:
        if generation != self._generation or self._media is None or self._player is not None:
            return
        status = self._media.get_parsed_status()
        if status == vlc.MediaParsedStatus.skipped or status == 0:
            return  # not finished yet
        info = _read_media_info(self._media) if status == vlc.MediaParsedStatus.done else False
        if info is True:
            self.failed.emit("The file has sound but no picture; the video pane cannot play audio-only evidence yet.")
            return
        if info is False:
            self.failed.emit("The file holds no video that VLC can decode (an unsupported format or a damaged file).")
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
        bridge = self._bridge

        @vlc.CallbackDecorators.VideoLockCb
        def lock(_opaque, planes):  # VLC thread
            planes[0] = buffer.begin_write()

        @vlc.CallbackDecorators.VideoUnlockCb
        def unlock(_opaque, _picture, _planes):  # VLC thread
            buffer.end_write()

        @vlc.CallbackDecorators.VideoDisplayCb
        def display(_opaque, _picture):  # VLC thread: no libvlc calls here
            serial = buffer.take_if_new()
            if serial is not None:
                bridge.frame.emit(generation, serial)

        self._callbacks = (lock, unlock, display)
        player.video_set_callbacks(lock, unlock, display, None)
        player.video_set_format("RV32", info.width, info.height, info.width * 4)
        events = player.event_manager()
        for event_type, kind in _EVENTS.items():
            events.event_attach(event_type, self._forwarder(generation, kind))
        return player

    def _forwarder(self, generation: int, kind: str):
        def forward(event: vlc.Event) -> None:  # VLC thread
            value = 0.0
            if kind == "time":
                value = event.u.new_time / 1000
            elif kind == "length":
                value = event.u.new_length / 1000
            self._bridge.event.emit(generation, kind, value)
        return forward

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
            self.failed.emit("VLC could not decode this file; it may be damaged or in an unsupported format.")

    # --- controls ------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._player is not None

    def play(self, from_seconds: float | None = None) -> None:
        if self._player is None:
            return
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
