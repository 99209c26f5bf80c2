"""Which parts of a video the assessor has actually watched.

Built from playback, not from the seek bar: while playing, each advance of the clock by a plausible amount
extends the current watched stretch; a seek, a pause or a jump breaks it. Intervals are merged, so watching
a part twice counts once. Plain Python: no Qt, no VLC.
"""

from __future__ import annotations

# Between two clock samples taken ~50 ms apart the clock moves ≤ 0.1 s at 2x; more than this is a jump.
MAX_PLAUSIBLE_ADVANCE_S = 1.0


class WatchedCoverage:
    def __init__(self) -> None:
        self._intervals: list[tuple[float, float]] = []
        self._last: float | None = None

    def observe(self, seconds: float) -> bool:
        """The clock read ``seconds`` while playing; returns True when the watched set grew."""
        last, self._last = self._last, seconds
        if last is None or not 0 < seconds - last <= MAX_PLAUSIBLE_ADVANCE_S:
            return False
        before = self.total()
        self._add(last, seconds)
        return self.total() > before

    def break_run(self) -> None:
        """A seek or pause: the next sample starts a new stretch."""
        self._last = None

    def intervals(self) -> list[tuple[float, float]]:
        return list(self._intervals)

    def total(self) -> float:
        return sum(end - start for start, end in self._intervals)

    def fraction(self, duration: float | None) -> float:
        if not duration:
            return 0.0
        return min(1.0, self.total() / duration)

    def clear(self) -> None:
        self._intervals.clear()
        self._last = None

    def _add(self, start: float, end: float) -> None:
        merged: list[tuple[float, float]] = []
        for a, b in self._intervals:
            if b < start or a > end:
                merged.append((a, b))
            else:
                start, end = min(a, start), max(b, end)
        merged.append((start, end))
        self._intervals = sorted(merged)
