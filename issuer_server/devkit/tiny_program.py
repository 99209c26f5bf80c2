"""A small program folder written in code: one credential in two versions, a few submissions with a
real (tiny) PDF and a few-KB binary "video", assessors, an admin and optional assignments."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessor_app.domain.rubric import Credential, Criterion, DecisionRule, Level, Question, QuestionKind, Rubric
from assessor_app.domain.rubric import Section as RubricSection
from assessor_app.domain.wire import credential_to_achievement

CREDENTIAL_ID = "urn:credential:questioning-for-understanding"
PASSWORD = "correct horse battery"
ADMIN = "admin"


def credential(version: str = "1") -> Credential:
    names = ("Question design", "Wait time", "Follow-up on answers")
    criteria = tuple(
        Criterion(
            id=f"v{version}-c{i}", name=name, description=f"{name} as seen in the evidence.",
            levels=(Level(f"v{version}-c{i}-emerging", "Emerging", "Not yet visible.", 1),
                    Level(f"v{version}-c{i}-meets", "Meets", "Consistently visible.", 2),
                    Level(f"v{version}-c{i}-exceeds", "Exceeds", "Visible and adapted.", 3)),
            required_level_id=f"v{version}-c{i}-meets")
        for i, name in enumerate(names, start=1))
    sections = (RubricSection("part1", "Classroom evidence", (
        Question("q-video", QuestionKind.FILE, "Upload a lesson video.", None, ("video/mp4",)),
        Question("q-reflection", QuestionKind.TEXT, "Reflect on the lesson.", 500))),)
    return Credential(CREDENTIAL_ID, version, "Questioning for understanding", "Asks questions that reveal thinking.",
                      "Video of a lesson plus a reflection.", Rubric(criteria, DecisionRule()), sections)


def tiny_pdf(text: str) -> bytes:
    """A valid one-page PDF (hand-written objects and a correct xref table)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@dataclass(frozen=True, slots=True)
class TinyProgram:
    folder: Path
    submission_ids: list[str]
    assessors: list[str]
    admin: str = ADMIN
    password: str = PASSWORD


def write_tiny_program(folder: Path, *, submissions: int = 4, assessors: Sequence[str] = ("alice", "bob"),
                       assignments: Sequence[dict[str, Any]] = (), video_bytes: int = 6000,
                       seed: int = 7) -> TinyProgram:
    """Write ``program.json`` and its evidence files into ``folder`` (created if needed)."""
    rng = random.Random(seed)
    (folder / "files").mkdir(parents=True, exist_ok=True)
    subs = []
    for n in range(1, submissions + 1):
        sid = f"sub-{n:04d}"
        (folder / "files" / f"{sid}.pdf").write_bytes(tiny_pdf(f"Student work sample {n}"))
        (folder / "files" / f"{sid}.mp4").write_bytes(rng.randbytes(video_bytes))
        subs.append({
            "id": sid, "credential_id": CREDENTIAL_ID, "credential_version": "1", "candidate_ref": f"cand-{n:04d}",
            "attempt": 1, "submitted_at": "2026-11-02T09:00:00.000Z",
            "responses": [{"question_id": "q-reflection", "text": f"Reflection number {n}."}],
            "evidence": [
                {"id": f"{sid}-video", "kind": "video", "title": "Lesson video", "media_type": "video/mp4",
                 "file": f"files/{sid}.mp4", "question_id": "q-video"},
                {"id": f"{sid}-pdf", "kind": "pdf", "title": "Student work", "media_type": "application/pdf",
                 "file": f"files/{sid}.pdf", "question_id": None},
            ],
            "prior_attempts": [],
        })
    users = [{"username": name, "password": PASSWORD, "display_name": name.title(), "roles": ["assessor"]}
             for name in assessors]
    users.append({"username": ADMIN, "password": PASSWORD, "display_name": "Issuer admin", "roles": ["admin"]})
    program = {"credentials": [credential_to_achievement(credential("1")), credential_to_achievement(credential("2"))],
               "submissions": subs, "users": users, "assignments": list(assignments)}
    (folder / "program.json").write_text(json.dumps(program, indent=1), encoding="utf-8")
    return TinyProgram(folder, [s["id"] for s in subs], list(assessors))
