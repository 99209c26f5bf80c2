"""Credential, rubric, criteria and ordered levels.

Shapes follow Open Badges 3.0: a criterion is a ``ResultDescription`` with ``rubricCriterionLevel[]``
ordered low to high and a ``requiredLevel`` naming the lowest level that meets the bar. Ids are stable
per rubric version, so scores made under one version are never silently read under another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from assessor_app.domain.errors import DomainError, UnknownLevel


@dataclass(frozen=True, slots=True)
class Level:
    """One step of a criterion's ordinal scale (OB 3.0 ``RubricCriterionLevel``)."""

    id: str
    label: str
    descriptor: str
    value: float


@dataclass(frozen=True, slots=True)
class Criterion:
    """One rubric criterion with its levels ordered low to high and the level that meets the bar."""

    id: str
    name: str
    description: str
    levels: tuple[Level, ...]
    required_level_id: str

    def __post_init__(self) -> None:
        if not self.levels:
            raise DomainError(f"Criterion {self.name!r} has no levels.")
        ids = [lv.id for lv in self.levels]
        if len(set(ids)) != len(ids):
            raise DomainError(f"Criterion {self.name!r} repeats a level id.")
        values = [lv.value for lv in self.levels]
        if values != sorted(values) or len(set(values)) != len(values):
            raise DomainError(f"Levels of criterion {self.name!r} must be ordered low to high with distinct values.")
        if self.required_level_id not in ids:
            raise DomainError(
                f"Criterion {self.name!r}: required level {self.required_level_id!r} is not one of its levels."
            )

    def level(self, level_id: str) -> Level:
        for lv in self.levels:
            if lv.id == level_id:
                return lv
        raise UnknownLevel(f"Level {level_id!r} is not a level of criterion {self.name!r}.")

    def rank(self, level_id: str) -> int:
        """Position of a level on the ordinal scale, 0 = lowest."""
        return [lv.id for lv in self.levels].index(self.level(level_id).id)

    def meets(self, level_id: str) -> bool:
        return self.rank(level_id) >= self.rank(self.required_level_id)


class Recommendation(StrEnum):
    EARNED = "earned"
    NOT_YET = "not_yet"

    @property
    def label(self) -> str:
        return "Earned" if self is Recommendation.EARNED else "Not Yet"


@dataclass(frozen=True, slots=True)
class DecisionRule:
    """How criterion levels imply the recommendation.

    ``min_meeting`` is how many criteria must be at or above their required level (``None``: all of them);
    ``floor_rank`` optionally forbids any criterion below that scale position even when enough others meet
    (e.g. "at least 4 of 5 meet, none at the lowest level"). Both are common in published programs.
    """

    min_meeting: int | None = None
    floor_rank: int | None = None

    def describe(self, criteria_count: int) -> str:
        need = criteria_count if self.min_meeting is None else self.min_meeting
        text = (
            "Every criterion at or above its required level"
            if need >= criteria_count
            else f"At least {need} of {criteria_count} criteria at or above their required level"
        )
        if self.floor_rank is not None:
            text += f", and none below level {self.floor_rank + 1} of its scale"
        return text

    def decide(self, rubric: Rubric, chosen: Mapping[str, str]) -> Recommendation | None:
        """The recommendation the levels imply, or ``None`` while any criterion is unscored."""
        if any(c.id not in chosen for c in rubric.criteria):
            return None
        meeting = 0
        for c in rubric.criteria:
            level_id = chosen[c.id]
            if c.meets(level_id):
                meeting += 1
            if self.floor_rank is not None and c.rank(level_id) < self.floor_rank:
                return Recommendation.NOT_YET
        need = len(rubric.criteria) if self.min_meeting is None else self.min_meeting
        return Recommendation.EARNED if meeting >= need else Recommendation.NOT_YET


@dataclass(frozen=True, slots=True)
class Rubric:
    criteria: tuple[Criterion, ...]
    rule: DecisionRule = field(default_factory=DecisionRule)

    def __post_init__(self) -> None:
        ids = [c.id for c in self.criteria]
        if not ids:
            raise DomainError("A rubric needs at least one criterion.")
        if len(set(ids)) != len(ids):
            raise DomainError("A rubric repeats a criterion id.")
        if self.rule.min_meeting is not None and not 0 < self.rule.min_meeting <= len(ids):
            raise DomainError("The decision rule asks for more criteria than the rubric has.")

    def criterion(self, criterion_id: str) -> Criterion:
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise UnknownLevel(f"Criterion {criterion_id!r} is not part of this rubric version.")

    def decide(self, chosen: Mapping[str, str]) -> Recommendation | None:
        return self.rule.decide(self, chosen)


class QuestionKind(StrEnum):
    """Borrowed from 1EdTech's draft Assessment Extension: written answer or uploaded file."""

    TEXT = "TextQuestion"
    FILE = "FileQuestion"


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    kind: QuestionKind
    prompt: str
    word_limit: int | None = None
    accepted_media_types: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the submission requirements: overview questions, artifacts or reflection."""

    id: str
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class Credential:
    """One micro-credential definition at one version (OB 3.0 ``Achievement``, type MicroCredential)."""

    id: str
    version: str
    name: str
    competency: str
    key_method: str
    rubric: Rubric
    sections: tuple[Section, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        """The (id, version) pair a score sheet is bound to."""
        return (self.id, self.version)
