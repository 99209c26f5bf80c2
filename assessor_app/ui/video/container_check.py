"""A cheap look at an MP4/MOV file's top-level boxes before handing it to VLC.

A truncated upload (the commonest broken evidence) plays in VLC until the data runs out and then simply
"ends": the assessor would score a lesson they only saw half of. Walking the top-level ISO-BMFF boxes costs a
few reads and tells us up front when a box claims more bytes than the file holds, or the index (``moov``) is
missing. Other containers are left to VLC. Plain Python: no Qt, no VLC.
"""

from __future__ import annotations

import struct
from pathlib import Path

ISO_BMFF_FIRST_BOXES = {b"ftyp", b"styp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot"}
MAX_BOXES = 10_000


def container_problem(path: Path) -> str | None:
    """A sentence saying what is wrong with this MP4/MOV file, or None when it looks whole (or is not MP4)."""
    size = path.stat().st_size
    offset = 0
    seen: set[bytes] = set()
    with path.open("rb") as f:
        for _ in range(MAX_BOXES):
            if offset >= size:
                break
            f.seek(offset)
            header = f.read(16)
            if len(header) < 8:
                return "The file ends in the middle of a section header."
            box_size, kind = struct.unpack(">I4s", header[:8])
            if offset == 0 and kind not in ISO_BMFF_FIRST_BOXES:
                return None  # not an MP4/MOV family file: VLC decides
            if box_size == 1:
                if len(header) < 16:
                    return "The file ends in the middle of a section header."
                box_size = struct.unpack(">Q", header[8:16])[0]
            elif box_size == 0:
                box_size = size - offset
            if box_size < 8:
                return "The file's structure is damaged."
            if offset + box_size > size:
                missing = offset + box_size - size
                return (f"The file is incomplete: it stops {missing:,} bytes short of its declared length "
                        "(an interrupted download or upload).")
            seen.add(kind)
            offset += box_size
    if b"moov" not in seen:
        return "The file has no index (moov section), so it cannot be played."
    return None
