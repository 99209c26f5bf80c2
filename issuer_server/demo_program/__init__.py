"""The demo program: one credential, twelve pseudonymous submissions with real evidence, demo users and
assignments, written as a program folder that ``issuer-server load-program FOLDER`` reads.

    from issuer_server.demo_program import generate_program, DEMO_ASSESSOR
    program_json = generate_program(tmp_path / "demo")

Videos are copied from ``resources/demo/video`` (regenerate with ``scripts/make_demo_media.sh``); student
work PDFs and anchor chart images are rendered with PyMuPDF. Output depends only on ``seed`` and ``anchor``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from issuer_server.demo_program.accounts import (
    DEMO_ADMIN,
    DEMO_ASSESSOR,
    DEMO_AUDITOR,
    DEMO_LEAD,
    SECOND_ASSESSOR,
)
from issuer_server.demo_program.ids import CREDENTIAL_ID, CREDENTIAL_VERSION
from issuer_server.demo_program.program import DEMO_ANCHOR, MEDIA_ROOT, PROGRAM_FILE, write_program

__all__ = [
    "CREDENTIAL_ID",
    "CREDENTIAL_VERSION",
    "DEMO_ADMIN",
    "DEMO_ANCHOR",
    "DEMO_ASSESSOR",
    "DEMO_AUDITOR",
    "DEMO_LEAD",
    "MEDIA_ROOT",
    "PROGRAM_FILE",
    "SECOND_ASSESSOR",
    "generate_program",
]


def generate_program(
    folder: Path, *, seed: int = 7, anchor: datetime | None = None, media_root: Path | None = None
) -> Path:
    """Write program.json and the evidence files into ``folder``; return the program.json path.

    ``anchor`` is the demo's "today" (default ``DEMO_ANCHOR``, a fixed date): submissions arrive in the
    20 days before it and assignments fall due in the 14 days after. ``media_root`` overrides where the
    committed clips are read from (default: ``resources/demo`` in the source tree).
    """
    return write_program(Path(folder), seed=seed, anchor=anchor, media_root=media_root)
