"""The memory VLC decodes into, shared between a VLC thread (writer) and the GUI thread (reader).

VLC writes a frame between its lock and unlock callbacks; the GUI copies the frame into a ``QImage`` under the
same lock, so Qt never reads memory VLC is writing or that has been freed. Paused, VLC redisplays the same
picture ~13 times a second and calls lock/unlock/display each time; libvlc gives no frame number, so a frame
counts as new only when its content signature (a CRC over a sample of rows) changes, or when the caller
expects a new picture (after a seek or a step) and it has waited long enough for an identical one to be real.
"""

from __future__ import annotations

import ctypes
import threading
import time
import zlib

from PySide6.QtGui import QImage

SAMPLED_ROWS = 48
# After a seek or step into identical-looking video, accept the redisplayed picture as "the new one" after this.
EXPECTED_FRAME_GRACE_S = 0.4


class FrameBuffer:
    """One RV32 (== ``QImage.Format_RGB32``) picture of a fixed size, and the bookkeeping to spot new frames."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.stride = width * 4
        self._pixels = (ctypes.c_ubyte * (self.stride * height))()
        self._address = ctypes.addressof(self._pixels)
        self._guard = threading.Lock()
        self._last_signature: int | None = None
        self._expect_since: float | None = None
        self.serial = 0  # count of distinct frames seen; written on the VLC thread only

    # --- VLC thread -------------------------------------------------------------------------
    def begin_write(self) -> int:
        """Called from VLC's lock callback: hold the guard while VLC writes, return the plane's address."""
        self._guard.acquire()
        return self._address

    def end_write(self) -> None:
        """Called from VLC's unlock callback."""
        self._guard.release()

    def take_if_new(self) -> int | None:
        """Called from VLC's display callback: the new frame's serial, or None for a redisplay."""
        with self._guard:
            signature = self._signature()
        expecting = self._expect_since
        is_new = signature != self._last_signature or (
            expecting is not None and time.monotonic() - expecting >= EXPECTED_FRAME_GRACE_S)
        if not is_new:
            return None
        self._last_signature = signature
        self._expect_since = None
        self.serial += 1
        return self.serial

    # --- GUI thread -------------------------------------------------------------------------
    def expect_new_frame(self) -> None:
        """A seek or step was asked for: the next picture is new even if it looks the same (after a grace)."""
        self._expect_since = time.monotonic()

    def snapshot(self) -> QImage:
        """A deep copy of the current picture, safe to keep after this buffer is gone."""
        with self._guard:
            view = QImage(self._pixels, self.width, self.height, self.stride, QImage.Format.Format_RGB32)
            return view.copy()

    def _signature(self) -> int:
        step = max(1, self.height // SAMPLED_ROWS)
        view = memoryview(self._pixels).cast("B")
        crc = 0
        for row in range(step // 2, self.height, step):
            start = row * self.stride
            crc = zlib.crc32(view[start:start + self.stride], crc)
        return crc
