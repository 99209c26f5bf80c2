"""A smooth playback clock over libvlc's coarse one.

libvlc 3 updates ``get_time()`` only every ~0.5 s while playing, and ``next_frame()`` does not update it at all.
The seek bar, the loop range and the watched coverage need better, so this clock extrapolates from the last
reported time at the playback rate, never runs backwards by jitter, and counts frame steps itself.
Plain Python: no Qt, no VLC.
"""

from __future__ import annotations

import time
from collections.abc import Callable

# A reported time this far behind the extrapolated one is a real jump (seek, restart), not jitter.
RESYNC_BEHIND_S = 0.6


class PlaybackClock:
    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._anchor = 0.0  # media seconds at _anchor_at
        self._anchor_at = now()
        self._last_reported: float | None = None
        self.rate = 1.0
        self.running = False
        self.duration: float | None = None

    def position(self) -> float:
        t = self._anchor
        if self.running:
            t += (self._now() - self._anchor_at) * self.rate
        if self.duration is not None:
            t = min(t, self.duration)
        return max(0.0, t)

    def reported_by_vlc(self, seconds: float) -> None:
        """VLC reported this time; take it unless it is stale or merely a little behind our extrapolation."""
        if seconds == self._last_reported:
            return  # libvlc repeats its last value between updates
        self._last_reported = seconds
        ahead = self.position()
        if not self.running or seconds > ahead or ahead - seconds > RESYNC_BEHIND_S:
            self._set(seconds)

    def jump(self, seconds: float) -> None:
        """A seek: the position is this, whatever VLC said before."""
        self._last_reported = None
        self._set(seconds)

    def step(self, seconds: float) -> None:
        """A frame step: VLC shows the next picture but reports no new time."""
        self._set(self.position() + seconds)

    def start(self) -> None:
        if not self.running:
            self._set(self.position())
            self.running = True

    def stop(self) -> None:
        if self.running:
            self._set(self.position())
            self.running = False

    def set_rate(self, rate: float) -> None:
        self._set(self.position())
        self.rate = rate

    def _set(self, seconds: float) -> None:
        self._anchor = max(0.0, seconds)
        self._anchor_at = self._now()
