"""Writing a file only its owner may read (0600): exports of score histories name assessors and candidates."""

from __future__ import annotations

import os
from pathlib import Path

from assessor_app.store.paths import PRIVATE_FILE


def write_private_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to a file created 0600 (an existing file keeps its own mode)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
