"""Evidence coverage: what of the evidence the assessor actually saw, summarised for them and for the issuer.

Video coverage is a set of watched intervals (seconds), merged; PDF coverage is seconds on screen per page.
The summary travels with the pushed sheet so leads and auditors can see it; it never blocks submitting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

BARELY_WATCHED = 0.25  # below this share of a video, submitting shows a (non-blocking) warning


def merge_intervals(intervals: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for start, end in sorted((min(a, b), max(a, b)) for a, b in intervals):
        if merged and start <= merged[-1][1] + 0.05:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


@dataclass
class VideoCoverage:
    duration: float | None
    watched: list[tuple[float, float]] = field(default_factory=list)

    @property
    def fraction(self) -> float:
        if not self.duration:
            return 0.0
        return min(1.0, sum(end - start for start, end in merge_intervals(self.watched)) / self.duration)


@dataclass
class PdfCoverage:
    page_count: int | None
    seconds_per_page: dict[int, float] = field(default_factory=dict)

    @property
    def pages_seen(self) -> int:
        return sum(1 for seconds in self.seconds_per_page.values() if seconds >= 1.0)


@dataclass
class Coverage:
    """Per evidence id: a VideoCoverage or a PdfCoverage, with the evidence titles for the summary."""

    videos: dict[str, VideoCoverage] = field(default_factory=dict)
    pdfs: dict[str, PdfCoverage] = field(default_factory=dict)
    titles: Mapping[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        parts = [f"{self._title(eid, 'Video')} {round(100 * v.fraction)}% watched" for eid, v in self.videos.items()]
        parts += [f"{self._title(eid, 'PDF')} {p.pages_seen}/{p.page_count or '?'} pages"
                  for eid, p in self.pdfs.items()]
        return " · ".join(parts) if parts else "No evidence opened yet"

    def warnings(self) -> list[str]:
        return [f"{self._title(eid, 'A video')} was only {round(100 * v.fraction)}% watched."
                for eid, v in self.videos.items() if v.fraction < BARELY_WATCHED]

    def _title(self, evidence_id: str, fallback: str) -> str:
        return self.titles.get(evidence_id, fallback)

    def to_payload(self) -> dict[str, Any]:
        """The shape sent with the score sheet (``coverage`` in the push body)."""
        return {
            "videos": {eid: {"duration": v.duration, "watched": merge_intervals(v.watched),
                             "fraction": round(v.fraction, 4)} for eid, v in self.videos.items()},
            "pdfs": {eid: {"page_count": p.page_count, "seconds_per_page": {str(k): round(s, 1) for k, s in
                                                                              sorted(p.seconds_per_page.items())},
                           "pages_seen": p.pages_seen} for eid, p in self.pdfs.items()},
            "summary": self.summary(),
        }
