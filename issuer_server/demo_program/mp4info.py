"""A small pure-Python MP4 box reader: enough to check brands, codecs, duration, size and completeness
of the demo clips without ffprobe."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass

_CONTAINERS = frozenset({b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"udta"})


@dataclass(frozen=True, slots=True)
class Track:
    handler: str  # "vide", "soun", ...
    codec: str  # sample entry fourcc: "avc1", "mp4a", ...
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class Mp4Info:
    top_level: tuple[str, ...]
    brands: tuple[str, ...]
    duration_s: float
    tracks: tuple[Track, ...]
    truncated: bool

    @property
    def faststart(self) -> bool:
        """The index (moov) comes before the media data (mdat), so playback can start while downloading."""
        order = list(self.top_level)
        return "moov" in order and "mdat" in order and order.index("moov") < order.index("mdat")

    @property
    def codecs(self) -> frozenset[str]:
        return frozenset(t.codec for t in self.tracks)


def _boxes(data: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int, bool]]:
    """(type, payload start, payload end, complete) for each box in ``data[start:end]``."""
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, pos)
        header = 8
        if size == 1:
            if pos + 16 > end:
                return
            size = struct.unpack_from(">Q", data, pos + 8)[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header:
            raise ValueError(f"Box {kind!r} at {pos} has an impossible size {size}.")
        complete = pos + size <= end
        yield kind, pos + header, min(pos + size, end), complete
        if not complete:
            return
        pos += size


def _track(data: bytes, start: int, end: int) -> Track:
    handler, codec, width, height = "", "", 0, 0
    stack = [(start, end)]
    while stack:
        lo, hi = stack.pop()
        for kind, body, stop, _ in _boxes(data, lo, hi):
            if kind in _CONTAINERS:
                stack.append((body, stop))
            elif kind == b"tkhd":
                width = struct.unpack_from(">I", data, stop - 8)[0] >> 16
                height = struct.unpack_from(">I", data, stop - 4)[0] >> 16
            elif kind == b"hdlr":
                handler = data[body + 8 : body + 12].decode("latin-1")
            elif kind == b"stsd" and stop - body >= 16:
                codec = data[body + 12 : body + 16].decode("latin-1")
    return Track(handler, codec, width, height)


def _duration(data: bytes, body: int) -> float:
    version = data[body]
    if version == 1:
        timescale, duration = struct.unpack_from(">IQ", data, body + 20)
    else:
        timescale, duration = struct.unpack_from(">II", data, body + 12)
    return duration / timescale if timescale else 0.0


def inspect_mp4(data: bytes) -> Mp4Info:
    """Read the box structure of an MP4 file; raise ``ValueError`` if it does not start with ``ftyp``."""
    if len(data) < 16 or data[4:8] != b"ftyp":
        raise ValueError("Not an MP4 file: the first box is not 'ftyp'.")
    top: list[str] = []
    brands: list[str] = []
    tracks: list[Track] = []
    duration = 0.0
    truncated = False
    for kind, body, stop, complete in _boxes(data, 0, len(data)):
        top.append(kind.decode("latin-1"))
        truncated = truncated or not complete
        if kind == b"ftyp":
            brands = [data[i : i + 4].decode("latin-1") for i in range(body, stop, 4) if i != body + 4]
        elif kind == b"moov" and complete:
            for inner, ibody, istop, _ in _boxes(data, body, stop):
                if inner == b"mvhd":
                    duration = _duration(data, ibody)
                elif inner == b"trak":
                    tracks.append(_track(data, ibody, istop))
    return Mp4Info(tuple(top), tuple(brands), duration, tuple(tracks), truncated)
