"""What one demo teacher's submission is made of, before it becomes program.json and evidence files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from textwrap import dedent


def prose(text: str) -> str:
    """Reflow a triple-quoted block: paragraphs split on blank lines, inner line breaks become spaces."""
    paragraphs = dedent(text).strip().split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


@dataclass(frozen=True, slots=True)
class WorkSample:
    """One student's answers to the task (one per task question) and the teacher's margin notes."""

    student: str
    answers: tuple[str, ...]
    annotations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StudentWork:
    """The annotated student work PDF: a cover page, then one page per sample (2-6 pages in all)."""

    task_title: str
    questions: tuple[str, ...]
    selection_note: str
    samples: tuple[WorkSample, ...]

    def __post_init__(self) -> None:
        if not 1 <= len(self.samples) <= 5:
            raise ValueError("A student work PDF holds 1 to 5 samples (2 to 6 pages).")
        for sample in self.samples:
            if len(sample.answers) != len(self.questions):
                raise ValueError(f"{sample.student}: one answer per task question, please.")

    @property
    def page_count(self) -> int:
        return 1 + len(self.samples)


@dataclass(frozen=True, slots=True)
class AnchorChart:
    """A chart or board the teacher photographed; drawn with PyMuPDF shapes and saved as PNG or JPEG."""

    title: str
    lines: tuple[str, ...]
    sticky_notes: tuple[str, ...] = ()
    ink: tuple[float, float, float] = (0.1, 0.3, 0.6)
    as_photo: bool = False

    @property
    def media_type(self) -> str:
        return "image/jpeg" if self.as_photo else "image/png"

    @property
    def suffix(self) -> str:
        return ".jpg" if self.as_photo else ".png"


@dataclass(frozen=True, slots=True)
class PriorResult:
    """How attempt ``attempt`` was scored: levels, per-criterion feedback and the overall comment."""

    attempt: int
    levels: Mapping[str, str]
    feedback: Mapping[str, str]
    overall_feedback: str
    outcome: str = "not_yet"


@dataclass(frozen=True, slots=True)
class TeacherCase:
    """One pseudonymous teacher's submission. ``intended`` records the author's intent for the demo only:
    "earned", "not_yet" or "borderline"; it never reaches program.json."""

    candidate_ref: str
    grade_subject: str
    clip: str
    intended: str
    responses: Mapping[str, str]
    work: StudentWork
    chart: AnchorChart
    attempt: int = 1
    prior: tuple[PriorResult, ...] = field(default=())
