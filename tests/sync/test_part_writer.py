"""The .part writer: direct I/O where the filesystem allows it, buffered writes for tails, unaligned resumes and
filesystems without it; the file always holds exactly the bytes given, in order, fsynced on close."""

from __future__ import annotations

import mmap
import os
from pathlib import Path

from assessor_app.sync.part_writer import ALIGN, O_DIRECT, PartWriter

DATA = os.urandom(3 * 1024 * 1024 + 1234)


def aligned_copy(data: bytes) -> tuple[mmap.mmap, memoryview]:
    block = mmap.mmap(-1, len(data) + ALIGN)  # page-aligned, like the downloader's buffer
    block[: len(data)] = data
    return block, memoryview(block)[: len(data)]


def write_in_blocks(path: Path, data: bytes, offset: int = 0, block: int = 1024 * 1024) -> PartWriter:
    buffer, view = aligned_copy(data)
    try:
        with PartWriter(path, offset) as out:
            for start in range(0, len(data), block):
                out.write(view[start:start + block])
        return out
    finally:
        view.release()
        buffer.close()


def test_whole_blocks_go_direct_and_the_tail_buffered_with_every_byte_in_place(tmp_path):
    target = tmp_path / "a.part"
    with PartWriter(target) as out:
        assert out.direct or _no_direct_io(tmp_path)
    out = write_in_blocks(target, DATA)
    assert target.read_bytes() == DATA
    assert out.position == len(DATA) and not out.direct  # the tail ended direct I/O for this file


def test_a_resume_from_an_unaligned_size_appends_buffered(tmp_path):
    target = tmp_path / "b.part"
    target.write_bytes(DATA[:1001])
    out = write_in_blocks(target, DATA[1001:], offset=1001)
    assert target.read_bytes() == DATA and not out.direct


def test_a_resume_from_an_aligned_size_appends_after_it(tmp_path):
    target = tmp_path / "c.part"
    target.write_bytes(DATA[: 2 * ALIGN])
    write_in_blocks(target, DATA[2 * ALIGN:], offset=2 * ALIGN)
    assert target.read_bytes() == DATA


def test_a_new_file_replaces_an_old_part(tmp_path):
    target = tmp_path / "d.part"
    target.write_bytes(b"x" * 10_000_000)
    write_in_blocks(target, DATA)
    assert target.read_bytes() == DATA


def test_a_filesystem_without_direct_io_gets_buffered_writes(tmp_path):
    target = Path("/dev/shm") / f"part-writer-{os.getpid()}.part"  # tmpfs: open(O_DIRECT) is refused
    try:
        out = write_in_blocks(target, DATA)
        assert target.read_bytes() == DATA and not out.direct
    finally:
        target.unlink(missing_ok=True)


def test_an_unaligned_buffer_falls_back_instead_of_failing(tmp_path):
    target = tmp_path / "e.part"
    buffer, view = aligned_copy(b"\0" + DATA)
    try:
        with PartWriter(target) as out:
            out.write(view[1:])  # not page-aligned in memory: the kernel refuses it direct; written buffered
    finally:
        view.release()
        buffer.close()
    assert target.read_bytes() == DATA


def _no_direct_io(folder: Path) -> bool:
    try:
        fd = os.open(folder / "probe", os.O_WRONLY | os.O_CREAT | O_DIRECT)
    except OSError:
        return True
    os.close(fd)
    return False
