"""Writing a download's ``.part`` file: straight to disk where the filesystem allows it.

Copying a gigabyte of evidence into the page cache costs about as much CPU as receiving and hashing it, and the
fsync before the rename then waits for all of it (bench/sync_throughput.py: 2.3-3.3 s buffered against 1.3 s
direct for 1 GB). With ``O_DIRECT`` the disk reads our block-aligned buffer itself: no copy, nothing left to
flush. Direct I/O needs aligned memory (the caller's ``mmap`` buffer is page-aligned), aligned file offsets and
whole blocks, so the tail of a file, a resume from an unaligned size, and filesystems or systems without
``O_DIRECT`` (tmpfs, macOS, Windows) use ordinary buffered writes, with writeback started every 16 MiB so the final
fsync finds little left to do.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from assessor_app.store.paths import PRIVATE_FILE

ALIGN = 4096  # a multiple of every logical block size in use (512 and 4096)
O_DIRECT = getattr(os, "O_DIRECT", 0)
WRITEBACK_EVERY = 16 * 1024 * 1024


class PartWriter:
    """Appends to ``path`` from ``offset`` on (0: a new file), then fsyncs and closes on ``close``."""

    def __init__(self, path: Path, offset: int = 0) -> None:
        flags = os.O_WRONLY | os.O_CREAT | (0 if offset else os.O_TRUNC)
        self.direct = bool(O_DIRECT) and offset % ALIGN == 0
        self._fd = -1
        if self.direct:
            try:
                self._fd = os.open(path, flags | O_DIRECT, PRIVATE_FILE)
            except OSError as exc:
                if exc.errno != errno.EINVAL:  # EINVAL: this filesystem has no direct I/O
                    raise
                self.direct = False
        if self._fd < 0:
            self._fd = os.open(path, flags, PRIVATE_FILE)
        self.position = offset
        self._flushed = offset
        if offset:
            os.lseek(self._fd, offset, os.SEEK_SET)

    def write(self, view: memoryview) -> None:
        """Write all of ``view``. Direct writes take whole blocks; a shorter tail ends direct I/O for this file."""
        if self.direct:
            aligned = len(view) - len(view) % ALIGN
            if aligned:
                start = self.position
                try:
                    self._write_all(view[:aligned])
                except OSError as exc:
                    if exc.errno != errno.EINVAL:
                        raise
                    self._stop_direct()  # opened, but the filesystem refuses direct writes: the rest is buffered
                view = view[self.position - start:]
            if view:
                self._stop_direct()
        if view:
            self._write_all(view)
            if not self.direct and self.position - self._flushed >= WRITEBACK_EVERY:
                _start_writeback(self._fd, self._flushed, self.position - self._flushed)
                self._flushed = self.position

    def _write_all(self, view: memoryview) -> None:
        while view:
            written = os.write(self._fd, view)
            if written <= 0:
                raise OSError(errno.EIO, "the disk accepted no bytes")
            self.position += written
            view = view[written:]

    def _stop_direct(self) -> None:
        if not self.direct:
            return
        import fcntl  # POSIX only, like O_DIRECT itself

        fcntl.fcntl(self._fd, fcntl.F_SETFL, fcntl.fcntl(self._fd, fcntl.F_GETFL) & ~O_DIRECT)
        self.direct = False
        self._flushed = self.position

    def close(self) -> None:
        """fsync (the bytes are on disk before anyone renames the file into place) and close."""
        if self._fd < 0:
            return
        try:
            os.fsync(self._fd)
        finally:
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> PartWriter:
        return self

    def __exit__(self, _type: type[BaseException] | None, _exc: BaseException | None,
                 _tb: TracebackType | None) -> None:
        self.close()


def _start_writeback(fd: int, offset: int, length: int) -> None:
    """Ask the kernel to start writing a stretch to disk now. Linux's ``sync_file_range`` only starts writeback;
    elsewhere ``posix_fadvise(DONTNEED)`` does it too, at the price of also dropping the pages from the cache."""
    with contextlib.suppress(AttributeError, OSError):
        if not (_SYNC_FILE_RANGE is not None and _SYNC_FILE_RANGE(fd, offset, length, _SYNC_FILE_RANGE_WRITE) == 0):
            os.posix_fadvise(fd, offset, length, os.POSIX_FADV_DONTNEED)


def _load_sync_file_range() -> Callable[[int, int, int, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (OSError, AttributeError):
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint)
    function.restype = ctypes.c_int
    return function  # type: ignore[no-any-return]


_SYNC_FILE_RANGE = _load_sync_file_range()
_SYNC_FILE_RANGE_WRITE = 2  # <linux/fs.h>: start writeback of the range's dirty pages, do not wait
