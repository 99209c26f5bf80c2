"""The committed media under resources/demo: small, well-formed clips, a seek-test clip, and broken files."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest

from issuer_server.demo_program import MEDIA_ROOT
from issuer_server.demo_program.cases import ALL_CASES
from issuer_server.demo_program.mp4info import inspect_mp4

CLIPS = sorted((MEDIA_ROOT / "video").glob("classroom_*.mp4"))
RED_THEN_GREEN = MEDIA_ROOT / "video" / "red_then_green.mp4"
TRUNCATED = MEDIA_ROOT / "broken" / "truncated.mp4"
CORRUPT_PDF = MEDIA_ROOT / "broken" / "corrupt.pdf"


def test_all_committed_media_together_stay_under_two_megabytes() -> None:
    total = sum(p.stat().st_size for p in MEDIA_ROOT.rglob("*") if p.is_file())
    assert total < 2_000_000


def test_there_are_three_or_four_distinct_classroom_clips_and_every_case_uses_one() -> None:
    assert 3 <= len(CLIPS) <= 4
    assert len({p.read_bytes() for p in CLIPS}) == len(CLIPS)
    assert {f"{c.clip}.mp4" for c in ALL_CASES} <= {p.name for p in CLIPS}


@pytest.mark.parametrize("clip", CLIPS, ids=lambda p: p.stem)
def test_each_classroom_clip_is_a_small_faststart_h264_aac_mp4_of_ten_to_fifteen_seconds(clip: Path) -> None:
    data = clip.read_bytes()
    info = inspect_mp4(data)

    assert 100_000 < len(data) < 450_000
    assert info.top_level[0] == "ftyp" and info.faststart and not info.truncated
    assert info.codecs == {"avc1", "mp4a"}
    assert 10.0 <= info.duration_s <= 15.0
    assert [(t.width, t.height) for t in info.tracks if t.handler == "vide"] == [(640, 360)]


def test_the_seek_clip_is_four_seconds_with_video_and_audio() -> None:
    info = inspect_mp4(RED_THEN_GREEN.read_bytes())

    assert info.duration_s == pytest.approx(4.0, abs=0.1)
    assert info.codecs == {"avc1", "mp4a"} and info.faststart


@pytest.mark.parametrize(("at", "colour"), [(0.5, "red"), (1.8, "red"), (2.2, "green"), (3.6, "green")])
def test_the_seek_clip_is_pure_red_for_two_seconds_then_pure_green(
    at: float, colour: str, require_tool: Callable[[str], str]
) -> None:
    ffmpeg = require_tool("ffmpeg")
    frame = subprocess.run(
        [
            ffmpeg,
            "-v",
            "error",
            "-ss",
            str(at),
            "-i",
            str(RED_THEN_GREEN),
            "-frames:v",
            "1",
            "-vf",
            "scale=1:1",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "-",
        ],
        capture_output=True,
        timeout=30,
        check=True,
    ).stdout
    r, g, b = frame[:3]
    expected = {"red": (r > 230 and g < 25), "green": (g > 230 and r < 25)}
    assert expected[colour] and b < 25, (at, r, g, b)


def test_the_truncated_clip_has_an_index_but_lacks_the_media_data_it_declares() -> None:
    data = TRUNCATED.read_bytes()
    info = inspect_mp4(data)
    whole = next(p for p in CLIPS if p.read_bytes().startswith(data[:4096]))

    assert info.truncated
    assert "moov" in info.top_level and info.top_level[-1] == "mdat"
    assert len(data) < whole.stat().st_size * 0.6


def test_pymupdf_refuses_the_corrupt_pdf() -> None:
    assert CORRUPT_PDF.read_bytes().startswith(b"%PDF-")
    with pytest.raises(pymupdf.FileDataError):
        pymupdf.open(CORRUPT_PDF)


def test_the_broken_files_are_not_part_of_the_demo_program(program: dict[str, object]) -> None:
    text = str(program)
    assert "truncated" not in text and "corrupt" not in text
