"""The process's libvlc instance, what libvlc says about a parsed file, and the size the pane decodes it at.

Split from ``vlc_backend`` (which owns the players) to keep each file readable; like it, this module talks to
libvlc directly, and nothing outside ``ui/video/vlc_*.py`` does.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Mapping
from dataclasses import dataclass

import vlc

INSTALL_HINT = "Install VLC's library and plugins: sudo apt install libvlc5 vlc-plugin-base"
MAX_SIZE = (1280, 720)  # decode size cap: enough for a pane, cheap to copy


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


def read_media_info(media: vlc.Media) -> MediaInfo | bool:
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
