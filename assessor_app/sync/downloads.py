"""Evidence downloads: a few at a time, resumable, verified against the manifest's sha256 before use.

Each file streams into ``<sha256>.part``; an interrupted download resumes with ``Range`` + ``If-Range`` (206:
append; 200: the file changed, start over; 416: start over). Only a file whose sha256 matches is fsynced and
renamed into place. A mismatch is discarded and fetched once more, then reported.
"""

from __future__ import annotations

import contextlib
import hashlib
import mmap
import os
import random
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessor_app.store.evidence_files import EvidenceFile, EvidenceFiles, evidence_path
from assessor_app.store.paths import PRIVATE_FILE, ensure_private_dir
from assessor_app.sync.body_reader import BodyReader
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.errors import Cancelled, DiskFull, Offline, ServerFault, SyncError
from assessor_app.sync.part_writer import PartWriter
from assessor_app.sync.transport import TIMEOUT

CHUNK = 1024 * 1024
BLOCK = 4 * 1024 * 1024  # one download's receive buffer: whole blocks for direct I/O
PARALLEL = 3
RESUME_ATTEMPTS = 6
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
                 on_bytes: Callable[[int], None] = lambda _n: None, cancel: threading.Event | None = None,
                 on_file: Callable[[int], None] = lambda _n: None) -> None:
        """``on_bytes(n)`` as bytes arrive (any thread); ``on_file(count)`` as each file is ready (caller's thread)."""
        self._on_file = on_file
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
                    self._on_file(len(outcome.downloaded))
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
        try:
            if response.status_code == 416:
                part.unlink(missing_ok=True)
                return 0
            if response.status_code != 206:
                offset = 0
                digest.restart()
            return self._receive(item, response, PartWriter(part, offset), digest)
        finally:
            response.close()

    def _receive(self, item: EvidenceFile, response: Any, out: PartWriter, digest: _RunningDigest) -> int:
        """Fill a block-aligned buffer from the body and write it whole (direct I/O where possible). Whatever has
        arrived is written even when the download breaks off, so a resume starts after it."""
        block = mmap.mmap(-1, BLOCK)
        view = memoryview(block)
        fill = received = 0
        try:
            with out:
                try:
                    reader = BodyReader(response, TIMEOUT.read)
                    while n := reader.readinto(view[fill:]):
                        if self._cancel.is_set():
                            raise Cancelled("cancelled")
                        fill += n
                        received += n
                        self._on_bytes(n)
                        if fill == BLOCK:
                            fill = _keep(out, digest, view, fill)
                    fill = _keep(out, digest, view, fill)
                except Exception as exc:
                    if fill and out.position == digest.length:  # keep what arrived (not after a failed write)
                        with contextlib.suppress(OSError):
                            _keep(out, digest, view, fill)
                    if isinstance(exc, SyncError):
                        raise
                    raise Offline(f"The download of “{item.id}” was interrupted ({type(exc).__name__}).") from exc
        finally:
            view.release()
            with contextlib.suppress(BufferError):  # a traceback may still hold a slice: then the GC unmaps it
                block.close()
        return received


def _keep(out: PartWriter, digest: _RunningDigest, view: memoryview, fill: int) -> int:
    """Write the buffer's first ``fill`` bytes and hash them; the buffer is then free again (returns 0)."""
    out.write(view[:fill])
    digest.update(view[:fill])
    return 0


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


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

