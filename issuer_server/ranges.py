"""HTTP range requests (RFC 9110 §14) for one evidence file: a single ``bytes`` range, ``If-Range``
with a strong ETag. Anything this server does not do (several ranges, other units, bad syntax) is
answered with the whole file, which the RFC allows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ByteRange:
    start: int
    end: int  # inclusive

    @property
    def length(self) -> int:
        return self.end - self.start + 1


class Unsatisfiable(Exception):
    """The range lies wholly outside the file (answer 416 with ``Content-Range: bytes */size``)."""


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The byte range to send, or ``None`` for the whole file."""
    if not header:
        return None
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or not spec or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash:
        return None
    first, last = first.strip(), last.strip()
    if not (first.isdigit() or first == "") or not (last.isdigit() or last == "") or (first == last == ""):
        return None
    if first == "":  # suffix range: the last N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise Unsatisfiable
        return ByteRange(max(0, size - suffix), size - 1)
    start = int(first)
    if last and int(last) < start:
        return None  # syntactically invalid: ignore the header
    if start >= size:
        raise Unsatisfiable
    end = int(last) if last else size - 1
    return ByteRange(start, min(end, size - 1))


def if_range_allows(if_range: str | None, etag: str) -> bool:
    """``If-Range`` keeps the range only when it names the current strong ETag (dates never match here)."""
    if if_range is None:
        return True
    value = if_range.strip()
    return not value.startswith("W/") and value == etag
