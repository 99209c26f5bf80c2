"""The generated evidence files are real: searchable PDFs, small images, playable H.264 + AAC video."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from issuer_server.demo_program import MEDIA_ROOT
from issuer_server.demo_program.cases import ALL_CASES
from issuer_server.demo_program.mp4info import inspect_mp4

CASES = {c.candidate_ref: c for c in ALL_CASES}


def _evidence(program: dict[str, Any], kind: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(s, e) for s in program["submissions"] for e in s["evidence"] if e["kind"] == kind]


def test_student_work_pdfs_have_the_expected_page_counts(program: dict[str, Any], demo_folder: Path) -> None:
    counts = []
    for submission, item in _evidence(program, "pdf"):
        with pymupdf.open(demo_folder / item["file"]) as doc:
            counts.append(doc.page_count)
            assert doc.page_count == CASES[submission["candidate_ref"]].work.page_count
            assert 2 <= doc.page_count <= 6
    assert len(set(counts)) >= 3  # a spread of lengths, not one template


def test_student_work_pdfs_carry_real_searchable_text_on_every_page(
    program: dict[str, Any], demo_folder: Path
) -> None:
    for submission, item in _evidence(program, "pdf"):
        case = CASES[submission["candidate_ref"]]
        with pymupdf.open(demo_folder / item["file"]) as doc:
            for number, page in enumerate(doc, start=1):
                assert page.search_for("Student work sample"), (item["file"], number)
                assert page.search_for(f"Page {number} of {doc.page_count}")
            assert doc[0].search_for(case.work.task_title.split(":")[0][:30])
            first = case.work.samples[0]
            assert doc[1].search_for(first.student)
            assert doc[1].search_for(" ".join(first.answers[0].split()[:3]))


def test_teacher_annotations_are_set_in_red_apart_from_the_students_answers(
    program: dict[str, Any], demo_folder: Path
) -> None:
    submission, item = next((s, e) for s, e in _evidence(program, "pdf") if s["candidate_ref"] == "T-4821")
    note = CASES[submission["candidate_ref"]].work.samples[0].annotations[0]
    with pymupdf.open(demo_folder / item["file"]) as doc:
        spans = [
            span
            for block in doc[1].get_text("dict")["blocks"]
            for line in block.get("lines", [])
            for span in line["spans"]
        ]
    colours = {span["text"].strip(): span["color"] for span in spans}
    red = colours[note]
    assert (red >> 16) & 0xFF > 150 and (red >> 8) & 0xFF < 80


def test_anchor_chart_images_are_real_pngs_or_jpegs_of_a_few_tens_of_kilobytes(
    program: dict[str, Any], demo_folder: Path
) -> None:
    types: Counter[str] = Counter()
    for _, item in _evidence(program, "image"):
        data = (demo_folder / item["file"]).read_bytes()
        types[item["media_type"]] += 1
        if item["media_type"] == "image/png":
            assert data.startswith(b"\x89PNG\r\n\x1a\n")
        else:
            assert data.startswith(b"\xff\xd8\xff")
        assert 10_000 < len(data) < 150_000
        pixmap = pymupdf.Pixmap(data)
        assert (pixmap.width, pixmap.height) == (800, 600)
    assert set(types) == {"image/png", "image/jpeg"}


def test_videos_are_copies_of_the_committed_clips_with_several_distinct_clips_in_use(
    program: dict[str, Any], demo_folder: Path
) -> None:
    committed = {p.read_bytes(): p.name for p in (MEDIA_ROOT / "video").glob("classroom_*.mp4")}
    used = Counter(committed[(demo_folder / e["file"]).read_bytes()] for _, e in _evidence(program, "video"))
    assert len(used) >= 3


def test_videos_are_faststart_h264_and_aac_mp4_without_any_external_tool(
    program: dict[str, Any], demo_folder: Path
) -> None:
    for _, item in _evidence(program, "video"):
        info = inspect_mp4((demo_folder / item["file"]).read_bytes())
        assert not info.truncated
        assert info.faststart
        assert info.codecs == {"avc1", "mp4a"}
        assert 10.0 <= info.duration_s <= 15.0
        video = next(t for t in info.tracks if t.handler == "vide")
        assert (video.width, video.height) == (640, 360)


def test_videos_probe_as_h264_and_aac_with_ffprobe(
    program: dict[str, Any], demo_folder: Path, require_tool: Callable[[str], str]
) -> None:
    ffprobe = require_tool("ffprobe")
    _, item = _evidence(program, "video")[0]
    result = subprocess.run(
        [
            ffprobe,
            "-v",
            "error",
            "-show_entries",
            "stream=codec_type,codec_name,width,height",
            "-show_entries",
            "format=duration",
            "-of",
            "json",
            str(demo_folder / item["file"]),
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    probe = json.loads(result.stdout)
    codecs = {s["codec_type"]: s["codec_name"] for s in probe["streams"]}
    assert codecs == {"video": "h264", "audio": "aac"}
    assert 10.0 <= float(probe["format"]["duration"]) <= 15.0


@pytest.mark.parametrize("kind", ["video", "pdf", "image"])
def test_every_submission_has_one_file_of_each_evidence_kind(program: dict[str, Any], kind: str) -> None:
    per_submission = Counter(s["id"] for s, _ in _evidence(program, kind))
    assert sorted(per_submission.values()) == [1] * len(program["submissions"])
