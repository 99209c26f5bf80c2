"""Evidence downloads: a few at a time, resumable, verified against the manifest's sha256 before use.

Each file streams into ``<sha256>.part``; an interrupted download resumes with ``Range`` + ``If-Range`` (206:
append; 200: the file changed, start over; 416: start over). Only a file whose sha256 matches is fsynced and
renamed into place. A mismatch is discarded and fetched once more, then reported.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import random
import shutil
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from assessor_app.store.evidence_files import EvidenceFile, EvidenceFiles, evidence_path
from assessor_app.store.paths import PRIVATE_FILE, ensure_private_dir
from assessor_app.sync.body_reader import body_chunks
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.errors import Cancelled, DiskFull, Offline, ServerFault, SyncError
from assessor_app.sync.transport import TIMEOUT

CHUNK = 1024 * 1024
PARALLEL = 3
RESUME_ATTEMPTS = 6
WRITEBACK_EVERY = 16 * 1024 * 1024
FREE_SPACE_MARGIN = 200 * 1024 * 1024


class ChecksumMismatch(SyncError):
    pass


@dataclass
class DownloadOutcome:
    downloaded: list[str]
    failed: dict[str, str]
    bytes: int


def check_free_space(root: Path, needed: int) -> None:
    ensure_private_dir(root)
    free = shutil.disk_usage(root).free
    if free < needed + FREE_SPACE_MARGIN:
        raise DiskFull(f"The evidence needs {needed / 1e6:.0f} MB but only {free / 1e6:.0f} MB are free on the disk "
                       f"holding {root}. Free some space and sync again.")


class EvidenceDownloader:
    def __init__(self, client: IssuerClient, files: EvidenceFiles, root: Path,
                 on_bytes: Callable[[int], None] = lambda _n: None, cancel: threading.Event | None = None) -> None:
        self._client = client
        self._files = files
        self._root = root
        self._on_bytes = on_bytes
        self._cancel = cancel or threading.Event()

    def download_all(self, items: list[EvidenceFile]) -> DownloadOutcome:
        outcome = DownloadOutcome([], {}, 0)
        # Identical content (same sha256) is fetched once and shared: two writers must never share a .part file.
        by_content: dict[str, list[EvidenceFile]] = {}
        for item in items:
            by_content.setdefault(item.sha256, []).append(item)
        with ThreadPoolExecutor(PARALLEL, thread_name_prefix="evidence") as pool:
            futures = {pool.submit(self.download, group[0]): group for group in by_content.values()}
            for future in as_completed(futures):
                group = futures[future]
                item = group[0]
                try:
                    outcome.bytes += future.result()
                    for same in group:
                        if same is not item:
                            self._files.mark_ready(same.id, evidence_path(self._root, same.sha256))
                        outcome.downloaded.append(same.id)
                except Cancelled:
                    self._cancel.set()
                except (Offline, ServerFault) as exc:
                    outcome.failed[item.id] = str(exc)
                except ChecksumMismatch as exc:
                    outcome.failed[item.id] = str(exc)
                    self._files.mark_failed(item.id, str(exc))
        if self._cancel.is_set():
            raise Cancelled("Sync was cancelled; completed downloads are kept and the rest will resume.")
        return outcome

    def download(self, item: EvidenceFile) -> int:
        """Fetch one file into place; returns the bytes transferred."""
        final = evidence_path(self._root, item.sha256)
        if final.exists() and final.stat().st_size == item.size:
            self._files.mark_ready(item.id, final)
            return 0
        ensure_private_dir(final.parent)
        transferred = 0
        part = final.with_suffix(".part")
        for attempt in (1, 2):
            digest = _RunningDigest()
            transferred += self._fetch_resuming(item, part, digest)
            if digest.matches(part, item.sha256):
                os.chmod(part, PRIVATE_FILE)
                os.replace(part, final)
                _fsync_dir(final.parent)
                self._files.mark_ready(item.id, final)
                return transferred
            part.unlink(missing_ok=True)
            if attempt == 2:
                raise ChecksumMismatch(
                    f"“{item.id}” arrived twice with content that does not match the issuer's checksum. "
                    "It was not used; tell the issuer if this keeps happening.")
        return transferred

    def _fetch_resuming(self, item: EvidenceFile, part: Path, digest: _RunningDigest) -> int:
        transferred = 0
        for attempt in range(RESUME_ATTEMPTS):
            try:
                transferred += self._fetch_once(item, part, digest)
                return transferred
            except (Offline, ServerFault):
                if attempt == RESUME_ATTEMPTS - 1:
                    raise
                self._files.mark_partial(item.id, part.stat().st_size if part.exists() else 0)
                if self._cancel.wait(min(8.0, 0.25 * 2**attempt) * random.uniform(0.5, 1.0)):
                    raise Cancelled("cancelled") from None
        return transferred

    def _fetch_once(self, item: EvidenceFile, part: Path, digest: _RunningDigest) -> int:
        offset = part.stat().st_size if part.exists() else 0
        if offset >= item.size:
            return 0
        digest.catch_up(part, offset)
        headers = {"Accept-Encoding": "identity"}  # the bytes on the wire are the file: hash them as they come
        if offset:
            headers |= {"Range": f"bytes={offset}-", "If-Range": f'"{item.sha256}"'}
        response = self._client.open_stream(f"/evidence/{item.id}", headers)
        written = flushed = 0
        try:
            if response.status_code == 416:
                part.unlink(missing_ok=True)
                return 0
            mode = "ab" if response.status_code == 206 else "wb"
            if mode == "wb":
                digest.restart()
            fd = os.open(part, os.O_WRONLY | os.O_CREAT | (os.O_APPEND if mode == "ab" else os.O_TRUNC), PRIVATE_FILE)
            with os.fdopen(fd, mode, buffering=0) as out:
                try:
                    for chunk in body_chunks(response, TIMEOUT.read):
                        if self._cancel.is_set():
                            raise Cancelled("cancelled")
                        _write_all(out, chunk)
                        digest.update(chunk)
                        written += len(chunk)
                        self._on_bytes(len(chunk))
                        if written - flushed >= WRITEBACK_EVERY:
                            flushed = _start_writeback(out, flushed, written)
                except Exception as exc:
                    if isinstance(exc, SyncError):
                        raise
                    raise Offline(f"The download of “{item.id}” was interrupted ({type(exc).__name__}).") from exc
                finally:
                    out.flush()
                    os.fsync(out.fileno())
        finally:
            response.close()
        return written


class _RunningDigest:
    """sha256 of a .part file computed as it is written, so verifying costs no second read of the file.

    When a download resumes from a .part left by an earlier run, the prefix on disk is hashed once first.
    """

    def __init__(self) -> None:
        self.restart()

    def restart(self) -> None:
        self._hash = hashlib.sha256()
        self.length = 0

    def update(self, chunk: bytes) -> None:
        self._hash.update(chunk)
        self.length += len(chunk)

    def catch_up(self, part: Path, size: int) -> None:
        if self.length == size:
            return
        self.restart()
        with part.open("rb") as handle:
            while self.length < size and (block := handle.read(min(CHUNK, size - self.length))):
                self.update(block)

    def matches(self, part: Path, expected: str) -> bool:
        size = part.stat().st_size if part.exists() else -1
        return size == self.length and self._hash.hexdigest() == expected


def _write_all(out: BinaryIO, chunk: bytes | memoryview) -> None:
    """An unbuffered write may take less than it was given; the rest follows (the chunk is reused afterwards)."""
    view = memoryview(chunk)
    while view:
        written = out.write(view)
        view = view[written or 0:]
        if not written:
            raise OSError("the disk accepted no bytes")


def _start_writeback(out: BinaryIO, start: int, end: int) -> int:
    """Ask the kernel to start writing the last stretch to disk now, so the fsync before the rename finds little
    left to do (downloads otherwise wait for ~1 GB of writeback at the end: bench/sync_throughput.py). Linux's
    ``sync_file_range`` only starts the writeback; elsewhere ``posix_fadvise(DONTNEED)`` does it too, at the price of
    also dropping the pages from the cache."""
    out.flush()
    with contextlib.suppress(AttributeError, OSError):
        base = out.tell() - end
        if not _sync_file_range(out.fileno(), base + start, end - start):
            os.posix_fadvise(out.fileno(), base + start, end - start, os.POSIX_FADV_DONTNEED)
    return end


def _load_sync_file_range() -> Callable[[int, int, int, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.sync_file_range
    except (OSError, AttributeError):
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint)
    function.restype = ctypes.c_int
    return function  # type: ignore[no-any-return]


_SYNC_FILE_RANGE = _load_sync_file_range()
_SYNC_FILE_RANGE_WRITE = 2  # <linux/fs.h>: start writeback of dirty pages in the range, do not wait


def _sync_file_range(fd: int, offset: int, length: int) -> bool:
    return _SYNC_FILE_RANGE is not None and _SYNC_FILE_RANGE(fd, offset, length, _SYNC_FILE_RANGE_WRITE) == 0


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

