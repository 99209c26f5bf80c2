"""The demo credential as domain objects: sections of the submission requirements and a 5-criterion rubric."""

from __future__ import annotations

from assessor_app.domain.rubric import (
    Credential,
    Criterion,
    DecisionRule,
    Level,
    Question,
    QuestionKind,
    Rubric,
    Section,
)
from issuer_server.demo_program.content.credential_text import (
    COMPETENCY,
    CRITERIA,
    KEY_METHOD,
    LEVEL_LABELS,
    NAME,
    QUESTIONS,
)
from issuer_server.demo_program.ids import (
    CREDENTIAL_ID,
    CREDENTIAL_VERSION,
    Q_CHART,
    Q_CONTEXT,
    Q_NEXT,
    Q_OBJECTIVE,
    Q_REFLECTION,
    Q_VIDEO,
    Q_WORK,
)

REQUIRED_LEVEL = "proficient"

_VIDEO_TYPES = ("video/mp4", "video/quicktime")
_PDF_TYPES = ("application/pdf",)
_IMAGE_TYPES = ("image/png", "image/jpeg")


def _text(qid: str, limit: int) -> Question:
    return Question(qid, QuestionKind.TEXT, QUESTIONS[qid], word_limit=limit)


def _file(qid: str, media_types: tuple[str, ...]) -> Question:
    return Question(qid, QuestionKind.FILE, QUESTIONS[qid], accepted_media_types=media_types)


def _sections() -> tuple[Section, ...]:
    return (
        Section("part-1", "Part 1. Overview questions", (_text(Q_CONTEXT, 250), _text(Q_OBJECTIVE, 300))),
        Section(
            "part-2",
            "Part 2. Artifacts",
            (_file(Q_VIDEO, _VIDEO_TYPES), _file(Q_WORK, _PDF_TYPES), _file(Q_CHART, _IMAGE_TYPES)),
        ),
        Section("part-3", "Part 3. Reflection", (_text(Q_REFLECTION, 300), _text(Q_NEXT, 200))),
    )


def _criterion(criterion_id: str) -> Criterion:
    name, description, descriptors = CRITERIA[criterion_id]
    levels = tuple(
        Level(f"{criterion_id}.{level_id}", label, descriptor, float(value))
        for (level_id, label, value), descriptor in zip(LEVEL_LABELS, descriptors, strict=True)
    )
    return Criterion(criterion_id, name, description, levels, f"{criterion_id}.{REQUIRED_LEVEL}")


def build_credential() -> Credential:
    """Version 1.0 of the demo credential; every criterion must reach Proficient (the default rule)."""
    return Credential(
        id=CREDENTIAL_ID,
        version=CREDENTIAL_VERSION,
        name=NAME,
        competency=COMPETENCY,
        key_method=KEY_METHOD,
        rubric=Rubric(tuple(_criterion(cid) for cid in CRITERIA), DecisionRule()),
        sections=_sections(),
    )


def level_id(criterion_id: str, level: str) -> str:
    """The full level id for a short level name: ``level_id("planning", "developing")``."""
    return f"{criterion_id}.{level}"
