"""Evidence anchors: pointers from a criterion or comment into immutable evidence.

They serialise as W3C Web Annotation selectors (STANDARDS.md): Media Fragments ``t=start,end`` for
video/audio, RFC 3778 ``page=N`` refined by a ``TextQuoteSelector`` for PDF, ``xywh=`` for images.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessor_app.domain.errors import DomainError

MEDIA_FRAGMENTS = "http://www.w3.org/TR/media-frags/"
PDF_FRAGMENTS = "http://tools.ietf.org/rfc/rfc3778"


def format_clock(seconds: float) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


@dataclass(frozen=True, slots=True)
class TimeRange:
    start: float
    end: float

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise DomainError("A video citation needs 0 <= start <= end.")

    def fragment(self) -> str:
        return f"t={self.start:g},{self.end:g}"

    def citation(self) -> str:
        return f"{format_clock(self.start)}–{format_clock(self.end)}"


@dataclass(frozen=True, slots=True)
class PdfLocation:
    page: int  # 1-based physical page
    quote: str = ""
    prefix: str = ""
    suffix: str = ""

    def __post_init__(self) -> None:
        if self.page < 1:
            raise DomainError("PDF pages are counted from 1.")

    def fragment(self) -> str:
        return f"page={self.page}"

    def citation(self) -> str:
        return f"p. {self.page}" + (f": “{self.quote}”" if self.quote else "")


@dataclass(frozen=True, slots=True)
class ImageRegion:
    x: int
    y: int
    w: int
    h: int

    def fragment(self) -> str:
        return f"xywh={self.x},{self.y},{self.w},{self.h}"

    def citation(self) -> str:
        return f"region {self.w}×{self.h} at ({self.x}, {self.y})"


Selector = TimeRange | PdfLocation | ImageRegion


@dataclass(frozen=True, slots=True)
class EvidenceAnchor:
    id: str
    evidence_id: str
    selector: Selector
    criterion_id: str | None = None
    note: str = ""

    def citation(self, evidence_title: str) -> str:
        return f"[{evidence_title} {self.selector.citation()}]"

    def to_dict(self) -> dict[str, Any]:
        sel = self.selector
        data: dict[str, Any] = {"id": self.id, "evidence_id": self.evidence_id,
                                "criterion_id": self.criterion_id, "note": self.note}
        if isinstance(sel, TimeRange):
            data["selector"] = {"type": "time", "start": sel.start, "end": sel.end}
        elif isinstance(sel, PdfLocation):
            data["selector"] = {"type": "pdf", "page": sel.page, "quote": sel.quote,
                                "prefix": sel.prefix, "suffix": sel.suffix}
        else:
            data["selector"] = {"type": "image", "x": sel.x, "y": sel.y, "w": sel.w, "h": sel.h}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EvidenceAnchor:
        try:
            raw = dict(data["selector"])
            kind = raw.pop("type")
            selector: Selector
            if kind == "time":
                selector = TimeRange(float(raw["start"]), float(raw["end"]))
            elif kind == "pdf":
                selector = PdfLocation(int(raw["page"]), raw.get("quote", ""), raw.get("prefix", ""),
                                       raw.get("suffix", ""))
            elif kind == "image":
                selector = ImageRegion(int(raw["x"]), int(raw["y"]), int(raw["w"]), int(raw["h"]))
            else:
                raise DomainError(f"Unknown anchor selector type {kind!r}.")
            return cls(str(data["id"]), str(data["evidence_id"]), selector,
                       data.get("criterion_id"), str(data.get("note", "")))
        except (KeyError, TypeError, ValueError) as exc:
            raise DomainError(f"An evidence anchor is malformed: {exc}") from exc

    def to_web_annotation(self, evidence_url: str) -> dict[str, Any]:
        """The anchor as a W3C Web Annotation (``motivation: assessing``)."""
        sel = self.selector
        conforms = MEDIA_FRAGMENTS if not isinstance(sel, PdfLocation) else PDF_FRAGMENTS
        selectors: list[dict[str, Any]] = [
            {"type": "FragmentSelector", "conformsTo": conforms, "value": sel.fragment()}
        ]
        if isinstance(sel, PdfLocation) and sel.quote:
            selectors[0]["refinedBy"] = {"type": "TextQuoteSelector", "exact": sel.quote,
                                         "prefix": sel.prefix, "suffix": sel.suffix}
        body: list[dict[str, Any]] = [{"type": "TextualBody", "value": self.note, "purpose": "commenting"}]
        if self.criterion_id:
            body.append({"type": "SpecificResource", "purpose": "classifying", "source": self.criterion_id})
        return {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": f"urn:uuid:{self.id}",
            "type": "Annotation",
            "motivation": "assessing",
            "body": body,
            "target": {"source": evidence_url, "selector": selectors},
        }
