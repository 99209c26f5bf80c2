"""Evidence downloads: streamed, resumable (single ``Range`` + ``If-Range``), with a strong ETag equal to
the sha256 and an RFC 9530 ``Repr-Digest`` of the whole file on both 200 and 206."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials

from issuer_server.access import Credentials, database, evidence_store, readable_evidence, signed_in
from issuer_server.db import Database
from issuer_server.evidence_store import EvidenceStore
from issuer_server.problems import Problem, problem_response
from issuer_server.ranges import Unsatisfiable, if_range_allows, parse_range

router = APIRouter(tags=["evidence"])
CHUNK = 1024 * 1024

# The media type is the evidence item's own (video/mp4, application/pdf, ...), as listed in the manifest.
_BINARY = {"content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}}
_RESPONSES: dict[int | str, dict] = {
    200: {"description": "The whole file.", **_BINARY},
    206: {"description": "The requested byte range.", **_BINARY},
    304: {"description": "If-None-Match named the current ETag."},
    401: {}, 404: {}, 416: {},
}


def _stream(path: Path, start: int, length: int) -> Iterator[bytes]:
    with path.open("rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


def _serve(request: Request, evidence_id: str, credentials: HTTPAuthorizationCredentials | None, db: Database,
           files: EvidenceStore, range_header: str | None, if_range: str | None,
           if_none_match: str | None) -> Response:
    with signed_in(db, credentials) as (session, user):
        item = readable_evidence(session, user, evidence_id)
    path = files.path_for(item.sha256)
    if not path.is_file():
        raise Problem(503, "evidence-unavailable", "The evidence file is missing from the issuer's store; "
                      "tell the issuer's administrator (reload the program).")
    etag = f'"{item.sha256}"'
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": etag,
        "Repr-Digest": "sha-256=:" + base64.b64encode(bytes.fromhex(item.sha256)).decode() + ":",
        "Cache-Control": "private, no-store",
    }
    if if_none_match and etag in [t.strip() for t in if_none_match.split(",")]:
        return Response(status_code=304, headers=headers)
    size = item.size
    try:
        wanted = parse_range(range_header, size) if if_range_allows(if_range, etag) else None
    except Unsatisfiable:
        return problem_response(416, "range-not-satisfiable",
                                f"The file has {size} bytes; the requested range lies outside it. "
                                "Download the file again from the start.",
                                headers={**headers, "Content-Range": f"bytes */{size}"})
    status, start, length = 200, 0, size
    if wanted is not None:
        status, start, length = 206, wanted.start, wanted.length
        headers["Content-Range"] = f"bytes {wanted.start}-{wanted.end}/{size}"
    headers["Content-Length"] = str(length)
    if request.method == "HEAD":
        return Response(status_code=status, headers=headers, media_type=item.media_type)
    return StreamingResponse(_stream(path, start, length), status_code=status, headers=headers,
                             media_type=item.media_type)


@router.get("/evidence/{evidence_id}", responses=_RESPONSES, response_class=Response)
def download(request: Request, evidence_id: str, range_: str | None = Header(None, alias="Range"),
             if_range: str | None = Header(None, alias="If-Range"),
             if_none_match: str | None = Header(None, alias="If-None-Match"),
             *, credentials: Credentials, db: Database = Depends(database),
             files: EvidenceStore = Depends(evidence_store)) -> Response:
    """One evidence file of a submission you are assigned (ETag = its sha256)."""
    return _serve(request, evidence_id, credentials, db, files, range_, if_range, if_none_match)


@router.head("/evidence/{evidence_id}", responses=_RESPONSES, response_class=Response)
def head(request: Request, evidence_id: str, range_: str | None = Header(None, alias="Range"),
         if_range: str | None = Header(None, alias="If-Range"),
         if_none_match: str | None = Header(None, alias="If-None-Match"),
         *, credentials: Credentials, db: Database = Depends(database),
         files: EvidenceStore = Depends(evidence_store)) -> Response:
    """Size, ETag and digest of an evidence file without its bytes."""
    return _serve(request, evidence_id, credentials, db, files, range_, if_range, if_none_match)
