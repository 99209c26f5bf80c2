"""Assemble the demo program folder: program.json plus one evidence folder per submission."""

from __future__ import annotations

import json
import random
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from assessor_app.domain.clock import format_instant
from assessor_app.domain.wire import credential_to_achievement
from issuer_server.demo_program.accounts import DEMO_ASSESSOR, SECOND_ASSESSOR, users
from issuer_server.demo_program.cases import ALL_CASES
from issuer_server.demo_program.credential import build_credential
from issuer_server.demo_program.ids import (
    CREDENTIAL_ID,
    CREDENTIAL_VERSION,
    Q_CHART,
    Q_VIDEO,
    Q_WORK,
    TEXT_QUESTIONS,
)
from issuer_server.demo_program.masters import MASTER_KINDS, master_scores, policies
from issuer_server.demo_program.model import TeacherCase
from issuer_server.demo_program.render_chart import render_chart
from issuer_server.demo_program.render_pdf import render_student_work

# "Today" in the demo: submissions arrived in the three weeks before it, work is due in the two after it.
DEMO_ANCHOR = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
MEDIA_ROOT = Path(__file__).resolve().parents[2] / "resources" / "demo"
PROGRAM_FILE = "program.json"
SECOND_READS = 3


def submission_id(case: TeacherCase) -> str:
    return f"sub-{case.candidate_ref.lower()}-a{case.attempt}"


def _evidence(case: TeacherCase, folder: Path, media_root: Path) -> list[dict[str, Any]]:
    sid = submission_id(case)
    rel = Path("evidence") / sid
    (folder / rel).mkdir(parents=True, exist_ok=True)
    clip = media_root / "video" / f"{case.clip}.mp4"
    shutil.copyfile(clip, folder / rel / "classroom-video.mp4")
    pages = render_student_work(
        folder / rel / "student-work.pdf",
        case.work,
        candidate_ref=case.candidate_ref,
        grade_subject=case.grade_subject,
    )
    chart_name = f"anchor-chart{case.chart.suffix}"
    render_chart(folder / rel / chart_name, case.chart)
    return [
        {
            "id": f"{sid}-video",
            "kind": "video",
            "title": f"Classroom video: {case.grade_subject}",
            "media_type": "video/mp4",
            "file": (rel / "classroom-video.mp4").as_posix(),
            "question_id": Q_VIDEO,
        },
        {
            "id": f"{sid}-work",
            "kind": "pdf",
            "title": f"Annotated student work ({len(case.work.samples)} samples, {pages} pages)",
            "media_type": "application/pdf",
            "file": (rel / "student-work.pdf").as_posix(),
            "question_id": Q_WORK,
        },
        {
            "id": f"{sid}-chart",
            "kind": "image",
            "title": f"Anchor chart: {case.chart.title}",
            "media_type": case.chart.media_type,
            "file": (rel / chart_name).as_posix(),
            "question_id": Q_CHART,
        },
    ]


def _submission(case: TeacherCase, submitted_at: datetime, evidence: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": submission_id(case),
        "credential_id": CREDENTIAL_ID,
        "credential_version": CREDENTIAL_VERSION,
        "candidate_ref": case.candidate_ref,
        "attempt": case.attempt,
        "submitted_at": format_instant(submitted_at),
        "responses": [{"question_id": q, "text": case.responses[q]} for q in TEXT_QUESTIONS],
        "evidence": evidence,
        "prior_attempts": [
            {
                "attempt": p.attempt,
                "credential_version": CREDENTIAL_VERSION,
                "levels": dict(p.levels),
                "feedback": dict(p.feedback),
                "overall_feedback": p.overall_feedback,
                "outcome": p.outcome,
            }
            for p in case.prior
        ],
    }


def _due(rng: random.Random, anchor: datetime) -> str:
    return format_instant(anchor.replace(hour=17, minute=0) + timedelta(days=rng.randint(1, 14)))


def _assignments(cases: list[TeacherCase], rng: random.Random, anchor: datetime) -> list[dict[str, Any]]:
    """Most submissions go to the demo assessor (one as calibration, one as validity); one goes live to the
    second assessor, who also second-reads a few of the demo assessor's live papers."""
    demo, second = DEMO_ASSESSOR[0], SECOND_ASSESSOR[0]
    first_attempts = [c for c in cases if c.attempt == 1]
    clear = [c for c in first_attempts if c.intended != "borderline"]
    calibration, validity = rng.sample(clear, 2)
    others_live = rng.choice([c for c in first_attempts if c not in (calibration, validity)])
    rows: list[tuple[TeacherCase, str, str]] = []
    for case in cases:
        if case is others_live:
            rows.append((case, second, "live"))
        else:
            kind = "calibration" if case is calibration else "validity" if case is validity else "live"
            rows.append((case, demo, kind))
    demo_live = [c for c, who, kind in rows if who == demo and kind == "live"]
    rows.extend((case, second, "second_read") for case in rng.sample(demo_live, SECOND_READS))
    return [
        {
            "id": f"asg-{n:03d}",
            "submission_id": submission_id(case),
            "assessor": who,
            "kind": kind,
            "due_at": _due(rng, anchor),
        }
        for n, (case, who, kind) in enumerate(rows, start=1)
    ]


def build_program(folder: Path, *, seed: int, anchor: datetime, media_root: Path) -> dict[str, Any]:
    """Write every evidence file under ``folder`` and return the program document."""
    missing = sorted({c.clip for c in ALL_CASES if not (media_root / "video" / f"{c.clip}.mp4").is_file()})
    if missing:
        raise FileNotFoundError(
            f"Demo clips {missing} are not under {media_root / 'video'}; run scripts/make_demo_media.sh "
            "or pass media_root= pointing at a copy of resources/demo."
        )
    rng = random.Random(seed)
    arrivals = {
        case.candidate_ref: anchor
        - timedelta(
            days=rng.randint(1, 20), minutes=rng.randint(0, 12 * 60), milliseconds=rng.randint(0, 999)
        )
        for case in ALL_CASES
    }
    cases = sorted(ALL_CASES, key=lambda c: arrivals[c.candidate_ref])
    submissions = [_submission(c, arrivals[c.candidate_ref], _evidence(c, folder, media_root)) for c in cases]
    assignments = _assignments(cases, rng, anchor)
    mastered = {a["submission_id"] for a in assignments if a["kind"] in MASTER_KINDS}
    return {
        "credentials": [credential_to_achievement(build_credential())],
        "submissions": submissions,
        "users": users(),
        "master_scores": master_scores((c, submission_id(c)) for c in cases if submission_id(c) in mastered),
        "policies": policies(),
        "assignments": assignments,
    }


def write_program(
    folder: Path, *, seed: int, anchor: datetime | None = None, media_root: Path | None = None
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    program = build_program(
        folder, seed=seed, anchor=anchor or DEMO_ANCHOR, media_root=media_root or MEDIA_ROOT
    )
    path = folder / PROGRAM_FILE
    path.write_text(json.dumps(program, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
