"""GET/HEAD /evidence/{id}: ranges, If-Range, ETag and Repr-Digest; over SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import hashlib

import pytest

from tests.server.world import World


@pytest.fixture(scope="module")
def video(world: World) -> tuple[str, bytes]:
    """An evidence item alice may read, with its bytes as loaded."""
    submission = world.fresh_submission()
    world.assign(submission_id=submission)
    return f"{submission}-video", (world.program.folder / "files" / f"{submission}.mp4").read_bytes()


def digest_header(data: bytes) -> str:
    return "sha-256=:" + base64.b64encode(hashlib.sha256(data).digest()).decode() + ":"


def test_the_whole_file_comes_with_a_strong_etag_and_repr_digest(world: World, video: tuple[str, bytes]) -> None:
    evidence_id, data = video
    response = world.client().get(f"/evidence/{evidence_id}")
    assert response.status_code == 200
    assert response.content == data
    assert response.headers["etag"] == f'"{hashlib.sha256(data).hexdigest()}"'
    assert response.headers["repr-digest"] == digest_header(data)
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["content-type"] == "video/mp4"


@pytest.mark.parametrize(("header", "start", "end"), [("bytes=0-99", 0, 100), ("bytes=1000-1999", 1000, 2000),
                                                      ("bytes=5900-", 5900, 6000), ("bytes=-250", 5750, 6000),
                                                      ("bytes=5990-99999", 5990, 6000)])
def test_a_range_returns_exactly_those_bytes(world: World, video: tuple[str, bytes], header: str, start: int,
                                             end: int) -> None:
    evidence_id, data = video
    response = world.client().get(f"/evidence/{evidence_id}", headers={"Range": header})
    assert response.status_code == 206
    assert response.content == data[start:end]
    assert response.headers["content-range"] == f"bytes {start}-{end - 1}/{len(data)}"
    assert response.headers["repr-digest"] == digest_header(data)  # of the whole representation


def test_if_range_with_the_current_etag_keeps_the_range(world: World, video: tuple[str, bytes]) -> None:
    evidence_id, data = video
    etag = f'"{hashlib.sha256(data).hexdigest()}"'
    response = world.client().get(f"/evidence/{evidence_id}", headers={"Range": "bytes=10-19", "If-Range": etag})
    assert response.status_code == 206 and response.content == data[10:20]


def test_if_range_with_a_stale_etag_returns_the_whole_file(world: World, video: tuple[str, bytes]) -> None:
    evidence_id, data = video
    stale = '"' + "0" * 64 + '"'
    response = world.client().get(f"/evidence/{evidence_id}", headers={"Range": "bytes=10-19", "If-Range": stale})
    assert response.status_code == 200
    assert response.content == data
    assert "content-range" not in response.headers


def test_a_range_beyond_the_end_is_416(world: World, video: tuple[str, bytes]) -> None:
    evidence_id, data = video
    response = world.client().get(f"/evidence/{evidence_id}", headers={"Range": f"bytes={len(data)}-"})
    assert response.status_code == 416
    assert response.headers["content-range"] == f"bytes */{len(data)}"
    assert response.headers["content-type"].startswith("application/problem+json")


def test_head_gives_size_and_digest_without_a_body(world: World, video: tuple[str, bytes]) -> None:
    evidence_id, data = video
    response = world.client().head(f"/evidence/{evidence_id}")
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["content-length"]) == len(data)
    assert response.headers["repr-digest"] == digest_header(data)


def test_the_pdf_is_served_as_loaded(world: World) -> None:
    submission = world.fresh_submission()
    world.assign(submission_id=submission)
    data = (world.program.folder / "files" / f"{submission}.pdf").read_bytes()
    response = world.client().get(f"/evidence/{submission}-pdf")
    assert response.content == data and data.startswith(b"%PDF-")
    assert response.headers["content-type"] == "application/pdf"


def test_the_store_is_content_addressed(world: World, video: tuple[str, bytes]) -> None:
    _, data = video
    sha = hashlib.sha256(data).hexdigest()
    assert (world.evidence_dir / "sha256" / sha[:2] / sha[2:]).read_bytes() == data
