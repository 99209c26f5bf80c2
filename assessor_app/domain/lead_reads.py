"""The reads a lead looks at (docs/LEAD.md, ``GET /lead/credentials/{id}/reads``), and the rating matrices built
from them: co-raters on the same submission, or an assessor against the master scores.

Two shapes of matrix. Per criterion, a unit is a submission and its categories are the criterion's levels.
Pooled over the rubric, a unit is one (submission, criterion) score and the categories are level *positions*
(lowest = 1), so criteria with the same number of levels can be read together; the units of one submission are
kept together as a cluster, because a submission's criteria are scored by the same person at the same sitting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assessor_app.domain.agreement import MISSING, RatingMatrix
from assessor_app.domain.errors import DomainError
from assessor_app.domain.rubric import Credential

MASTER = "master"
FIRST, SECOND = "first read", "second read"


@dataclass(frozen=True, slots=True)
class LeadRead:
    """One received sheet on a credential, with the master levels when the submission has master scores."""

    assignment_id: str
    submission_id: str
    assessor: str
    kind: str  # live | second_read | calibration | validity
    received_at: str  # RFC 3339
    levels: Mapping[str, str]
    decision: str | None = None
    master_levels: Mapping[str, str] | None = None

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> LeadRead:
        try:
            master = doc.get("master_levels")
            return cls(str(doc["assignment_id"]), str(doc["submission_id"]), str(doc["assessor"]),
                       str(doc.get("kind") or "live"), str(doc.get("received_at") or ""),
                       {str(k): str(v) for k, v in (doc.get("levels") or {}).items() if v is not None},
                       str(doc["decision"]) if doc.get("decision") else None,
                       {str(k): str(v) for k, v in master.items() if v is not None} if master else None)
        except (KeyError, TypeError, AttributeError) as exc:
            raise DomainError(f"A read from the issuer is malformed ({exc!r}); ask the issuer to check it.") from exc


@dataclass(frozen=True, slots=True)
class Pair:
    """Two reads of one submission by different assessors; ``first`` is the live read when there is one."""

    first: LeadRead
    second: LeadRead


@dataclass(frozen=True, eq=False)
class ClusteredMatrix:
    """A rating matrix whose rows come in clusters (the rows of one submission), for the cluster bootstrap."""

    matrix: RatingMatrix
    clusters: tuple[tuple[int, ...], ...] = field(default=())

    @property
    def n_submissions(self) -> int:
        return len(self.clusters)


def co_rater_pairs(reads: Iterable[LeadRead]) -> list[Pair]:
    """Every pair of reads of the same submission by two different assessors, live read first."""
    by_submission: dict[str, list[LeadRead]] = {}
    for read in reads:
        by_submission.setdefault(read.submission_id, []).append(read)
    pairs: list[Pair] = []
    for sid in sorted(by_submission):
        group = sorted(by_submission[sid], key=lambda r: (r.kind != "live", r.received_at, r.assignment_id))
        for i, a in enumerate(group):
            pairs.extend(Pair(a, b) for b in group[i + 1:] if b.assessor != a.assessor)
    return pairs


def position_labels(credential: Credential) -> tuple[str, ...]:
    """Names of the level positions when criteria are pooled: the shared labels, else "Level 1", "Level 2"…"""
    criteria = credential.rubric.criteria
    width = max(len(c.levels) for c in criteria)
    labels = [tuple(lv.label for lv in c.levels) for c in criteria]
    if all(len(x) == width for x in labels) and len(set(labels)) == 1:
        return labels[0]
    return tuple(f"Level {i + 1}" for i in range(width))


def _rank(credential: Credential, criterion_id: str, level_id: str | None) -> int:
    if level_id is None:
        return MISSING
    try:
        return credential.rubric.criterion(criterion_id).rank(level_id)
    except (DomainError, ValueError, KeyError):
        return MISSING


def criterion_matrix(credential: Credential, criterion_id: str,
                     rows: Sequence[tuple[str, Sequence[tuple[str, str | None]]]]) -> RatingMatrix:
    """Units = ``rows`` (unit id, [(rater, level id)]); raters in order of first appearance; the criterion's levels."""
    criterion = credential.rubric.criterion(criterion_id)
    raters = list(dict.fromkeys(rater for _, ratings in rows for rater, _ in ratings))
    codes = np.full((len(rows), len(raters)), MISSING, dtype=np.int64)
    for i, (_, ratings) in enumerate(rows):
        for rater, level in ratings:
            codes[i, raters.index(rater)] = _rank(credential, criterion_id, level)
    return RatingMatrix(tuple(u for u, _ in rows), tuple(raters), tuple(lv.label for lv in criterion.levels), codes)


def pooled_matrix(credential: Credential,
                  rows: Sequence[tuple[str, Sequence[tuple[str, Mapping[str, str] | None]]]]) -> ClusteredMatrix:
    """One unit per (submission, criterion) of ``rows`` (submission id, [(rater, levels)]); positions as levels."""
    raters = list(dict.fromkeys(rater for _, ratings in rows for rater, _ in ratings))
    units: list[str] = []
    clusters: list[tuple[int, ...]] = []
    codes: list[list[int]] = []
    for sid, ratings in rows:
        start = len(units)
        for criterion in credential.rubric.criteria:
            row = [MISSING] * len(raters)
            for rater, levels in ratings:
                if levels is not None:
                    row[raters.index(rater)] = _rank(credential, criterion.id, levels.get(criterion.id))
            if sum(code != MISSING for code in row) >= 1:
                units.append(f"{sid}/{criterion.id}")
                codes.append(row)
        if len(units) > start:
            clusters.append(tuple(range(start, len(units))))
    array = np.asarray(codes, dtype=np.int64).reshape(len(units), len(raters))
    return ClusteredMatrix(RatingMatrix(tuple(units), tuple(raters), position_labels(credential), array),
                           tuple(clusters))
