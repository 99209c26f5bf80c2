"""The In–Out range an assessor marks: it loops playback and becomes the citation for a score.

Plain Python: no Qt, no VLC.
"""

from __future__ import annotations

from assessor_app.domain.anchors import TimeRange, format_clock

CITATION_WINDOW_S = 5.0  # unmarked, a citation covers the seconds just watched


def clock_text(seconds: float) -> str:
    """``mm:ss.t``: the domain's clock plus tenths, enough to tell frame steps apart."""
    return f"{format_clock(seconds)}.{int(seconds * 10) % 10}"


class MarkedRange:
    def __init__(self) -> None:
        self.start: float | None = None
        self.end: float | None = None

    def mark_in(self, now: float) -> None:
        self.start = now
        if self.end is not None and self.end <= now:
            self.end = None

    def mark_out(self, now: float) -> bool:
        """Mark the end here; without an In, the In goes a few seconds back. False when before the In."""
        if self.start is None:
            self.start = max(0.0, now - CITATION_WINDOW_S)
        if now <= self.start:
            return False
        self.end = now
        return True

    def clear(self) -> None:
        self.start = self.end = None

    def loop_bounds(self, duration: float | None) -> tuple[float, float] | None:
        """Where a loop starts and wraps: In to Out (or to the end when only In is marked)."""
        if self.start is None:
            return None
        end = self.end if self.end is not None else duration
        return (self.start, end) if end is not None else None

    def citation(self, now: float) -> TimeRange:
        if self.start is not None and self.end is not None:
            return TimeRange(self.start, self.end)
        return TimeRange(max(0.0, now - CITATION_WINDOW_S), now)

    def text(self) -> str:
        if self.start is None:
            return "No range marked"
        return f"{clock_text(self.start)} – {clock_text(self.end) if self.end is not None else '…'}"
